import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// A case file laid out as lines: the header, people, key dates, open
/// actions, consents, referrals and then the timeline, newest first. The
/// terminal front end scrolls it; the command line prints it whole.
public struct CaseFileLayout {
    public struct Line: Equatable, Sendable {
        public var text: StyledLine
        /// The timeline entry this line belongs to, if any.
        public var entry: Int?
        /// The open key date this line starts (an index into the case's key dates), if any.
        public var keyDate: Int? = nil
    }

    public let vocabulary: Vocabulary
    public let theme: Theme
    public let today: Day
    public let timeZone: TimeZone

    public init(vocabulary: Vocabulary, theme: Theme, today: Day, timeZone: TimeZone) {
        self.vocabulary = vocabulary
        self.theme = theme
        self.today = today
        self.timeZone = timeZone
    }

    /// `width` wraps expanded notes (nil: no wrapping); `expanded` nil shows every entry in full.
    public func lines(_ d: CaseDetail, width: Int?, expanded: Set<String>?, selected: Int? = nil) -> [Line] {
        let v = vocabulary
        func s(_ text: String?) -> String { SafeText.inline(text ?? "") }
        var out: [Line] = []
        func add(_ line: StyledLine, entry: Int? = nil, keyDate: Int? = nil) {
            out.append(Line(text: line, entry: entry, keyDate: keyDate))
        }
        func heading(_ title: String) {
            add(StyledLine())
            add(StyledLine(title, theme.heading))
        }
        /// On screen an empty section takes one line, leaving room for the timeline.
        func emptySection(_ title: String, _ none: String) {
            guard width != nil else { return heading(title) }
            add(StyledLine())
            add(StyledLine([.init(title, theme.heading), .init(": " + none, theme.quiet)]))
        }

        add(StyledLine([.init(d.reference, theme.strong), .init("  "), .init(s(d.child?.name ?? "(anonymous enquiry)"), theme.strong),
                        .init("  \(d.status.rawValue), level \(d.level) \(d.levelLabel.lowercased())")]))
        var facts = ["Worker: " + (d.workerName.map { s(Words.worker(name: $0, login: d.workerLogin ?? "")) } ?? "unallocated"),
                     "Opened \(d.openedOn)"]
        if let source = d.referralSource { facts.append("Source: " + v.referralSources.label(source)) }
        if let route = d.firstRoute { facts.append("First route: " + v.firstRoutes.label(route)) }
        add(StyledLine(facts.joined(separator: " · ")))
        if !d.issues.isEmpty { add(StyledLine("Issues: " + d.issues.map(v.issues.label).joined(separator: ", "))) }
        // The level a family was supported at, and why it changed: the yearly
        // return counts the highest level reached.
        for change in d.levelHistory ?? [] {
            add(StyledLine("Level \(change.from ?? "?") → \(change.to ?? "?") on \(Day(change.at, in: timeZone))"
                + (change.by.map { " by " + s($0) } ?? "") + (change.reason.map { ": " + s($0) } ?? "")))
        }
        // A closure on lines of its own, short enough for 80 columns.
        if let closed = d.closedOn {
            add(StyledLine("Closed \(closed)" + (d.closureReason.map { ": " + v.closureReasons.label($0) } ?? "")))
        }
        if let outcome = d.outcome {
            for row in width.map({ TextWrap.wrap("Outcome: " + s(outcome), width: max(10, $0)) }) ?? ["Outcome: " + s(outcome)] {
                add(StyledLine(row))
            }
        }
        if let feedback = d.feedback {
            if FeedbackQuestion.allCases.allSatisfy({ feedback[$0] == .notAsked }) {
                add(StyledLine("Feedback at closure: not asked"))
            } else {
                add(StyledLine("Feedback at closure:"))
                for question in FeedbackQuestion.allCases {
                    add(StyledLine("  " + DisplayWidth.pad(question.wording, to: 34) + feedback[question].label))
                }
            }
        }
        if d.safeguardingEntries > 0 {
            add(StyledLine("SAFEGUARDING: \(Plural.count(d.safeguardingEntries, "entry", "entries")) on the timeline",
                           theme.alarm))
        }
        for line in syncLines(d, width: width) { add(line) }

        let current = d.currentPeople
        if current.isEmpty { emptySection("People", "none recorded") } else { heading("People") }
        if current.isEmpty, width == nil { add(StyledLine("  none recorded", theme.quiet)) }
        for line in peopleLines(d, width: width) { add(line) }

        if d.keyDates.isEmpty { emptySection("Key dates", "none") } else { heading("Key dates") }
        if d.keyDates.isEmpty, width == nil { add(StyledLine("  none", theme.quiet)) }
        for (index, k) in d.keyDates.enumerated() {
            // Worked out from today, not when the file was read: a front end
            // left open past midnight.
            let daysLeft = today.days(until: k.dueOn)
            let style = k.status != .open ? theme.quiet : daysLeft < 0 ? theme.alarm : daysLeft <= 7 ? theme.warning : .normal
            let when = k.status != .open ? k.status.rawValue
                : daysLeft < 0 ? "OVERDUE by \(Plural.count(-daysLeft, "day"))"
                : daysLeft == 0 ? "due today" : "in \(Plural.count(daysLeft, "day"))"
            let from = k.mediationCertificateOn.map { "from the letter of \(k.anchorOn) and the certificate of \($0)" }
                ?? "from \(k.anchorOn)" + (k.event.flatMap(KeyEvent.init(rawValue:)).map { " (\($0.title))" } ?? "")
            let note = k.note.map { ": " + s($0) } ?? ""
            if k.status == .open {
                // An open date gives its source first on a line of its own,
                // so an 80-column terminal shows it whole under a long title.
                add(StyledLine([.init("  \(k.dueOn)  ", style), .init(s(k.title)), .init("  \(when)", style)]), keyDate: index)
                add(StyledLine("              " + (k.source.map { $0 + " · " } ?? "") + from + note, theme.quiet))
            } else {
                let settled = (k.settledOn.map { " on \($0)" } ?? "") + (k.settlement.map { ": " + s($0) } ?? "")
                add(StyledLine([.init("  \(k.dueOn)  ", style), .init(s(k.title)), .init("  \(when)\(settled)", style),
                                .init(", " + from + (k.source.map { " · " + $0 } ?? "") + note, theme.quiet)]))
            }
        }

        if d.openActions.isEmpty { emptySection("Open actions", "none") } else { heading("Open actions") }
        if d.openActions.isEmpty, width == nil { add(StyledLine("  none", theme.quiet)) }
        for a in d.openActions {
            let late = a.dueOn.map { $0 < today } ?? false
            add(StyledLine([.init("  " + (a.dueOn.map { "\($0)" } ?? "no date   ") + "  ", late ? theme.alarm : .normal),
                            .init(s(a.description) + (a.ownerLogin.map { " (\(s($0)))" } ?? ""))]))
        }

        if d.consents.isEmpty { emptySection("Consents", "none recorded") } else { heading("Consents") }
        if d.consents.isEmpty, width == nil { add(StyledLine("  none recorded", theme.quiet)) }
        for c in d.consents {
            add(StyledLine("  \(c.givenOn)  \(c.status.rawValue.replacingOccurrences(of: "-", with: " ")) by \(s(c.givenBy))"
                + " (\(s(Words.role(c.givenByRole, v))), \(c.method.rawValue)): \(s(c.scope))"))
        }

        if d.referrals.isEmpty { emptySection("Family-support referrals", "none") } else { heading("Family-support referrals") }
        if d.referrals.isEmpty, width == nil { add(StyledLine("  none", theme.quiet)) }
        for r in d.referrals {
            add(StyledLine("  \(Day(r.flaggedAt, in: timeZone))  \(r.status.rawValue), \(r.urgency.rawValue)"
                + (r.externalReference.map { ", ref \(s($0))" } ?? "") + ": " + s(r.narrative)))
        }

        heading("Timeline (newest first)")
        if d.timeline.isEmpty { add(StyledLine("  nothing yet", theme.quiet)) }
        for (index, entry) in d.timeline.enumerated() {
            let open = expanded.map { $0.contains(entry.id) } ?? true
            var extras: [String] = []
            if let by = entry.by { extras.append(s(by)) }
            if let minutes = entry.minutes { extras.append("\(minutes) min") }
            let marker = expanded == nil ? "  " : (open ? "▾ " : "▸ ")
            let titleStyle = entry.kind == .safeguarding ? theme.alarm : theme.strong
            var head = StyledLine([.init(marker), .init(Moment.format(entry.at, in: timeZone) + "  ", theme.quiet),
                                   .init(s(entry.title), titleStyle)])
            if !extras.isEmpty { head = head + StyledLine(" (" + extras.joined(separator: ", ") + ")", theme.quiet) }
            let text = SafeText.block(entry.text ?? "")
            if !open, !text.isEmpty {
                head = head + StyledLine("  " + (text.split(separator: "\n").first.map(String.init) ?? ""))
            }
            add(head, entry: index)
            if open, !text.isEmpty {
                let indent = "      "
                let wrapped = width.map { TextWrap.wrap(text, width: max(10, $0 - indent.count)) }
                    ?? text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                for line in wrapped { add(StyledLine(indent + line), entry: index) }
            }
        }
        return out
    }
}
