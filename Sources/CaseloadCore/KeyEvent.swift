/// Something that happened on a case from which statutory dates follow. A
/// caseworker records what happened (the LA's decision letter, a review
/// meeting); the calendar works out every date that follows, each with its
/// own rule. The raw value is the id typed on the command line and kept on
/// each key date the event made.
public enum KeyEvent: String, CaseIterable, Sendable, Codable {
    case assessmentRequest = "assessment-request"
    case draftPlanServed = "draft-plan-served"
    case decisionLetter = "decision-letter"
    case mediationRequested = "mediation-requested"
    case mediationDeclined = "mediation-declined"
    case mediationEnded = "mediation-ended"
    case mediationNotArranged = "mediation-not-arranged"
    case certificateIssued = "certificate-issued"
    case planIssued = "plan-issued"
    case reviewMeeting = "review-meeting"
    case amendmentNotice = "amendment-notice"

    /// A short name for pickers and messages.
    public var title: String {
        switch self {
        case .assessmentRequest: return "Request for an EHC needs assessment received"
        case .draftPlanServed: return "Draft EHC plan served"
        case .decisionLetter: return "LA decision letter"
        case .mediationRequested: return "LA told the family wants mediation"
        case .mediationDeclined: return "Family declined mediation"
        case .mediationEnded: return "Mediation ended"
        case .mediationNotArranged: return "Mediation cannot be arranged within 30 days"
        case .certificateIssued: return "Mediation certificate issued"
        case .planIssued: return "Final EHC plan issued"
        case .reviewMeeting: return "Annual review meeting"
        case .amendmentNotice: return "Amendment notice served"
        }
    }

    /// What the event's date is.
    public var dateDescription: String {
        switch self {
        case .assessmentRequest: return "the day the LA received the request"
        case .draftPlanServed: return "the day the draft plan was served"
        case .decisionLetter: return "the date the decision letter was sent (refusal to assess, no plan, the final plan's contents, a decision after review)"
        case .mediationRequested: return "the day the LA was told"
        case .mediationDeclined: return "the day the family told the mediation adviser"
        case .mediationEnded: return "the day mediation ended"
        case .mediationNotArranged: return "the day it became clear"
        case .certificateIssued: return "the certificate's date of issue"
        case .planIssued: return "the date the plan was made"
        case .reviewMeeting: return "the date of the meeting"
        case .amendmentNotice: return "the day the notice was served"
        }
    }

    /// The dates that follow from the event, in the order they are shown.
    public var rules: [DeadlineRule] {
        switch self {
        case .assessmentRequest: return [.ehcDecision, .ehcNoPlanNotice, .ehcFinalPlan]
        case .draftPlanServed: return [.draftPlanResponse]
        case .decisionLetter: return [.mediationAdviser, .tribunalAppeal]
        case .mediationRequested: return [.mediationMeeting]
        case .mediationDeclined, .mediationEnded, .mediationNotArranged: return [.mediationCertificate]
        case .certificateIssued: return [.tribunalAppeal]
        case .planIssued: return [.annualReview]
        case .reviewMeeting: return [.annualReviewNotice, .annualReviewReport, .annualReviewDecision, .reviewAmendedPlan, .annualReview]
        case .amendmentNotice: return [.amendmentResponse, .amendedPlan]
        }
    }

    /// Open dates the event puts an end to without making them again: once
    /// the certificate is issued, the family has contacted the adviser and
    /// the certificate is no longer awaited. (Every event also replaces the
    /// open dates of the rules it makes: a certificate moves the appeal date.)
    public var settles: [DeadlineRule] {
        switch self {
        case .certificateIssued: return [.mediationAdviser, .mediationMeeting, .mediationCertificate]
        case .mediationRequested, .mediationDeclined: return [.mediationAdviser]
        case .mediationEnded, .mediationNotArranged: return [.mediationAdviser, .mediationMeeting]
        default: return []
        }
    }

    /// Whether the event's date is usually still to come (a review meeting),
    /// so that a date typed without its year means the next one.
    public var isUsuallyAhead: Bool { self == .reviewMeeting }
}

