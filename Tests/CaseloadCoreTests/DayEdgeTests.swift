import Foundation
import Testing
@testable import CaseloadCore

/// Days at the ends of what a day can hold, and the dates a person may
/// type: arithmetic gives a day or a clear refusal, never a trap or a year
/// written with a digit lost.
@Suite struct DayEdgeTests {
    private func refusal(_ body: () throws -> Any) -> CaseloadError? {
        do {
            _ = try body()
            return nil
        } catch let error as CaseloadError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func dayNumbersOutsideTheYearsADayHoldsAreNoDay() {
        #expect(Day(dayNumber: Day.dayNumbers.upperBound) == Day.last)
        #expect(Day(dayNumber: Day.dayNumbers.lowerBound) == Day.first)
        #expect(Day(dayNumber: Day.dayNumbers.upperBound + 1) == nil)
        #expect(Day(dayNumber: Day.dayNumbers.lowerBound - 1) == nil)
        #expect(Day(dayNumber: Int.max) == nil)
        #expect(Day(dayNumber: Int.min) == nil)
        #expect(Day.last.formatted == "31/12/9999")
        #expect(Day.first.iso == "0001-01-01")
    }

    @Test func arithmeticPastTheLastDayIsRefusedNotWrapped() {
        // Once the answer to 31/12/9999 plus 6 weeks was written "11/02/0000".
        let error = refusal { try Day.last.adding(weeks: 6) }
        #expect(error?.kind == .invalid)
        #expect(error?.message == "6 weeks after 31/12/9999 is not a date Caseload can hold (01/01/0001 to 31/12/9999); check the year")
        // Once this was a trap: an unwrapped nil in adding(months:).
        #expect(refusal { try Day.last.adding(months: 12) }?.kind == .invalid)
        #expect(refusal { try Day.last.adding(days: 1) }?.kind == .invalid)
        #expect(refusal { try Day.first.adding(days: -1) }?.message
                == "1 day before 01/01/0001 is not a date Caseload can hold (01/01/0001 to 31/12/9999); check the year")
        #expect(refusal { try Day.first.adding(months: -1) }?.kind == .invalid)
        #expect(refusal { try Day.first.adding(years: -1) }?.kind == .invalid)
    }

    @Test func hugeAmountsAreRefusedWithoutOverflowing() {
        let day = Day.last
        for amount in [Int.max, Int.min, Int.max / 7 + 1, Int.min / 12 - 1] {
            #expect(refusal { try day.adding(days: amount) }?.kind == .invalid, "\(amount) days")
            #expect(refusal { try day.adding(weeks: amount) }?.kind == .invalid, "\(amount) weeks")
            #expect(refusal { try day.adding(months: amount) }?.kind == .invalid, "\(amount) months")
            #expect(refusal { try day.adding(years: amount) }?.kind == .invalid, "\(amount) years")
        }
    }

    @Test func theLastDaysStillCountCorrectly() throws {
        #expect(try Day.last.adding(days: -1) == Day(year: 9999, month: 12, day: 30))
        #expect(try Day(year: 9999, month: 11, day: 30)?.adding(months: 1) == Day(year: 9999, month: 12, day: 30))
        #expect(try Day(year: 9999, month: 10, day: 31)?.adding(months: 2) == Day.last)
        #expect(try Day.first.adding(years: 9998) == Day(year: 9999, month: 1, day: 1))
    }

    @Test func momentsBeyondAnyDayShowAsTheNearestEndRatherThanTrap() {
        #expect(Day(localSeconds: Int.max) == Day.last)
        #expect(Day(localSeconds: Int.min) == Day.first)
        #expect(Day(Date(timeIntervalSince1970: .infinity)) == Day.last)
        #expect(Day(Date(timeIntervalSince1970: -.infinity)) == Day.first)
        #expect(Day(Date(timeIntervalSince1970: .nan)) == Day.first || Day(Date(timeIntervalSince1970: .nan)) == Day.last)
        #expect(Day(localSeconds: -1) == Day(year: 1969, month: 12, day: 31))
        #expect(Day(localSeconds: -86_400) == Day(year: 1969, month: 12, day: 31))
        #expect(Day(localSeconds: -86_401) == Day(year: 1969, month: 12, day: 30))
    }

