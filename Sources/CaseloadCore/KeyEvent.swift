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

    /// Dates the event may have met: the review meeting held is the annual
    /// review, the LA's letter its decision, the plan issued the plan due.
    /// Recording the event offers to mark these met on its day; it never
    /// marks them by itself, as the meeting may be for another review.
    public var meets: [DeadlineRule] {
        switch self {
        case .reviewMeeting: return [.annualReview]
        case .decisionLetter: return [.ehcDecision, .ehcNoPlanNotice, .annualReviewDecision]
        case .planIssued: return [.ehcFinalPlan, .reviewAmendedPlan, .amendedPlan]
        case .mediationRequested, .mediationDeclined: return [.mediationAdviser]
        case .mediationEnded: return [.mediationMeeting]
        case .certificateIssued: return [.mediationCertificate]
        case .amendmentNotice: return [.annualReviewDecision]
        default: return []
        }
    }

    /// Whether the event's date is usually still to come (a review meeting),
    /// so that a date typed without its year means the next one.
    public var isUsuallyAhead: Bool { self == .reviewMeeting }
}
