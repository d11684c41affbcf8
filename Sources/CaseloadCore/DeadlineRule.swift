/// The statutory and service timescales a caseworker tracks. The raw value is
/// the id typed on the command line and kept in the store, so an id never
/// changes once released; `facts` says what each rule is and where it comes from.
///
/// How the law counts (see `DeadlineCalculator`): "within N weeks of" an event
/// counts from the day after it; "N days beginning with the day" counts that
/// day as day 1; "the period of 12 months starting with" a date ends the day
/// before its anniversary.
public enum DeadlineRule: String, CaseIterable, Sendable, Codable {
    case ehcDecision = "ehc-decision"
    case ehcNoPlanNotice = "ehc-no-plan-notice"
    case ehcFinalPlan = "ehc-final-plan"
    case draftPlanResponse = "draft-plan-response"
    case mediationAdviser = "mediation-adviser"
    case tribunalAppeal = "tribunal-appeal"
    case mediationMeeting = "mediation-meeting"
    case mediationCertificate = "mediation-certificate"
    case annualReview = "annual-review"
    /// The id predates the rule's name: it is the advice circulated before the meeting.
    case annualReviewNotice = "annual-review-notice"
    case annualReviewReport = "annual-review-report"
    case annualReviewDecision = "annual-review-decision"
    case reviewAmendedPlan = "review-amended-plan"
    case amendmentResponse = "amendment-response"
    case amendedPlan = "amended-plan"
    case phaseTransfer = "phase-transfer"
    case phaseTransferPost16 = "phase-transfer-post-16"
    case post16Transfer = "post-16-transfer"
    case firstResponse = "first-response"
    case subjectAccess = "subject-access"

    /// What a rule is, what its date counts from, and the law it comes from.
    public struct Facts: Sendable, Equatable {
        /// A short name for lists and headings.
        public let title: String
        /// What the anchor (`--from`) date means.
        public let anchor: String
        /// The legal source in short, e.g. "SEND Regulations 2014, reg 13(1)(a)".
        public let source: String
        /// The source's own words for the time limit, quoted.
        public let wording: String
    }

    public var title: String { facts.title }
    public var anchorDescription: String { facts.anchor }
    public var source: String { facts.source }