    @Test func bankHolidaysOfAYearNoDayHoldsAreNone() {
        #expect(BankHolidayRules.holidays(in: 10_000).isEmpty)
        #expect(BankHolidayRules.holidays(in: 0).isEmpty)
        #expect(BankHolidayRules.easterSunday(10_000) == nil)
        #expect(BankHolidayRules.holidays(in: 9999).count == 8)
    }

    // MARK: The dates a person may type

    @Test func aKeyDateIsFrom1990To2100() {
        #expect(DateRange.keyEvent.contains(d("01/01/1990")))
        #expect(DateRange.keyEvent.contains(d("31/12/2100")))
        #expect(refusal { try DateRange.keyEvent.check(d("31/12/9999")) }?.message
                == "the event's date 31/12/9999 is after 31/12/2100; give a date from 01/01/1990 to 31/12/2100, checking the year")
        #expect(refusal { try DateRange.followUp.check(d("31/12/1989")) }?.message
                == "the follow-up date 31/12/1989 is before 01/01/1990; give a date from 01/01/1990 to 31/12/2100, checking the year")
    }

    @Test func aDayThatHasHappenedIsNotInTheFuture() {
        let today = d("03/12/2026")
        let range = DateRange.past("the consent date", today: today)
        #expect(range.contains(today))
        #expect(refusal { try range.check(d("04/12/2026")) }?.message
                == "the consent date 04/12/2026 is in the future; give a day from 01/01/1990 to today")
        #expect(refusal { try range.check(d("01/01/0026")) }?.message
                == "the consent date 01/01/0026 is before 01/01/1990; give a date from 01/01/1990 to today, checking the year")
    }

    @Test func aMomentThatHasHappenedIsNeitherAheadOfTheClockNorBefore1990() throws {
        let zone = try #require(TimeZone(identifier: "Europe/London"))
        let now = try Moment.parse("03/12/2026 10:00", in: zone)
        try DateRange.checkPast(now.addingTimeInterval(299), what: "the contact time", now: now, in: zone)
        #expect(refusal { try DateRange.checkPast(now.addingTimeInterval(301), what: "the contact time", now: now, in: zone) }?
            .message == "the contact time 03/12/2026 10:05 is in the future; record it once it has happened")
        let old = try Moment.parse("31/12/1989 23:59", in: zone)
        #expect(refusal { try DateRange.checkPast(old, what: "the time of the call", now: now, in: zone) }?.message
                == "the time of the call 31/12/1989 23:59 is before 01/01/1990; give a time from 01/01/1990 to now, checking the year")
    }

    // MARK: The calculator

    @Test func theCalculatorRefusesAYearOutsideTheKeyDateRange() throws {
        let calculator = DeadlineCalculator(calendar: try testCalendar())
        // Before, 31/12/2999 was accepted and gave a due date in 3000.
        for rule in DeadlineRule.allCases {
            for text in ["31/12/9999", "31/12/2999", "01/01/2101", "31/12/1989", "01/01/0001"] {
                let error = refusal { try calculator.deadline(rule, from: d(text)) }
                #expect(error?.kind == .invalid, "\(rule.rawValue) from \(text)")
                #expect(error?.message.contains("01/01/1990 to 31/12/2100") == true, "\(error?.message ?? "")")
            }
        }
        let certificate = refusal { try calculator.deadline(.tribunalAppeal, from: d("15/06/2026"), mediationCertificate: d("31/12/9999")) }
        #expect(certificate?.message.hasPrefix("the mediation certificate's date 31/12/9999 is after 31/12/2100") == true)
    }

    @Test func everyRuleFromTheEndsOfTheRangeGivesADateNearIt() throws {
        let calculator = DeadlineCalculator(calendar: try testCalendar())
        for rule in DeadlineRule.allCases {
            for anchor in [d("01/01/1990"), d("31/12/2100"), d("29/02/2096")] {
                let due = try calculator.deadline(rule, from: anchor).due
                #expect(abs(anchor.days(until: due)) <= 366, "\(rule.rawValue) from \(anchor): \(due)")
            }
        }
        #expect(try calculator.deadline(.annualReview, from: d("31/12/2100")).due == d("30/12/2101"))
    }

    private func testCalendar() throws -> WorkingCalendar {
        WorkingCalendar(bankHolidays: [d("25/12/2026")], firstYear: 2026, lastYear: 2026)
    }
}
