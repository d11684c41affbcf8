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

    // MARK: The rules themselves

    @Test func idsAndTitles() {
        #expect(DeadlineRule.allCases.count == 15)
        #expect(DeadlineRule.allCases.map(\.rawValue) == [
            "ehc-decision", "ehc-no-plan-notice", "draft-plan-response", "ehc-final-plan",
            "tribunal-appeal", "mediation-meeting", "mediation-certificate", "annual-review",
            "annual-review-notice", "annual-review-decision", "amended-plan", "phase-transfer",
            "phase-transfer-post-16", "first-response", "subject-access",
        ])
        #expect(DeadlineRule(rawValue: "phase-transfer-post-16") == .phaseTransferPost16)
        #expect(DeadlineRule.ehcDecision.title == "Decision whether to assess")
        #expect(DeadlineRule.ehcDecision.anchorDescription.contains("received the request"))
        for rule in DeadlineRule.allCases {
            #expect(!rule.title.isEmpty && !rule.anchorDescription.isEmpty, "\(rule)")
        }
    }

    @Test func rulesRoundTripThroughJSON() throws {
        let data = try JSONEncoder().encode([DeadlineRule.tribunalAppeal])
        #expect(String(decoding: data, as: UTF8.self) == #"["tribunal-appeal"]"#)
        #expect(try JSONDecoder().decode([DeadlineRule].self, from: data) == [.tribunalAppeal])
    }

    // MARK: EHC needs assessment (weeks from the request)

    @Test func ehcTimescales() throws {
        // Request received Monday 12/01/2026.
        #expect(try due(.ehcDecision, "12/01/2026") == d("23/02/2026"))       // 6 weeks
        #expect(try due(.ehcFinalPlan, "12/01/2026") == d("01/06/2026"))      // 20 weeks
        // 16 weeks lands on the Early May bank holiday; statutory weeks do not move.
        let notice = try deadline(.ehcNoPlanNotice, "12/01/2026")
        #expect(notice.due == d("04/05/2026"))
        #expect(notice.notes.isEmpty)
        #expect(notice.rule == .ehcNoPlanNotice)
        #expect(notice.anchor == d("12/01/2026"))
        #expect(notice.mediationCertificate == nil)
    }

    @Test func draftPlanResponseIsFifteenCalendarDays() throws {
        #expect(try due(.draftPlanResponse, "20/03/2026") == d("04/04/2026"))
        #expect(try due(.draftPlanResponse, "20/12/2026") == d("04/01/2027"))
    }

    // MARK: Mediation

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
    }

    // MARK: Annual review

    @Test func annualReview() throws {
        #expect(try due(.annualReview, "15/03/2026") == d("15/03/2027"))
        let leap = try deadline(.annualReview, "29/02/2028")
        #expect(leap.due == d("28/02/2029"))
        #expect(leap.notes == ["February 2029 has no 29th, so 12 months from 29/02/2028 is the last day of the month, 28/02/2029"])
        // Two weeks' notice before a meeting on Tuesday 10/03/2026.
        #expect(try due(.annualReviewNotice, "10/03/2026") == d("24/02/2026"))
        #expect(try due(.annualReviewNotice, "05/01/2027") == d("22/12/2026"))
        // LA decision 4 weeks after the meeting.
        #expect(try due(.annualReviewDecision, "10/03/2026") == d("07/04/2026"))
        // Amended final plan 8 weeks after the amendment notice.
        #expect(try due(.amendedPlan, "02/02/2026") == d("30/03/2026"))
    }

    // MARK: Phase transfer

    @Test func phaseTransfer() throws {
        let transfer = try deadline(.phaseTransfer, "01/09/2027")
        #expect(transfer.due == d("15/02/2027"))
        #expect(transfer.notes.isEmpty)
        #expect(try due(.phaseTransferPost16, "01/09/2027") == d("31/03/2027"))
        #expect(try due(.phaseTransferPost16, "04/09/2028") == d("31/03/2028"))
        // A move date before the deadline is suspicious; the date stands, with a note.
        let early = try deadline(.phaseTransfer, "06/01/2027")
        #expect(early.due == d("15/02/2027"))
        #expect(early.notes.count == 1)
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

    @Test func workingDaysBeyondTheCalendarSaySo() throws {
        // Monday 30/12/2030: Tuesday 31 (1), Wednesday 01/01/2031 (2, not known
        // to be a holiday), Thursday 02 (3), Friday 03 (4), Monday 06 (5).
        let late = try deadline(.firstResponse, "30/12/2030")
        #expect(late.due == d("06/01/2031"))
        #expect(late.notes == ["Bank holidays after 2030 are not in the calendar; only weekends were skipped"])
        // Wednesday 20/12/2023: 21, 22, 25, 26, 27 December 2023 (weekends only skipped).
        let early = try deadline(.firstResponse, "20/12/2023")
        #expect(early.due == d("27/12/2023"))
        #expect(early.notes == ["Bank holidays before 2024 are not in the calendar; only weekends were skipped"])
        // Inside the calendar, no such note.
        #expect(try deadline(.firstResponse, "09/03/2026").notes.isEmpty)
    }

    // MARK: Subject access

    @Test func subjectAccessIsOneCalendarMonth() throws {
        let clamped = try deadline(.subjectAccess, "31/01/2026")
        #expect(clamped.due == d("28/02/2026"))
        #expect(clamped.notes.contains("February 2026 has no 31st, so 1 month from 31/01/2026 is the last day of the month, 28/02/2026"))
        // 28/02/2026 is a Saturday: the date stays, with a note about the ICO's next working day.
        #expect(clamped.notes.contains { $0.contains("Monday 02/03/2026") })
        let plain = try deadline(.subjectAccess, "10/03/2026")
        #expect(plain.due == d("10/04/2026"))
        #expect(plain.notes.isEmpty)
        #expect(try due(.subjectAccess, "31/01/2028") == d("29/02/2028"))
    }

    // MARK: Tribunal appeal: two months and the later-of rule

    @Test func tribunalPlainTwoMonths() throws {
        let appeal = try deadline(.tribunalAppeal, "12/03/2026")
        #expect(appeal.due == d("12/05/2026")) // a Tuesday
        #expect(appeal.notes.isEmpty)
    }

    @Test func tribunalCertificateLaterThanTheLetter() throws {
        // Letter 12/03/2026 -> 12/05/2026; certificate 20/04/2026 -> Wednesday 20/05/2026.
        let appeal = try deadline(.tribunalAppeal, "12/03/2026", certificate: "20/04/2026")
        #expect(appeal.due == d("20/05/2026"))
        #expect(appeal.mediationCertificate == d("20/04/2026"))
        #expect(appeal.notes == ["1 month from the mediation certificate is 20/05/2026, later than 2 months from the decision letter (12/05/2026), so the later date applies"])
    }

    @Test func tribunalLetterLaterThanTheCertificate() throws {
        // Certificate 01/04/2026 -> 01/05/2026, earlier than 12/05/2026.
        let appeal = try deadline(.tribunalAppeal, "12/03/2026", certificate: "01/04/2026")
        #expect(appeal.due == d("12/05/2026"))
        #expect(appeal.notes == ["2 months from the decision letter is 12/05/2026, later than 1 month from the mediation certificate (01/05/2026), so the later date applies"])
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
            "Saturday 28/02/2026 is not a working day, so the deadline moves to Monday 02/03/2026",
        ])
        // 31/12/2027 + 2 months = 29/02/2028, a Tuesday: stays.
        #expect(try due(.tribunalAppeal, "31/12/2027") == d("29/02/2028"))
    }

    @Test func tribunalSaturdayMovesToMonday() throws {
        let appeal = try deadline(.tribunalAppeal, "03/08/2026")
        #expect(appeal.due == d("05/10/2026"))
        #expect(appeal.notes == ["Saturday 03/10/2026 is not a working day, so the deadline moves to Monday 05/10/2026"])
    }

    @Test func tribunalBankHolidayMovesForward() throws {
        // 25/05/2026 is the Spring bank holiday.
        let spring = try deadline(.tribunalAppeal, "25/03/2026")
        #expect(spring.due == d("26/05/2026"))
        #expect(spring.notes == ["Monday 25/05/2026 is a bank holiday (Spring bank holiday), so the deadline moves to Tuesday 26/05/2026"])
        // 03/04/2026 is Good Friday; then the weekend and Easter Monday.
        let easter = try deadline(.tribunalAppeal, "03/02/2026")
        #expect(easter.due == d("07/04/2026"))
        #expect(easter.notes.count == 1)
        #expect(easter.notes.first?.contains("Easter Monday") == true)
    }

    // MARK: Tribunal appeal: 25 December to 1 January

    @Test func tribunalChristmasWindow() throws {
        // 25/12/2026 -> first working day of January 2027: Friday 01/01 is a
        // bank holiday, then the weekend -> Monday 04/01/2027.
        let christmas = try deadline(.tribunalAppeal, "25/10/2026")
        #expect(christmas.due == d("04/01/2027"))
        #expect(christmas.notes == ["25/12/2026 falls between 25 December and 1 January, so the deadline moves to the first working day of January, Monday 04/01/2027"])
        // 31/12/2026 (a Thursday, a working day) still moves.
        #expect(try due(.tribunalAppeal, "31/10/2026") == d("04/01/2027"))
        // 01/01/2027, the last day of the window.
        #expect(try due(.tribunalAppeal, "01/11/2026") == d("04/01/2027"))
        // 24/12/2026, a Thursday just before the window: unchanged.
        let eve = try deadline(.tribunalAppeal, "24/10/2026")
        #expect(eve.due == d("24/12/2026"))
        #expect(eve.notes.isEmpty)
        // 26/12/2025 -> Friday 02/01/2026.
        #expect(try due(.tribunalAppeal, "26/10/2025") == d("02/01/2026"))
        // 02/01/2027 is outside the window but a Saturday -> Monday 04/01/2027.
        let after = try deadline(.tribunalAppeal, "02/11/2026")
        #expect(after.due == d("04/01/2027"))
        #expect(after.notes == ["Saturday 02/01/2027 is not a working day, so the deadline moves to Monday 04/01/2027"])
    }

    @Test func tribunalChristmasWindowBeyondTheCalendar() throws {
        // 25/12/2030 -> Thursday 02/01/2031, but 2031's holidays are unknown.
        let appeal = try deadline(.tribunalAppeal, "25/10/2030")
        #expect(appeal.due == d("02/01/2031"))
        #expect(appeal.notes.last == "Bank holidays after 2030 are not in the calendar; only weekends were skipped")
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
        #expect(last.notes.last == "31/08/2026 falls in August, so the deadline moves to the first working day of September, Tuesday 01/09/2026")
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
