import Foundation
import PropertyBased
import Testing
@testable import CaseloadCore

/// Random days, amounts and typed text: the date reader and the arithmetic
/// give a correct answer or a clean refusal, never a trap.
@Suite struct DatePropertyTests {
    /// Day numbers from well before the first day to well after the last,
    /// and now and then the extremes of Int.
    static let dayNumbers = Gen.oneOf(Gen.int(in: Day.dayNumbers.lowerBound - 1000 ... Day.dayNumbers.upperBound + 1000),
                                      Gen.int(in: Day.dayNumbers),
                                      Gen.element(of: [Int.min, Int.max, -1, 0]).map { $0 ?? 0 })
    static let amounts = Gen.oneOf(Gen.int(in: -5000...5000), Gen.int(in: -4_000_000...4_000_000), Gen.int())

    @Test func aDayNumberIsADayExactlyWhenItIsInTheRange() async {
        await propertyCheck(input: Self.dayNumbers) { number in
            let day = Day(dayNumber: number)
            #expect((day != nil) == Day.dayNumbers.contains(number))
            if let day {
                #expect(day.dayNumber == number)
                #expect(Day(year: day.year, month: day.month, day: day.day) == day)
                #expect(Day(iso: day.iso) == day)
            }
        }
    }

    @Test func addingDaysGivesTheRightDayOrARefusal() async {
        await propertyCheck(input: Gen.int(in: Day.dayNumbers), Self.amounts) { number, amount in
            guard let day = Day(dayNumber: number) else { return }
            let (sum, overflow) = number.addingReportingOverflow(amount)
            let expected = overflow ? nil : Day(dayNumber: sum)
            do {
                let result = try day.adding(days: amount)
                #expect(result == expected)
            } catch let error as CaseloadError {
                #expect(expected == nil, "\(error.message)")
                #expect(error.kind == .invalid)
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func addingMonthsAndYearsGivesTheCorrespondingDayOrARefusal() async {
        await propertyCheck(input: Gen.int(in: Day.dayNumbers), Self.amounts, Gen.bool) { number, amount, inYears in
            guard let day = Day(dayNumber: number) else { return }
            let result = try? (inYears ? day.adding(years: amount) : day.adding(months: amount))
            let (months, overflow) = inYears ? amount.multipliedReportingOverflow(by: 12) : (amount, false)
            let index = overflow ? nil : (day.year * 12 + day.month - 1).addingReportingOverflow(months)
            guard let index, !index.overflow, index.partialValue >= 0, Day.years.contains(index.partialValue / 12) else {
                #expect(result == nil)
                return
            }
            let target = try? #require(result)
            #expect(target?.year == index.partialValue / 12)
            #expect(target?.month == index.partialValue % 12 + 1)
            #expect(target.map { $0.day == day.day || ($0.day < day.day && $0.day == Day.daysIn(month: $0.month, year: $0.year)) } == true)
        }
    }

    /// Text of the shapes people type, mixed with noise: digits, slashes,
    /// signs, letters, spaces, and any Unicode scalar.
    static let typed = Gen.oneOf(
        Gen<Character?>.element(of: Array("0123456789//+-dwmy tofriTODAY.") as [Character]).map { $0 ?? "0" }.string(of: 0...14),
        zip(Gen.int(in: -5...40), Gen.int(in: -2...14), Gen.int(in: -10...20_000)).map { "\($0)/\($1)/\($2)" },
        zip(Gen.element(of: ["+", "-"]), Gen.int(in: -9999...99_999), Gen.element(of: ["d", "w", "m", "y", "q", ""]))
            .map { "\($0 ?? "+")\($1)\($2 ?? "")" },
        // A sign before the most negative Int, whose negation traps.
        Gen.element(of: ["--9223372036854775808d", "+-9223372036854775808w", "+-5d", "-9223372036854775807m"])
            .map { $0 ?? "+-5d" },
        // Any code point; a surrogate (no scalar) stands for a replacement character.
        Gen.uint32(in: 0...0x10FFFF).map { Character(Unicode.Scalar($0) ?? "\u{FFFD}") }.string(of: 0...12))

    @Test func theDateReaderReadsADateOrRefusesCleanly() async {
        let today = Day(year: 2026, month: 12, day: 3) ?? Day.first
        await propertyCheck(input: Self.typed, Gen.bool) { text, past in
            do {
                let day = try DatePhrase.parse(text, today: today, direction: past ? .past : .future)
                #expect(Day(dayNumber: day.dayNumber) == day)
                // Whatever it reads, the range either takes it as it is or refuses it.
                do {
                    #expect(try DateRange.keyEvent.check(day) == day)
                    #expect(DateRange.keyEvent.contains(day))
                } catch let error as CaseloadError {
                    #expect(!DateRange.keyEvent.contains(day))
                    #expect(error.message.contains("01/01/1990 to 31/12/2100"))
                }
            } catch let error as CaseloadError {
                #expect(error.kind == .invalid)
                #expect(!error.message.isEmpty)
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func aWrittenOutDateIsReadAsWritten() async {
        await propertyCheck(input: Gen.int(in: 1...31), Gen.int(in: 1...12), Gen.int(in: 1000...9999)) { day, month, year in
            let text = (day < 10 ? "0" : "") + "\(day)/" + (month < 10 ? "0" : "") + "\(month)/\(year)"
            let read = try? Day.parse(text)
            #expect(read == Day(year: year, month: month, day: day))
            #expect(read.map(\.formatted) == (Day(year: year, month: month, day: day) != nil ? text : nil))
        }
    }

    @Test func everyRuleFromADayInTheRangeGivesADateNearItAndNoTrapOutside() async throws {
        let calculator = DeadlineCalculator(calendar: WorkingCalendar(bankHolidays: [], firstYear: 2026, lastYear: 2026))
        let rules = Gen<DeadlineRule>.case
        let anywhere = Gen.int(in: Day.dayNumbers)
        let inRange = Gen.int(in: DateRange.keyEvent.earliest.dayNumber...DateRange.keyEvent.latest.dayNumber)
        await propertyCheck(input: rules, Gen.oneOf(anywhere, inRange), Gen.int(in: 0...400).optional) { rule, number, later in
            guard let anchor = Day(dayNumber: number) else { return }
            let certificate = rule == .tribunalAppeal ? later.flatMap { Day(dayNumber: number + $0) } : nil
            do {
                let deadline = try calculator.deadline(rule, from: anchor, mediationCertificate: certificate)
                #expect(DateRange.keyEvent.contains(anchor))
                #expect(abs(anchor.days(until: deadline.due)) <= 800, "\(rule.rawValue) from \(anchor): \(deadline.due)")
            } catch let error as CaseloadError {
                let inside = DateRange.keyEvent.contains(anchor) && certificate.map(DateRange.keyEvent.contains) != false
                #expect(!inside, "\(rule.rawValue) from \(anchor): \(error.message)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }
}