/// What a caseworker names when recording a key date: an event, whose dates
/// all follow, or a single rule.
public enum KeyDateSubject: Sendable, Equatable {
    case event(KeyEvent)
    case rule(DeadlineRule)

    /// Reads an event id or a rule id; the two sets of ids never overlap.
    public init?(id: String) {
        if let event = KeyEvent(rawValue: id) {
            self = .event(event)
        } else if let rule = DeadlineRule(rawValue: id) {
            self = .rule(rule)
        } else {
            return nil
        }
    }

    public var id: String {
        switch self {
        case .event(let event): return event.rawValue
        case .rule(let rule): return rule.rawValue
        }
    }

    public var title: String {
        switch self {
        case .event(let event): return event.title
        case .rule(let rule): return rule.title
        }
    }

    public var rules: [DeadlineRule] {
        switch self {
        case .event(let event): return event.rules
        case .rule(let rule): return [rule]
        }
    }

    /// Whether the date given is usually still to come (a review meeting, a
    /// move to a new phase), so that "12/03" in a form means the next one.
    public var isUsuallyAhead: Bool {
        switch self {
        case .event(let event): return event.isUsuallyAhead
        case .rule(let rule):
            return [.annualReviewNotice, .annualReviewReport, .annualReviewDecision, .reviewAmendedPlan,
                    .phaseTransfer, .phaseTransferPost16, .post16Transfer].contains(rule)
        }
    }

    /// Every id, events first, for help texts and pickers.
    public static var all: [KeyDateSubject] {
        KeyEvent.allCases.map(KeyDateSubject.event) + DeadlineRule.allCases.map(KeyDateSubject.rule)
    }
}

/// A key event (or one rule's date) as a form or a command gives it.
public struct KeyDateEntry: Sendable, Equatable {
    public var subject: KeyDateSubject
    public var on: Day
    /// For the event certificate-issued: the decision letter's date; nil takes the latest on the case.
    public var decisionLetter: Day?
    /// For the rule tribunal-appeal: the mediation certificate's date, if any.
    public var mediationCertificate: Day?

    public init(subject: KeyDateSubject, on: Day, decisionLetter: Day? = nil, mediationCertificate: Day? = nil) {
        self.subject = subject
        self.on = on
        self.decisionLetter = decisionLetter
        self.mediationCertificate = mediationCertificate
    }
}

/// How an open key date ended: met (on a day, with a note if wanted), missed
/// (with what happened) or no longer needed (with why). Each stays on the
/// case's history.
public enum KeyDateOutcome: Sendable, Equatable {
    case met(on: Day, note: String?)
    case missed(what: String)
    case noLongerNeeded(why: String)

    public var status: KeyDateStatus {
        switch self {
        case .met: return .met
        case .missed: return .missed
        case .noLongerNeeded: return .cancelled
        }
    }

    /// The day it was met; nil for the others (settled today).
    public var day: Day? {
        if case .met(let day, _) = self { return day }
        return nil
    }

    public var text: String? {
        switch self {
        case .met(_, let note): return note.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        case .missed(let what): return what
        case .noLongerNeeded(let why): return why
        }
    }

    /// A met date is not in the future; what was missed and why a date is
    /// no longer needed are said.
    public func check(today: Day) throws {
        switch self {
        case .met(let day, let note):
            guard day <= today else {
                throw CaseloadError.invalid("a key date cannot be met on \(day.formatted), which is still to come")
            }
            try TextLimits.check(note ?? "", field: "note", limit: TextLimits.note)
        case .missed(let what):
            guard !what.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw CaseloadError.invalid("say what happened when the key date was missed")
            }
            try TextLimits.check(what, field: "what happened", limit: TextLimits.note)
        case .noLongerNeeded(let why):
            guard !why.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw CaseloadError.invalid("say why the key date is no longer needed (for example, entered with the wrong year)")
            }
            try TextLimits.check(why, field: "reason", limit: TextLimits.note)
        }
    }
}
