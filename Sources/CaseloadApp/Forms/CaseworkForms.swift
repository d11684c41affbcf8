import CaseloadCore
import CaseloadStore
import Foundation

/// Ending and adding key dates, closing and reopening a case, from the case file.
enum CaseworkForms {
    static func make(_ purpose: FormPurpose, _ context: FormContext) -> Form {
        switch purpose {
        case .settleKeyDate(let reference, _, let title): return makeSettle(purpose, reference, title)
        case .addKeyDate(let reference): return makeAdd(reference)
        case .closeCase(let reference): return makeClose(reference, context)
        case .reopenCase(let reference):
            return Form(purpose, title: "Reopen \(reference)", intro: [
                "The family has come back: the case opens again with its history; the closure stays on the record.",
            ], fields: [FormField("reason", "Why", .line, help: "Why the case is reopened (recorded)")])
        case .newCase: return NewCaseForm.make(context)
        case .editCase(let reference): return CaseEditForm.make(reference, context)
        default: return Form(purpose, title: "", fields: [])
        }
    }

    static func submit(_ form: inout Form, _ context: FormContext) -> StoreWork? {
        let reference = form.purpose.references.first ?? ""
        switch form.purpose {
        case .settleKeyDate(_, let id, _):
            guard let outcome = settleOutcome(&form, context) else { return nil }
            return .settleKeyDate(reference: reference, id: id, outcome: outcome)
        case .addKeyDate: return submitAdd(&form, context)
        case .closeCase: return submitClose(&form, reference)
        case .reopenCase:
            let reason = form.value("reason")
            if reason.isEmpty { form.set("reason", error: "Say why the case is reopened; it is recorded.") }
            guard form.errors.isEmpty else { return nil }
            return .reopenCase(reference: reference, reason: reason)
        case .newCase: return NewCaseForm.submit(&form, context)
        case .editCase: return CaseEditForm.submit(&form, context)
        default: return nil
        }
    }

    // MARK: Ending a key date

    static func makeSettle(_ purpose: FormPurpose, _ reference: String, _ title: String) -> Form {
        Form(purpose, title: "\(title) on \(reference)", intro: [
            "How did this key date end? It stays on the case's history as met, missed or no longer needed.",
        ], fields: [
            FormField("outcome", "It was", .choice([Choice("met", "Met"), Choice("missed", "Missed"),
                                                    Choice("cancelled", "No longer needed")])),
            FormField("on", "Met on", .date, text: "today", help: DatePhrase.help,
                      shownWhen: .init(field: "outcome", values: ["met"]), pastDates: true),
            FormField("note", "Note", .line, help: "Empty for none", shownWhen: .init(field: "outcome", values: ["met"])),
            FormField("what", "What happened", .note(rows: 3), shownWhen: .init(field: "outcome", values: ["missed"])),
            FormField("why", "Why", .note(rows: 3), help: "For example, the family moved out of the area",
                      shownWhen: .init(field: "outcome", values: ["cancelled"])),
        ]).picking("outcome", "met")
    }

    static func settleOutcome(_ form: inout Form, _ context: FormContext) -> KeyDateOutcome? {
        switch form.value("outcome") {
        case "met":
            // Its future is refused just below, in the words of this form.
            guard let on = FormValues.day(&form, "on", context, within: .keyEvent, required: "Give the day it was met.") else {
                return nil
            }
            guard on <= context.today else {
                form.set("on", error: "That is still to come; mark it met once it has happened.")
                return nil
            }
            return .met(on: on, note: FormValues.optional(form, "note"))
        case "missed":
            guard let what = FormValues.optional(form, "what") else {
                form.set("what", error: "Say what happened when it was missed.")
                return nil
            }
            return .missed(what: what)
        case "cancelled":
            guard let why = FormValues.optional(form, "why") else {
                form.set("why", error: "Say why it is no longer needed (for example, entered with the wrong year).")
                return nil
            }
            return .noLongerNeeded(why: why)
        default:
            form.set("outcome", error: "Choose met, missed or no longer needed.")
            return nil
        }
    }

