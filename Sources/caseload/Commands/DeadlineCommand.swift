import ArgumentParser
import CaseloadCore
import CaseloadResources
import Foundation

struct DeadlineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadline",
        abstract: "Work out a statutory due date.",
        discussion: rulesHelp)

    static var rulesHelp: String {
        "RULES (RULE counts from the date given with --from):\n"
            + DeadlineRule.allCases.map { "  \($0.rawValue): \($0.title), from \($0.anchorDescription)" }
                .joined(separator: "\n")
    }

    /// Accepted like every command's, though the calculator needs no store.
    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The rule (see below).", valueName: "RULE"))
    var rule: DeadlineRule

    @Option(help: ArgumentHelp("The date the rule counts from.", valueName: "DD/MM/YYYY"))
    var from: String

    @Option(name: .customLong("mediation-certificate"), help: ArgumentHelp("For tribunal-appeal: the mediation certificate's date.", valueName: "DD/MM/YYYY"))
    var mediationCertificate: String?

    @Flag(help: "Print JSON.")
    var json = false

    struct Answer: Encodable {
        let rule: String
        let title: String
        let from: Day
        let mediationCertificate: Day?
        let due: Day
        let notes: [String]
    }

    func run() throws {
        try Session.guarded {
            let calendar = try WorkingCalendar.englandAndWales(json: ResourceFiles.data("bank-holidays.json"))
            let deadline = try DeadlineCalculator(calendar: calendar)
                .deadline(rule, from: try Day.parse(from), mediationCertificate: try Parse.day(mediationCertificate))
            if json {
                return try Output.json(Answer(rule: rule.rawValue, title: rule.title, from: deadline.anchor,
                                              mediationCertificate: deadline.mediationCertificate, due: deadline.due,
                                              notes: deadline.notes))
            }
            Output.line("\(rule.title): due \(weekdayName(deadline.due)) \(deadline.due)")
            for note in deadline.notes { Output.line("  " + note) }
        }
    }

    private func weekdayName(_ day: Day) -> String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][day.weekday - 1]
    }
}
