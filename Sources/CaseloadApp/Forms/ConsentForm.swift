import CaseloadCore
import CaseloadStore
import Foundation

/// Consent for an open family-support referral recorded after it was
/// flagged (then it can be sent), or withdrawn (then it cannot).
enum ConsentForm {
    static let given = "given", withdrawn = "withdrawn", someoneElse = "other"

    static func make(_ reference: String, _ context: FormContext) -> Form {
        // The people on the case, when its file is the one open.
        var people: [Choice] = []
        if let detail = context.detail, detail.reference == reference {
            for party in detail.people where party.role == .parentCarer || party.role == .subject {
                let role = party.role == .subject ? "young person" : "parent or carer"
                people.append(Choice("person:" + party.personId, "\(party.name) (\(role))"))
            }
        }
        let isGiven: FormField.Condition = .init(field: "status", values: [given])
        let isWithdrawn: FormField.Condition = .init(field: "status", values: [withdrawn])
        var form = Form(.consent(reference: reference), title: "Consent for the referral on \(reference)", intro: [
            "Once consent is recorded the referral can be sent; once it is withdrawn it cannot.",
            "Each consent supersedes the one before, and both stay on the case.",
        ], fields: [
            FormField("status", "Consent is", .choice([Choice(given, "Given"), Choice(withdrawn, "Withdrawn")])),
            FormField("who", "Who", .choice(people + [Choice(someoneElse, "Someone else: type their name below")]),
                      help: "Type to filter, ↑ ↓ to choose"),
            FormField("name", "Their name", .line, shownWhen: .init(field: "who", values: [someoneElse])),
            FormField("role", "Their role", .choice(FlagForm.consentRoles),
                      help: "Empty: from the person chosen above"),
            FormField("method", "How", .choice(ConsentMethod.allCases.map { Choice($0.rawValue, $0.rawValue.capitalized) })),
            FormField("on", "When", .date, text: "today", help: DatePhrase.help, pastDates: true),
            FormField("scope", "Consent covers", .line, text: "Referral to the Children's Trust for family support",
                      shownWhen: isGiven),
            FormField("note", "Note", .note(rows: 3), help: "What they said, and why it is withdrawn",
                      shownWhen: isWithdrawn),
        ]).picking("status", given)
        if people.isEmpty { form = form.picking("who", someoneElse) }
        return form
    }

    static func submit(_ form: inout Form, _ context: FormContext) -> StoreWork? {
        let isWithdrawn = form.value("status") == withdrawn
        let who = form.value("who")
        var name = ""
        var role = form.value("role")
        if who == someoneElse || who.isEmpty {
            name = form.value("name")
            if who.isEmpty {
                form.set("who", error: "Choose who gave consent, or Someone else and type their name.")
            } else if name.isEmpty {
                form.set("name", error: "Type the name of the person who \(isWithdrawn ? "withdrew" : "gave") consent.")
            }
        } else if let option = form["who"]?.options.first(where: { $0.id == who }) {
            // "Name (parent or carer)": the name, and the role if none is chosen.
            let label = option.label
            let open = label.range(of: " (", options: .backwards)
            name = open.map { String(label[..<$0.lowerBound]) } ?? label
            if role.isEmpty { role = label.hasSuffix("(young person)") ? "young-person" : "parent-carer" }
        }
        if role.isEmpty { form.set("role", error: "Choose their role: a parent or carer, or the young person.") }
        let method = ConsentMethod(rawValue: form.value("method"))
        if method == nil { form.set("method", error: "Choose how: verbal, written or electronic.") }
        let on = FormValues.day(&form, "on", context, within: .past("the consent date", today: context.today), required: "Say when.")
        if let on, on > context.today { form.set("on", error: "That is still to come; record consent once it is given.") }
        let scope = isWithdrawn ? form.value("note") : form.value("scope")
        if scope.isEmpty {
            if isWithdrawn {
                form.set("note", error: "Say what was said: a withdrawal is recorded with a note.")
            } else {
                form.set("scope", error: "Say what the consent covers.")
            }
        }
        guard form.errors.isEmpty, let method, let on else { return nil }
        return .recordConsent(ConsentInput(givenBy: name, role: role, method: method, givenOn: on, scope: scope),
                              reference: form.purpose.references.first ?? "", withdrawn: isWithdrawn)
    }
}
