import Foundation
import Testing
@testable import CaseloadCore
import CaseloadResources


/// Every expected date below was worked out by hand from a wall calendar:
/// 01/01/2026 is a Thursday, 01/05/2026 a Friday, 01/10/2026 a Thursday.
@Suite struct DeadlinesTests {
    let calculator: DeadlineCalculator

    init() throws {
        let calendar = try WorkingCalendar.englandAndWales(json: ResourceFiles.data("bank-holidays.json"))
        calculator = DeadlineCalculator(calendar: calendar)
    }

    private func due(_ rule: DeadlineRule, _ anchor: String, certificate: String? = nil) throws -> Day {
        try calculator.deadline(rule, from: d(anchor), mediationCertificate: certificate.map(d)).due
    }

    private func deadline(_ rule: DeadlineRule, _ anchor: String, certificate: String? = nil) throws -> Deadline {
        try calculator.deadline(rule, from: d(anchor), mediationCertificate: certificate.map(d))
    }

    /// The note every appeal date ends with.
    private func fivePm(_ weekdayAndDate: String) -> String {
        "In time if the tribunal receives the appeal by 5pm on \(weekdayAndDate) (rule 12(1))"
    }

    // MARK: The rules themselves

    @Test func idsTitlesAndSources() {
        #expect(DeadlineRule.allCases.map(\.rawValue) == [
            "ehc-decision", "ehc-no-plan-notice", "ehc-final-plan", "draft-plan-response", "mediation-adviser",
            "tribunal-appeal", "mediation-meeting", "mediation-certificate", "annual-review",
            "annual-review-notice", "annual-review-report", "annual-review-decision", "review-amended-plan",
            "amendment-response", "amended-plan", "phase-transfer", "phase-transfer-post-16", "post-16-transfer",
            "first-response", "subject-access",
        ])
        #expect(DeadlineRule(rawValue: "phase-transfer-post-16") == .phaseTransferPost16)
        #expect(DeadlineRule.ehcDecision.title == "Decision whether to assess")
        #expect(DeadlineRule.ehcDecision.anchorDescription.contains("received the request"))
        #expect(DeadlineRule.draftPlanResponse.source == "SEND Regulations 2014, reg 13(1)(a)")
        #expect(DeadlineRule.annualReview.source == "Children and Families Act 2014, s 44(1)")
        #expect(DeadlineRule.amendmentResponse.source == "SEND Regulations 2014, reg 22(2)(c)")
        #expect(DeadlineRule.reviewAmendedPlan.source.contains("Devon"))
        for rule in DeadlineRule.allCases {
            let facts = rule.facts
            #expect(!facts.title.isEmpty && !facts.anchor.isEmpty && !facts.source.isEmpty && !facts.wording.isEmpty, "\(rule)")
        }
        // Every "beginning with" rule counts its first day.
        for rule in DeadlineRule.allCases where rule.facts.wording.contains("beginning with") {
            #expect([.draftPlanResponse, .amendmentResponse].contains(rule), "\(rule) says beginning with")
        }
    }

    @Test func eventAndRuleIdsNeverOverlap() {
        let events = Set(KeyEvent.allCases.map(\.rawValue))
        let rules = Set(DeadlineRule.allCases.map(\.rawValue))
        #expect(events.isDisjoint(with: rules))
        #expect(KeyDateSubject(id: "decision-letter") == .event(.decisionLetter))
        #expect(KeyDateSubject(id: "tribunal-appeal") == .rule(.tribunalAppeal))
        #expect(KeyDateSubject(id: "tribunal") == nil)
        #expect(KeyDateSubject.all.count == events.count + rules.count)
    }

    @Test func rulesRoundTripThroughJSON() throws {
        let data = try JSONEncoder().encode([DeadlineRule.tribunalAppeal])
        #expect(String(decoding: data, as: UTF8.self) == #"["tribunal-appeal"]"#)
        #expect(try JSONDecoder().decode([DeadlineRule].self, from: data) == [.tribunalAppeal])
    }

    // MARK: EHC needs assessment: "within N weeks of" (from the day after)

    @Test func ehcTimescales() throws {
        // reg 5(1) "within 6 weeks of receiving a request"; reg 13(2) "within
        // 20 weeks"; request received Monday 12/01/2026.
        #expect(try due(.ehcDecision, "12/01/2026") == d("23/02/2026"))
        #expect(try due(.ehcFinalPlan, "12/01/2026") == d("01/06/2026"))
        // reg 10(1), 16 weeks, lands on the Early May bank holiday: statutory weeks do not move.
        let notice = try deadline(.ehcNoPlanNotice, "12/01/2026")
        #expect(notice.due == d("04/05/2026"))
        #expect(notice.notes.isEmpty)
        #expect(notice.rule == .ehcNoPlanNotice)
        #expect(notice.anchor == d("12/01/2026"))
        #expect(notice.mediationCertificate == nil)
    }

    // MARK: "N days beginning with the day": that day is day 1

    @Test func draftPlanCommentsCountTheDayOfServiceAsDayOne() throws {
        // reg 13(1)(a): "at least 15 days, beginning with the day on which the
        // draft plan was served". Served Friday 18/12/2026: day 15 is Friday 01/01/2027.
        let comments = try deadline(.draftPlanResponse, "18/12/2026")
        #expect(comments.due == d("01/01/2027"))
        #expect(comments.notes == ["15 days beginning with Friday 18/12/2026: that day is day 1, so day 15 is Friday 01/01/2027"])
        #expect(try due(.draftPlanResponse, "20/03/2026") == d("03/04/2026"))
        // Not 15 days after: the 15th day after would be 02/01/2027.
        #expect(try due(.draftPlanResponse, "18/12/2026") != d("18/12/2026").adding(days: 15))
        // Across the leap day: 17/02/2028 is day 1, 29/02 day 13, 02/03 day 15.
        #expect(try due(.draftPlanResponse, "17/02/2028") == d("02/03/2028"))
        // Days, not working days: a day 15 on a bank holiday stands.
        #expect(try due(.draftPlanResponse, "11/12/2026") == d("25/12/2026"))
    }

    @Test func amendmentNoticeResponseCountsTheDayOfServiceAsDayOne() throws {
        // reg 22(2)(c): "at least 15 days, beginning with the day on which" it was served.
        #expect(try due(.amendmentResponse, "02/02/2026") == d("16/02/2026"))
        #expect(try due(.amendmentResponse, "31/01/2026") == d("14/02/2026"))
        // reg 22(3): the amended plan "within 8 weeks" of the notice.
        #expect(try due(.amendedPlan, "02/02/2026") == d("30/03/2026"))
    }

    // MARK: Mediation

    @Test func mediationAdviserIsTwoMonthsAndNeverMoves() throws {
        // reg 33: "within 2 months after written notice of the local
        // authority's decision was sent"; no August, Christmas or weekend move.
        let adviser = try deadline(.mediationAdviser, "15/06/2026")
        #expect(adviser.due == d("15/08/2026"))   // a Saturday in August
        #expect(adviser.notes.count == 1)
        #expect(adviser.notes[0].hasPrefix("Saturday 15/08/2026 stands"))
        // Ending on Christmas Day (a Friday), it stays there.
        #expect(try due(.mediationAdviser, "25/10/2026") == d("25/12/2026"))
        // Month end: 31/12/2025 + 2 months is the last day of February.
        let clamped = try deadline(.mediationAdviser, "31/12/2025")
        #expect(clamped.due == d("28/02/2026"))
        #expect(clamped.notes.first == "February 2026 has no 31st, so 2 months from 31/12/2025 is the last day of the month, 28/02/2026")
        // An ordinary weekday, no notes.
        #expect(try deadline(.mediationAdviser, "15/10/2026").notes.isEmpty)
    }

    @Test func mediationMeetingIsThirtyDays() throws {
        #expect(try due(.mediationMeeting, "15/12/2026") == d("14/01/2027"))
        #expect(try due(.mediationMeeting, "01/02/2028") == d("02/03/2028")) // 29 days in February 2028
    }

    @Test func mediationCertificateIsThreeWorkingDays() throws {
        #expect(try due(.mediationCertificate, "09/03/2026") == d("12/03/2026"))
        // Declined Thursday 24/12/2026: Christmas Day, the weekend and the
        // Boxing Day substitute are skipped; 29, 30 and 31 December count.
        let certificate = try deadline(.mediationCertificate, "24/12/2026")
        #expect(certificate.due == d("31/12/2026"))
        #expect(certificate.notes.count == 1)
        #expect(certificate.notes.first?.contains("Friday 25/12/2026") == true)
        #expect(certificate.notes.first?.contains("Monday 28/12/2026") == true)
        // Friday 24/12/2027, Christmas Eve: both holidays fall on the weekend,
        // so their substitutes, Monday 27 and Tuesday 28, are skipped.
        #expect(try due(.mediationCertificate, "24/12/2027") == d("31/12/2027"))
        // Thursday 30/12/2027: 31/12 (1), New Year's Day's substitute Monday
        // 03/01/2028 skipped, 04 (2), 05 (3); 2028 is provisional.
        let newYear = try deadline(.mediationCertificate, "30/12/2027")
        #expect(newYear.due == d("05/01/2028"))
        #expect(newYear.notes.first?.contains("Monday 03/01/2028 (New Year’s Day (substitute day))") == true)
        #expect(newYear.notes.last?.hasPrefix("Bank holidays in 2028 are provisional") == true)
    }

    // MARK: Annual review: "the period of 12 months starting with"

    @Test func annualReviewEndsTheDayBeforeTheAnniversary() throws {
        // CFA 2014 s 44(1): "in the period of 12 months starting with the date
        // on which the plan was first made". Made 15/03/2026: by 14/03/2027.
        let review = try deadline(.annualReview, "15/03/2026")
        #expect(review.due == d("14/03/2027"))
        #expect(review.notes == ["The 12 months starting with 15/03/2026 end the day before its anniversary, on Sunday 14/03/2027"])
        #expect(try due(.annualReview, "01/01/2027") == d("31/12/2027"))
        #expect(try due(.annualReview, "31/01/2026") == d("30/01/2027"))
        #expect(try due(.annualReview, "01/03/2028") == d("28/02/2029"))
        #expect(try due(.annualReview, "28/02/2028") == d("27/02/2029"))
        // Into a leap year: 12 months starting with 01/03/2027 end on 29/02/2028.
        #expect(try due(.annualReview, "01/03/2027") == d("29/02/2028"))
    }

    @Test func annualReviewFromTheLeapDayTakesTheCautiousReading() throws {
        // 29/02/2028 has no anniversary in 2029: the period ends 27/02/2029
        // (anniversary 28/02) or 28/02/2029 (anniversary 01/03). The earlier is given.
        let leap = try deadline(.annualReview, "29/02/2028")
        #expect(leap.due == d("27/02/2029"))
        #expect(leap.notes.count == 1)
        #expect(leap.notes[0].contains("28/02/2029"))
        #expect(leap.notes[0].hasSuffix("27/02/2029 is the earlier, cautious reading"))
    }

    @Test func annualReviewPaperwork() throws {
        // Meeting Tuesday 10/03/2026. Advice "at least two weeks in advance".
        #expect(try due(.annualReviewNotice, "10/03/2026") == d("24/02/2026"))
        #expect(try due(.annualReviewNotice, "05/01/2027") == d("22/12/2026"))
        // Report "within two weeks of the review meeting".
        #expect(try due(.annualReviewReport, "10/03/2026") == d("24/03/2026"))
        // LA decision "within four weeks of the review meeting".
        #expect(try due(.annualReviewDecision, "10/03/2026") == d("07/04/2026"))
        // Final amended plan no later than 12 weeks after the meeting (R (L) v Devon CC).
        #expect(try due(.reviewAmendedPlan, "10/03/2026") == d("02/06/2026"))
    }

    // MARK: Phase transfer: "before" a fixed day

    @Test func phaseTransferIsTheDayBefore() throws {
        // reg 18(1)(b): "before 15th February in the calendar year of the transfer".
        let transfer = try deadline(.phaseTransfer, "01/09/2027")
        #expect(transfer.due == d("14/02/2027"))
        #expect(transfer.notes == ["The plan must be reviewed and amended before 15/02/2027, so by Sunday 14/02/2027 at the latest"])
        // reg 18(1)(a): "before 31st March" for secondary school to post-16.
        #expect(try due(.phaseTransferPost16, "01/09/2027") == d("30/03/2027"))
        #expect(try due(.phaseTransferPost16, "04/09/2028") == d("30/03/2028"))
        // A move date before the deadline is suspicious; the date stands, with a note.
        let early = try deadline(.phaseTransfer, "06/01/2027")
        #expect(early.due == d("14/02/2027"))
        #expect(early.notes.count == 2)
    }

    @Test func post16TransferIsFiveMonthsBefore() throws {
        // reg 18(2): "at least five months before that transfer takes place".
        #expect(try due(.post16Transfer, "01/09/2027") == d("01/04/2027"))
        // No 31 February: the last day of February, a little more than 5 months before.
        let clamped = try deadline(.post16Transfer, "31/07/2027")
        #expect(clamped.due == d("28/02/2027"))
        #expect(clamped.notes.count == 1)
        #expect(try due(.post16Transfer, "31/07/2028") == d("29/02/2028"))
    }

    // MARK: Service charter

    @Test func firstResponseIsTheFifthWorkingDay() throws {
        #expect(try due(.firstResponse, "09/03/2026") == d("16/03/2026"))
        // An enquiry on a Saturday: Monday is the first working day after it.
        #expect(try due(.firstResponse, "07/03/2026") == d("13/03/2026"))
        // Wednesday 01/04/2026: Thursday 02 (1), Good Friday, weekend, Easter
        // Monday, then Tuesday 07 (2) to Friday 10 (5).
        let easter = try deadline(.firstResponse, "01/04/2026")
        #expect(easter.due == d("10/04/2026"))
        #expect(easter.notes == ["Bank holidays not counted as working days: Friday 03/04/2026 (Good Friday), Monday 06/04/2026 (Easter Monday)"])
    }

    @Test func workingDaysInProvisionalYearsSaySo() throws {
        // Monday 30/12/2030: Tuesday 31 (1), Wednesday 01/01/2031 is New
        // Year's Day by the rules, Thursday 02 (2), Friday 03 (3), Monday 06
        // (4), Tuesday 07 (5). Neither year is published.
        let late = try deadline(.firstResponse, "30/12/2030")
        #expect(late.due == d("07/01/2031"))
        #expect(late.notes.first == "Bank holidays not counted as working days: Wednesday 01/01/2031 (New Year’s Day)")
        #expect(late.notes.last == "Bank holidays in 2030 and 2031 are provisional: worked out by the usual rules, as the published list covers 2024 to 2027 only; check the date when the list is published")
        // Wednesday 20/12/2023, before the list: Christmas Day and Boxing Day
        // 2023 (Monday and Tuesday) by the rules; 21, 22, 27, 28, 29 count.
        let early = try deadline(.firstResponse, "20/12/2023")
        #expect(early.due == d("29/12/2023"))
        #expect(early.notes.last?.hasPrefix("Bank holidays in 2023 are provisional") == true)
        // Inside the published years, no such note.
        #expect(try deadline(.firstResponse, "09/03/2026").notes.isEmpty)
    }

    // MARK: Subject access

    @Test func subjectAccessMovesToTheNextWorkingDay() throws {
        // ICO: the corresponding calendar date; "if the corresponding date
        // falls on a weekend or a public holiday, you have until the next
        // working day to respond". The due date itself moves.
        let clamped = try deadline(.subjectAccess, "31/01/2026")
        #expect(clamped.due == d("02/03/2026"))
        #expect(clamped.notes == [
            "February 2026 has no 31st, so 1 month from 31/01/2026 is the last day of the month, 28/02/2026",
            "Saturday 28/02/2026 is not a working day; the ICO gives until the next working day, Monday 02/03/2026",
        ])
        // Received 10/04/2026: Sunday 10/05/2026 -> Monday 11/05/2026.
        #expect(try due(.subjectAccess, "10/04/2026") == d("11/05/2026"))
        // Christmas Day 2026 is a Friday and Boxing Day's substitute the Monday.
        let christmas = try deadline(.subjectAccess, "25/11/2026")
        #expect(christmas.due == d("29/12/2026"))
        #expect(christmas.notes == ["Friday 25/12/2026 is a bank holiday (Christmas Day); the ICO gives until the next working day, Tuesday 29/12/2026"])
        let plain = try deadline(.subjectAccess, "10/03/2026")
        #expect(plain.due == d("10/04/2026"))
        #expect(plain.notes.isEmpty)
        #expect(try due(.subjectAccess, "31/01/2028") == d("29/02/2028"))
        // A working day in a provisional year still says it rests on provisional holidays.
        let provisional = try deadline(.subjectAccess, "10/03/2028")
        #expect(provisional.due == d("10/04/2028"))
        #expect(provisional.notes.count == 1)
        #expect(provisional.notes.first?.hasPrefix("Bank holidays in 2028 are provisional") == true)
    }

    @Test func yearsOutsideTheCalendarAreRefused() {
        for anchor in ["31/12/9999", "01/01/1899"] {
            #expect(throws: CaseloadError.self) { try calculator.deadline(.tribunalAppeal, from: d(anchor)) }
        }
        #expect(throws: CaseloadError.self) {
            try calculator.deadline(.tribunalAppeal, from: d("01/01/2026"), mediationCertificate: d("01/01/3000"))
        }
    }

    // MARK: One event, its chain of dates

    private func chain(_ subject: KeyDateSubject, _ day: String, letter: String? = nil) throws -> [Deadline] {
        try calculator.deadlines(for: KeyDateEntry(subject: subject, on: d(day), decisionLetter: letter.map(d)))
    }

    @Test func aDecisionLetterGivesTheAdviserAndTheAppeal() throws {
        // Letter dated 15/06/2026: contact the adviser by 15/08/2026, appeal by 01/09/2026.
        let dates = try chain(.event(.decisionLetter), "15/06/2026")
        #expect(dates.map(\.rule) == [.mediationAdviser, .tribunalAppeal])
        #expect(dates.map(\.due) == [d("15/08/2026"), d("01/09/2026")])
        #expect(dates.allSatisfy { $0.anchor == d("15/06/2026") })
    }

    @Test func aCertificateMovesTheAppealFromTheLetter() throws {
        // Certificate 20/07/2026: 1 month is 20/08/2026, later than 15/08/2026,
        // and in August, so 01/09/2026.
        let dates = try chain(.event(.certificateIssued), "20/07/2026", letter: "15/06/2026")
        #expect(dates.map(\.rule) == [.tribunalAppeal])
        #expect(dates[0].anchor == d("15/06/2026"))
        #expect(dates[0].mediationCertificate == d("20/07/2026"))
        #expect(dates[0].due == d("01/09/2026"))
        // Certificate 10/09/2026: 1 month is Saturday 10/10/2026 -> Monday 12/10/2026.
        #expect(try chain(.event(.certificateIssued), "10/09/2026", letter: "15/06/2026")[0].due == d("12/10/2026"))
        // Without the letter there is no appeal date to give.
        #expect(throws: CaseloadError.self) { try chain(.event(.certificateIssued), "20/07/2026") }
    }

    @Test func everyEventMakesItsRulesFromItsDay() throws {
        let meeting = try chain(.event(.reviewMeeting), "10/03/2026")
        #expect(meeting.map(\.rule) == [.annualReviewNotice, .annualReviewReport, .annualReviewDecision,
                                        .reviewAmendedPlan, .annualReview])
        #expect(meeting.map(\.due) == [d("24/02/2026"), d("24/03/2026"), d("07/04/2026"), d("02/06/2026"), d("09/03/2027")])
        let request = try chain(.event(.assessmentRequest), "12/01/2026")
        #expect(request.map(\.due) == [d("23/02/2026"), d("04/05/2026"), d("01/06/2026")])
        let notice = try chain(.event(.amendmentNotice), "02/02/2026")
        #expect(notice.map(\.due) == [d("16/02/2026"), d("30/03/2026")])
        #expect(try chain(.event(.draftPlanServed), "18/12/2026").map(\.due) == [d("01/01/2027")])
        for event in [KeyEvent.mediationDeclined, .mediationEnded, .mediationNotArranged] {
            #expect(try chain(.event(event), "09/03/2026").map(\.due) == [d("12/03/2026")], "\(event)")
        }
        #expect(try chain(.event(.planIssued), "15/03/2026").map(\.due) == [d("14/03/2027")])
        #expect(try chain(.rule(.ehcDecision), "12/01/2026").map(\.due) == [d("23/02/2026")])
        for event in KeyEvent.allCases where event != .certificateIssued {
            #expect(try chain(.event(event), "10/03/2026").map(\.rule) == event.rules, "\(event)")
        }
    }

    // MARK: Tribunal appeal: two months and the later-of rule

    @Test func tribunalPlainTwoMonths() throws {
        // r 20(1)(c): "within 2 months after written notice of the decision
        // being challenged was sent"; r 12(1): by 5pm on the last day.
        let appeal = try deadline(.tribunalAppeal, "12/03/2026")
        #expect(appeal.due == d("12/05/2026")) // a Tuesday
        #expect(appeal.notes == [fivePm("Tuesday 12/05/2026")])
    }

    @Test func tribunalCertificateLaterThanTheLetter() throws {
        // Letter 12/03/2026 -> 12/05/2026; certificate 20/04/2026 -> Wednesday 20/05/2026.
        let appeal = try deadline(.tribunalAppeal, "12/03/2026", certificate: "20/04/2026")
        #expect(appeal.due == d("20/05/2026"))
        #expect(appeal.mediationCertificate == d("20/04/2026"))
        #expect(appeal.notes == ["1 month from the mediation certificate is 20/05/2026, later than 2 months from the decision letter (12/05/2026), so the later date applies",
                                 fivePm("Wednesday 20/05/2026")])
    }

    @Test func tribunalLetterLaterThanTheCertificate() throws {
        // Certificate 01/04/2026 -> 01/05/2026, earlier than 12/05/2026.
        let appeal = try deadline(.tribunalAppeal, "12/03/2026", certificate: "01/04/2026")
        #expect(appeal.due == d("12/05/2026"))
        #expect(appeal.notes == ["2 months from the decision letter is 12/05/2026, later than 1 month from the mediation certificate (01/05/2026), so the later date applies",
                                 fivePm("Tuesday 12/05/2026")])
        // Both the same day.
        #expect(try due(.tribunalAppeal, "12/03/2026", certificate: "12/04/2026") == d("12/05/2026"))
        // A certificate dated the same day as the letter is allowed.
        #expect(try due(.tribunalAppeal, "12/03/2026", certificate: "12/03/2026") == d("12/05/2026"))
    }

    @Test func tribunalCertificateMonthEndThenWeekend() throws {
        // Letter 01/12/2025 -> Sunday 01/02/2026; certificate 31/01/2026 -> 28/02/2026,
        // the later, a Saturday -> Monday 02/03/2026.
        #expect(try due(.tribunalAppeal, "01/12/2025", certificate: "31/01/2026") == d("02/03/2026"))
    }

    // MARK: Tribunal appeal: month ends and non-working days

    @Test func tribunalMonthEndClamping() throws {
        // 31/12/2025 + 2 months = 28/02/2026, a Saturday -> Monday 02/03/2026.
        let appeal = try deadline(.tribunalAppeal, "31/12/2025")
        #expect(appeal.due == d("02/03/2026"))
        #expect(appeal.notes == [
            "February 2026 has no 31st, so 2 months from 31/12/2025 is the last day of the month, 28/02/2026",
            "Saturday 28/02/2026 is not a working day, so the deadline moves to Monday 02/03/2026 (rule 12(2))",
            fivePm("Monday 02/03/2026"),
        ])
        // 31/12/2027 + 2 months = 29/02/2028, a Tuesday: stays.
        #expect(try due(.tribunalAppeal, "31/12/2027") == d("29/02/2028"))
    }

    @Test func tribunalSaturdayMovesToMonday() throws {
        let appeal = try deadline(.tribunalAppeal, "03/08/2026")
        #expect(appeal.due == d("05/10/2026"))
        #expect(appeal.notes == ["Saturday 03/10/2026 is not a working day, so the deadline moves to Monday 05/10/2026 (rule 12(2))",
                                 fivePm("Monday 05/10/2026")])
    }

    @Test func tribunalBankHolidayMovesForward() throws {
        // 25/05/2026 is the Spring bank holiday.
        let spring = try deadline(.tribunalAppeal, "25/03/2026")
        #expect(spring.due == d("26/05/2026"))
        #expect(spring.notes == ["Monday 25/05/2026 is a bank holiday (Spring bank holiday), so the deadline moves to Tuesday 26/05/2026 (rule 12(2))",
                                 fivePm("Tuesday 26/05/2026")])
        // 03/04/2026 is Good Friday; then the weekend and Easter Monday.
        let easter = try deadline(.tribunalAppeal, "03/02/2026")
        #expect(easter.due == d("07/04/2026"))
        #expect(easter.notes.count == 2)
        #expect(easter.notes.first?.contains("Easter Monday") == true)
    }

    // MARK: Tribunal appeal: 25 December to 1 January

    @Test func tribunalChristmasWindow() throws {
        // 25/12/2026 -> first working day of January 2027: Friday 01/01 is a
        // bank holiday, then the weekend -> Monday 04/01/2027.
        let christmas = try deadline(.tribunalAppeal, "25/10/2026")
        #expect(christmas.due == d("04/01/2027"))
        #expect(christmas.notes == ["25/12/2026 falls between 25 December and 1 January, so the deadline moves to the first working day of January, Monday 04/01/2027 (rule 12(3))",
                                    fivePm("Monday 04/01/2027")])
        // 31/12/2026 (a Thursday, a working day) still moves.
        #expect(try due(.tribunalAppeal, "31/10/2026") == d("04/01/2027"))
        // 01/01/2027, the last day of the window.
        #expect(try due(.tribunalAppeal, "01/11/2026") == d("04/01/2027"))
        // 24/12/2026, a Thursday just before the window: unchanged.
        let eve = try deadline(.tribunalAppeal, "24/10/2026")
        #expect(eve.due == d("24/12/2026"))
        #expect(eve.notes == [fivePm("Thursday 24/12/2026")])
        // 26/12/2025 -> Friday 02/01/2026.
        #expect(try due(.tribunalAppeal, "26/10/2025") == d("02/01/2026"))
        // 02/01/2027 is outside the window but a Saturday -> Monday 04/01/2027.
        let after = try deadline(.tribunalAppeal, "02/11/2026")
        #expect(after.due == d("04/01/2027"))
        #expect(after.notes == ["Saturday 02/01/2027 is not a working day, so the deadline moves to Monday 04/01/2027 (rule 12(2))",
                                fivePm("Monday 04/01/2027")])
        // 2027: Christmas on a Saturday. Sunday 26/12/2027 is in the window;
        // 01/01/2028 is a Saturday and its substitute Monday 03/01 a holiday.
        #expect(try due(.tribunalAppeal, "26/10/2027") == d("04/01/2028"))
        // Friday 24/12/2027, the eve of the window, a working day: unchanged.
        #expect(try due(.tribunalAppeal, "24/10/2027") == d("24/12/2027"))
    }

    @Test func tribunalEndMovedIntoTheWindowTakesTheCautiousReading() throws {
        // Sunday 24/12/2028 is just outside the window. Rule 12(2) moves it to
        // the next working day, Wednesday 27/12/2028, inside the window, which
        // rule 12(3) could read as moving again to Tuesday 02/01/2029.
        let eve = try deadline(.tribunalAppeal, "24/10/2028")
        #expect(eve.due == d("27/12/2028"))
        #expect(eve.notes.contains("Read another way, Wednesday 27/12/2028 falls between 25 December and 1 January and rule 12(3) would move the deadline again, to Tuesday 02/01/2029; Wednesday 27/12/2028 is the earlier, cautious reading"))
        #expect(eve.notes.last == fivePm("Wednesday 27/12/2028"))
        // Saturday 31/07/2027 moves by 12(2) to Monday 02/08/2027, in August:
        // read the other way, Wednesday 01/09/2027.
        let july = try deadline(.tribunalAppeal, "31/05/2027")
        #expect(july.due == d("02/08/2027"))
        #expect(july.notes.contains { $0.hasPrefix("Read another way, Monday 02/08/2027 falls in August") && $0.contains("Wednesday 01/09/2027") })
        // A move that stays outside both windows has no such note.
        #expect(!(try deadline(.tribunalAppeal, "03/08/2026")).notes.contains { $0.hasPrefix("Read another way") })
    }

    @Test func tribunalChristmasWindowInProvisionalYears() throws {
        // 25/12/2030 -> Thursday 02/01/2031: 01/01/2031 is New Year's Day by the rules.
        let appeal = try deadline(.tribunalAppeal, "25/10/2030")
        #expect(appeal.due == d("02/01/2031"))
        #expect(appeal.notes.contains { $0.hasPrefix("Bank holidays in 2030 and 2031 are provisional") })
        #expect(appeal.notes.last == fivePm("Thursday 02/01/2031"))
    }

    @Test func monthEndsOfTheTwentyNinthThirtiethAndThirtyFirst() throws {
        // "2 months after" a letter of 29, 30 or 31 December 2026: February
        // 2027 has 28 days, so each ends on Sunday 28/02/2027. The appeal
        // moves to Monday 01/03/2027; the adviser's date does not move.
        for letter in ["29/12/2026", "30/12/2026", "31/12/2026"] {
            #expect(try due(.tribunalAppeal, letter) == d("01/03/2027"), "\(letter)")
            #expect(try due(.mediationAdviser, letter) == d("28/02/2027"), "\(letter)")
        }
        // Into the leap year: 29/12/2027 gives 29/02/2028 itself; 30 and 31 clamp to it.
        let leap = try deadline(.tribunalAppeal, "29/12/2027")
        #expect(leap.due == d("29/02/2028"))
        #expect(leap.notes.count == 2, "no month-end note; 2028's holidays are provisional")
        #expect(leap.notes.first?.hasPrefix("Bank holidays in 2028 are provisional") == true)
        #expect(leap.notes.last == fivePm("Tuesday 29/02/2028"))
        #expect(try deadline(.tribunalAppeal, "30/12/2027").notes.first == "February 2028 has no 30th, so 2 months from 30/12/2027 is the last day of the month, 29/02/2028")
        // One month: the 29th, 30th and 31st of January 2027 all answer by
        // Sunday 28/02/2027, so by Monday 01/03/2027.
        for received in ["29/01/2027", "30/01/2027", "31/01/2027"] {
            #expect(try due(.subjectAccess, received) == d("01/03/2027"), "\(received)")
        }
        // 30 and 31 into a 30-day month: 31/08/2026 + 1 month is 30/09/2026.
        #expect(try due(.subjectAccess, "31/08/2026") == d("30/09/2026"))
        #expect(try due(.subjectAccess, "30/08/2026") == d("30/09/2026"))
    }

    // MARK: Tribunal appeal: August

    @Test func tribunalAugust() throws {
        // 30/08/2026 (Sunday) -> first working day of September: 31/08/2026 is
        // the Summer bank holiday anyway, and 01/09/2026 is a Tuesday.
        #expect(try due(.tribunalAppeal, "30/06/2026") == d("01/09/2026"))
        // 01/08/2026, the first day of August (a Saturday) -> Tuesday 01/09/2026.
        #expect(try due(.tribunalAppeal, "01/06/2026") == d("01/09/2026"))
        // 31/08/2026, the last day of August, reached through the certificate.
        let last = try deadline(.tribunalAppeal, "20/06/2026", certificate: "31/07/2026")
        #expect(last.due == d("01/09/2026"))
        #expect(last.notes.contains("31/08/2026 falls in August, so the deadline moves to the first working day of September, Tuesday 01/09/2026 (rule 12(3))"))
        // 31/07/2026 is a Friday and not in August: unchanged.
        #expect(try due(.tribunalAppeal, "31/05/2026") == d("31/07/2026"))
        // 01/09/2029 is a Saturday, so the first working day is Monday 03/09/2029.
        #expect(try due(.tribunalAppeal, "15/06/2029") == d("03/09/2029"))
        // 01/09/2024 was a Sunday -> Monday 02/09/2024.
        #expect(try due(.tribunalAppeal, "10/06/2024") == d("02/09/2024"))
    }

    // MARK: Errors

    @Test func certificateOnTheWrongRule() {
        for rule in DeadlineRule.allCases where rule != .tribunalAppeal {
            #expect(throws: CaseloadError.invalid("a mediation certificate date only applies to tribunal-appeal")) {
                try calculator.deadline(rule, from: d("12/03/2026"), mediationCertificate: d("20/03/2026"))
            }
        }
    }

    @Test func certificateBeforeTheLetter() {
        do {
            _ = try calculator.deadline(.tribunalAppeal, from: d("12/03/2026"), mediationCertificate: d("11/03/2026"))
            Issue.record("a certificate before the letter should be refused")
        } catch let error as CaseloadError {
            #expect(error.kind == .invalid)
            #expect(error.message.contains("11/03/2026"))
            #expect(error.message.contains("12/03/2026"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