    // MARK: Adding a key date

    static func makeAdd(_ reference: String) -> Form {
        Form(.addKeyDate(reference: reference), title: "Add a key date on \(reference)", intro: [
            "Say what happened (an LA letter, a review meeting) or choose one rule: every date that follows is worked out.",
        ], fields: [
            FormField("subject", "What happened", .choice(KeyDateSubject.all.map { Choice($0.id, $0.title) }),
                      help: "Type to filter, ↑ ↓ to choose"),
            FormField("on", "Dated", .date, help: "The day it happened, e.g. the date the letter was sent", pastDates: true)
                .lookingAhead(when: "subject", is: KeyDateSubject.all.filter(\.isUsuallyAhead).map(\.id)),
            FormField("letter", "Decision letter", .date,
                      help: "The date the letter was sent: the appeal runs from it too. Empty: the latest on the case",
                      shownWhen: .init(field: "subject", values: [KeyEvent.certificateIssued.rawValue]), pastDates: true),
            FormField("note", "Note", .line, help: "Empty for none"),
        ])
    }

    static func submitAdd(_ form: inout Form, _ context: FormContext) -> StoreWork? {
        let subject = KeyDateSubject(id: form.value("subject"))
        if subject == nil { form.set("subject", error: "Choose what happened, or the rule whose date this is.") }
        let on = FormValues.day(&form, "on", context, within: .keyEvent, required: "Give the day it happened.")
        var letter: Day?
        if subject == .event(.certificateIssued) {
            letter = FormValues.day(&form, "letter", context, within: .decisionLetter)
            if let letter, let on, letter > on {
                form.set("letter", error: "The decision letter comes before the mediation certificate.")
            }
        }
        guard form.errors.isEmpty, let subject, let on else { return nil }
        return .recordKeyDates(reference: form.purpose.references.first ?? "",
                               KeyDateEntry(subject: subject, on: on, decisionLetter: letter),
                               note: FormValues.optional(form, "note"))
    }

    // MARK: Closing

    static func makeClose(_ reference: String, _ context: FormContext) -> Form {
        Form(.closeCase(reference: reference), title: "Close \(reference)", intro: [
            "A closed case keeps its history and can be reopened if the family comes back.",
            "A handover waiting on it is withdrawn.",
        ], fields: [
            FormField("reason", "Why", .choice(context.vocabulary.closureReasons.current.map { Choice($0.id, $0.label) }),
                      help: "Type to filter, ↑ ↓ to choose"),
            FormField("outcome", "Outcome", .note(rows: 3), help: "What the family achieved; empty for none"),
        ] + FeedbackQuestion.allCases.map { question in
            // The label is short for its column; the help asks the question in full.
            var field = FormField(question.rawValue, question.label,
                                  .choice(FeedbackAnswer.allCases.map { Choice($0.rawValue, $0.label) }),
                                  help: question.wording + " The family's answer; Not asked if it was not put to them")
            field.picked = [FeedbackAnswer.notAsked.rawValue]
            return field
        })
    }

    static func submitClose(_ form: inout Form, _ reference: String) -> StoreWork? {
        let reason = form.value("reason")
        if reason.isEmpty { form.set("reason", error: "Choose why the case is closing.") }
        var feedback = ClosureFeedback.notAsked
        for question in FeedbackQuestion.allCases {
            if let answer = FeedbackAnswer(rawValue: form.value(question.rawValue)) {
                feedback[question] = answer
            } else {
                form.set(question.rawValue, error: "Choose the family's answer: Not asked if the question was not put to them.")
            }
        }
        guard form.errors.isEmpty else { return nil }
        return .closeCase(reference: reference, reason: reason, outcome: FormValues.optional(form, "outcome"), feedback: feedback)
    }
}
