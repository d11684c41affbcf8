/// A computed due date and how it was reached.
public struct Deadline: Sendable, Equatable {
    public let rule: DeadlineRule
    public let anchor: Day
    /// Only for tribunal-appeal: the date of the mediation certificate, if any.
    public let mediationCertificate: Day?
    /// The last day on which the thing is in time.
    public let due: Day
    /// Each step and adjustment on the way to `due`, in plain words with dd/mm/yyyy dates.
    public let notes: [String]

    public var source: String { rule.source }

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
///
/// The counting follows the words of each rule (`DeadlineRule.facts`):
/// - "within N weeks of" an event: N × 7 days after it, not moved off a
///   weekend or holiday;
/// - "N days beginning with the day": that day is day 1, so the last day is
///   N − 1 days after it;
/// - "N months after": the corresponding date N months on, or the last day
///   of a shorter month;
/// - "the period of 12 months starting with" a date: the day before its anniversary.
public struct DeadlineCalculator: Sendable {
    public let calendar: WorkingCalendar

    public init(calendar: WorkingCalendar) {
        self.calendar = calendar
    }

    /// Every date that follows from an event (or the one date of a rule). A
    /// mediation certificate's appeal also runs from the decision letter,
    /// which must then be given.
    public func deadlines(for entry: KeyDateEntry) throws -> [Deadline] {
        if entry.mediationCertificate != nil && entry.subject != .rule(.tribunalAppeal) {
            throw CaseloadError.invalid("a mediation certificate date only applies to tribunal-appeal; to record a certificate, use the event certificate-issued")
        }
        if entry.decisionLetter != nil && entry.subject != .event(.certificateIssued) {
            throw CaseloadError.invalid("a decision letter date only goes with the event certificate-issued")
        }
        switch entry.subject {
        case .rule(let rule):
            return [try deadline(rule, from: entry.on, mediationCertificate: entry.mediationCertificate)]
        case .event(.certificateIssued):
            guard let letter = entry.decisionLetter else {
                throw CaseloadError.invalid("an appeal after mediation runs from the decision letter too: give the date the letter was sent",
                                            field: .decisionLetter)
            }
            return [try deadline(.tribunalAppeal, from: letter, mediationCertificate: entry.on)]
        case .event(let event):
            return try event.rules.map { try deadline($0, from: entry.on) }
        }
    }

    public func deadline(_ rule: DeadlineRule, from anchor: Day, mediationCertificate: Day? = nil) throws -> Deadline {
        if mediationCertificate != nil && rule != .tribunalAppeal {
            throw CaseloadError.invalid("a mediation certificate date only applies to tribunal-appeal")
        }
        // A date outside the range is a mistyped year; inside it, every due
        // date is a few years on at most, far from the end of `Day.years`.
        try (rule == .tribunalAppeal ? DateRange.decisionLetter : DateRange.keyEvent).check(anchor)
        if let mediationCertificate { try DateRange.mediationCertificate.check(mediationCertificate) }
        var notes: [String] = []
        let due: Day

        switch rule {
        case .ehcDecision: due = try anchor.adding(weeks: 6)
        case .ehcNoPlanNotice: due = try anchor.adding(weeks: 16)
        case .ehcFinalPlan: due = try anchor.adding(weeks: 20)
        case .mediationMeeting: due = try anchor.adding(days: 30)
        case .annualReviewNotice: due = try anchor.adding(weeks: -2)
        case .annualReviewReport: due = try anchor.adding(weeks: 2)
        case .annualReviewDecision: due = try anchor.adding(weeks: 4)
        case .reviewAmendedPlan: due = try anchor.adding(weeks: 12)
        case .amendedPlan: due = try anchor.adding(weeks: 8)

        case .draftPlanResponse, .amendmentResponse:
            due = try days(15, beginningWith: anchor, notes: &notes)

        case .annualReview:
            due = try monthsStartingWith(12, anchor, notes: &notes)

        case .mediationAdviser:
            due = try addingMonths(2, to: anchor, notes: &notes)
            if !calendar.isWorkingDay(due) || inChristmasWindow(due) || due.month == 8 {
                notes.append("\(describe(due)) stands: this time limit is not moved for weekends, holidays, August or Christmas (the tribunal's rule 12 moves the appeal, not this)")
            }

        case .mediationCertificate:
            due = try workingDays(3, after: anchor, notes: &notes)

        case .firstResponse:
            due = try workingDays(5, after: anchor, notes: &notes)

        case .phaseTransfer:
            due = try dayBefore(month: 2, day: 15, ofYearOf: anchor, notes: &notes)

        case .phaseTransferPost16:
            due = try dayBefore(month: 3, day: 31, ofYearOf: anchor, notes: &notes)

        case .post16Transfer:
            due = try anchor.adding(months: -5)
            if due.day != anchor.day {
                notes.append("\(monthName(due.month)) \(due.year) has no \(ordinal(anchor.day)), so the review must be done by its last day, \(due.formatted), a little more than 5 months before the move")
            }

        case .subjectAccess:
            let corresponding = try addingMonths(1, to: anchor, notes: &notes)
            due = try calendar.nextWorkingDay(onOrAfter: corresponding)
            if due != corresponding {
                notes.append("\(describe(corresponding)) is \(nonWorkingReason(corresponding)); the ICO gives until the next working day, \(describe(due))")
            }
            noteProvisional(from: corresponding, to: due, notes: &notes)

        case .tribunalAppeal:
            due = try tribunalAppeal(decisionLetter: anchor, certificate: mediationCertificate, notes: &notes)
            notes.append("In time if the tribunal receives the appeal by 5pm on \(describe(due)) (rule 12(1))")
        }

        return Deadline(rule: rule, anchor: anchor, mediationCertificate: mediationCertificate,
                        due: due, notes: notes)
    }

