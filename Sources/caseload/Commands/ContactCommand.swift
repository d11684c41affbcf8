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

        @Option(help: ArgumentHelp("Why you act on a case outside your caseload (recorded); not needed on your own.", valueName: "TEXT"))
        var reason: String?

        @Flag(name: .customLong("complete-actions"), help: "This contact completes the case's open actions (the case's worker or a supervisor).")
        var completeActions = false

        @Option(name: .customLong("key-date"),
                help: ArgumentHelp("A key event learnt in this contact (or one rule): every date that follows is added. See caseload keydate add --help.",
                                   valueName: "EVENT|RULE"))
        var keyDate: KeyDateSubject?

        @Flag(name: .customLong("meets"),
              help: "With --key-date: the event met the case's dates it meets (the review meeting, the annual review): mark them met on its day.")
        var meets = false

        @Option(name: .customLong("key-date-from"), help: ArgumentHelp("The day the key event happened.", valueName: "DD/MM/YYYY"))
        var keyDateFrom: String?

        @Option(name: .customLong("decision-letter"),
                help: ArgumentHelp("With --key-date certificate-issued: the date the decision letter was sent (default: the latest on the case).",
                                   valueName: "DD/MM/YYYY"))
        var decisionLetter: String?

        func run() throws {
            try Session.run(global.values) { session in
                var contact = NewContact(mode: mode, summary: try Parse.text(summary))
                contact.advice = advice
                contact.minutes = minutes
                contact.occurredAt = try Parse.pastMoment(at, "the contact time", flag: "--at \"DD/MM/YYYY HH:MM\"", in: session.store.timeZone)
                contact.meetingType = meetingType
                contact.parties = parties
                contact.followUp = try Parse.day(followUp, .followUp, flag: "--follow-up DD/MM/YYYY")
                contact.followUpText = followUpText
                contact.amends = amends
                contact.completesActions = completeActions
                if (keyDate == nil) != (keyDateFrom == nil) {
                    throw CaseloadError.invalid("--key-date and --key-date-from go together: what happened, and the day it happened")
                }
                if meets && keyDate == nil { throw CaseloadError.invalid("--meets goes with --key-date: the event that met the dates") }
                contact.keyDateMeets = meets
                if decisionLetter != nil && keyDate != .event(.certificateIssued) {
                    throw CaseloadError.invalid("--decision-letter goes with --key-date certificate-issued")
                }
                if let keyDate, let on = try Parse.eventDay(keyDateFrom, for: keyDate, flag: "--key-date-from DD/MM/YYYY") {
                    contact.keyDate = KeyDateEntry(subject: keyDate, on: on,
                                                   decisionLetter: try Parse.day(decisionLetter, .decisionLetter, flag: "--decision-letter DD/MM/YYYY", direction: .past))
                }
                if followUpText != nil && followUp == nil {
                    throw CaseloadError.invalid("--follow-up-text needs a due date: add --follow-up DD/MM/YYYY")
                }
                let logged = try session.store.addContact(to: reference, contact, reason: reason, by: session.actor)
                Output.line("Logged contact \(logged.id) on \(try CaseReference(parsing: reference))."
                    + (contact.followUp.map { " Follow-up due \($0)." } ?? ""))
                if let recorded = logged.keyDates { KeyDateOutput.print(recorded, marked: meets) }
            }
        }
    }
}
