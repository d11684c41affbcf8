import CaseloadCore
import CaseloadStore
import Foundation

/// The people on a case, from its file (`p`): changing someone's details
/// and the warnings that keep contact with them safe, taking off someone no
/// longer involved, or adding someone. The form starts from what the file
/// holds and sends only what was changed, so each change is kept once.
enum PersonForm {
    /// Fields whose ids are a person's columns, in the order asked.
    private static let reach: [(PersonField, FormField.Kind, String?)] = [
        (.phone, .line, nil), (.email, .line, nil), (.address, .line, "One line, commas between its parts"),
        (.contactPreferences, .line, "How and when they like to be contacted, e.g. text first, after 3pm"),
        (.noVoicemail, .check, "Space ticks: leave no voicemail"),
        (.doNotWrite, .check, "Letters to this address are then refused"),
        (.doNotShare, .check, "For example a parent fleeing domestic abuse: never pass their details on"),
    ]

    private static func field(_ f: PersonField, _ kind: FormField.Kind, help: String? = nil,
                              shownWhen: FormField.Condition? = nil) -> FormField {
        // The form's labels fit its label column.
        FormField(f.rawValue, f == .contactPreferences ? "How and when" : f.label, kind, help: help, shownWhen: shownWhen)
    }

    static func makeEdit(_ reference: String, personId: String, _ context: FormContext) -> Form {
        let person = shown(reference, context)?.currentPeople.first { $0.personId == personId }
        let role = person?.role ?? .other
        var fields = [field(.fullName, .line), field(.knownAs, .line)]
        if role != .professional {
            var born = field(.dateOfBirth, .date, help: "dd/mm/yyyy")
            born.pastDates = true
            fields += [born, field(.language, .line), field(.interpreter, .check)]
        } else {
            fields += [field(.professionalRole, .line, help: "SENCO, social worker, health visitor, SEN officer ..."),
                       field(.organisation, .line)]
        }
        fields += reach.map { field($0.0, $0.1, help: $0.2) }
        if role == .parentCarer || role == .other {
            fields.append(FormField("parentalResponsibility", "Parental responsibility", .check))
        }
        if role != .subject {
            fields.append(FormField("mainContact", "Main contact", .check, help: "The case has one main contact"))
        }
        // Special-category details are only in the form while they are on screen.
        if shown(reference, context)?.specialShown == true {
            fields += [field(.ethnicity, .line), field(.religion, .line), field(.healthNotes, .line)]
        }
        fields.append(FormField("reason", "Why", .line, help: "Kept with each change; empty for none"))
        if role != .subject {
            fields.append(FormField("removeReason", "No longer involved", .line,
                                    help: "Say why to take them off the case instead (kept on its history)"))
        }
        var form = Form(.editPerson(reference: reference, personId: personId),
                        title: "\(person.map { SafeText.inline($0.name) } ?? "Someone") on \(reference)", intro: [
            "Change what is no longer right; each change is kept on the case's history with who and when.",
        ], fields: fields)
        if let person { form.restore(values(of: person), prefilled: true) }
        return form
    }

    static func makeAdd(_ reference: String) -> Form {
        let professional = FormField.Condition(field: "role", values: ["professional"])
        var fields = [
            FormField("role", "Who they are", .choice([Choice(PartyRole.parentCarer.rawValue, "Parent or carer"),
                                                       Choice(PartyRole.other.rawValue, "Family member or other"),
                                                       Choice(PartyRole.professional.rawValue, "Professional")])),
            field(.fullName, .line),
            field(.professionalRole, .line, help: "SENCO, social worker, health visitor, SEN officer ...", shownWhen: professional),
            field(.organisation, .line, help: "A school, the local authority, a health trust ...", shownWhen: professional),
            FormField("parentalResponsibility", "Parental responsibility", .check,
                      shownWhen: .init(field: "role", values: [PartyRole.parentCarer.rawValue, PartyRole.other.rawValue])),
        ]
        fields += reach.map { field($0.0, $0.1, help: $0.2) }
        fields += [FormField("mainContact", "Main contact", .check, help: "The case has one main contact"),
                   FormField("reason", "Why", .line, help: "Why they are added; empty for none")]
        return Form(.addParty(reference: reference), title: "Add someone to \(reference)", intro: [
            "A parent or carer, another family member, or a professional working with the child.",
        ], fields: fields).picking("role", PartyRole.parentCarer.rawValue)
    }

