import CaseloadCore
import CaseloadStore
import Foundation

/// The two roads from "is anyone at risk of significant harm?": a
/// safeguarding record (after phoning the children's front door), or a
/// family-support referral with its consent.
enum FlagForm {
    static let consentRoles = [
        Choice("parent-carer", "Parent or carer with parental responsibility"),
        Choice("young-person", "The young person (16 or over)"),
    ]

    static func makeReferral(_ reference: String, _ context: FormContext) -> Form {
        let reasons = context.vocabulary.referralReasons.current.map { Choice($0.id, $0.label) }
        let hasConsent: FormField.Condition = .init(field: "consentBy", values: ["*"])
        return Form(.flag(reference: reference), title: "Flag \(reference) for family support", intro: [
            "A referral to the Children's Trust for family support. It cannot be sent until consent is recorded;",
            "leave consent empty if it is not given yet (a supervisor may override it with a written reason).",
        ], fields: [
            FormField("reasons", "What for", .choices(reasons), help: "Space ticks; type to filter"),
            FormField("narrative", "Need in words", .note(rows: 4), help: "What the family needs and what they agreed to"),
            FormField("urgency", "Urgency", .choice([Choice("routine", "Routine"), Choice("priority", "Priority")]),
                      text: ""),
            FormField("consentBy", "Consent given by", .line, help: "Their name; empty if consent is not given yet"),
            FormField("consentRole", "Their role", .choice(consentRoles), shownWhen: hasConsent),
            FormField("consentMethod", "How given", .choice(ConsentMethod.allCases.map { Choice($0.rawValue, $0.rawValue.capitalized) }),
                      shownWhen: hasConsent),
            FormField("consentOn", "Given on", .date, text: "today", help: DatePhrase.help, shownWhen: hasConsent,
                      pastDates: true),
            FormField("consentScope", "Consent covers", .line, text: "Referral to the Children's Trust for family support",
                      shownWhen: hasConsent),
        ]).picking("urgency", "routine")
    }

    static func makeSafeguarding(_ reference: String, _ context: FormContext) -> Form {
        var form = Form(.safeguarding(reference: reference), title: "Safeguarding concern on \(reference)", intro: [
            "PHONE THE CHILDREN'S FRONT DOOR NOW (999 in an emergency). Then record it here.",
            "No family-support referral is made; the case is marked for your supervisor.",
        ], fields: [
            FormField("told", "Who you told", .line, help: "Name and team at the children's front door (or police)"),
            FormField("theirReference", "Their reference", .line, help: "Empty if they gave none"),
        ] + FormField.when(context) + [
            FormField("note", "What happened", .note(rows: 4)),
        ])
        form.introIsAlarm = true
        return form
    }

    static func submitReferral(_ form: inout Form, _ context: FormContext) -> StoreWork? {
        let narrative = form.value("narrative")
        if narrative.isEmpty { form.set("narrative", error: "Say what the family needs and what they agreed to.") }
        let urgency = Urgency(rawValue: form.value("urgency")) ?? .routine
        var consent: ConsentInput?
        let by = form.value("consentBy")
        if !by.isEmpty {
            let role = form.value("consentRole")
            if role.isEmpty { form.set("consentRole", error: "Choose who gave consent: a parent or carer, or the young person.") }
            let method = ConsentMethod(rawValue: form.value("consentMethod"))
            if method == nil { form.set("consentMethod", error: "Choose how consent was given: verbal, written or electronic.") }
            let on = FormValues.day(&form, "consentOn", context, within: .past("the consent date", today: context.today), required: "Say when consent was given.")
            if let on, on > context.today { form.set("consentOn", error: "Consent cannot be given in the future.") }
            let scope = form.value("consentScope")
            if scope.isEmpty { form.set("consentScope", error: "Say what the consent covers.") }
            if let method, let on, !role.isEmpty, !scope.isEmpty {
                consent = ConsentInput(givenBy: by, role: role, method: method, givenOn: on, scope: scope)
            }
        }
        guard form.errors.isEmpty else { return nil }
        return .flag(FlagInput(reference: form.purpose.references.first ?? "", reasons: form["reasons"]?.picked ?? [],
                               narrative: narrative, urgency: urgency, consent: consent))
    }

    static func submitSafeguarding(_ form: inout Form, _ context: FormContext) -> StoreWork? {
        let told = form.value("told")
        if told.isEmpty { form.set("told", error: "Say who you told at the children's front door.") }
        let at = FormValues.pastMoment(&form, context)
        guard form.errors.isEmpty, let at else { return nil }
        return .recordSafeguarding(SafeguardingInput(reference: form.purpose.references.first ?? "", told: told,
                                                     theirReference: FormValues.optional(form, "theirReference"),
                                                     note: FormValues.optional(form, "note"), at: at))
    }
}

extension Form {
    /// The form with a picker's value chosen (a default).
    func picking(_ id: String, _ value: String) -> Form {
        var form = self
        if let index = form.fields.firstIndex(where: { $0.id == id }) { form.fields[index].restore(value) }
        return form
    }
}
