import CaseloadCore
import CaseloadStore
import Foundation

/// Logging a contact, or correcting one (a new contact linked to the original).
enum ContactForm {
    static let partyRoles = [
        Choice("parent-carer", "Parent or carer"), Choice("young-person", "Young person"),
        Choice("senco", "SENCO or school staff"), Choice("la-officer", "LA SEN officer"),
        Choice("health", "Health professional"), Choice("social-worker", "Social worker"),
        Choice("interpreter", "Interpreter"), Choice("other", "Someone else"),
    ]

    static func make(_ purpose: FormPurpose, _ context: FormContext) -> Form {
        let vocabulary = context.vocabulary
        let modes = vocabulary.contactModes.current.map { Choice($0.id, $0.label) }
        let meetingModes = meetingModes(vocabulary)
        var people: [Choice] = []
        if let detail = context.detail {
            for party in detail.people where party.role != .professional || party.organisation != nil {
                let role = Words.role(party.professionalRole ?? party.role.rawValue, vocabulary)
                people.append(Choice("person:" + party.personId, "\(party.name) (\(role))"))
            }
        }
        let openActions = context.detail?.openActions.count
        let openKeyDates = (context.detail?.keyDates ?? []).filter { $0.status == .open }
            .map { Choice($0.id, "\($0.title), due \($0.dueOn)") }
        var fields = [
            FormField("mode", "How", .choice(modes), help: "Type to filter, ↑ ↓ to choose"),
            FormField("meetingType", "Meeting type", .choice(vocabulary.meetingTypes.current.map { Choice($0.id, $0.label) }),
                      shownWhen: .init(field: "mode", values: meetingModes)),
        ] + FormField.when(context) + [
            FormField("minutes", "Minutes spent", .number),
            FormField("parties", "Who was there", .choices(people + partyRoles), help: "Space ticks; type to filter"),
            FormField("summary", "Summary", .note(rows: 6), help: "What was said. Ctrl-E opens your own editor"),
            FormField("advice", "Advice given", .note(rows: 3)),
            FormField("followUp", "Follow-up action", .line, help: "Leave empty for none"),
            FormField("followUpDue", "Follow-up due", .date, text: "+2w", help: DatePhrase.help,
                      shownWhen: .init(field: "followUp", values: ["*"])),
            FormField("completes", openActions.map { "Completes the \(Plural.count($0, "open action"))" }
                        ?? "Completes the open actions", .check, help: "Space ticks"),
            FormField("meetsKeyDate", "Meets key date", .choice(openKeyDates),
                      help: "This contact meets one of the case's key dates (marked met on its day)"),
            FormField("keyDateRule", "Key date learnt", .choice(KeyDateSubject.all.map { Choice($0.id, $0.title) }),
                      help: "What happened, e.g. an LA decision letter: every date that follows is worked out"),
            FormField("keyDateFrom", "Dated", .date, help: "The day it happened, e.g. the date the letter was sent",
                      shownWhen: .init(field: "keyDateRule", values: ["*"]), pastDates: true)
                .lookingAhead(when: "keyDateRule", is: KeyDateSubject.all.filter(\.isUsuallyAhead).map(\.id)),
            FormField("keyDateLetter", "Decision letter", .date,
                      help: "The date the letter was sent: the appeal runs from it too. Empty: the latest on the case",
                      shownWhen: .init(field: "keyDateRule", values: [KeyEvent.certificateIssued.rawValue]), pastDates: true),
        ]
        if openKeyDates.isEmpty { fields.removeAll { $0.id == "meetsKeyDate" } }
        // Nothing to complete: no box offering to complete none.
        if openActions == 0 { fields.removeAll { $0.id == "completes" } }
        var title = "Log a contact on \(purpose.references.first ?? "")"
        var intro = ["Contacts are never edited: a correction is added and linked to the original."]
        if case .amend(let reference, _, let original) = purpose {
            title = "Correct a contact on \(reference)"
            intro = ["The original stays on the file; this correction is linked to it.", "Original: " + original]
            fields.removeAll { ["followUp", "followUpDue", "completes", "meetsKeyDate", "keyDateRule", "keyDateFrom",
                                "keyDateLetter"].contains($0.id) }
        }
        return Form(purpose, title: title, intro: intro, fields: fields)
    }

    /// The values a correction starts from: the original's mode, time,
    /// minutes, people, summary and advice, so only what was wrong is typed
    /// and the time stays the original's unless it is changed. Who was there
    /// was saved as labels; the form's own picker turns them back into choices.
    static func prefill(correcting original: LoggedContactRecord, in timeZone: TimeZone) -> [String: String] {
        let moment = Moment.format(original.occurredAt, in: timeZone)
        var values = ["mode": original.mode, "when": String(moment.prefix(10)), "at": String(moment.suffix(5)),
                      "summary": original.summary]
        values["meetingType"] = original.meetingType
        values["minutes"] = original.minutes.map(String.init)
        values["advice"] = original.advice
        values["partiesByLabel"] = original.parties
        return values
    }

