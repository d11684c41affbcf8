import Foundation

/// A calendar date with no time of day and no time zone: the unit of every
/// statutory deadline. Kept separate from `Date` so that a deadline can never
/// drift by a day when a laptop changes time zone or the clocks go back.
///
/// Every day lies in `Day.years`, so every constructor and every piece of
/// arithmetic either gives a real day or says it cannot: nothing traps, and
/// no year is ever written with a digit lost.
public struct Day: Hashable, Comparable, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The years a day can be in: four digits, as every date is written and stored.
    public static let years = 1...9999
    public static let first = Day(checked: 1, 1, 1)
    public static let last = Day(checked: 9999, 12, 31)
    /// The day numbers of `first` and `last`.
    public static let dayNumbers = -719_162...2_932_896

    /// Builds a day, or nil when the parts do not name a real date (31/02).
    public init?(year: Int, month: Int, day: Int) {
        guard Day.years.contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.init(checked: year, month, day)
    }

    /// Only for parts already known to name a real day (constants, and the
    /// civil algorithm's output).
    init(checked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    // MARK: Day numbers (days since 1970-01-01), for arithmetic without Calendar.

    /// Days since 1 January 1970 (negative before). Howard Hinnant's civil algorithm.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day with this number, or nil outside `Day.dayNumbers`.
    public init?(dayNumber: Int) {
        guard Day.dayNumbers.contains(dayNumber) else { return nil }
        self.init(inRange: dayNumber)
    }

    /// Only for a number already in `Day.dayNumbers`.
    private init(inRange dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.init(checked: y, m, d)
    }

    /// ISO weekday: 1 is Monday, 7 is Sunday.
    public var weekday: Int {
        let w = (dayNumber + 3) % 7 // 1970-01-01 was a Thursday
        return (w < 0 ? w + 7 : w) + 1
    }

    public var isWeekend: Bool { weekday >= 6 }

    // MARK: Arithmetic: a day, or an error saying the answer is not one

    public func adding(days: Int) throws -> Day {
        guard let result = shifted(by: days) else { throw outOfRange(days, "day") }
        return result
    }

    public func adding(weeks: Int) throws -> Day {
        let (days, overflow) = weeks.multipliedReportingOverflow(by: 7)
        guard !overflow, let result = shifted(by: days) else { throw outOfRange(weeks, "week") }
        return result
    }

    private func shifted(by days: Int) -> Day? {
        let (number, overflow) = dayNumber.addingReportingOverflow(days)
        return overflow ? nil : Day(dayNumber: number)
    }

    /// Calendar months, clamped to the end of a shorter month:
    /// 31/12 plus two months is 28 (or 29) February.
    public func adding(months: Int) throws -> Day {
        let (index, overflow) = (year * 12 + (month - 1)).addingReportingOverflow(months)
        guard !overflow, index >= 0 else { throw outOfRange(months, "month") }
        let y = index / 12
        let m = index % 12 + 1
        guard Day.years.contains(y), let result = Day(year: y, month: m, day: min(day, Day.daysIn(month: m, year: y))) else {
            throw outOfRange(months, "month")
        }
        return result
    }

    public func adding(years: Int) throws -> Day {
        let (months, overflow) = years.multipliedReportingOverflow(by: 12)
        guard !overflow else { throw outOfRange(years, "year") }
        return try adding(months: months)
    }

    private func outOfRange(_ amount: Int, _ unit: String) -> CaseloadError {
        let count = Int(exactly: amount.magnitude) ?? Int.max
        let span = Plural.count(count, unit) + (amount < 0 ? " before " : " after ") + formatted
        return .invalid("\(span) is not a date Caseload can hold (\(Day.first.formatted) to \(Day.last.formatted)); check the year")
    }

    public func days(until other: Day) -> Int { other.dayNumber - dayNumber }

    // MARK: Text

    /// dd/mm/yyyy, the UK format used everywhere a person reads a date.
    public var formatted: String { Day.text(day, month, year, yearLast: true, separator: UInt8(ascii: "/")) }

    /// yyyy-mm-dd, as stored and as written in JSON.
    public var iso: String { Day.text(year, month, day, yearLast: false, separator: UInt8(ascii: "-")) }

    /// Ten bytes written in place: dates are read and written for every row
    /// of a long list, and String(format:) or joining strings costs many
    /// times more.
    static func text(_ a: Int, _ b: Int, _ c: Int, yearLast: Bool, separator: UInt8) -> String {
        String(unsafeUninitializedCapacity: 10) { buffer in
            func put(_ value: Int, width: Int, at start: Int) {
                var rest = value
                for index in stride(from: start + width - 1, through: start, by: -1) {
                    buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            put(a, width: yearLast ? 2 : 4, at: 0)
            let second = yearLast ? 3 : 5
            buffer[second - 1] = separator
            put(b, width: 2, at: second)
            buffer[second + 2] = separator
            put(c, width: yearLast ? 4 : 2, at: second + 3)
            return 10
        }
    }

    public init?(iso text: String) {
        // yyyy-mm-dd exactly, read straight from the bytes.
        var values = (0, 0, 0)
        var field = 0, length = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "-") {
                guard length == (field == 0 ? 4 : 2), field < 2 else { return nil }
                field += 1
                length = 0
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                let digit = Int(byte - UInt8(ascii: "0"))
                switch field {
                case 0: values.0 = values.0 * 10 + digit
                case 1: values.1 = values.1 * 10 + digit
                default: values.2 = values.2 * 10 + digit
                }
                length += 1
                guard length <= 4 else { return nil }
            } else {
                return nil
            }
        }
        guard field == 2, length == 2 else { return nil }
        self.init(year: values.0, month: values.1, day: values.2)
    }

    /// Reads dd/mm/yyyy (one-digit day and month accepted) and says exactly
    /// what is wrong otherwise.
    public static func parse(_ text: String) throws -> Day {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3,
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4,
              let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) else {
            throw CaseloadError.invalid("\(SafeText.inline(text)) is not a date in the form dd/mm/yyyy (for example 07/03/2026)")
        }
        guard let day = Day(year: y, month: m, day: d) else {
            throw CaseloadError.invalid("\(SafeText.inline(trimmed)) is not a date")
        }
        return day
    }

    /// The day a moment falls on in a time zone (the service's local time).
    public init(_ date: Date, in timeZone: TimeZone = .current) {
        self.init(localSeconds: Day.wholeSeconds(date) + timeZone.secondsFromGMT(for: date))
    }

    /// The day holding a count of seconds since 01/01/1970 00:00 local time.
    /// No moment typed or stored lies outside `Day.years` (both are
    /// checked); one that did would show as the first or last day, rather
    /// than trap or wrap.
    public init(localSeconds seconds: Int) {
        let number = seconds >= 0 ? seconds / 86_400 : -1 - (-(seconds + 1)) / 86_400
        self.init(inRange: min(max(number, Day.dayNumbers.lowerBound), Day.dayNumbers.upperBound))
    }

    /// Whole seconds since 1970, rounded down; a moment beyond any day
    /// (or not a number) is held just beyond the range rather than trapping.
    static func wholeSeconds(_ date: Date) -> Int {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite else { return seconds > 0 ? 1 << 50 : -(1 << 50) }
        return Int(floor(min(max(seconds, -1e15), 1e15)))
    }

    public static func today(in timeZone: TimeZone = .current) -> Day {
        Day(Date(), in: timeZone)
    }
}

extension Day: CustomStringConvertible {
    public var description: String { formatted }
}

extension Day: Codable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "\(text) is not a yyyy-mm-dd date"))
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
