import Foundation

/// Which days are working days: Monday to Friday, less the bank holidays in a
/// list the service keeps as data (Resources/bank-holidays.json).
///
/// The list covers whole years, `firstYear` to `lastYear`. Outside those years
/// the calendar cannot know the bank holidays, so it treats every weekday as a
/// working day; callers use `covers(_:)` to say so to the reader.
public struct WorkingCalendar: Sendable {
    public let firstYear: Int
    public let lastYear: Int
    /// Bank holiday dates and their titles ("Easter Monday").
    private let titles: [Day: String]

    /// A calendar from bare dates; each one is titled "Bank holiday".
    public init(bankHolidays: [Day], firstYear: Int, lastYear: Int) {
        var titles: [Day: String] = [:]
        for day in bankHolidays { titles[day] = "Bank holiday" }
        self.init(titledBankHolidays: titles, firstYear: firstYear, lastYear: lastYear)
    }

    /// A calendar from dates with their titles.
    public init(titledBankHolidays: [Day: String], firstYear: Int, lastYear: Int) {
        self.titles = titledBankHolidays
        self.firstYear = firstYear
        self.lastYear = lastYear
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
    }

    /// Reads the England and Wales list in the shape
    /// `{"division": "england-and-wales", "firstYear": 2024, "lastYear": 2030,
    ///   "events": [{"date": "2024-01-01", "title": "New Year’s Day"}, ...]}`.
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
            titles[day] = title
        }

        let yearsWithHolidays = Set(titles.keys.map(\.year))
        if let missing = (firstYear...lastYear).first(where: { !yearsWithHolidays.contains($0) }) {
            throw CaseloadError.invalid("\(prefix) says it covers \(missing) but lists no bank holidays in that year")
        }

        return WorkingCalendar(titledBankHolidays: titles, firstYear: firstYear, lastYear: lastYear)
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

    public func isBankHoliday(_ day: Day) -> Bool { titles[day] != nil }

    /// The title of the bank holiday on that day ("Boxing Day (substitute day)"), or nil.
    public func bankHoliday(named day: Day) -> String? { titles[day] }

    /// Monday to Friday and not a bank holiday.
    public func isWorkingDay(_ day: Day) -> Bool {
        !day.isWeekend && !isBankHoliday(day)
    }

    /// The day itself when it is a working day, otherwise the next one.
    public func nextWorkingDay(onOrAfter day: Day) -> Day {
        var current = day
        while !isWorkingDay(current) { current = current.adding(days: 1) }
        return current
    }

    /// The nth working day after `day`, not counting `day` itself: one working
    /// day after a Friday is the Monday (or the Tuesday after a bank holiday
    /// Monday). Zero gives `day` unchanged; a negative count goes backwards.
    public func addingWorkingDays(_ n: Int, to day: Day) -> Day {
        let step = n < 0 ? -1 : 1
        var remaining = abs(n)
        var current = day
        while remaining > 0 {
            current = current.adding(days: step)
            if isWorkingDay(current) { remaining -= 1 }
        }
        return current
    }
}
