import Foundation

/// Moments (a contact's time, an audit entry) as people read and type them:
/// dd/mm/yyyy HH:MM in the service's local time.
public enum Moment {
    public static func format(_ date: Date, in timeZone: TimeZone = .current) -> String {
        // One look-up of the zone's offset, and no String(format:): a handover
        // formats the last contacts of hundreds of cases.
        let seconds = Int(floor(date.timeIntervalSince1970)) + timeZone.secondsFromGMT(for: date)
        let day = Day(localSeconds: seconds)
        let minuteOfDay = ((seconds % 86_400) + 86_400) % 86_400 / 60
        return day.formatted + " " + twoDigits(minuteOfDay / 60) + ":" + twoDigits(minuteOfDay % 60)
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }

    /// Reads "dd/mm/yyyy HH:MM" (or a bare date, meaning noon) in local time.
    public static func parse(_ text: String, in timeZone: TimeZone = .current) throws -> Date {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 1 || parts.count == 2 else {
            throw CaseloadError.invalid("\(SafeText.inline(text)) is not a time in the form \"dd/mm/yyyy HH:MM\" (for example \"07/03/2026 14:30\")")
        }
        let day = try Day.parse(String(parts[0]))
        var hour = 12, minute = 0
        if parts.count == 2 {
            let clock = parts[1].split(separator: ":", omittingEmptySubsequences: false)
            guard clock.count == 2, clock[1].count == 2, let h = Int(clock[0]), let m = Int(clock[1]),
                  (0...23).contains(h), (0...59).contains(m) else {
                throw CaseloadError.invalid("\(SafeText.inline(String(parts[1]))) is not a time of day; use the 24-hour clock, HH:MM (for example 14:30)")
            }
            hour = h
            minute = m
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day,
                                                            hour: hour, minute: minute)) else {
            throw CaseloadError.invalid("\(SafeText.inline(text)) is not a time")
        }
        return date
    }

    /// "today", "3 days ago", "2 years ago": how long since a moment, for lists.
    public static func ago(_ date: Date, now: Date, in timeZone: TimeZone = .current) -> String {
        let days = Day(date, in: timeZone).days(until: Day(now, in: timeZone))
        switch days {
        case ..<0: return "in future"
        case 0: return "today"
        case 1: return "yesterday"
        case 2..<14: return "\(days) days ago"
        case 14..<61: return "\(days / 7) weeks ago"
        case 61..<730: return "\(days / 30) months ago"
        default: return "\(days / 365) years ago"
        }
    }
}
