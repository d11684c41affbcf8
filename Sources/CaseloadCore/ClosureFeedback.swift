/// A family's answer to one of the questions a service asks when a case
/// closes. "Not asked" and "declined" are answers too: the return counts
/// how often families were asked, not only what they said.
public enum FeedbackAnswer: String, CaseIterable, Codable, Sendable {
    case yes, no, notAsked = "not-asked", declined

    public var label: String {
        switch self {
        case .yes: return "Yes"
        case .no: return "No"
        case .notAsked: return "Not asked"
        case .declined: return "Declined"
        }
    }

    /// The four as they are typed: "yes, no, not-asked or declined".
    public static let typed = "yes, no, not-asked or declined"

    /// An answer as typed; "Not asked" and "not_asked" are understood too.
    public init(parsing text: String, for question: FeedbackQuestion) throws {
        let folded = text.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: " ", with: "-").replacingOccurrences(of: "_", with: "-")
        guard let answer = FeedbackAnswer(rawValue: folded) else {
            throw CaseloadError.invalid("“\(text)” is not an answer to “\(question.wording)”: give \(Self.typed)")
        }
        self = answer
    }
}

/// The three questions, in the order they are asked.
public enum FeedbackQuestion: String, CaseIterable, Sendable {
    case useful, helped, recommend

    public var wording: String {
        switch self {
        case .useful: return "Was the information useful?"
        case .helped: return "Did the support help?"
        case .recommend: return "Would you recommend the service?"
        }
    }

    /// The column on `case_file`, and the field its history is kept under.
    public var field: String { "feedback_" + rawValue }

    /// In short, for a form's label column and the timeline ("Feedback:
    /// information useful – Yes").
    public var label: String {
        switch self {
        case .useful: return "Information useful"
        case .helped: return "Support helped"
        case .recommend: return "Would recommend"
        }
    }

    public init?(field: String) {
        guard field.hasPrefix("feedback_") else { return nil }
        self.init(rawValue: String(field.dropFirst("feedback_".count)))
    }
}

/// The family's feedback at closure, one answer to each question.
public struct ClosureFeedback: Codable, Sendable, Equatable {
    public var useful: FeedbackAnswer
    public var helped: FeedbackAnswer
    public var recommend: FeedbackAnswer

    public init(useful: FeedbackAnswer = .notAsked, helped: FeedbackAnswer = .notAsked, recommend: FeedbackAnswer = .notAsked) {
        self.useful = useful
        self.helped = helped
        self.recommend = recommend
    }

    /// Nothing was asked: what a closure records unless told otherwise.
    public static let notAsked = ClosureFeedback()

    public subscript(question: FeedbackQuestion) -> FeedbackAnswer {
        get {
            switch question {
            case .useful: return useful
            case .helped: return helped
            case .recommend: return recommend
            }
        }
        set {
            switch question {
            case .useful: useful = newValue
            case .helped: helped = newValue
            case .recommend: recommend = newValue
            }
        }
    }
}
