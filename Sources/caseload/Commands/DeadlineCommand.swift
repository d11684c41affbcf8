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

    @OptionGroup var input: DeadlineInput

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
                .deadline(input.rule, from: try input.anchor(), mediationCertificate: try input.certificate())
            if json {
                return try Output.json(Answer(rule: input.rule.rawValue, title: input.rule.title, from: deadline.anchor,
                                              mediationCertificate: deadline.mediationCertificate, due: deadline.due,
                                              notes: deadline.notes))
            }
            Output.line("\(input.rule.title): due \(weekdayName(deadline.due)) \(deadline.due)")
            for note in deadline.notes { Output.line("  " + note) }
        }
    }

    private func weekdayName(_ day: Day) -> String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][day.weekday - 1]
    }
}
