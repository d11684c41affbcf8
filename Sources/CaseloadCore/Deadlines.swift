import Foundation

/// The statutory and service timescales a caseworker tracks. The raw value is
/// the id typed on the command line and kept in the store.
public enum DeadlineRule: String, CaseIterable, Sendable, Codable {
    /// Decision whether to carry out an EHC needs assessment: 6 weeks from the request.
    case ehcDecision = "ehc-decision"
    /// Notice that no EHC plan will be issued: 16 weeks from the request.
    case ehcNoPlanNotice = "ehc-no-plan-notice"
    /// The family's comments on a draft plan: 15 calendar days from its issue.
    case draftPlanResponse = "draft-plan-response"
    /// Final EHC plan: 20 weeks from the request.
    case ehcFinalPlan = "ehc-final-plan"
    /// Appeal to the SEND Tribunal: 2 months from the decision letter or 1 month
    /// from the mediation certificate, whichever is later, then moved out of the
    /// Christmas window, out of August and off non-working days.
    case tribunalAppeal = "tribunal-appeal"
    /// Mediation meeting: 30 days from the LA being told the family wants it.
    case mediationMeeting = "mediation-meeting"
    /// Mediation certificate: 3 working days from the family declining mediation.
    case mediationCertificate = "mediation-certificate"
    /// Annual review: 12 months from the plan or the last review.
    case annualReview = "annual-review"
    /// Notice of the annual review meeting: 2 weeks before it.
    case annualReviewNotice = "annual-review-notice"
    /// The LA's decision after an annual review: 4 weeks from the meeting.
    case annualReviewDecision = "annual-review-decision"
    /// Amended final plan: 8 weeks from the amendment notice.
    case amendedPlan = "amended-plan"
    /// Phase transfer: plan reviewed and amended by 15 February of the year of the move.
    case phaseTransfer = "phase-transfer"
    /// Move to post-16: plan reviewed and amended by 31 March of the year of the move.
    case phaseTransferPost16 = "phase-transfer-post-16"
    /// Service charter: first response on the 5th working day after the enquiry.
    case firstResponse = "first-response"
    /// Subject access request: one calendar month.
    case subjectAccess = "subject-access"

    /// A short name for lists and headings.
    public var title: String {
        switch self {
        case .ehcDecision: return "Decision whether to assess"
        case .ehcNoPlanNotice: return "Notice that no EHC plan will be issued"
        case .draftPlanResponse: return "Comments on the draft EHC plan"
        case .ehcFinalPlan: return "Final EHC plan"
        case .tribunalAppeal: return "Appeal to the SEND Tribunal"
        case .mediationMeeting: return "Mediation meeting"
        case .mediationCertificate: return "Mediation certificate"
        case .annualReview: return "Annual review"
        case .annualReviewNotice: return "Notice of the annual review meeting"
        case .annualReviewDecision: return "LA decision after the annual review"
        case .amendedPlan: return "Amended final EHC plan"
        case .phaseTransfer: return "Phase transfer review"
        case .phaseTransferPost16: return "Post-16 transfer review"
        case .firstResponse: return "First response to an enquiry"
        case .subjectAccess: return "Answer to a subject access request"
        }
    }

    /// What the anchor (--from) date means for this rule.
    public var anchorDescription: String {
        switch self {
        case .ehcDecision, .ehcNoPlanNotice, .ehcFinalPlan:
            return "the day the LA received the request for an EHC needs assessment"
        case .draftPlanResponse: return "the day the draft EHC plan was issued"
        case .tribunalAppeal: return "the date of the LA's decision letter"
        case .mediationMeeting: return "the day the LA was told the family wants mediation"
        case .mediationCertificate: return "the day the family told the mediation adviser they do not want mediation"
        case .annualReview: return "the date the EHC plan was issued or of the last annual review"
        case .annualReviewNotice, .annualReviewDecision: return "the date of the annual review meeting"
        case .amendedPlan: return "the date of the amendment notice"
        case .phaseTransfer: return "the date of the move to the next phase of education"
        case .phaseTransferPost16: return "the date of the move to post-16 education"
        case .firstResponse: return "the day the enquiry was received"
        case .subjectAccess: return "the day the subject access request was received"
        }
    }
}

/// A computed due date and how it was reached.
public struct Deadline: Sendable, Equatable {
    public let rule: DeadlineRule
    public let anchor: Day
    /// Only for tribunal-appeal: the date of the mediation certificate, if any.
    public let mediationCertificate: Day?
    public let due: Day
    /// Each adjustment made on the way to `due`, in plain words with dd/mm/yyyy dates.
    public let notes: [String]

