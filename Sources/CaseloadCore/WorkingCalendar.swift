import Foundation

/// Which days are working days: Monday to Friday, less the bank holidays in a
/// list the service keeps as data (Resources/bank-holidays.json).
///
/// The list covers whole years, `firstYear` to `lastYear`. Its years up to
/// `publishedThrough` are the government's published list; the years after
/// are marked provisional in the file, worked out by the usual rules. Outside
/// the list the calendar works the holidays out by the same rules
/// (`BankHolidayRules`). Callers use `isPublished(_:)` to tell the reader
/// when a date rests on holidays that are not yet published.
public struct WorkingCalendar: Sendable {
    public let firstYear: Int
    public let lastYear: Int
    /// The last year of the government's published list: later years are provisional.
    public let publishedThrough: Int
    /// Bank holiday dates and their titles ("Easter Monday").
    private let titles: [Day: String]

    /// A calendar from bare dates, all published; each one is titled "Bank holiday".
    public init(bankHolidays: [Day], firstYear: Int, lastYear: Int) {
        var titles: [Day: String] = [:]
        for day in bankHolidays { titles[day] = "Bank holiday" }
        self.init(titledBankHolidays: titles, firstYear: firstYear, lastYear: lastYear)
    }

    /// A calendar from dates with their titles; years after `publishedThrough`
    /// (by default none) are provisional.
    public init(titledBankHolidays: [Day: String], firstYear: Int, lastYear: Int, publishedThrough: Int? = nil) {
        self.titles = titledBankHolidays
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.publishedThrough = publishedThrough ?? lastYear
    }

    /// Every bank holiday in the calendar, earliest first.
    public var bankHolidays: [Day] { titles.keys.sorted() }

    // MARK: Loading the data file

    private struct File: Decodable {
        let division: String?
        let firstYear: Int?
        let lastYear: Int?
        let events: [Event]?
    }

    private struct Event: Decodable {
        let date: String?
        let title: String?
        /// True for a year the government has not published yet: worked out by the rules.
        let provisional: Bool?
    }