    // MARK: The tribunal appeal

    private func tribunalAppeal(decisionLetter: Day, certificate: Day?, notes: inout [String]) throws -> Day {
        var monthNotes: [String] = []
        let fromLetter = try addingMonths(2, to: decisionLetter, notes: &monthNotes)
        var candidate = fromLetter

        if let certificate {
            guard certificate >= decisionLetter else {
                throw CaseloadError.invalid("the mediation certificate (\(certificate.formatted)) is dated before the decision letter (\(decisionLetter.formatted)); check both dates")
            }
            var certificateNotes: [String] = []
            let fromCertificate = try addingMonths(1, to: certificate, notes: &certificateNotes)
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

        // Rule 12(3): a time limit ending 25 December to 1 January is met on
        // the first working day after 1 January; one ending in August, on
        // the first working day after 31 August.
        if let moved = try windowEnd(candidate) {
            notes.append("\(candidate.formatted) falls \(windowName(candidate)), so the deadline moves to the first working day \(windowName(candidate) == "in August" ? "of September" : "of January"), \(describe(moved)) (rule 12(3))")
            noteProvisional(from: candidate, to: moved, notes: &notes)
            return moved
        }

        // Rule 12(2): otherwise a non-working day moves to the next working day.
        let moved = try calendar.nextWorkingDay(onOrAfter: candidate)
        if moved != candidate {
            var text = "\(describe(candidate)) is \(nonWorkingReason(candidate)), so the deadline moves to \(describe(moved))"
            let skipped = bankHolidays(after: candidate, before: moved)
            if !skipped.isEmpty {
                text += " (" + skipped.map { "\(describe($0)) is \(SafeText.inline(calendar.bankHoliday(named: $0) ?? "a bank holiday"))" }
                    .joined(separator: "; ") + ")"
            }
            notes.append(text + " (rule 12(2))")
            // Moved by 12(2) into the Christmas window or August, the limit
            // could be read as ending there and so moved again by 12(3). The
            // rules do not say which; the earlier date is the safe one to give.
            if let later = try windowEnd(moved) {
                notes.append("Read another way, \(describe(moved)) falls \(windowName(moved)) and rule 12(3) would move the deadline again, to \(describe(later)); \(describe(moved)) is the earlier, cautious reading")
            }
        }
        noteProvisional(from: candidate, to: moved, notes: &notes)
        return moved
    }

    private func inChristmasWindow(_ day: Day) -> Bool {
        (day.month == 12 && day.day >= 25) || (day.month == 1 && day.day == 1)
    }

    /// Where rule 12(3) takes a limit that ends on this day, or nil when it does not apply.
    private func windowEnd(_ day: Day) throws -> Day? {
        if inChristmasWindow(day) {
            return try calendar.nextWorkingDay(onOrAfter: date(2, 1, day.month == 12 ? day.year + 1 : day.year))
        }
        if day.month == 8 {
            return try calendar.nextWorkingDay(onOrAfter: date(1, 9, day.year))
        }
        return nil
    }

    private func windowName(_ day: Day) -> String {
        day.month == 8 ? "in August" : "between 25 December and 1 January"
    }

    // MARK: Counting

    /// "N days, beginning with the day": the day itself is day 1.
    private func days(_ count: Int, beginningWith anchor: Day, notes: inout [String]) throws -> Day {
        let due = try anchor.adding(days: count - 1)
        notes.append("\(count) days beginning with \(describe(anchor)): that day is day 1, so day \(count) is \(describe(due))")
        return due
    }

    /// "The period of N months starting with" a day ends the day before the
    /// corresponding date N months on. Where that month has no such date
    /// (29 February into a common year) the end can be read as the day
    /// before the month's last day or as the last day itself: give the earlier.
    private func monthsStartingWith(_ months: Int, _ anchor: Day, notes: inout [String]) throws -> Day {
        let anniversary = try anchor.adding(months: months)
        let due = try anniversary.adding(days: -1)
        if anniversary.day != anchor.day {
            notes.append("\(monthName(anniversary.month)) \(anniversary.year) has no \(ordinal(anchor.day)): the \(months) months starting with \(anchor.formatted) end on \(due.formatted) if the anniversary is taken as \(anniversary.formatted), or on \(anniversary.formatted) if it is \(try anniversary.adding(days: 1).formatted); \(due.formatted) is the earlier, cautious reading")
        } else {
            notes.append("The \(months) months starting with \(anchor.formatted) end the day before its anniversary, on \(describe(due))")
        }
        return due
    }

    /// Calendar months, clamped to the end of a shorter month, saying so when it clamps.
    private func addingMonths(_ months: Int, to anchor: Day, notes: inout [String]) throws -> Day {
        let result = try anchor.adding(months: months)
        if result.day != anchor.day {
            let span = Plural.count(months, "month")
            notes.append("\(monthName(result.month)) \(result.year) has no \(ordinal(anchor.day)), so \(span) from \(anchor.formatted) is the last day of the month, \(result.formatted)")
        }
        return result
    }

    /// The nth working day after the anchor, naming any bank holidays that were not counted.
    private func workingDays(_ count: Int, after anchor: Day, notes: inout [String]) throws -> Day {
        let due = try calendar.addingWorkingDays(count, to: anchor)
        let skipped = bankHolidays(after: anchor, before: due)
        if !skipped.isEmpty {
            let list = skipped.map { "\(describe($0)) (\(SafeText.inline(calendar.bankHoliday(named: $0) ?? "bank holiday")))" }
            notes.append("Bank holidays not counted as working days: " + list.joined(separator: ", "))
        }
        noteProvisional(from: try anchor.adding(days: 1), to: due, notes: &notes)
        return due
    }

    /// "Before 15 February": the last day in time is the 14th.
    private func dayBefore(month: Int, day: Int, ofYearOf anchor: Day, notes: inout [String]) throws -> Day {
        let limit = try date(day, month, anchor.year)
        let due = try limit.adding(days: -1)
        notes.append("The plan must be reviewed and amended before \(limit.formatted), so by \(describe(due)) at the latest")
        if anchor <= limit {
            notes.append("The move on \(anchor.formatted) is not after \(limit.formatted); check that it is the date of the move to the new phase")
        }
        return due
    }

    // MARK: Helpers

    /// A fixed day of a year (1 September), or an error for a year beyond `Day.years`.
    private func date(_ day: Int, _ month: Int, _ year: Int) throws -> Day {
        guard let date = Day(year: year, month: month, day: day) else {
            throw CaseloadError.invalid("\(day)/\(month)/\(year) is not a date Caseload can hold; check the year")
        }
        return date
    }

    private func nonWorkingReason(_ day: Day) -> String {
        if let holiday = calendar.bankHoliday(named: day) {
            return "a bank holiday (\(SafeText.inline(holiday)))"
        }
        return "not a working day"
    }

    /// Bank holidays strictly between two days.
    private func bankHolidays(after start: Day, before end: Day) -> [Day] {
        guard start < end else { return [] }
        return (start.dayNumber + 1 ..< end.dayNumber).compactMap(Day.init(dayNumber:)).filter(calendar.isBankHoliday)
    }

    /// Says so when a working-day computation ran over years whose bank
    /// holidays are not yet published (or are before the list starts).
    private func noteProvisional(from start: Day, to end: Day, notes: inout [String]) {
        let low = min(start, end), high = max(start, end)
        let years = (low.year...high.year).filter { !calendar.isPublished($0) }
        guard !years.isEmpty else { return }
        let list = years.map(String.init).joined(separator: " and ")
        let published = "\(calendar.firstYear) to \(calendar.publishedThrough)"
        notes.append("Bank holidays in \(list) are provisional: worked out by the usual rules, as the published list covers \(published) only; check the date when the list is published")
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
