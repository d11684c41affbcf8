/// The words of a search or of a limit, as the store's word indexes will
/// match them: split on anything that is not a letter or a digit, each
/// word kept once however often it is typed, and no more of them than a
/// search can look for quickly.
///
/// Why the maximum is 10 words and 200 bytes: a search that finds something
/// is a name and a few words from a note (a full name of four parts and a
/// few note words still fit), and each distinct word is one more list of
/// matches to read and intersect; a limit's words are also kept in memory
/// and named in its audit entry. 200 bytes holds ten long words written in
/// accented letters (most take two bytes each, Vietnamese ones three).
public enum SearchWords {
    public static let maximumWords = 10
    public static let maximumBytes = 200

    /// The words of `text`, repeats dropped (a repeat matches what its first
    /// spelling matches), in the order first typed and spelt as first typed.
    /// A word is a run of letters and digits, with the accents that follow
    /// them, read scalar by scalar as the index reads it: an accent with no
    /// letter before it is no word.
    public static func words(_ text: String) -> [String] {
        var seen: Set<String> = []
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func finish() {
            let word = String(current)
            if !current.isEmpty, seen.insert(key(word)).inserted { words.append(word) }
            current = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber:
                current.append(scalar)
            case .nonspacingMark, .spacingMark, .enclosingMark:
                if current.isEmpty { finish() } else { current.append(scalar) }
            default:
                finish()
            }
        }
        finish()
        return words
    }

    /// A word as the indexes compare it: lower case, and a Latin letter's
    /// accents dropped ("Zoë" and "zoe" are one word). Accents on other
    /// scripts are kept, as the indexes keep them, so two words this treats
    /// as one are never two words to the index.
    public static func key<S: StringProtocol>(_ word: S) -> String {
        var scalars = String.UnicodeScalarView()
        var afterLatin = false
        for scalar in String(word).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark {
                if !afterLatin { scalars.append(scalar) }
                continue
            }
            afterLatin = scalar.value < 0x250 || (0x1E00...0x1EFF).contains(scalar.value)
            scalars.append(scalar)
        }
        return String(scalars).precomposedStringWithCanonicalMapping
    }

    /// Refuses a query longer than a search looks through, saying how long
    /// it was and what to do, before any of it is split or looked up.
    public static func checkLength(_ text: String, _ what: String) throws {
        let bytes = text.utf8.count
        guard bytes <= maximumBytes else {
            throw CaseloadError.invalid("""
                \(what) is \(bytes) bytes long; the most is \(maximumBytes): \
                keep the few words that pick out what you want, such as a name and a word from the note
                """)
        }
    }

    /// Refuses more distinct words than a search looks for.
    public static func checkCount(_ words: [String], _ what: String) throws {
        guard words.count <= maximumWords else {
            throw CaseloadError.invalid("""
                \(what) has \(words.count) different words; the most is \(maximumWords): \
                keep the few that pick out what you want, such as a name and a word from the note
                """)
        }
    }

    /// The words of a search, checked: at least one, and within the maximum.
    public static func forSearch(_ text: String) throws -> [String] {
        try checkLength(text, "the search")
        let words = words(text)
        guard !words.isEmpty else {
            throw CaseloadError.invalid(
                "found no words to search for (letters or digits): type a name, a case reference or words from a note")
        }
        try checkCount(words, "the search")
        return words
    }
}
