import Foundation

/// Moments (a contact's time, an audit entry), written in the three shapes
/// Caseload uses, all here: as people read them, as JSON gives them, and as
/// the store keeps them. Each is written by hand from the day and the time
/// of day, without a formatter: a listing or a handover writes thousands,
/// and Foundation's formatters load calendar data on first use.
public enum Moment {
    /// dd/mm/yyyy HH:MM in the service's local time, as people read and type it.
    public static func format(_ date: Date, in timeZone: TimeZone = .current) -> String {
        let (day, second) = split(Day.wholeSeconds(date) + timeZone.secondsFromGMT(for: date))
        return day.formatted + " " + two(second / 3600) + ":" + two(second / 60 % 60)
    }

    /// As JSONEncoder's `.iso8601` writes it: UTC, whole seconds, "2026-11-20T10:15:00Z".
    public static func iso8601(_ date: Date) -> String {
        let (day, second) = split(Day.wholeSeconds(date))
        return day.iso + "T" + two(second / 3600) + ":" + two(second / 60 % 60) + ":" + two(second % 60) + "Z"
    }

    /// As the store keeps it (and GRDB writes a Date): UTC
    /// "yyyy-MM-dd HH:mm:ss.SSS", which sorts in time order.
    public static func utcText(epochMilliseconds ms: Int64) -> String {
        // Whole seconds rounded down, so a moment before 1970 keeps its millisecond.
        let millis = Int(((ms % 1000) + 1000) % 1000)
        let (day, second) = split(Int((ms - Int64(millis)) / 1000))
        return day.iso + " " + two(second / 3600) + ":" + two(second / 60 % 60) + ":" + two(second % 60) + "."
            + (millis < 10 ? "00" : millis < 100 ? "0" : "") + String(millis)
    }

    /// Seconds since 1970 (UTC, or local with the zone's offset added) as
    /// the day and the second of that day.
    private static func split(_ seconds: Int) -> (Day, Int) {
        (Day(localSeconds: seconds), ((seconds % 86_400) + 86_400) % 86_400)
    }

    private static func two(_ value: Int) -> String {
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
