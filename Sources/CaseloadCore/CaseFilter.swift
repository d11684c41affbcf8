/// What a caseload list is limited to, from a small query language a
/// caseworker can learn in a minute:
///
///     words            match the child's name, the school or the reference
///                      (split and kept once as a search's are: `SearchWords`)
///     status:closed    current (open or inactive: the caseload, the
///                      default), open, inactive, closed or any
///     level:3          support level 1 to 4
///     worker:LOGIN     one worker's cases
///     due:14           a key date due within 14 days (overdue included)
///     overdue          a key date already past
///     flagged          flagged for a family-support referral
public struct CaseFilter: Equatable, Sendable {
    public enum Status: String, CaseIterable, Sendable {
        /// Open or inactive: an inactive case stays on the caseload (no work
        /// is expected for now, but its key dates are still tracked).
        case current
        case open, inactive, closed, any

        /// The case statuses this takes in, one by one; nil for any. A list
        /// reads each in turn, in index order, and merges them.
        public var caseStatuses: [CaseStatus]? {
            switch self {
            case .current: return [.open, .inactive]
            case .open: return [.open]
            case .inactive: return [.inactive]
            case .closed: return [.closed]
            case .any: return nil
            }
        }
    }

    public var words: [String] = []
    public var status: Status = .current
    public var level: Int?
    public var workerLogin: String?
    public var dueWithinDays: Int?
    public var overdue = false
    public var flagged = false

    public init() {}

    public var isEmpty: Bool { self == CaseFilter() }

    /// The query as it would be typed, for the status line.
    public var text: String {
        var parts = words
        if status != .current { parts.append("status:\(status.rawValue)") }
        if let level { parts.append("level:\(level)") }
        if let workerLogin { parts.append("worker:\(workerLogin)") }
        if let dueWithinDays { parts.append("due:\(dueWithinDays)") }
        if overdue { parts.append("overdue") }
        if flagged { parts.append("flagged") }
        return parts.joined(separator: " ")
    }

    public static let syntaxHelp = "words, status:current|open|inactive|closed|any, level:1-4, worker:LOGIN, due:DAYS, overdue, flagged"

    /// Reads a limit. Its words are split and kept once, as a search's are
    /// (`SearchWords`), and a limit has the same maximum, so a long one is
    /// refused before anything is looked up.
    public static func parse(_ text: String) throws -> CaseFilter {
        try SearchWords.checkLength(text, "the limit")
        var filter = CaseFilter()
        var seen: Set<String> = []
        // Split scalar by scalar, as the words are: a space before an accent
        // is still a space, so the limit's own text reads back the same.
        for token in text.unicodeScalars.split(whereSeparator: \.properties.isWhitespace).map({ String(Substring($0)) }) {
            let lower = token.lowercased()
            if let colon = lower.firstIndex(of: ":") {
                let key = String(lower[..<colon])
                let value = String(token[token.index(after: colon)...])
                switch key {
                case "status":
                    guard let status = Status(rawValue: value.lowercased()) else {
                        throw CaseloadError.invalid("status:\(SafeText.inline(value)) is not a status; use current (open or inactive), open, inactive, closed or any")
                    }
                    filter.status = status
                case "level":
                    guard let level = Int(value), (1...4).contains(level) else {
                        throw CaseloadError.invalid("level must be 1 to 4; \(SafeText.inline(value)) is not")
                    }
                    filter.level = level
                case "worker":
                    guard !value.isEmpty else { throw CaseloadError.invalid("worker: needs a login, e.g. worker:amira") }
                    filter.workerLogin = value
                case "due":
                    guard let days = Int(value), days >= 0, days <= 3650 else {
                        throw CaseloadError.invalid("due: needs a number of days, e.g. due:14; \(SafeText.inline(value)) is not")
                    }
                    filter.dueWithinDays = days
                default:
                    throw CaseloadError.invalid("\(SafeText.inline(key)): is not something to limit by; use \(syntaxHelp)")
                }
            } else if lower == "overdue" {
                filter.overdue = true
            } else if lower == "flagged" {
                filter.flagged = true
            } else {
                let words = SearchWords.words(token)
                guard !words.isEmpty else {
                    throw CaseloadError.invalid("""
                        found no words to search for in \(SafeText.inline(token)) (it has no letters or digits); \
                        a limit takes \(syntaxHelp)
                        """)
                }
                for word in words {
                    // "overdue," is still the word of the language.
                    switch word.lowercased() {
                    case "overdue": filter.overdue = true
                    case "flagged": filter.flagged = true
                    default: if seen.insert(SearchWords.key(word)).inserted { filter.words.append(word) }
                    }
                }
            }
        }
        try SearchWords.checkCount(filter.words, "the limit")
        return filter
    }
}