    public var facts: Facts {
        switch self {
        case .ehcDecision:
            return Facts(title: "Decision whether to assess",
                         anchor: "the day the LA received the request for an EHC needs assessment",
                         source: "SEND Regulations 2014, reg 5(1)",
                         wording: "within 6 weeks of receiving a request")
        case .ehcNoPlanNotice:
            return Facts(title: "Notice that no EHC plan will be issued",
                         anchor: "the day the LA received the request for an EHC needs assessment",
                         source: "SEND Regulations 2014, reg 10(1)",
                         wording: "within 16 weeks of the request for a needs assessment")
        case .ehcFinalPlan:
            return Facts(title: "Final EHC plan",
                         anchor: "the day the LA received the request for an EHC needs assessment",
                         source: "SEND Regulations 2014, reg 13(2)",
                         wording: "within 20 weeks of the request for a needs assessment")
        case .draftPlanResponse:
            return Facts(title: "Comments on the draft EHC plan",
                         anchor: "the day the draft EHC plan was served",
                         source: "SEND Regulations 2014, reg 13(1)(a)",
                         wording: "at least 15 days, beginning with the day on which the draft plan was served")
        case .mediationAdviser:
            return Facts(title: "Contact a mediation adviser (before appealing)",
                         anchor: "the date the LA's decision letter was sent",
                         source: "SEND Regulations 2014, reg 33",
                         wording: "must contact the mediation adviser within 2 months after written notice of the local authority's decision was sent")
        case .tribunalAppeal:
            return Facts(title: "Appeal to the SEND Tribunal",
                         anchor: "the date the LA's decision letter was sent",
                         source: "Tribunal Procedure (HESC) Rules 2008, r 20(1)(c) and r 12",
                         wording: "within 2 months after written notice of the decision being challenged was sent, or within 1 month from the date of issue of the mediation certificate if that would be later; by 5pm on the last day")
        case .mediationMeeting:
            return Facts(title: "Mediation meeting",
                         anchor: "the day the LA was told the family wants mediation",
                         source: "SEND Regulations 2014, regs 32-42 (mediation)",
                         wording: "mediation within 30 days of the local authority being told that the family wishes to pursue it")
        case .mediationCertificate:
            return Facts(title: "Mediation certificate",
                         anchor: "the day the family declined mediation, mediation ended, or it became clear that mediation could not be arranged within 30 days",
                         source: "SEND Regulations 2014, reg 34 and regs 32-42 (mediation)",
                         wording: "the mediation adviser must issue the certificate within 3 working days")
        case .annualReview:
            return Facts(title: "Annual review",
                         anchor: "the date the EHC plan was first made or last reviewed",
                         source: "Children and Families Act 2014, s 44(1)",
                         wording: "in the period of 12 months starting with the date on which the plan was first made (then last reviewed)")
        case .annualReviewNotice:
            return Facts(title: "Advice and information circulated before the review meeting",
                         anchor: "the date of the annual review meeting",
                         source: "SEND Regulations 2014, regs 20(4) and 21(4)",
                         wording: "circulated at least two weeks in advance of the review meeting")
        case .annualReviewReport:
            return Facts(title: "Annual review report",
                         anchor: "the date of the annual review meeting",
                         source: "SEND Regulations 2014, regs 20 and 21",
                         wording: "a report of the meeting within two weeks of the review meeting")
        case .annualReviewDecision:
            return Facts(title: "LA decision after the annual review",
                         anchor: "the date of the annual review meeting",
                         source: "SEND Regulations 2014, regs 20 and 21",
                         wording: "within four weeks of the review meeting, decide whether to keep, amend or cease to maintain the plan")
        case .reviewAmendedPlan:
            return Facts(title: "Final amended EHC plan after the review",
                         anchor: "the date of the annual review meeting",
                         source: "R (L) v Devon CC [2022] EWHC 493 (Admin)",
                         wording: "no later than 12 weeks after the review meeting (4 weeks to the amendment notice and 8 more)")
        case .amendmentResponse:
            return Facts(title: "Response to the amendment notice",
                         anchor: "the day the amendment notice was served",
                         source: "SEND Regulations 2014, reg 22(2)(c)",
                         wording: "at least 15 days, beginning with the day on which the amendment notice was served")
        case .amendedPlan:
            return Facts(title: "Final amended EHC plan",
                         anchor: "the date of the amendment notice",
                         source: "SEND Regulations 2014, reg 22(3)",
                         wording: "within 8 weeks of the local authority sending the amendment notice")
        case .phaseTransfer:
            return Facts(title: "Phase transfer review",
                         anchor: "the date of the move to the next phase of education",
                         source: "SEND Regulations 2014, reg 18(1)(b)",
                         wording: "before 15th February in the calendar year of the transfer")
        case .phaseTransferPost16:
            return Facts(title: "Post-16 transfer review",
                         anchor: "the date of the move from secondary school to post-16 education",
                         source: "SEND Regulations 2014, reg 18(1)(a)",
                         wording: "before 31st March in the calendar year of the transfer")
        case .post16Transfer:
            return Facts(title: "Review before a move between post-16 institutions",
                         anchor: "the date of the move from one post-16 institution to another",
                         source: "SEND Regulations 2014, reg 18(2)",
                         wording: "at least 5 months before the transfer takes place")
        case .firstResponse:
            return Facts(title: "First response to an enquiry",
                         anchor: "the day the enquiry was received",
                         source: "Service charter",
                         wording: "a first response within 5 working days")
        case .subjectAccess:
            return Facts(title: "Answer to a subject access request",
                         anchor: "the day the subject access request was received",
                         source: "UK GDPR art 12(3); ICO guidance",
                         wording: "one month, to the corresponding calendar date; if that falls on a weekend or a public holiday, until the next working day")
        }
    }
}