    static func submitEdit(_ form: inout Form, _ context: FormContext) -> StoreWork? {
        guard case .editPerson(let reference, let personId) = form.purpose else { return nil }
        guard let person = shown(reference, context)?.currentPeople.first(where: { $0.personId == personId }) else {
            form.set(PersonField.fullName.rawValue, error: "This person is no longer on the case file on screen; Esc and open it again.")
            return nil
        }
        let removal = form.value("removeReason")
        defer { if !form.errors.isEmpty { form.focusFirstError() } }
        var edit = PersonEdit()
        let before = values(of: person)
        for f in PersonField.allCases where form[f.rawValue] != nil {
            let now = form.value(f.rawValue)
            guard now != (before[f.rawValue] ?? "") else { continue }
            if f == .dateOfBirth, !now.isEmpty {
                // Typed as the date fields take dates; sent as the store reads them.
                guard let day = FormValues.day(&form, f.rawValue, context, within: nil) else { continue }
                if day.formatted != before[f.rawValue] { edit.fields[f] = day.formatted }
                continue
            }
            edit.fields[f] = f.isFlag ? (now == "yes" ? "yes" : "no") : now
        }
        if form["parentalResponsibility"] != nil, (form.value("parentalResponsibility") == "yes") != person.parentalResponsibility {
            edit.parentalResponsibility = form.value("parentalResponsibility") == "yes"
        }
        if form["mainContact"] != nil, (form.value("mainContact") == "yes") != person.mainContact {
            edit.mainContact = form.value("mainContact") == "yes"
        }
        guard form.errors.isEmpty else { return nil }
        if !removal.isEmpty {
            guard edit.isEmpty else {
                form.set("removeReason", error: "Take them off the case, or change their details: not both at once.")
                return nil
            }
            return .removeParty(reference: reference, personId: personId, reason: removal)
        }
        edit.reason = FormValues.optional(form, "reason")
        guard !edit.isEmpty else {
            form.set(PersonField.fullName.rawValue, error: "Nothing has changed: change a detail, or Esc leaves them as they are.")
            return nil
        }
        return .editPerson(reference: reference, personId: personId, edit: edit)
    }

    static func submitAdd(_ form: inout Form, _ context: FormContext) -> StoreWork? {
        guard case .addParty(let reference) = form.purpose else { return nil }
        let name = form.value(PersonField.fullName.rawValue)
        if name.isEmpty { form.set(PersonField.fullName.rawValue, error: "Give their name.") }
        guard let role = PartyRole(rawValue: form.value("role")) else {
            form.set("role", error: "Choose who they are.")
            return nil
        }
        guard form.errors.isEmpty else { return nil }
        var party = NewParty(name: name, role: role)
        party.parentalResponsibility = form.isShown(form["parentalResponsibility"]!) && form.value("parentalResponsibility") == "yes"
        party.mainContact = form.value("mainContact") == "yes"
        party.reason = FormValues.optional(form, "reason")
        for f in PersonField.allCases where f != .fullName {
            guard let shownField = form[f.rawValue], form.isShown(shownField) else { continue }
            let value = form.value(f.rawValue)
            if f.isFlag { if value == "yes" { party.details[f] = "yes" } } else if !value.isEmpty { party.details[f] = value }
        }
        return .addParty(reference: reference, party: party)
    }

    /// A person's details as the form's fields hold them.
    static func values(of p: CaseDetail.Party) -> [String: String] {
        func flag(_ on: Bool) -> String { on ? "yes" : "" }
        var values: [String: String] = [
            PersonField.fullName.rawValue: p.name, PersonField.knownAs.rawValue: p.knownAs ?? "",
            PersonField.dateOfBirth.rawValue: p.dateOfBirth?.formatted ?? "", PersonField.language.rawValue: p.language ?? "",
            PersonField.interpreter.rawValue: flag(p.interpreter), PersonField.phone.rawValue: p.phone ?? "",
            PersonField.email.rawValue: p.email ?? "", PersonField.address.rawValue: p.address ?? "",
            PersonField.contactPreferences.rawValue: p.contactPreferences ?? "",
            PersonField.noVoicemail.rawValue: flag(p.noVoicemail), PersonField.doNotWrite.rawValue: flag(p.doNotWrite),
            PersonField.doNotShare.rawValue: flag(p.doNotShare), PersonField.organisation.rawValue: p.organisation ?? "",
            PersonField.professionalRole.rawValue: p.professionalRole ?? "",
            "parentalResponsibility": flag(p.parentalResponsibility), "mainContact": flag(p.mainContact),
        ]
        for (f, value) in [(PersonField.ethnicity, p.ethnicity), (.religion, p.religion), (.healthNotes, p.healthNotes)] {
            values[f.rawValue] = value ?? ""
        }
        return values
    }

    /// The case file on screen, when it is this case's.
    private static func shown(_ reference: String, _ context: FormContext) -> CaseDetail? {
        context.detail?.reference == reference ? context.detail : nil
    }
}
