import ArgumentParser
import CaseloadCore
import CaseloadStore

/// A person's details as options, shared by `party add` and `person edit`:
/// each one given is a change (an empty value clears it), a warning is yes or no.
struct PersonDetailOptions: ParsableArguments {
    @Option(name: .customLong("known-as"), help: ArgumentHelp("The name they go by.", valueName: "NAME"))
    var knownAs: String?

    @Option(help: ArgumentHelp("Their first language.", valueName: "LANGUAGE"))
    var language: String?

    @Option(help: ArgumentHelp("Whether they need an interpreter: yes or no.", valueName: "YES|NO"))
    var interpreter: String?

    @Option(help: ArgumentHelp("Phone number.", valueName: "NUMBER"))
    var phone: String?

    @Option(help: ArgumentHelp("Email address.", valueName: "ADDRESS"))
    var email: String?

    @Option(help: ArgumentHelp("Postal address (one line, commas between parts).", valueName: "TEXT"))
    var address: String?

    @Option(name: .customLong("contact-preferences"),
            help: ArgumentHelp("The preferred way and times to be contacted, e.g. \"text first, after 3pm\".", valueName: "TEXT"))
    var contactPreferences: String?

    @Option(name: .customLong("no-voicemail"), help: ArgumentHelp("Leave no voicemail: yes or no.", valueName: "YES|NO"))
    var noVoicemail: String?

    @Option(name: .customLong("do-not-write"),
            help: ArgumentHelp("Letters must not go to their address: yes or no (letters are then refused).", valueName: "YES|NO"))
    var doNotWrite: String?

    @Option(name: .customLong("do-not-share"),
            help: ArgumentHelp("Never pass on their contact details (e.g. a parent fleeing domestic abuse): yes or no.",
                               valueName: "YES|NO"))
    var doNotShare: String?

    @Option(help: ArgumentHelp("A professional's organisation, e.g. a school or the local authority.", valueName: "NAME"))
    var organisation: String?

    @Option(name: .customLong("job"), help: ArgumentHelp("A professional's role: SENCO, social worker, health visitor, SEN officer ...",
                                                       valueName: "ROLE"))
    var professionalRole: String?

    var fields: [PersonField: String] {
        let given: [(PersonField, String?)] = [
            (.knownAs, knownAs), (.language, language), (.interpreter, interpreter), (.phone, phone), (.email, email),
            (.address, address), (.contactPreferences, contactPreferences), (.noVoicemail, noVoicemail),
            (.doNotWrite, doNotWrite), (.doNotShare, doNotShare), (.organisation, organisation),
            (.professionalRole, professionalRole),
        ]
        return Dictionary(uniqueKeysWithValues: given.compactMap { field, value in value.map { (field, $0) } })
    }
}

