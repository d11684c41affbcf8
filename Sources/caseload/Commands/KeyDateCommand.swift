import ArgumentParser
import CaseloadCore
import CaseloadStore

struct KeyDateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keydate",
        abstract: "Record key dates on a case; the calendar works out when each falls due.",
        subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a key date to a case.",
            discussion: DeadlineCommand.rulesHelp)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The case reference.", valueName: "REF"))
        var reference: String

        @Argument(help: ArgumentHelp("The rule (see below).", valueName: "RULE"))
        var rule: DeadlineRule

        @Option(help: ArgumentHelp("The date the rule counts from.", valueName: "DD/MM/YYYY"))
        var from: String

        @Option(name: .customLong("mediation-certificate"), help: ArgumentHelp("For tribunal-appeal: the mediation certificate's date.", valueName: "DD/MM/YYYY"))
        var mediationCertificate: String?

        @Option(help: ArgumentHelp("A note.", valueName: "TEXT"))
        var note: String?

        func run() throws {
            try Session.run(global) { session in
                let deadline = try session.store.addKeyDate(
                    to: reference, rule: rule, from: try Day.parse(from),
                    mediationCertificate: try Parse.day(mediationCertificate), note: note, by: session.actor)
                Output.line("\(deadline.rule.title): due \(deadline.due).")
                for note in deadline.notes { Output.line("  " + note) }
            }
        }
    }
}
