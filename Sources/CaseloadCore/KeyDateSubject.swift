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
