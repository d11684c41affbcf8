import Foundation

/// The dates that make sense for each kind of date a person types. A date
/// outside them is a slip of the keyboard (31/12/9999, 01/01/0026), and
/// taken as given it would wrap, trap or sort a case to the top of a list:
/// every edge reads a typed date against its range, and the store checks
/// again before writing.
public struct DateRange: Sendable, Equatable {
    /// What the date is, as the message names it: "the event's date".
    public let what: String
    public let earliest: Day
    public let latest: Day
    /// True when `latest` is today: a day that has to have happened.
    public let endsToday: Bool

    public init(_ what: String, from earliest: Day, to latest: Day, endsToday: Bool = false) {
        self.what = what
        self.earliest = earliest
        self.latest = latest
        self.endsToday = endsToday
    }

    public func contains(_ day: Day) -> Bool { earliest <= day && day <= latest }

    /// The day itself, or an error naming the range and how to put it right.
    @discardableResult
    public func check(_ day: Day, field: CaseloadError.Field? = nil) throws -> Day {
        guard !contains(day) else { return day }
        let span = "\(earliest.formatted) to " + (endsToday ? "today" : latest.formatted)
        if endsToday, day > latest {
            throw CaseloadError.invalid("\(what) \(day.formatted) is in the future; give a day from \(span)", field: field)
        }
        throw CaseloadError.invalid("\(what) \(day.formatted) is \(day < earliest ? "before" : "after") "
            + "\(day < earliest ? earliest.formatted : latest.formatted); give a date from \(span), checking the year",
            field: field)
    }

    // MARK: The ranges

    /// A case is about someone aged 0 to 25, so nothing on one is dated
    /// before 1990 for decades yet: an earlier date is a mistyped year.
    public static let firstCaseworkDay = Day(checked: 1990, 1, 1)
    /// Far beyond any date a case looks ahead to; later is a mistyped year.
    public static let lastCaseworkDay = Day(checked: 2100, 12, 31)

    private static func casework(_ what: String) -> DateRange {
        DateRange(what, from: firstCaseworkDay, to: lastCaseworkDay)
    }

    /// A key event's date, or the day a single rule counts from.
    public static let keyEvent = casework("the event's date")
    /// The date of the LA's decision letter an appeal runs from.
    public static let decisionLetter = casework("the decision letter's date")
    /// The date of a mediation certificate.
    public static let mediationCertificate = casework("the mediation certificate's date")
    /// When a follow-up action is due.
    public static let followUp = casework("the follow-up date")
    /// A worker's first day.
    public static let workerStart = casework("the start date")
    /// A worker's end date (an agency contract's, or the day they left).
    public static let workerEnd = casework("the end date")

    /// A day that has happened: consent given, a key date met.
    public static func past(_ what: String, today: Day) -> DateRange {
        DateRange(what, from: firstCaseworkDay, to: max(today, firstCaseworkDay), endsToday: true)
    }

    // MARK: Moments

    /// How far ahead of the clock a moment may be: two machines' clocks differ.
    public static let clockGrace: TimeInterval = 300

    /// A moment that has happened (a contact, a safeguarding call, telling
    /// the family), not before the first casework day, nor after now.
    public static func checkPast(_ moment: Date, what: String, now: Date, in timeZone: TimeZone,
                                 field: CaseloadError.Field? = nil) throws {
        if moment.timeIntervalSince(now) > clockGrace {
            throw CaseloadError.invalid("\(what) \(Moment.format(moment, in: timeZone)) is in the future; record it once it has happened",
                                        field: field)
        }
        if Day(moment, in: timeZone) < firstCaseworkDay {
            throw CaseloadError.invalid("\(what) \(Moment.format(moment, in: timeZone)) is before \(firstCaseworkDay.formatted); "
                + "give a time from \(firstCaseworkDay.formatted) to now, checking the year", field: field)
        }
    }
}
