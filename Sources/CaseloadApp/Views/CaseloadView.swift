import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// The home screen: one row per case, in aligned columns that fit the width.
struct CaseloadView {
    let list: ListWindow
    let query: CaseQuery
    let tagged: Set<String>
    let today: Day
    let timeZone: TimeZone
    let theme: Theme
    /// The column headings on the first line, then the rows.
    let area: Area

    /// The columns, in order; each is declared once here with its heading
    /// and width, and both the headings and every row are built from them.
    enum Column: CaseIterable {
        case reference, child, ageOrYear, school, level, status, worker, next, last, flags

        var heading: String {
            switch self {
            case .reference: return "REFERENCE"
            case .child: return "CHILD OR YOUNG PERSON"
            case .ageOrYear: return "AGE/YR"
            case .school: return "SCHOOL"
            case .level: return "LV"
            case .status: return "STATUS"
            case .worker: return "WORKER"
            case .next: return "NEXT KEY DATE"
            case .last: return "LAST"
            case .flags: return "!"
            }
        }

        /// A fixed width, or nil for the two that share what is left.
        var fixedWidth: Int? {
            switch self {
            case .reference: return 12
            case .ageOrYear: return 7
            case .level: return 2
            case .status: return 8
            case .worker: return 12
            case .next: return 16
            case .last: return 5
            case .flags: return 3
            case .child, .school: return nil
            }
        }
    }

    /// The columns shown and their widths: status only when the limit
    /// reaches beyond the caseload (open and inactive cases, an inactive
    /// one marked where its school is), the worker only beyond my caseload.
    struct Layout {
        let columns: [(column: Column, width: Int)]
        /// The width the columns take, gaps included.
        let total: Int

        init(width: Int, showStatus: Bool, showWorker: Bool) {
            let shown = Column.allCases.filter { ($0 != .status || showStatus) && ($0 != .worker || showWorker) }
            let fixed = shown.compactMap(\.fixedWidth).reduce(0, +)
            let gaps = shown.count - 1
            let flexible = max(10, width - fixed - gaps)
            let child = min(32, max(8, flexible * 11 / 20))
            let school = max(4, min(40, flexible - child))
            columns = shown.map { ($0, $0.fixedWidth ?? ($0 == .child ? child : school)) }
            total = columns.reduce(gaps) { $0 + $1.width }
        }
    }

    func draw(into buffer: inout ScreenBuffer) {
        let layout = Layout(width: area.width, showStatus: showsStatus, showWorker: query.scope != .mine)
        var x = area.x
        for (column, width) in layout.columns {
            buffer.put(DisplayWidth.pad(column.heading, to: width), x: x, y: area.y, style: theme.heading)
            x += width + 1
        }
        if list.total == 0 {
            let text = query.filter.isEmpty ? "No open or inactive cases here." : "No cases match the limit; Esc clears it."
            buffer.put(text, x: area.x + 2, y: area.y + 2, style: theme.quiet)
            return
        }
        for offset in 0..<(area.height - 1) {
            let position = list.top + offset
            guard position < list.total else { break }
            let y = area.y + 1 + offset
            let selected = position == list.selected
            // The bar spans the columns, not the whole width: on a wide
            // terminal each move then sends a third less.
            if selected { buffer.fill(x: area.x, y: y, width: min(area.width, layout.total), height: 1, style: theme.selected) }
            guard let row = list.row(at: position) else {
                buffer.put("…", x: area.x, y: y, style: theme.quiet)
                continue
            }
            draw(row, y: y, layout: layout, selected: selected, into: &buffer)
        }
    }

    private func draw(_ row: CaseRow, y: Int, layout: Layout, selected: Bool, into buffer: inout ScreenBuffer) {
        var x = area.x
        for (column, width) in layout.columns {
            if column == .flags {
                for (text, style) in markers(row) { x = buffer.put(text, x: x, y: y, style: reversed(style, selected)) }
                continue
            }
            let (text, style) = cell(column, row, width: width)
            buffer.put(DisplayWidth.pad(text, to: width), x: x, y: y, style: reversed(style, selected))
            x += width + 1
        }
    }