    /// Reads the England and Wales list in the shape
    /// `{"division": "england-and-wales", "firstYear": 2024, "lastYear": 2030,
    ///   "events": [{"date": "2024-01-01", "title": "New Year’s Day"}, ...,
    ///              {"date": "2030-12-26", "title": "Boxing Day", "provisional": true}]}`.
    /// Throws `CaseloadError.invalid` naming the first thing that is wrong.
    public static func englandAndWales(json: Data) throws -> WorkingCalendar {
        let prefix = "the bank holiday file"
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: json)
        } catch DecodingError.dataCorrupted {
            throw CaseloadError.invalid("\(prefix) is not valid JSON")
        } catch let DecodingError.typeMismatch(_, context) {
            throw CaseloadError.invalid("\(prefix) has the wrong kind of value at \(path(context.codingPath))")
        } catch {
            throw CaseloadError.invalid("\(prefix) could not be read: it should be a JSON object with division, firstYear, lastYear and events")
        }

        guard let division = file.division else {
            throw CaseloadError.invalid("\(prefix) has no \"division\"; expected \"england-and-wales\"")
        }
        guard division == "england-and-wales" else {
            throw CaseloadError.invalid("\(prefix) is for the division \"\(SafeText.inline(division))\"; expected \"england-and-wales\"")
        }
        guard let firstYear = file.firstYear, let lastYear = file.lastYear else {
            throw CaseloadError.invalid("\(prefix) must give \"firstYear\" and \"lastYear\", the years it covers")
        }
        guard (1...9999).contains(firstYear), (1...9999).contains(lastYear), firstYear <= lastYear else {
            throw CaseloadError.invalid("\(prefix) covers \(firstYear) to \(lastYear), which is not a range of years")
        }
        guard let events = file.events else {
            throw CaseloadError.invalid("\(prefix) has no \"events\" list")
        }

        var titles: [Day: String] = [:]
        var provisionalByYear: [Int: Bool] = [:]
        for (index, event) in events.enumerated() {
            let position = "event \(index + 1)"
            guard let text = event.date else {
                throw CaseloadError.invalid("\(prefix): \(position) has no \"date\"")
            }
            guard let day = Day(iso: text) else {
                throw CaseloadError.invalid("\(prefix): \(position) has the date \"\(SafeText.inline(text))\", which is not a yyyy-mm-dd date")
            }
            let title = (event.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !title.isEmpty else {
                throw CaseloadError.invalid("\(prefix): \(position) (\(day.formatted)) has no title")
            }
            guard (firstYear...lastYear).contains(day.year) else {
                throw CaseloadError.invalid("\(prefix): \(day.formatted) is outside the years it covers, \(firstYear) to \(lastYear)")
            }
            guard !day.isWeekend else {
                throw CaseloadError.invalid("\(prefix): \(day.formatted) (\(SafeText.inline(title))) falls on a \(weekdayName(day)); list the substitute weekday instead")
            }
            guard titles[day] == nil else {
                throw CaseloadError.invalid("\(prefix) lists \(day.formatted) more than once")
            }
            let provisional = event.provisional ?? false
            if let yearIs = provisionalByYear[day.year], yearIs != provisional {
                throw CaseloadError.invalid("\(prefix) marks some of \(day.year)'s dates provisional and not others (\(day.formatted)); mark the whole year or none of it")
            }
            provisionalByYear[day.year] = provisional
            titles[day] = title
        }

        let yearsWithHolidays = Set(titles.keys.map(\.year))
        if let missing = (firstYear...lastYear).first(where: { !yearsWithHolidays.contains($0) }) {
            throw CaseloadError.invalid("\(prefix) says it covers \(missing) but lists no bank holidays in that year")
        }

        // Published years first, then provisional ones: a year is published
        // or not as a whole, and the government publishes in order.
        let publishedThrough = provisionalByYear.filter { !$0.value }.keys.max() ?? firstYear - 1
        if let early = provisionalByYear.filter({ $0.value && $0.key < publishedThrough }).keys.min() {
            throw CaseloadError.invalid("\(prefix) marks \(early) provisional but not \(publishedThrough); only the years after the published ones can be provisional")
        }
        return WorkingCalendar(titledBankHolidays: titles, firstYear: firstYear, lastYear: lastYear,
                               publishedThrough: publishedThrough)
    }

    /// "Monday" ... "Sunday", for messages.
    static func weekdayName(_ day: Day) -> String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][day.weekday - 1]
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.isEmpty ? "the top level"
            : keys.map { $0.intValue.map { "event \($0 + 1)" } ?? $0.stringValue }.joined(separator: ", ")
    }

    // MARK: Questions

    /// True when the day's year is one the bank holiday list covers.
    public func covers(_ day: Day) -> Bool {
        firstYear <= day.year && day.year <= lastYear
    }

    /// True when the year's bank holidays are the government's published
    /// ones; false for the provisional years of the list and for years
    /// outside it, whose holidays are worked out by the rules.
    public func isPublished(_ year: Int) -> Bool {
        firstYear <= year && year <= publishedThrough
    }

    public func isBankHoliday(_ day: Day) -> Bool { bankHoliday(named: day) != nil }

    /// The title of the bank holiday on that day ("Boxing Day (substitute day)"), or nil.
    public func bankHoliday(named day: Day) -> String? {
        covers(day) ? titles[day] : BankHolidayRules.holidays(in: day.year)[day]
    }

    /// Monday to Friday and not a bank holiday.
    public func isWorkingDay(_ day: Day) -> Bool {
        !day.isWeekend && !isBankHoliday(day)
    }

    /// The day itself when it is a working day, otherwise the next one.
    public func nextWorkingDay(onOrAfter day: Day) throws -> Day {
        var current = day
        while !isWorkingDay(current) { current = try current.adding(days: 1) }
        return current
    }

    /// The nth working day after `day`, not counting `day` itself: one working
    /// day after a Friday is the Monday (or the Tuesday after a bank holiday
    /// Monday). Zero gives `day` unchanged; a negative count goes backwards.
    public func addingWorkingDays(_ n: Int, to day: Day) throws -> Day {
        let step = n < 0 ? -1 : 1
        var remaining = abs(n)
        var current = day
        while remaining > 0 {
            current = try current.adding(days: step)
            if isWorkingDay(current) { remaining -= 1 }
        }
        return current
    }
}