    public init(rule: DeadlineRule, anchor: Day, mediationCertificate: Day? = nil, due: Day, notes: [String] = []) {
        self.rule = rule
        self.anchor = anchor
        self.mediationCertificate = mediationCertificate
        self.due = due
        self.notes = notes
    }
}

/// Works out due dates from anchor dates. Pure: the bank holidays come in
/// through the calendar.
public struct DeadlineCalculator: Sendable {
    public let calendar: WorkingCalendar

    public init(calendar: WorkingCalendar) {
        self.calendar = calendar
    }

    public func deadline(_ rule: DeadlineRule, from anchor: Day, mediationCertificate: Day? = nil) throws -> Deadline {
        if mediationCertificate != nil && rule != .tribunalAppeal {
            throw CaseloadError.invalid("a mediation certificate date only applies to tribunal-appeal")
        }
        var notes: [String] = []
        let due: Day

        switch rule {
        case .ehcDecision: due = anchor.adding(weeks: 6)
        case .ehcNoPlanNotice: due = anchor.adding(weeks: 16)
        case .draftPlanResponse: due = anchor.adding(days: 15)
        case .ehcFinalPlan: due = anchor.adding(weeks: 20)
        case .mediationMeeting: due = anchor.adding(days: 30)
        case .annualReviewNotice: due = anchor.adding(days: -14)
        case .annualReviewDecision: due = anchor.adding(weeks: 4)
        case .amendedPlan: due = anchor.adding(weeks: 8)

        case .annualReview:
            due = addingMonths(12, to: anchor, notes: &notes)

        case .mediationCertificate:
            due = workingDays(3, after: anchor, notes: &notes)

        case .firstResponse:
            due = workingDays(5, after: anchor, notes: &notes)

        case .phaseTransfer:
            due = fixedDate(month: 2, day: 15, ofYearOf: anchor, notes: &notes)

        case .phaseTransferPost16:
            due = fixedDate(month: 3, day: 31, ofYearOf: anchor, notes: &notes)

        case .subjectAccess:
            due = addingMonths(1, to: anchor, notes: &notes)
            if !calendar.isWorkingDay(due) {
                let next = calendar.nextWorkingDay(onOrAfter: due)
                notes.append("\(describe(due)) is not a working day; the ICO accepts a response on the next working day, \(describe(next))")
                noteCoverage(from: due, to: next, notes: &notes)
            }

        case .tribunalAppeal:
            due = try tribunalAppeal(decisionLetter: anchor, certificate: mediationCertificate, notes: &notes)
        }

        return Deadline(rule: rule, anchor: anchor, mediationCertificate: mediationCertificate,
                        due: due, notes: notes)
    }

    // MARK: The tribunal appeal

    private func tribunalAppeal(decisionLetter: Day, certificate: Day?, notes: inout [String]) throws -> Day {
        var monthNotes: [String] = []
        let fromLetter = addingMonths(2, to: decisionLetter, notes: &monthNotes)
        var candidate = fromLetter

        if let certificate {
            guard certificate >= decisionLetter else {
                throw CaseloadError.invalid("the mediation certificate (\(certificate.formatted)) is dated before the decision letter (\(decisionLetter.formatted)); check both dates")
            }
            var certificateNotes: [String] = []
            let fromCertificate = addingMonths(1, to: certificate, notes: &certificateNotes)
            if fromCertificate > fromLetter {
                candidate = fromCertificate
                notes += certificateNotes
                notes.append("1 month from the mediation certificate is \(fromCertificate.formatted), later than 2 months from the decision letter (\(fromLetter.formatted)), so the later date applies")
            } else {
                notes += monthNotes
                if fromCertificate == fromLetter {
                    notes.append("2 months from the decision letter and 1 month from the mediation certificate both come to \(fromLetter.formatted)")
                } else {
                    notes.append("2 months from the decision letter is \(fromLetter.formatted), later than 1 month from the mediation certificate (\(fromCertificate.formatted)), so the later date applies")
                }
            }
        } else {
            notes += monthNotes
        }

        // The tribunal rules: a time limit ending 25 December to 1 January is
        // met on the first working day after 1 January; one ending in August,
        // on the first working day after 31 August.
        if (candidate.month == 12 && candidate.day >= 25) || (candidate.month == 1 && candidate.day == 1) {
            let year = candidate.month == 12 ? candidate.year + 1 : candidate.year
            let start = Day(year: year, month: 1, day: 2)!
            let moved = calendar.nextWorkingDay(onOrAfter: start)
            notes.append("\(candidate.formatted) falls between 25 December and 1 January, so the deadline moves to the first working day of January, \(describe(moved))")
            noteCoverage(from: start, to: moved, notes: &notes)
            return moved
        }
        if candidate.month == 8 {
            let start = Day(year: candidate.year, month: 9, day: 1)!
            let moved = calendar.nextWorkingDay(onOrAfter: start)
            notes.append("\(candidate.formatted) falls in August, so the deadline moves to the first working day of September, \(describe(moved))")
            noteCoverage(from: start, to: moved, notes: &notes)
            return moved
        }

        // Then, as for any tribunal time limit, a non-working day moves to the next working day.
        let moved = calendar.nextWorkingDay(onOrAfter: candidate)
        if moved != candidate {
            let reason: String
            if let holiday = calendar.bankHoliday(named: candidate) {
                reason = "is a bank holiday (\(SafeText.inline(holiday)))"
            } else {
                reason = "is not a working day"
            }
            var text = "\(describe(candidate)) \(reason), so the deadline moves to \(describe(moved))"
            let skipped = bankHolidays(after: candidate, before: moved)
            if !skipped.isEmpty {
                text += " (" + skipped.map { "\(describe($0)) is \(SafeText.inline(calendar.bankHoliday(named: $0) ?? "a bank holiday"))" }
                    .joined(separator: "; ") + ")"
            }
            notes.append(text)
        }
        noteCoverage(from: candidate, to: moved, notes: &notes)
        return moved
    }

