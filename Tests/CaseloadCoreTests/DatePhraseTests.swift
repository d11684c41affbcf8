import Testing
@testable import CaseloadCore

@Suite struct DatePhraseTests {
    // Monday 23/11/2026.
    let today = Day(year: 2026, month: 11, day: 23)!

    @Test(arguments: [
        ("today", "23/11/2026"), ("yesterday", "22/11/2026"), ("Tomorrow", "24/11/2026"),
        ("+2w", "07/12/2026"), ("-3d", "20/11/2026"), ("+1m", "23/12/2026"), ("+3m", "23/02/2027"),
        ("fri", "27/11/2026"), ("Friday", "27/11/2026"), ("mon", "30/11/2026"), ("sun", "29/11/2026"),
        ("07/03/2026", "07/03/2026"), ("1/12/26", "01/12/2026"), ("31/1/27", "31/01/2027"),
    ])
    func phrasesMeanWhatACaseworkerMeans(text: String, expected: String) throws {
        #expect(try DatePhrase.parse(text, today: today).formatted == expected)
    }

    @Test(arguments: [
        ("fri", DatePhrase.Direction.past, "20/11/2026"), ("mon", .past, "23/11/2026"), ("mon", .future, "30/11/2026"),
        ("12/03", .past, "12/03/2026"), ("12/03", .future, "12/03/2027"), ("23/11", .future, "23/11/2026"),
        ("24/11", .past, "24/11/2025"),
    ])
    func aWeekdayOrADayWithoutItsYearLooksTheWayTheFieldLooks(text: String, direction: DatePhrase.Direction,
                                                             expected: String) throws {
        #expect(try DatePhrase.parse(text, today: today, direction: direction).formatted == expected)
    }

    /// A signed amount is a count of days, weeks, months or years from
    /// today: a second sign, or a number too big to negate, is refused.
    @Test(arguments: ["--9223372036854775808d", "+-9223372036854775808w", "+-5d", "-+5d", "+3651d"])
    func aSignedAmountOutsideItsRangeIsRefusedNotTrapped(text: String) {
        #expect(throws: CaseloadError.self) { try DatePhrase.parse(text, today: today) }
    }

    @Test func nonsenseWithATwoDigitYearSaysWhatIsWrong() {
        let error = #expect(throws: CaseloadError.self) { try DatePhrase.parse("31/2/26", today: today) }
        #expect(error?.message == "31/2/26 is not a date; use " + DatePhrase.help)
    }

    @Test func monthsClampToTheMonthsEnd() throws {
        let end = Day(year: 2025, month: 12, day: 31)!
        #expect(try DatePhrase.parse("+2m", today: end).formatted == "28/02/2026")
    }

    @Test(arguments: ["soon", "+2x", "fr", "31/02/2026", "+", "2026-01-01", "31/2/26", "1/12/2", "1/12/026", "a/b/cd"])
    func anythingElseIsExplained(text: String) {
        #expect(throws: CaseloadError.self) { try DatePhrase.parse(text, today: today) }
    }
}

@Suite struct CaseloadLoadTests {
    @Test(arguments: [(67, CaseloadLoad.Status.red), (66, .amber), (60, .amber), (59, .green), (57, .green), (56, .blue), (0, .blue)])
    func statusFollowsTheShareOfCapacity(weight: Int, status: CaseloadLoad.Status) {
        #expect(CaseloadLoad(weight: weight, capacity: 60).status == status)
    }

    @Test func percentIsWholeNumbers() {
        #expect(CaseloadLoad(weight: 30, capacity: 60).percent == 50)
        #expect(CaseloadLoad(weight: 5, capacity: 0).capacity == 1)
    }
}
