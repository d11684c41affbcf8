/// Dates as caseworkers type them: dd/mm/yyyy, or today, yesterday,
/// tomorrow, +2w, -3d, +1m, and a weekday name (mon ... sun, or in full),
/// meaning the next one after today.
public enum DatePhrase {
    public static let help = "dd/mm/yyyy, today, yesterday, tomorrow, +3d, -2w, +1m or a weekday such as fri"

    public static func parse(_ text: String, today: Day) throws -> Day {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        switch t {
        case "today": return today
        case "yesterday": return today.adding(days: -1)
        case "tomorrow": return today.adding(days: 1)
        default: break
        }
        if let sign = t.first, sign == "+" || sign == "-", t.count >= 3, let unit = t.last,
           let amount = Int(t.dropFirst().dropLast()), amount <= 3650 {
            let n = sign == "+" ? amount : -amount
            switch unit {
            case "d": return today.adding(days: n)
            case "w": return today.adding(weeks: n)
            case "m": return today.adding(months: n)
            case "y": return today.adding(years: n)
            default: break
            }
        }
        let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        if t.count >= 3, let index = weekdays.firstIndex(where: { $0.hasPrefix(t) }) {
            let ahead = (index + 1 - today.weekday + 7) % 7
            return today.adding(days: ahead == 0 ? 7 : ahead)
        }
        if t.contains("/") { return try Day.parse(text) }
        throw CaseloadError.invalid("\(SafeText.inline(text)) is not a date; use \(help)")
    }
}