struct PartyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "party",
        abstract: "Add someone to a case, or take off someone no longer involved (kept on its history).",
        subcommands: [Add.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a parent or carer, a family member or a professional to an open case; prints their person id.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The case reference.", valueName: "REF"))
        var reference: String

        @Option(help: ArgumentHelp("Their full name.", valueName: "NAME"))
        var name: String

        @Option(help: ArgumentHelp("parent (or carer), family (another family member or other) or professional.", valueName: "ROLE"))
        var role: String

        @Flag(name: .customLong("parental-responsibility"), help: "They have parental responsibility.")
        var parentalResponsibility = false

        @Flag(name: .customLong("main-contact"), help: "Make them the case's main contact (there is one).")
        var mainContact = false

        @OptionGroup var details: PersonDetailOptions

        @Option(help: ArgumentHelp("Why they are added (kept on the case's history).", valueName: "TEXT"))
        var reason: String?

        @Flag(help: "Print the new person as JSON.")
        var json = false

        func run() throws {
            try Session.run(global.values) { session in
                var party = NewParty(name: name, role: try PartyCommand.role(role))
                party.parentalResponsibility = parentalResponsibility
                party.mainContact = mainContact
                party.details = details.fields
                party.reason = reason
                let id = try session.store.addParty(reference, party, by: session.actor)
                let case_ = try CaseReference(parsing: reference)
                if json { return try Output.json(["reference": case_.description, "personId": id]) }
                Output.line("Added \(name) to \(case_) (person \(id.suffix(8))).")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Take someone no longer involved off an open case, saying why: they stay on its history as removed.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The case reference.", valueName: "REF"))
        var reference: String

        @Argument(help: ArgumentHelp("Their name on the case, or their person id (its last 8 characters will do).", valueName: "PERSON"))
        var person: String

        @Option(help: ArgumentHelp("Why they are no longer involved.", valueName: "TEXT"))
        var reason: String

        func run() throws {
            try Session.run(global.values) { session in
                try session.store.removeParty(reference, person: person, reason: reason, by: session.actor)
                Output.line("Removed \(person) from \(try CaseReference(parsing: reference)); kept on its history.")
            }
        }
    }

    static func role(_ text: String) throws -> PartyRole {
        switch text.lowercased() {
        case "parent", "carer", "parent-carer": return .parentCarer
        case "family", "other", "family-member": return .other
        case "professional": return .professional
        case "child", "subject", "young-person":
            throw CaseloadError.invalid("a case is about the child or young person it was opened for; "
                + "--role is parent, family or professional")
        default: throw CaseloadError.invalid("\(SafeText.inline(text)) is not a role on a case; use parent, family or professional (--role)")
        }
    }
}

struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person",
        abstract: "Keep a person's details current.",
        subcommands: [Edit.self])

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change a person's details on an open case: names, date of birth, language, contact details and "
                + "safe-contact warnings, and the special-category details (shown only with case show --special). "
                + "Every change is kept on the case's history; an empty value clears a detail.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The case reference.", valueName: "REF"))
        var reference: String

        @Argument(help: ArgumentHelp("child, their name on the case, or their person id (its last 8 characters will do).", valueName: "PERSON"))
        var person: String

        @Option(help: ArgumentHelp("Their full name (the search follows it).", valueName: "NAME"))
        var name: String?

        @Option(help: ArgumentHelp("Their date of birth.", valueName: "DD/MM/YYYY"))
        var dob: String?

        @OptionGroup var details: PersonDetailOptions

        @Option(help: ArgumentHelp("Special category: ethnicity.", valueName: "TEXT"))
        var ethnicity: String?

        @Option(help: ArgumentHelp("Special category: religion or belief.", valueName: "TEXT"))
        var religion: String?

        @Option(name: .customLong("health-notes"), help: ArgumentHelp("Special category: health.", valueName: "TEXT"))
        var healthNotes: String?

        @Option(name: .customLong("parental-responsibility"), help: ArgumentHelp("yes or no.", valueName: "YES|NO"))
        var parentalResponsibility: String?

        @Flag(name: .customLong("main-contact"), help: "Make them the case's main contact.")
        var mainContact = false

        @Option(help: ArgumentHelp("Why (kept with each change).", valueName: "TEXT"))
        var reason: String?

        @Flag(help: "Print the changes as JSON.")
        var json = false

        func run() throws {
            try Session.run(global.values) { session in
                var edit = PersonEdit(fields: details.fields)
                let more: [(PersonField, String?)] = [(.fullName, name), (.dateOfBirth, dob), (.ethnicity, ethnicity),
                                                      (.religion, religion), (.healthNotes, healthNotes)]
                for case let (field, value?) in more { edit.fields[field] = value }
                edit.parentalResponsibility = try parentalResponsibility.map { try PersonField.yesNo($0, "--parental-responsibility") }
                edit.mainContact = mainContact ? true : nil
                edit.reason = reason
                let changes = try session.store.editPerson(reference, person: person, edit, by: session.actor)
                if json { return try Output.json(changes) }
                let case_ = try CaseReference(parsing: reference)
                // In words as the history shows them: a special-category value is not echoed.
                Output.line("Changed on \(case_): " + (try session.store.words(forChangesTo: changes)) + ".")
            }
        }
    }
}
