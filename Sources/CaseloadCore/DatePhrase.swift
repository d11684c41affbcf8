/// Dates as caseworkers type them: dd/mm/yyyy, d/m/yy, dd/mm, or today, yesterday,
/// tomorrow, +2w, -3d, +1m, and a weekday name (mon ... sun, or in full).
/// A weekday or a date without its year means the next one, or for a field
/// about the past (when a contact happened) the last one, today included.
public enum DatePhrase {
    public static let help = "dd/mm/yyyy, d/m/yy, dd/mm, today, yesterday, +3d, -2w, +1m or a weekday such as fri"

    public enum Direction: Sendable {
        case future, past
    }

    public static func parse(_ text: String, today: Day, direction: Direction = .future) throws -> Day {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        switch t {
        case "today": return today
        case "yesterday": return try today.adding(days: -1)
        case "tomorrow": return try today.adding(days: 1)
        default: break
        }
        // Digits only between the sign and the unit: "+-5d" is not a date, and
        // negating the most negative Int would trap.
        let digits = t.dropFirst().dropLast()
        if let sign = t.first, sign == "+" || sign == "-", t.count >= 3, let unit = t.last,
           digits.allSatisfy({ $0.isASCII && $0.isNumber }), let amount = Int(digits), amount <= 3650 {
            let n = sign == "+" ? amount : -amount
            switch unit {
            case "d": return try today.adding(days: n)
            case "w": return try today.adding(weeks: n)
            case "m": return try today.adding(months: n)
            case "y": return try today.adding(years: n)
            default: break
            }
        }
        let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        if t.count >= 3, let index = weekdays.firstIndex(where: { $0.hasPrefix(t) }) {
            if direction == .past { return try today.adding(days: -((today.weekday - (index + 1) + 7) % 7)) }
            let ahead = (index + 1 - today.weekday + 7) % 7
            return try today.adding(days: ahead == 0 ? 7 : ahead)
        }
        let parts = t.split(separator: "/")
        if parts.count == 2, let day = Int(parts[0]), let month = Int(parts[1]) {
            // No year: the nearest such day in the direction the field looks.
            for offset in direction == .past ? [0, -1] : [0, 1] {
                if let candidate = Day(year: today.year + offset, month: month, day: day),
                   direction == .past ? candidate <= today : candidate >= today {
                    return candidate
                }
            }
            throw CaseloadError.invalid("\(SafeText.inline(text)) is not a date; use \(help)")
        }
        if parts.count == 3, parts[2].count == 2, parts[2].allSatisfy({ $0.isASCII && $0.isNumber }) {
            // d/m/yy, as people write it: a two-digit year is this century's.
            guard let day = try? Day.parse(parts[0] + "/" + parts[1] + "/20" + parts[2]) else {
                throw CaseloadError.invalid("\(SafeText.inline(text)) is not a date; use \(help)")
            }
            return day
        }
        if t.contains("/") { return try Day.parse(text) }
        throw CaseloadError.invalid("\(SafeText.inline(text)) is not a date; use \(help)")
    }
}
