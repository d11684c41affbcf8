import ArgumentParser
import CaseloadCore
import CaseloadResources
import Foundation

struct DeadlineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadline",
        abstract: "Work out the statutory dates that follow from an event, or one rule's date.",
        discussion: DeadlineText.help)

    /// Accepted like every command's, though the calculator needs no store.
    @OptionGroup var global: GlobalOptions

    @OptionGroup var input: DeadlineInput

    @Flag(help: "Print JSON: one object for a rule; for an event, the event with its dates.")
    var json = false

    struct Answer: Encodable {
        let rule: String
        let title: String
        let source: String
        let wording: String
        let from: Day
        let mediationCertificate: Day?
        let due: Day
        let notes: [String]

        init(_ deadline: Deadline) {
            rule = deadline.rule.rawValue
            title = deadline.rule.title
            source = deadline.source
            wording = deadline.rule.facts.wording
            from = deadline.anchor
            mediationCertificate = deadline.mediationCertificate
            due = deadline.due
            notes = deadline.notes
        }
    }

    struct EventAnswer: Encodable {
        let event: String
        let title: String
        let on: Day
        let dates: [Answer]
    }

    func run() throws {
        try Session.guarded {
            let calendar = try WorkingCalendar.englandAndWales(json: ResourceFiles.data("bank-holidays.json"))
            let calculator = DeadlineCalculator(calendar: calendar)
            let entry = try input.entry()
            let deadlines = try calculator.deadlines(for: entry)
            if json {
                if case .event(let event) = entry.subject {
                    return try Output.json(EventAnswer(event: event.rawValue, title: event.title, on: entry.on,
                                                       dates: deadlines.map(Answer.init)))
                }
                return try Output.json(Answer(deadlines[0]))
            }
            if case .event(let event) = entry.subject {
                Output.line("\(event.title), \(entry.on):")
            }
            for deadline in deadlines {
                for line in DeadlineText.lines(deadline) { Output.line(line) }
            }
        }
    }
}
