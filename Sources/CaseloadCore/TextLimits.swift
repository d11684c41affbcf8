/// How much text a field takes. Generous enough for a pasted email thread,
/// small enough that one careless paste cannot bloat the store.
public enum TextLimits {
    /// Names, schools, references: one line.
    public static let name = 200
    /// Notes and summaries: 1 MiB of UTF-8.
    public static let note = 1_048_576

    public static func check(_ text: String, field: String, limit: Int) throws {
        let size = text.utf8.count
        guard size <= limit else {
            throw CaseloadError.invalid(
                "the \(field) is \(size) bytes; the most it can hold is \(limit) bytes: shorten it"
                + (limit >= note ? " or split it across two contacts" : ""))
        }
    }
}