    private func cell(_ column: Column, _ row: CaseRow, width: Int) -> (String, Style) {
        switch column {
        case .reference: return (row.reference, .normal)
        case .child: return (SafeText.inline(row.child ?? "(anonymous)"), .normal)
        case .ageOrYear:
            return (row.yearGroup.map(shortYear) ?? row.dateOfBirth.map { "age \(age(of: $0, on: today))" } ?? "", .normal)
        case .school:
            if let at = row.handedToYouAt { return (handedText(row, at: at, width: width), theme.strong) }
            if row.status == .inactive && !showsStatus { return (inactiveText(row, width: width), theme.quiet) }
            return (SafeText.inline(row.school ?? ""), .normal)
        case .level: return (String(row.level), .normal)
        case .status: return (row.status.rawValue, .normal)
        case .worker: return (SafeText.inline(row.workerLogin ?? "unallocated"), .normal)
        case .next:
            guard let due = row.nextDueOn else { return ("", .normal) }
            let days = today.days(until: due)
            let text = "\(due) " + (days == 0 ? "today" : days > 0 ? "+\(days)d" : "\(days)d")
            return (text, days < 0 ? theme.alarm : days <= 7 ? theme.warning : .normal)
        case .last: return (row.lastContactAt.map { since($0) } ?? "never", .normal)
        case .flags: return ("", .normal)
        }
    }

    /// Whether the list has a status column: not for one status, nor for the
    /// caseload (open or inactive), whose inactive cases are marked instead.
    private var showsStatus: Bool {
        switch query.filter.status {
        case .current, .open: return false
        case .inactive, .closed, .any: return true
        }
    }

    /// An inactive case on the caseload says so where its school was, and
    /// then as much of the school as reads as one: no work is expected on
    /// it, but its key date is still shown (and still turns red when overdue).
    private func inactiveText(_ row: CaseRow, width: Int) -> String {
        let marker = "inactive · "
        let school = SafeText.inline(row.school ?? "")
        if !school.isEmpty, width - DisplayWidth.of(marker) >= 8 { return marker + school }
        return DisplayWidth.of("inactive") <= width ? "inactive" : "inact."
    }

    /// A case handed to me shows, where the school was, who handed it and
    /// when: in full where it fits, shorter on a narrow terminal, where a
    /// long login is cut after the date rather than the date after it.
    private func handedText(_ row: CaseRow, at: Date, width: Int) -> String {
        let day = Day(at, in: timeZone)
        let login = SafeText.inline(row.workerLogin ?? "unallocated")
        let name = SafeText.inline(row.workerName ?? login)
        let year = day.year == today.year ? String(day.description.prefix(5)) : day.description
        let choices = ["to accept: from \(name) on \(day)", "to accept: from \(login) on \(day)",
                       "to accept: \(login) \(year)", "⇢\(login) \(year)", "⇢\(year) \(login)"]
        return choices.first { DisplayWidth.of($0) <= width } ?? choices[choices.count - 1]
    }

    /// Tagged, referral flagged, safeguarding, handover pending.
    private func markers(_ row: CaseRow) -> [(String, Style)] {
        [(tagged.contains(row.reference), "T", theme.strong), (row.referralFlagged, "F", theme.warning),
         (row.safeguarding, "S", theme.alarm), (row.handoverPending, "H", theme.strong)]
            .filter(\.0).map { ($0.1, $0.2) }
    }

    private func reversed(_ base: Style, _ selected: Bool) -> Style {
        guard selected else { return base }
        var style = base
        style.reverse = true
        return style
    }

    /// "Year 10" as "Yr 10" so it fits the column.
    private func shortYear(_ year: String) -> String {
        year.hasPrefix("Year ") ? "Yr " + year.dropFirst(5) : year == "Reception" ? "Rec" : year
    }

    /// Compact time since the last contact: "today", "3d", "5w", "8m", "2y".
    private func since(_ date: Date) -> String {
        let days = Day(date, in: timeZone).days(until: today)
        switch days {
        case ..<1: return "today"
        case 1..<14: return "\(days)d"
        case 14..<61: return "\(days / 7)w"
        case 61..<730: return "\(days / 30)m"
        default: return "\(days / 365)y"
        }
    }
}
