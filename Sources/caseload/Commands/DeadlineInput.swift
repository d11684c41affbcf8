import ArgumentParser
import CaseloadCore

/// What a deadline is computed from, shared by `deadline` and `keydate add`:
/// an event (every date that follows from it) or a single rule.
struct DeadlineInput: ParsableArguments {
    @Argument(help: ArgumentHelp("What happened (an event), or a single rule (see below).", valueName: "EVENT|RULE"))
    var subject: KeyDateSubject

    @Option(help: ArgumentHelp("The day it happened, or the date the rule counts from (15/06 or fri means the last one; for a review meeting or a move, the next).",
                               valueName: "DD/MM/YYYY"))
    var from: String

    @Option(name: .customLong("mediation-certificate"),
            help: ArgumentHelp("For the rule tribunal-appeal: the mediation certificate's date.", valueName: "DD/MM/YYYY"))
    var mediationCertificate: String?

    @Option(name: .customLong("decision-letter"),
            help: ArgumentHelp("For the event certificate-issued: the date the decision letter was sent (keydate add takes the latest on the case when left out).",
                               valueName: "DD/MM/YYYY"))
    var decisionLetter: String?

    func anchor() throws -> Day { try Parse.eventDay(from, for: subject, flag: "--from DD/MM/YYYY") ?? Day.today() }
    func certificate() throws -> Day? {
        try Parse.day(mediationCertificate, .mediationCertificate, flag: "--mediation-certificate DD/MM/YYYY", direction: .past)
    }
    func letter() throws -> Day? {
        try Parse.day(decisionLetter, .decisionLetter, flag: "--decision-letter DD/MM/YYYY", direction: .past)
    }

    /// The event or rule with its date, as the store records it.
    func entry() throws -> KeyDateEntry {
        KeyDateEntry(subject: subject, on: try anchor(), decisionLetter: try letter(), mediationCertificate: try certificate())
    }
}

extension KeyDateSubject: ExpressibleByArgument {
    public init?(argument: String) { self.init(id: argument) }
    public static var allValueStrings: [String] { all.map(\.id) }
}

/// How every command shows a computed date: the due date with its source,
/// then the notes that explain it.
enum DeadlineText {
    static func lines(_ deadline: Deadline) -> [String] {
        ["\(deadline.rule.title): due \(weekdayName(deadline.due)) \(deadline.due) (\(deadline.source))"]
            + deadline.notes.map { "  " + $0 }
    }

    static func weekdayName(_ day: Day) -> String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][day.weekday - 1]
    }

    /// The help text's list of events and rules, each rule with its source
    /// and wording. Lines are kept short: the parser wraps long ones flush left.
    static var help: String {
        var lines = ["EVENTS (what happened, dated with --from; every date that follows is worked out):"]
        for event in KeyEvent.allCases {
            lines.append("  \(event.rawValue): \(event.title)")
            lines.append("    dated \(event.dateDescription)")
            lines += event.rules.map { "    → " + $0.title }
        }
        lines.append("")
        lines.append("RULES (one date, counted from --from):")
        for rule in DeadlineRule.allCases {
            lines.append("  \(rule.rawValue): \(rule.title)")
            lines.append("    from \(rule.anchorDescription)")
            lines.append("    \(rule.source):")
            lines.append("    \"\(rule.facts.wording)\"")
        }
        lines.append("")
        lines.append("""
            Counting: "within N weeks of" counts from the day after; "N days beginning with \
            the day" counts that day as day 1; "the period of 12 months starting with" a date \
            ends the day before its anniversary. Bank holidays in years the government has not \
            yet published are worked out by the usual rules and marked provisional.
            """)
        return lines.joined(separator: "\n")
    }
}
