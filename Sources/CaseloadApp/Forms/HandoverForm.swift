import CaseloadCore
import CaseloadStore
import Foundation

/// Moving cases between workers, and telling the family.
enum HandoverForm {
    static func workerChoices(_ context: FormContext, excluding: Set<String>) -> [Choice] {
        context.workers.filter { $0.active && !excluding.contains($0.login) }.map {
            Choice($0.login, "\(Words.worker(name: $0.name, login: $0.login)), \($0.openCases) open, weight \($0.weight)/\($0.capacity)",
                   matching: "\($0.name) \($0.login)")
        }
    }

    static func describe(_ references: [String]) -> String {
        references.count == 1 ? references[0] : "\(references.count) tagged cases"
    }

    static func makeHandover(_ references: [String], _ context: FormContext) -> Form {
        Form(.handover(references), title: "Hand \(describe(references)) over", intro: [
            "The receiver accepts after reading the file; until then you stay responsible.",
            references.count == 1
                ? "The summary starts from the facts on file (open actions, next key dates, consents, safeguarding, the last three contacts): put them right and add what the receiver must know."
                : "Each case's facts on file (open actions, next key dates, consents, safeguarding, the last three contacts) are added below your summary.",
            "Notes accumulate across handovers; nothing is overwritten.",
        ], fields: [
            FormField("to", "To", .choice(workerChoices(context, excluding: [context.user.login])),
                      help: "Type to filter by name or login"),
            FormField("summary", "Summary", .note(rows: 6),
                      help: "What the receiver must know: the family, what is happening, what you promised"),
        ])
    }

    static func makeReassign(_ references: [String], _ context: FormContext) -> Form {
        Form(.reassign(references), title: "Reassign \(describe(references)) now", intro: [
            "A supervisor's reassignment takes effect at once and is recorded with your reason.",
        ], fields: [
            FormField("to", "To", .choice(workerChoices(context, excluding: [])), help: "Type to filter by name or login"),
            FormField("reason", "Reason", .line),
        ])
    }

    static let tellingModes = [
        Choice("phone", "Phone call"), Choice("letter", "Letter"), Choice("email", "Email"),
        Choice("in-person", "In person"), Choice("text", "Text message"),
    ]

    static func makeFamilyTold(_ reference: String, _ context: FormContext) -> Form {
        Form(.familyTold(reference: reference), title: "The family of \(reference) told about their new worker", intro: [
            "Record when and how the family heard who their new worker is.",
        ], fields: [
            FormField("how", "How", .choice(tellingModes)),
        ] + FormField.when(context) + [
            FormField("letter", "Write the letter to the family to a file for printing", .check, help: "Space ticks"),
        ])
    }

    static func submitHandover(_ form: inout Form) -> StoreWork? {
        let to = form.value("to")
        if to.isEmpty { form.set("to", error: "Choose who receives the case.") }
        let summary = form.value("summary")
        if summary.isEmpty { form.set("summary", error: "Write a summary for the receiver.") }
        guard form.errors.isEmpty else { return nil }
        // A single case's summary started from its facts (see the intro).
        return .handOver(form.purpose.references, to: to, summary: summary, factsIncluded: form.purpose.references.count == 1)
    }

    static func submitReassign(_ form: inout Form) -> StoreWork? {
        let to = form.value("to")
        if to.isEmpty { form.set("to", error: "Choose who takes the case.") }
        let reason = form.value("reason")
        if reason.isEmpty { form.set("reason", error: "A reassignment needs a reason; it is recorded.") }
        guard form.errors.isEmpty else { return nil }
        return .reassign(form.purpose.references, to: to, reason: reason)
    }

    static func submitFamilyTold(_ form: inout Form, _ context: FormContext) -> StoreWork? {
        let how = form.value("how")
        if how.isEmpty { form.set("how", error: "Choose how the family was told.") }
        let at = FormValues.pastMoment(&form, context)
        guard form.errors.isEmpty, let at else { return nil }
        return .recordFamilyTold(FamilyToldInput(reference: form.purpose.references.first ?? "", how: how, at: at,
                                                 letter: form["letter"]?.checked ?? false))
    }
}
