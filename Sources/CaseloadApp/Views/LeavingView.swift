import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// The three steps of moving a leaving worker's caseload.
struct LeavingView {
    let plan: LeavingPlan
    let theme: Theme
    let area: Area

    func draw(into buffer: inout ScreenBuffer) {
        let who = SafeText.inline(Words.worker(name: plan.leaver.name, login: plan.leaver.login))
        let weight = plan.cases.filter { $0.status == CaseStatus.open.rawValue }.reduce(0) { $0 + $1.weight }
        buffer.put(DisplayWidth.truncate("\(who) is leaving: \(plan.countText), weight \(weight)", to: area.width),
                   x: area.x, y: area.y, style: theme.strong)
        switch plan.step {
        case .receivers:
            // What the move will do to the handovers waiting, before anything is chosen.
            var y = area.y + 1
            for note in plan.handoverNotes {
                for line in TextWrap.wrap(note, width: area.width) {
                    buffer.put(line, x: area.x, y: y)
                    y += 1
                }
            }
            let rows = plan.candidates.map { worker in
                StyledLine([.init(plan.chosen.contains(worker.login) ? "[x] " : "[ ] ", theme.strong),
                            .init(DisplayWidth.pad(SafeText.inline(Words.worker(name: worker.name, login: worker.login)), to: 30)),
                            .init("  \(worker.openCases) open, weight \(worker.weight) of \(worker.capacity)"
                                  + " (\(CaseloadLoad(weight: worker.weight, capacity: worker.capacity).percent)%)", theme.quiet)])
            }
            ListRows(theme: theme, area: below(y - area.y)).draw(
                heading: "Step 1 of 3: choose who receives the cases (Space ticks, Enter proposes a split)",
                rows: rows, selected: plan.selected, empty: "There is nobody else to receive the cases.", into: &buffer)
        case .adjust:
            let rows = plan.cases.map { item in
                StyledLine([.init(DisplayWidth.pad(item.reference, to: 12) + " ", theme.strong),
                            .init(DisplayWidth.pad(SafeText.inline(item.child ?? "(anonymous)"), to: 22) + " "),
                            .init(DisplayWidth.pad(item.status == CaseStatus.open.rawValue ? "level \(item.level) weight \(item.weight)"
                                                   : "level \(item.level) inactive", to: 18), theme.quiet),
                            .init("→ " + (plan.assignment[item.reference] ?? "nobody"), theme.strong),
                            // The handover it replaces, so nobody is surprised when it is withdrawn.
                            .init(item.handedTo.map { "  was to \(SafeText.inline($0))" } ?? "", theme.quiet)])
            }
            // The receivers' totals at the foot, the cases above them.
            drawTotals(plan, from: area.y + area.height - plan.receivers.count, into: &buffer)
            var cases = below(1)
            cases.height = max(2, area.height - plan.receivers.count - 2)
            ListRows(theme: theme, area: cases).draw(
                heading: "Step 2 of 3: ← → or Space gives a case to another receiver; Enter previews",
                rows: rows, selected: plan.selected, empty: "", into: &buffer)
        case .preview:
            buffer.put(DisplayWidth.truncate("Step 3 of 3: check, then Enter confirms once (Esc goes back; nothing moved yet)",
                                             to: area.width), x: area.x, y: area.y + 1, style: theme.heading)
            var y = area.y + 3
            // Each column once: its heading, its width, what a receiver shows in it.
            let columns: [(heading: String, width: Int, cell: (LeavingPlan.Row) -> String)] = [
                ("RECEIVER", 22, { SafeText.inline(Words.worker(name: $0.worker.name, login: $0.worker.login)) }),
                ("OPEN CASES", 10, { "\($0.worker.openCases) → \($0.casesAfter)" }),
                ("INACTIVE", 8, { $0.inactiveTaken > 0 ? "+\($0.inactiveTaken)" : "" }),
                ("WEIGHT", 11, { "\($0.worker.weight) → \($0.weightAfter)" }),
                ("LOAD", 0, { "\($0.loadBefore.percent)% → \($0.loadAfter.percent)%" }),
            ]
            func line(_ texts: [String]) -> String {
                zip(columns, texts).map { $0.width > 0 ? DisplayWidth.pad($1, to: $0.width) + "  " : $1 }.joined()
            }
            buffer.put(line(columns.map(\.heading)), x: area.x, y: y, style: theme.strong)
            y += 1
            for row in plan.preview {
                buffer.put(line(columns.map { $0.cell(row) }), x: area.x, y: y, style: row.loadAfter.status == .red ? theme.alarm : .normal)
                y += 1
            }
            y += 1
            // Warnings first, then what happens to the handovers waiting.
            for (note, style) in plan.capacityWarnings.map({ ($0, theme.alarm) }) + plan.handoverNotes.map({ ($0, Style.normal) }) {
                for text in TextWrap.wrap(note, width: area.width) {
                    buffer.put(text, x: area.x, y: y, style: style)
                    y += 1
                }
            }
            if !plan.capacityWarnings.isEmpty || !plan.handoverNotes.isEmpty { y += 1 }
            let leaver = SafeText.inline(plan.leaver.login)
            let when = plan.endsOn.map { "on \($0.formatted) (their agency end date)" } ?? "today"
            buffer.put("\(plan.signOffNow ? "[x]" : "[ ]") S  sign the handovers off now, so the cases move at once",
                       x: area.x, y: y)
            y += 1
            let end = "\(plan.endWorker ? "[x]" : "[ ]") E  end \(leaver) \(when) once the cases have moved"
                + (plan.signOffNow ? "" : " (needs S)")
            for line in TextWrap.wrap(end, width: area.width) {
                buffer.put(line, x: area.x, y: y)
                y += 1
            }
            if !plan.signOffNow {
                let text = "Each receiver accepts their cases after reading the files; \(leaver) stays responsible until then."
                for (offset, line) in TextWrap.wrap(text, width: area.width).enumerated() {
                    buffer.put(line, x: area.x, y: y + 1 + offset, style: theme.quiet)
                }
            }
        }
    }

    private func drawTotals(_ plan: LeavingPlan, from y: Int, into buffer: inout ScreenBuffer) {
        for (offset, row) in plan.preview.enumerated() {
            let inactive = row.inactiveTaken > 0 ? " (+\(row.inactiveTaken) inactive)" : ""
            let text = "\(SafeText.inline(row.worker.login)): \(Plural.count(row.casesAfter - row.worker.openCases, "open case"))"
                + "\(inactive), weight \(row.worker.weight) → \(row.weightAfter) of \(row.worker.capacity) (\(row.loadAfter.percent)%)"
            buffer.put(DisplayWidth.truncate(text, to: area.width - 2), x: area.x + 2, y: y + offset,
                       style: row.loadAfter.status == .red ? theme.alarm : theme.quiet)
        }
    }

    /// The area less its first `lines` lines.
    private func below(_ lines: Int) -> Area {
        Area(x: area.x, y: area.y + lines, width: area.width, height: max(1, area.height - lines))
    }
}
