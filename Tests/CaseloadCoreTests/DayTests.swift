import Testing
@testable import CaseloadCore

@Suite struct DayTests {
    private func day(_ y: Int, _ m: Int, _ d: Int) -> Day {
        guard let value = Day(year: y, month: m, day: d) else {
            Issue.record("\(d)/\(m)/\(y) should be a date")
            return Day.first
        }
        return value
    }

    private func parseError(_ text: String) -> CaseloadError? {
        do {
            _ = try Day.parse(text)
            return nil
        } catch let error as CaseloadError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    // MARK: Parsing

    @Test func parsesTwoDigitAndOneDigitForms() throws {
        #expect(try Day.parse("07/03/2026") == day(2026, 3, 7))
        #expect(try Day.parse("7/3/2026") == day(2026, 3, 7))
        #expect(try Day.parse("  31/12/2025 ") == day(2025, 12, 31))
        #expect(try Day.parse("29/02/2024") == day(2024, 2, 29))
    }

    @Test func rejectsAnImpossibleDate() {
        let error = parseError("31/02/2026")
        #expect(error?.kind == .invalid)
        #expect(error?.message == "31/02/2026 is not a date")
        #expect(parseError("29/02/2026")?.message == "29/02/2026 is not a date")
        #expect(parseError("00/01/2026")?.message == "00/01/2026 is not a date")
        #expect(parseError("07/13/2026")?.message == "07/13/2026 is not a date")
    }

    @Test func rejectsOtherFormsWithTheHint() {
        let error = parseError("2026-03-01")
        #expect(error?.kind == .invalid)
        #expect(error?.message == "2026-03-01 is not a date in the form dd/mm/yyyy (for example 07/03/2026)")
        for text in ["", "07/03/26", "07-03-2026", "aa/bb/cccc", "07/03/2026/1", "007/03/2026", "+7/03/2026"] {
            let message = parseError(text)?.message ?? ""
            #expect(message.hasSuffix("is not a date in the form dd/mm/yyyy (for example 07/03/2026)"), "\(text)")
        }
    }

    // MARK: Leap years and month lengths

    @Test func leapYears() {
        #expect(Day.isLeap(2024))
        #expect(Day.isLeap(2028))
        #expect(Day.isLeap(2000))
        #expect(!Day.isLeap(2026))
        #expect(!Day.isLeap(1900))
        #expect(!Day.isLeap(2100))
        #expect(Day(year: 2024, month: 2, day: 29) != nil)
        #expect(Day(year: 2000, month: 2, day: 29) != nil)
        #expect(Day(year: 2026, month: 2, day: 29) == nil)
        #expect(Day(year: 1900, month: 2, day: 29) == nil)
        #expect(Day(year: 2026, month: 4, day: 31) == nil)
        #expect(Day(year: 2026, month: 13, day: 1) == nil)
        #expect(Day.daysIn(month: 2, year: 2028) == 29)
        #expect(Day.daysIn(month: 9, year: 2026) == 30)
        #expect(Day.daysIn(month: 12, year: 2026) == 31)
    }

    // MARK: Weekdays

    @Test func weekdaysOfKnownDates() {
        #expect(day(1970, 1, 1).weekday == 4)   // Thursday
        #expect(day(2000, 1, 1).weekday == 6)   // Saturday
        #expect(day(2001, 9, 11).weekday == 2)  // Tuesday
        #expect(day(2024, 2, 29).weekday == 4)  // Thursday
        #expect(day(2026, 1, 1).weekday == 4)   // Thursday
        #expect(day(2026, 10, 3).weekday == 6)  // Saturday
        #expect(day(2026, 12, 25).weekday == 5) // Friday
        #expect(day(2027, 12, 25).weekday == 6) // Saturday
        #expect(day(2029, 9, 1).weekday == 6)   // Saturday
        #expect(day(1969, 12, 31).weekday == 3) // Wednesday, before day 0
        #expect(day(2026, 10, 3).isWeekend)
        #expect(day(2026, 10, 4).isWeekend)
        #expect(!day(2026, 10, 5).isWeekend)
    }

    // MARK: Day numbers

    @Test func dayNumbersOfKnownDates() {
        #expect(day(1970, 1, 1).dayNumber == 0)
        #expect(day(1970, 1, 2).dayNumber == 1)
        #expect(day(1969, 12, 31).dayNumber == -1)
        #expect(day(2000, 1, 1).dayNumber == 10_957)
        #expect(day(2000, 3, 1).dayNumber - day(2000, 2, 28).dayNumber == 2)
        #expect(day(2026, 1, 1).days(until: day(2027, 1, 1)) == 365)
        #expect(day(2028, 1, 1).days(until: day(2029, 1, 1)) == 366)
    }

    @Test func dayNumberRoundTripsDayByDay() {
        // Every day from 1600 to 2400: each number gives a real date, the next
        // number gives the next date, and the date gives the number back.
        var previous = day(1599, 12, 31)
        let start = day(1600, 1, 1).dayNumber
        let end = day(2400, 12, 31).dayNumber
        var failures = 0
        for n in start...end {
            guard let d = Day(dayNumber: n) else {
                failures += 1
                continue
            }
            let isNext: Bool
            if let following = Day(year: previous.year, month: previous.month, day: previous.day + 1) {
                isNext = d == following
            } else if let firstOfMonth = Day(year: previous.year, month: previous.month + 1, day: 1) {
                isNext = d == firstOfMonth
            } else {
                isNext = d == Day(year: previous.year + 1, month: 1, day: 1)
            }
            if !isNext || d.dayNumber != n || Day(year: d.year, month: d.month, day: d.day) == nil {
                failures += 1
            }
            previous = d
        }
        #expect(failures == 0)
        #expect(end - start + 1 == 292_560) // 801 years: 801 * 365 + 195 leap days
    }

    @Test func dayNumberRoundTripsAcrossTheWholeRange() {
        let first = day(1, 1, 1).dayNumber
        let last = day(9999, 12, 31).dayNumber
        var failures = 0
        for n in stride(from: first, through: last, by: 97) {
            guard let d = Day(dayNumber: n) else {
                failures += 1
                continue
            }
            if d.dayNumber != n || Day(year: d.year, month: d.month, day: d.day) == nil { failures += 1 }
        }
        #expect(failures == 0)
        #expect(Day(dayNumber: last) == day(9999, 12, 31))
        #expect(Day(dayNumber: first) == day(1, 1, 1))
    }

    // MARK: Arithmetic

    @Test func addingMonthsClampsToTheEndOfTheMonth() throws {
        #expect(try day(2025, 12, 31).adding(months: 2) == day(2026, 2, 28))
        #expect(try day(2027, 12, 31).adding(months: 2) == day(2028, 2, 29))
        #expect(try day(2026, 1, 31).adding(months: 1) == day(2026, 2, 28))
        #expect(try day(2024, 1, 31).adding(months: 1) == day(2024, 2, 29))
        #expect(try day(2026, 3, 31).adding(months: 1) == day(2026, 4, 30))
        #expect(try day(2026, 11, 15).adding(months: 3) == day(2027, 2, 15))
        #expect(try day(2026, 3, 31).adding(months: -1) == day(2026, 2, 28))
        #expect(try day(2026, 1, 15).adding(months: -1) == day(2025, 12, 15))
        #expect(try day(2024, 2, 29).adding(years: 1) == day(2025, 2, 28))
        #expect(try day(2024, 2, 29).adding(years: 4) == day(2028, 2, 29))
    }

    @Test func addingDaysAndWeeks() throws {
        #expect(try day(2026, 1, 12).adding(days: 20) == day(2026, 2, 1))
        #expect(try day(2026, 3, 1).adding(days: -1) == day(2026, 2, 28))
        #expect(try day(2026, 1, 12).adding(weeks: 6) == day(2026, 2, 23))
        #expect(try day(2026, 12, 28).adding(weeks: 1) == day(2027, 1, 4))
    }

    // MARK: Text

    @Test func formattedAndISO() throws {
        #expect(day(2026, 3, 7).formatted == "07/03/2026")
        #expect(day(2026, 3, 7).iso == "2026-03-07")
        #expect(day(2026, 12, 25).description == "25/12/2026")
        #expect(Day(iso: "2026-03-07") == day(2026, 3, 7))
        #expect(Day(iso: "2026-3-7") == nil)
        #expect(Day(iso: "2026-02-30") == nil)
        #expect(Day(iso: "07/03/2026") == nil)
        #expect(try Day.parse(day(2028, 2, 29).formatted) == day(2028, 2, 29))
    }
}

@Suite struct DayTextTests {
    @Test(arguments: ["2026-11-23", "0001-01-01", "2024-02-29"])
    func isoTextRoundTrips(text: String) throws {
        #expect(try #require(Day(iso: text)).iso == text)
    }

    @Test(arguments: ["2026-1-01", "2026-01-1", "20260-01-01", "2026-01-01x", "2026/01/01", "", "2026-02-30", "2026--01-01"])
    func anythingButYearMonthDayIsRefused(text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test func theUKFormatPadsDayAndMonth() {
        #expect(Day(year: 2026, month: 3, day: 7)?.formatted == "07/03/2026")
        #expect(Day(year: 987, month: 12, day: 31)?.iso == "0987-12-31")
    }
}
