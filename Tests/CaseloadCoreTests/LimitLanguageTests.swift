import CaseloadCore
import PropertyBased
import Testing

/// The words of a search and of a limit, and the limit language's reader.
@Suite struct LimitLanguageTests {
    @Test func aRepeatedWordIsKeptOnceAsFirstTyped() {
        #expect(SearchWords.words("Zoë zoe ZOE zoë") == ["Zoë"])
        #expect(SearchWords.words(String(repeating: "a ", count: 2000)) == ["a"])
        #expect(SearchWords.words("o'brien  O'BRIEN tribunal") == ["o", "brien", "tribunal"])
        // The index keeps accents on other scripts, so these stay two words.
        #expect(SearchWords.words("ά α") == ["ά", "α"])
        #expect(SearchWords.words("Łukasz lukasz") == ["Łukasz", "lukasz"], "the index does not fold ł")
        #expect(SearchWords.words("\u{0DD4}x \u{301}") == ["x"], "an accent with no letter before it is no word")
    }

    @Test func aSearchHasAMaximumAndSaysHowToMeetIt() throws {
        #expect(try SearchWords.forSearch("zoe nguyen tribunal") == ["zoe", "nguyen", "tribunal"])
        let long = String(repeating: "a ", count: 300)
        let tooLong = #expect(throws: CaseloadError.self) { try SearchWords.forSearch(long) }
        #expect(tooLong?.kind == .invalid)
        #expect(tooLong?.message.contains("600 bytes long; the most is 200") == true)
        let eleven = (1...11).map { "word\($0)" }.joined(separator: " ")
        let tooMany = #expect(throws: CaseloadError.self) { try SearchWords.forSearch(eleven) }
        #expect(tooMany?.message.contains("11 different words; the most is 10") == true)
        let none = #expect(throws: CaseloadError.self) { try SearchWords.forSearch("?! -- **") }
        #expect(none?.message.contains("found no words to search for") == true)
    }

    @Test func aLimitOfOnlyPunctuationFindsNoWords() throws {
        let error = #expect(throws: CaseloadError.self) { try CaseFilter.parse("!!!") }
        #expect(error?.kind == .invalid)
        #expect(error?.message.contains("found no words to search for in !!!") == true)
        #expect(throws: CaseloadError.self) { try CaseFilter.parse("overdue ...") }
        #expect(try CaseFilter.parse("overdue, flagged!").text == "overdue flagged", "the language's words with a comma")
        #expect(try CaseFilter.parse("").isEmpty, "an empty limit still clears it")
    }

    @Test func aLimitsWordsAreSplitKeptOnceAndBounded() throws {
        #expect(try CaseFilter.parse("Zoë zoe o'brien level:3 ZOE").words == ["Zoë", "o", "brien"])
        let thousands = String(repeating: "a ", count: 5000)
        let error = #expect(throws: CaseloadError.self) { try CaseFilter.parse(thousands) }
        #expect(error?.message.contains("the limit is 10000 bytes long") == true)
        let eleven = (1...11).map { "w\($0)" }.joined(separator: " ")
        #expect(throws: CaseloadError.self) { try CaseFilter.parse(eleven) }
    }

    /// Pieces of the language and of what a tired hand or an attacker types.
    static let pieces = ["status:", "open", "closed", "any", "level:", "3", "9", "-1", "worker:", "amira", "due:", "14",
                         "99999999999999999999", "overdue", "flagged", ":", " ", "  ", "\t", "\n", "!!!", "\"", "*", "'",
                         "zoë", "ZOE", "a", "ά", "Łukasz", "\u{0}", "\u{1B}[2J", "\u{202E}", "e\u{301}", "🙂", "OR", "NEAR(",
                         "full_name:", "{", "}", "%", "_", "\u{FFFD}"]

    static let pieceStrings = Gen<String?>.element(of: pieces).map { $0 ?? "" }.array(of: 0...40).map { $0.joined() }
    static let byteStrings = Gen<UInt8>.value(in: 0...255).array(of: 0...300).map { String(decoding: $0, as: UTF8.self) }
    static let scalarStrings = Gen<UnicodeScalar>.unicodeScalar(in: "\u{0}"..."\u{D7FF}").array(of: 0...120)
        .map { String(String.UnicodeScalarView($0)) }

    @Test func randomLimitsAreReadOrRefusedCleanly() async {
        await propertyCheck(count: 300, input: Self.pieceStrings) { Self.checkRead($0) }
        await propertyCheck(count: 300, input: Self.byteStrings) { Self.checkRead($0) }
        await propertyCheck(count: 300, input: Self.scalarStrings) { Self.checkRead($0) }
    }

    /// Either a refusal that says what was wrong, or a limit that keeps
    /// every rule: within the maximum, each word once and only letters or
    /// digits, and read back the same from its own text.
    private static func checkRead(_ text: String) {
        do {
            let filter = try CaseFilter.parse(text)
            #expect(text.utf8.count <= SearchWords.maximumBytes)
            #expect(filter.words.count <= SearchWords.maximumWords)
            #expect(filter.words.allSatisfy { SearchWords.words($0) == [$0] }, "each word is one word, nothing else")
            #expect(Set(filter.words.map(SearchWords.key)).count == filter.words.count)
            if let level = filter.level { #expect((1...4).contains(level)) }
            if let days = filter.dueWithinDays { #expect((0...3650).contains(days)) }
            #expect(try CaseFilter.parse(filter.text) == filter)
        } catch let error as CaseloadError {
            #expect(error.kind == .invalid)
            #expect(!error.message.isEmpty)
        } catch {
            Issue.record("an error that is not a refusal: \(error)")
        }
    }
}
