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
            commandName: "add",
            abstract: "Add a key date to a case.",
            discussion: DeadlineCommand.rulesHelp)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The case reference.", valueName: "REF"))
        var reference: String

        @OptionGroup var input: DeadlineInput

        @Option(help: ArgumentHelp("A note.", valueName: "TEXT"))
        var note: String?

        func run() throws {
            try Session.run(global.values) { session in
                let deadline = try session.store.addKeyDate(
                    to: reference, rule: input.rule, from: try input.anchor(),
                    mediationCertificate: try input.certificate(), note: note, by: session.actor)
                Output.line("\(deadline.rule.title): due \(deadline.due).")
                for note in deadline.notes { Output.line("  " + note) }
            }
        }
    }
}
