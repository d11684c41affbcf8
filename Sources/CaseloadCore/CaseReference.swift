/// The short human reference of a case, C-YYYY-NNNNN: the year the case was
/// opened and a number within that year. People say it on the phone, so it
/// is short and unambiguous; the store's own id is a UUID.
public struct CaseReference: Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    public let number: Int

    public init(year: Int, number: Int) {
        self.year = year
        self.number = number
    }

    public var description: String {
        "C-\(year)-" + String(repeating: "0", count: max(0, 5 - String(number).count)) + String(number)
    }

    /// Accepts "C-2026-00042", lower case, and the number without its zeros.
    public init(parsing text: String) throws {
        let parts = text.trimmingCharacters(in: .whitespaces).uppercased()
            .split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "C", parts[1].count == 4,
              let year = Int(parts[1]), let number = Int(parts[2]), number > 0,
              parts[2].allSatisfy(\.isNumber) else {
            throw CaseloadError.invalid("\(SafeText.inline(text)) is not a case reference; they look like C-2026-00042")
        }
        self.init(year: year, number: number)
    }
}
