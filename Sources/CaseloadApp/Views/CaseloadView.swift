import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// The home screen: one row per case, in aligned columns that fit the width.
struct CaseloadView {
    let state: AppState
    let theme: Theme

    struct Columns {
        let reference = 12, ageOrYear = 7, level = 2, next = 16, last = 5, flags = 3
        let child: Int, school: Int, status: Int, worker: Int
        /// The width the columns take, markers included.
        let total: Int

        init(width: Int, showStatus: Bool, showWorker: Bool) {
            status = showStatus ? 8 : 0
            worker = showWorker ? 12 : 0
            let fixed = 12 + 7 + 2 + 16 + 5 + 3 + status + worker
            let gaps = 7 + (showStatus ? 1 : 0) + (showWorker ? 1 : 0)
            let flexible = max(10, width - fixed - gaps)
            child = min(32, max(8, flexible * 11 / 20))
            school = max(4, min(40, flexible - child))
            total = fixed + gaps + child + school
        }
    }

    func draw(into buffer: inout ScreenBuffer) {
        let showStatus = state.query.filter.status != .open
        let showWorker = state.query.scope != .mine
        let columns = Columns(width: state.width, showStatus: showStatus, showWorker: showWorker)
        var headings: [(String, Int)] = [("REFERENCE", columns.reference), ("CHILD OR YOUNG PERSON", columns.child),
                                         ("AGE/YR", columns.ageOrYear), ("SCHOOL", columns.school), ("LV", columns.level)]
        if showStatus { headings.append(("STATUS", columns.status)) }
        if showWorker { headings.append(("WORKER", columns.worker)) }
        headings += [("NEXT KEY DATE", columns.next), ("LAST", columns.last), ("!", columns.flags)]
        var x = 0
        for (title, width) in headings {
            buffer.put(DisplayWidth.pad(title, to: width), x: x, y: 1, style: theme.heading)
            x += width + 1
        }
        let list = state.list
        if list.total == 0 {
            let text = state.query.filter.isEmpty ? "No open cases here." : "No cases match the limit; Esc clears it."
            buffer.put(text, x: 2, y: 3, style: theme.quiet)
            return
        }
        for offset in 0..<state.listHeight {
            let position = list.top + offset
            guard position < list.total else { break }
            let y = 2 + offset
            let selected = position == list.selected
            // The bar spans the columns, not the whole width: on a wide
            // terminal each move then sends a third less.
            if selected { buffer.fill(x: 0, y: y, width: min(state.width, columns.total), height: 1, style: theme.selected) }
            guard let row = list.row(at: position) else {
                buffer.put("…", x: 0, y: y, style: theme.quiet)
                continue
            }
            draw(row, y: y, columns: columns, showStatus: showStatus, showWorker: showWorker, selected: selected, into: &buffer)
        }
    }

    private func draw(_ row: CaseRow, y: Int, columns: Columns, showStatus: Bool, showWorker: Bool, selected: Bool,
                      into buffer: inout ScreenBuffer) {
        func style(_ base: Style) -> Style {
            guard selected else { return base }
            var s = base
            s.reverse = true
            return s
        }
        var cells: [(String, Int, Style)] = [
            (row.reference, columns.reference, .normal),
            (SafeText.inline(row.child ?? "(anonymous)"), columns.child, .normal),
            (row.yearGroup.map(shortYear) ?? row.dateOfBirth.map { "age \(age(of: $0, on: state.today))" } ?? "", columns.ageOrYear, .normal),
            (SafeText.inline(row.school ?? ""), columns.school, .normal),
            (String(row.level), columns.level, .normal),
        ]
        if showStatus { cells.append((row.status.rawValue, columns.status, .normal)) }
        if showWorker { cells.append((SafeText.inline(row.workerLogin ?? "unallocated"), columns.worker, .normal)) }
        if let due = row.nextDueOn {
            let days = state.today.days(until: due)
            let text = "\(due) " + (days == 0 ? "today" : days > 0 ? "+\(days)d" : "\(days)d")
            cells.append((text, columns.next, days < 0 ? theme.alarm : days <= 7 ? theme.warning : .normal))
        } else {
            cells.append(("", columns.next, .normal))
        }
        cells.append((row.lastContactAt.map { since($0) } ?? "never", columns.last, .normal))
        var x = 0
        for (text, width, cellStyle) in cells {
            buffer.put(DisplayWidth.pad(text, to: width), x: x, y: y, style: style(cellStyle))
            x += width + 1
        }
        // Markers: tagged, referral flagged, safeguarding, handover pending.
        let markers: [(Bool, String, Style)] = [(state.tagged.contains(row.reference), "T", theme.strong),(row.referralFlagged, "F", theme.warning), (row.safeguarding, "S", theme.alarm),
                                                (row.handoverPending, "H", theme.strong)]
        for (on, letter, markerStyle) in markers where on {
            x = buffer.put(letter, x: x, y: y, style: style(markerStyle))
        }
    }

    /// "Year 10" as "Yr 10" so it fits the column.
    private func shortYear(_ year: String) -> String {
        year.hasPrefix("Year ") ? "Yr " + year.dropFirst(5) : year == "Reception" ? "Rec" : year
    }

    /// Compact time since the last contact: "today", "3d", "5w", "8m", "2y".
    private func since(_ date: Date) -> String {
        let days = Day(date, in: state.timeZone).days(until: state.today)
        switch days {
        case ..<1: return "today"
        case 1..<14: return "\(days)d"
        case 14..<61: return "\(days / 7)w"
        case 61..<730: return "\(days / 30)m"
        default: return "\(days / 365)y"
        }
    }
}
