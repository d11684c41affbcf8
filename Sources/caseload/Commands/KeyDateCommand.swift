import ArgumentParser
import CaseloadCore
import CaseloadStore

struct KeyDateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keydate",
        abstract: "Record key dates on a case; the calendar works out when each falls due.",
        subcommands: [Add.self, Met.self, Missed.self, Cancel.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record what happened on a case (or one rule's date); every date that follows is added.",
            discussion: "Open dates of the same rules are replaced (a mediation certificate moves the appeal date) "
                + "and stay on the case's history, as do met and missed ones.\n\n" + DeadlineText.help)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The case reference.", valueName: "REF"))
        var reference: String

        @OptionGroup var input: DeadlineInput

        @Option(help: ArgumentHelp("A note.", valueName: "TEXT"))
        var note: String?

        @Flag(help: "The event met the case's dates it meets (the review meeting, the annual review): mark them met on its day.")
        var meets = false

        @Option(help: ArgumentHelp("Why you act on a case outside your caseload (recorded); not needed on your own.", valueName: "TEXT"))
        var reason: String?

        func run() throws {
            try Session.run(global.values) { session in
                let recorded = try session.store.recordKeyDates(on: reference, try input.entry(), note: note, markingMet: meets,
                                                                reason: reason, by: session.actor)
                KeyDateOutput.print(recorded, marked: meets)
            }
        }
    }
}

extension KeyDateCommand {
    /// The case and the rule whose open date ends, shared by met, missed and cancel.
    struct Settled: ParsableArguments {
        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The case reference.", valueName: "REF"))
        var reference: String

        @Argument(help: ArgumentHelp("The rule whose open date ends, e.g. annual-review.", valueName: "RULE"))
        var rule: DeadlineRule

        func settle(_ outcome: () throws -> KeyDateOutcome) throws {
            try Session.run(global.values) { session in
                let settled = try session.store.settleKeyDates(on: reference, rule: rule, as: try outcome(), by: session.actor)
                let word = ["met": "Met", "missed": "Missed", "cancelled": "Cancelled"][try outcome().status.rawValue] ?? ""
                for due in settled {
                    Output.line("\(word): \(rule.title), due \(due) (kept on the case's history).")
                }
            }
        }
    }

    struct Met: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "met", abstract: "A key date was met: end its open date on a case, with the day it was met.")

        @OptionGroup var key: Settled

        @Option(help: ArgumentHelp("The day it was met (default today).", valueName: "DD/MM/YYYY"))
        var on: String?

        @Option(help: ArgumentHelp("A note.", valueName: "TEXT"))
        var note: String?

        func run() throws {
            try key.settle { .met(on: try Parse.pastDay(on, "the day it was met", flag: "--on DD/MM/YYYY") ?? Day.today(), note: note) }
        }
    }

    struct Missed: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "missed", abstract: "A key date was missed: end its open date on a case, saying what happened.")

        @OptionGroup var key: Settled

        @Option(help: ArgumentHelp("What happened.", valueName: "TEXT"))
        var what: String

        func run() throws {
            try key.settle { .missed(what: what) }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel",
            abstract: "A key date is no longer needed, or was recorded wrongly: end its open date on a case, saying why.",
            discussion: "The date stays on the case's history as cancelled, with the reason. To correct a date, "
                + "cancel it and record the event again.")

        @OptionGroup var key: Settled

        @Option(help: ArgumentHelp("Why it is no longer needed.", valueName: "TEXT"))
        var reason: String

        func run() throws {
            try key.settle { .noLongerNeeded(why: reason) }
        }
    }
}

/// What recording a key event says: each new date, where the decision
/// letter came from, and what it replaced.
enum KeyDateOutput {
    /// `marked`: --meets was given, so the dates the event meets were marked met.
    static func print(_ recorded: RecordedKeyDates, marked: Bool) {
        if let letter = recorded.decisionLetterOnFile {
            Output.line("Using the decision letter of \(letter) on the case.")
        }
        for deadline in recorded.deadlines {
            for line in DeadlineText.lines(deadline) { Output.line(line) }
        }
        for old in recorded.replaced {
            Output.line("Replaced: \(old.rule?.title ?? old.ruleId), due \(old.due) (kept on the case's history).")
        }
        for later in recorded.alreadyLater {
            Output.line("Kept as history: the case already has \(later.rule?.title ?? later.ruleId) from a later event, due \(later.due).")
        }
        for met in recorded.meets {
            Output.line(marked
                ? "Met: \(met.rule.title), due \(met.due), on \(recorded.happenedOn) (kept on the case's history)."
                : "Not marked met: \(met.rule.title), due \(met.due), which this may meet "
                    + "(give --meets with the event to mark it met on \(recorded.happenedOn)).")
        }
    }
}
