/// A count and its noun, the noun singular for exactly one: the one place
/// that decides between "1 case" and "2 cases".
public enum Plural {
    /// "1 case", "2 cases", "0 cases"; give the plural where adding an s is
    /// wrong: `Plural.count(3, "entry", "entries")`.
    public static func count(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) " + noun(count, singular, plural)
    }

    /// The noun alone, for a count written elsewhere in the sentence.
    public static func noun(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        count == 1 ? singular : plural ?? singular + "s"
    }
}
