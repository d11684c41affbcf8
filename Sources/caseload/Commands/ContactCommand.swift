import ArgumentParser
import CaseloadCore
import CaseloadStore

struct ContactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact",
        abstract: "Log contacts with families.",
        subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Log a contact on a case.",
            discussion: "Contacts are never edited: to correct one, log a new contact with --amends ID.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The case reference.", valueName: "REF"))
        var reference: String

        @Option(help: ArgumentHelp("How it happened: \(Bundled.ids(\.contactModes)).", valueName: "MODE"))
        var mode: String

        @Option(help: ArgumentHelp("What was said. Use - to read it from standard input.", valueName: "TEXT"))
        var summary: String

        @Option(help: ArgumentHelp("Advice given.", valueName: "TEXT"))
        var advice: String?

        @Option(help: "Minutes spent.")
        var minutes: Int?

        @Option(help: ArgumentHelp("When it happened (default now).", valueName: "DD/MM/YYYY HH:MM"))
        var at: String?

        @Option(name: .customLong("meeting-type"), help: ArgumentHelp("For meetings: \(Bundled.ids(\.meetingTypes)).", valueName: "TYPE"))
        var meetingType: String?

        @Option(help: ArgumentHelp("Who was present or on the call.", valueName: "TEXT"))
        var parties: String?

        @Option(name: .customLong("follow-up"), help: ArgumentHelp("Add a follow-up action due on this day.", valueName: "DD/MM/YYYY"))
        var followUp: String?

        @Option(name: .customLong("follow-up-text"), help: ArgumentHelp("What the follow-up is.", valueName: "TEXT"))
        var followUpText: String?

        @Option(help: ArgumentHelp("The id of a contact this one corrects.", valueName: "ID"))
        var amends: String?

        @Flag(name: .customLong("complete-actions"), help: "This contact completes the case's open actions.")
        var completeActions = false

        func run() throws {
            try Session.run(global.values) { session in
                var contact = NewContact(mode: mode, summary: try Parse.text(summary))
                contact.advice = advice
                contact.minutes = minutes
                contact.occurredAt = try at.map { try Moment.parse($0, in: session.store.timeZone) }
                contact.meetingType = meetingType
                contact.parties = parties
                contact.followUp = try Parse.day(followUp)
                contact.followUpText = followUpText
                contact.amends = amends
                contact.completesActions = completeActions
                if followUpText != nil && followUp == nil {
                    throw CaseloadError.invalid("--follow-up-text needs a due date: add --follow-up DD/MM/YYYY")
                }
                let id = try session.store.addContact(to: reference, contact, by: session.actor).id
                Output.line("Logged contact \(id) on \(try CaseReference(parsing: reference))."
                    + (contact.followUp.map { " Follow-up due \($0)." } ?? ""))
            }
        }
    }
}