    static func meetingModes(_ vocabulary: Vocabulary) -> Set<String> {
        Set(vocabulary.contactModes.current.filter { $0.meeting == true }.map(\.id))
    }

    static func submit(_ form: inout Form, _ context: FormContext) -> StoreWork? {
        let reference = form.purpose.references.first ?? ""
        let mode = form.value("mode")
        if mode.isEmpty { form.set("mode", error: "Choose how the contact happened (type to filter, e.g. phone).") }
        let occurredAt = FormValues.pastMoment(&form, context)
        var minutes: Int?
        if !form.value("minutes").isEmpty {
            if let value = Int(form.value("minutes")), (0...1440).contains(value) {
                minutes = value
            } else {
                form.set("minutes", error: "Minutes must be a whole number from 0 to 1440 (a day).")
            }
        }
        let summary = form.value("summary")
        if summary.isEmpty { form.set("summary", error: "Write what was said: a contact needs a summary.") }
        var followUp: Day?
        let followUpText = form.value("followUp")
        if !followUpText.isEmpty {
            followUp = FormValues.day(&form, "followUpDue", context, within: .followUp, required: "Say when the follow-up is due.")
            if let due = followUp, let occurredAt, due < Day(occurredAt, in: context.timeZone) {
                form.set("followUpDue", error: "The follow-up is due before the contact itself.")
            }
        }
        var keyDate: KeyDateEntry?
        if let subject = KeyDateSubject(id: form.value("keyDateRule")),
           let from = FormValues.day(&form, "keyDateFrom", context, within: .keyEvent, required: "Give the day it happened.") {
            var letter: Day?
            if subject == .event(.certificateIssued) {
                letter = FormValues.day(&form, "keyDateLetter", context, within: .decisionLetter)
                if let letter, letter > from {
                    form.set("keyDateLetter", error: "The decision letter comes before the mediation certificate.")
                }
            }
            keyDate = KeyDateEntry(subject: subject, on: from, decisionLetter: letter)
        }
        guard form.errors.isEmpty, let occurredAt else { return nil }

        var input = ContactInput(reference: reference, mode: mode, occurredAt: occurredAt, summary: summary)
        input.minutes = minutes
        if meetingModes(context.vocabulary).contains(mode), !form.value("meetingType").isEmpty { input.meetingType = form.value("meetingType") }
        if let parties = form["parties"], !parties.picked.isEmpty {
            let labels = Dictionary(uniqueKeysWithValues: parties.options.map { ($0.id, $0.label) })
            input.parties = parties.picked.compactMap { labels[$0] }.joined(separator: ", ")
        }
        input.advice = form.value("advice").isEmpty ? nil : form.value("advice")
        input.followUp = followUp
        input.followUpText = followUpText.isEmpty ? nil : followUpText
        input.completesActions = form["completes"]?.checked ?? false
        input.keyDate = keyDate
        input.meetsKeyDate = form.value("meetsKeyDate").isEmpty ? nil : form.value("meetsKeyDate")
        if case .amend(_, let id, _) = form.purpose { input.amends = id }
        return .logContact(input)
    }
}

/// Reading typed values the same way in every form, with the problem put
/// next to the field.
enum FormValues {
    /// A date field read against the range that makes sense for it (nil
    /// where the form checks the date by a rule of its own, such as an age).
    static func day(_ form: inout Form, _ id: String, _ context: FormContext, within range: DateRange?,
                    required: String? = nil) -> Day? {
        let text = form.value(id)
        guard !text.isEmpty else {
            if let required { form.set(id, error: required) }
            return nil
        }
        do {
            let day = try DatePhrase.parse(text, today: context.today, direction: form[id].map(form.dateDirection) ?? .future)
            return try range?.check(day) ?? day
        } catch let error as CaseloadError {
            form.set(id, error: error.message)
        } catch {
            form.set(id, error: "\(error)")
        }
        return nil
    }

    static func moment(_ form: inout Form, day dayField: String, time timeField: String, _ context: FormContext) -> Date? {
        guard let day = Self.day(&form, dayField, context, within: .past("the date", today: context.today),
                                 required: "Give the date.") else { return nil }
        let time = form.value(timeField).isEmpty ? "12:00" : form.value(timeField)
        do {
            return try Moment.parse(day.formatted + " " + time, in: context.timeZone)
        } catch let error as CaseloadError {
            form.set(timeField, error: error.message)
        } catch {
            form.set(timeField, error: "\(error)")
        }
        return nil
    }

    /// "When" and "At" read as one moment, which cannot be in the future
    /// (a few minutes' grace for a clock or two that differ).
    static func pastMoment(_ form: inout Form, _ context: FormContext) -> Date? {
        let moment = self.moment(&form, day: "when", time: "at", context)
        if let moment, moment.timeIntervalSince(context.now) > 300 {
            form.set("when", error: "That is in the future; record it once it has happened.")
            return nil
        }
        return moment
    }

    static func optional(_ form: Form, _ id: String) -> String? {
        let value = form.value(id)
        return value.isEmpty ? nil : value
    }
}
