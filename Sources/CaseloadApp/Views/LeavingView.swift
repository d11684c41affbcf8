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
        let who = "\(SafeText.inline(plan.leaver.name)) (\(SafeText.inline(plan.leaver.login)))"
        let weight = plan.cases.reduce(0) { $0 + $1.weight }
        buffer.put("\(who) is leaving: \(Plural.count(plan.cases.count, "case")), weight \(weight)",
                   x: area.x, y: area.y, style: theme.strong)
        switch plan.step {
        case .receivers:
            let rows = plan.candidates.map { worker in
                StyledLine([.init(plan.chosen.contains(worker.login) ? "[x] " : "[ ] ", theme.strong),
                            .init(DisplayWidth.pad(SafeText.inline(worker.name) + " (\(SafeText.inline(worker.login)))", to: 30)),
                            .init("  \(worker.openCases) open, weight \(worker.weight) of \(worker.capacity)"
                                  + " (\(percent(Double(worker.weight) / Double(max(1, worker.capacity)))))", theme.quiet)])
            }
            ListRows(theme: theme, area: below(1)).draw(
                heading: "Step 1 of 3: choose who receives the cases (Space ticks, Enter proposes a split)",
                rows: rows, selected: plan.selected, empty: "There is nobody else to receive the cases.", into: &buffer)
        case .adjust:
            let rows = plan.cases.map { item in
                StyledLine([.init(DisplayWidth.pad(item.reference, to: 12) + " ", theme.strong),
                            .init(DisplayWidth.pad(SafeText.inline(item.child ?? "(anonymous)"), to: 22) + " "),
                            .init("level \(item.level) weight \(item.weight)  ", theme.quiet),
                            .init("→ " + (plan.assignment[item.reference] ?? "nobody"), theme.strong)])
            }
            // The receivers' totals at the foot, the cases above them.
            drawTotals(plan, from: area.y + area.height - plan.receivers.count, into: &buffer)
            var cases = below(1)
            cases.height = max(2, area.height - plan.receivers.count - 2)
            ListRows(theme: theme, area: cases).draw(
                heading: "Step 2 of 3: ← → or Space gives a case to another receiver; Enter previews",
                rows: rows, selected: plan.selected, empty: "", into: &buffer)
        case .preview:
            buffer.put("Step 3 of 3: check, then Enter confirms once (Esc goes back; nothing moved yet)",
                       x: area.x, y: area.y + 1, style: theme.heading)
            var y = area.y + 3
            // Each column once: its heading, its width, what a receiver shows in it.
            let columns: [(heading: String, width: Int, cell: (LeavingPlan.Row) -> String)] = [
                ("RECEIVER", 24, { SafeText.inline($0.worker.name) + " (\(SafeText.inline($0.worker.login)))" }),
                ("CASES", 12, { "\($0.worker.openCases) → \($0.casesAfter)" }),
                ("WEIGHT", 14, { "\($0.worker.weight) → \($0.weightAfter)" }),
                ("LOAD (before → after)", 0, { "\(percent($0.loadBefore)) → \(percent($0.loadAfter))" }),
            ]
            func line(_ texts: [String]) -> String {
                zip(columns, texts).map { $0.width > 0 ? DisplayWidth.pad($1, to: $0.width) + "  " : $1 }.joined()
            }
            buffer.put(line(columns.map(\.heading)), x: area.x, y: y, style: theme.strong)
            y += 1
            for row in plan.preview {
                buffer.put(line(columns.map { $0.cell(row) }), x: area.x, y: y, style: row.loadAfter > 1.1 ? theme.alarm : .normal)
                y += 1
            }
            y += 1
            buffer.put("\(plan.signOffNow ? "[x]" : "[ ]") S  sign the handovers off now, so the cases move at once",
                       x: area.x, y: y)
            buffer.put("\(plan.endWorker ? "[x]" : "[ ]") E  end \(SafeText.inline(plan.leaver.login)) once the cases have moved"
                       + (plan.signOffNow ? "" : " (needs the handovers signed off)"), x: area.x, y: y + 1)
            if !plan.signOffNow {
                buffer.put("Each receiver accepts their cases after reading the files; \(SafeText.inline(plan.leaver.login)) stays responsible until then.",
                           x: area.x, y: y + 3, style: theme.quiet)
            }
        }
    }

    private func drawTotals(_ plan: LeavingPlan, from y: Int, into buffer: inout ScreenBuffer) {
        for (offset, row) in plan.preview.enumerated() {
            let text = "\(SafeText.inline(row.worker.login)): \(row.casesAfter - row.worker.openCases) cases, "
                + "weight \(row.worker.weight) → \(row.weightAfter) of \(row.worker.capacity) (\(percent(row.loadAfter)))"
            buffer.put(text, x: area.x + 2, y: y + offset, style: row.loadAfter > 1.1 ? theme.alarm : theme.quiet)
        }
    }

    /// The area less its first `lines` lines.
    private func below(_ lines: Int) -> Area {
        Area(x: area.x, y: area.y + lines, width: area.width, height: max(1, area.height - lines))
    }

    private func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
}