    // MARK: Helpers

    /// Calendar months, clamped to the end of a shorter month, saying so when it clamps.
    private func addingMonths(_ months: Int, to anchor: Day, notes: inout [String]) -> Day {
        let result = anchor.adding(months: months)
        if result.day != anchor.day {
            let span = months == 1 ? "1 month" : "\(months) months"
            notes.append("\(monthName(result.month)) \(result.year) has no \(ordinal(anchor.day)), so \(span) from \(anchor.formatted) is the last day of the month, \(result.formatted)")
        }
        return result
    }

    /// The nth working day after the anchor, naming any bank holidays that were not counted.
    private func workingDays(_ count: Int, after anchor: Day, notes: inout [String]) -> Day {
        let due = calendar.addingWorkingDays(count, to: anchor)
        let skipped = bankHolidays(after: anchor, before: due)
        if !skipped.isEmpty {
            let list = skipped.map { "\(describe($0)) (\(SafeText.inline(calendar.bankHoliday(named: $0) ?? "bank holiday")))" }
            notes.append("Bank holidays not counted as working days: " + list.joined(separator: ", "))
        }
        noteCoverage(from: anchor.adding(days: 1), to: due, notes: &notes)
        return due
    }

    private func fixedDate(month: Int, day: Int, ofYearOf anchor: Day, notes: inout [String]) -> Day {
        let due = Day(year: anchor.year, month: month, day: day)!
        if anchor <= due {
            notes.append("The move on \(anchor.formatted) is not after \(due.formatted); check that it is the date of the move to the new phase")
        }
        return due
    }

    /// Bank holidays strictly between two days.
    private func bankHolidays(after start: Day, before end: Day) -> [Day] {
        guard start < end else { return [] }
        return (start.dayNumber + 1 ..< end.dayNumber).map(Day.init(dayNumber:)).filter(calendar.isBankHoliday)
    }

    /// Says so when a working-day computation ran over days the bank holiday list does not cover.
    private func noteCoverage(from start: Day, to end: Day, notes: inout [String]) {
        let low = min(start, end), high = max(start, end)
        if low.year < calendar.firstYear {
            notes.append("Bank holidays before \(calendar.firstYear) are not in the calendar; only weekends were skipped")
        }
        if high.year > calendar.lastYear {
            notes.append("Bank holidays after \(calendar.lastYear) are not in the calendar; only weekends were skipped")
        }
    }

    /// "Saturday 03/10/2026".
    private func describe(_ day: Day) -> String {
        "\(WorkingCalendar.weekdayName(day)) \(day.formatted)"
    }

    private func monthName(_ month: Int) -> String {
        ["January", "February", "March", "April", "May", "June", "July",
         "August", "September", "October", "November", "December"][month - 1]
    }

    private func ordinal(_ n: Int) -> String {
        switch n {
        case 11, 12, 13: return "\(n)th"
        default:
            switch n % 10 {
            case 1: return "\(n)st"
            case 2: return "\(n)nd"
            case 3: return "\(n)rd"
            default: return "\(n)th"
            }
        }
    }
}
