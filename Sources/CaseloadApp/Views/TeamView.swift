import CaseloadCore
import CaseloadStore
import TerminalUI

/// The supervisor's team view: one row per worker, the weighted caseload as
/// a bar against capacity in red, amber, green or blue (DOMAIN.md).
struct TeamView {
    let team: AppState.Team
    let today: Day
    let theme: Theme
    /// The column headings on the first line, then the rows.
    let area: Area

    static let barWidth = 16

    /// The columns, each declared once with its heading and width.
    enum Column: CaseIterable {
        /// WAIT: handovers waiting to or from them; LATE: open or inactive cases with an overdue key date.
        case worker, employment, open, load, wait, late

        var heading: String {
            switch self {
            case .worker: return "WORKER"
            case .employment: return "EMPLOYMENT"
            case .open: return "OPEN"
            case .load: return "LOAD"
            case .wait: return "WAIT"
            case .late: return "LATE"
            }
        }

        /// The width of every column but the worker's, which takes the rest.
        var width: Int {
            switch self {
            case .worker: return 22
            case .employment: return 17
            case .open, .wait, .late: return 4
            case .load: return TeamView.barWidth + 8
            }
        }
    }

    /// The worker's column: as wide as the longest name needs, from what
    /// the other columns leave.
    private var workerWidth: Int {
        let others = Column.allCases.filter { $0 != .worker }.reduce(0) { $0 + width($1) + 1 }
        let longest = team.overview.members.map { DisplayWidth.of(workerText($0)) }.max() ?? 0
        return max(Column.worker.width, min(longest, area.width - others - 1))
    }

    private func width(_ column: Column) -> Int {
        switch column {
        case .worker: return workerWidth
        // As wide as the longest employment shown, so names get the rest.
        case .employment: return max(10, team.overview.members.map { DisplayWidth.of(cell(.employment, $0).0) }.max() ?? 0)
        default: return column.width
        }
    }

    private func workerText(_ member: TeamMember) -> String {
        SafeText.inline(Words.worker(name: member.name, login: member.login))
    }

    func draw(into buffer: inout ScreenBuffer) {
        var x = area.x
        for column in Column.allCases {
            buffer.put(DisplayWidth.pad(column.heading, to: width(column)), x: x, y: area.y, style: theme.heading)
            x += width(column) + 1
        }
        for (offset, member) in team.overview.members.prefix(area.height - 1).enumerated() {
            let y = area.y + 1 + offset
            let selected = offset == team.selected
            if selected { buffer.fill(x: area.x, y: y, width: area.width, height: 1, style: theme.selected) }
            var x = area.x
            for column in Column.allCases {
                var (text, style) = cell(column, member)
                style.reverse = style.reverse || selected
                buffer.put(DisplayWidth.pad(DisplayWidth.truncate(text, to: width(column)), to: width(column)), x: x, y: y,
                           style: style)
                x += width(column) + 1
            }
        }
    }

    private func cell(_ column: Column, _ member: TeamMember) -> (String, Style) {
        switch column {
        case .worker:
            return (workerText(member), .normal)
        case .employment:
            // The year only where it is not this one.
            let text = member.employment == .agency
                ? "agency" + (member.endsOn.map { " " + ($0.year == today.year ? String($0.formatted.prefix(5)) : $0.formatted) } ?? "")
                : member.employment.rawValue
            let endingSoon = member.endsOn.map { today.days(until: $0) <= 28 } == true
            return (text, endingSoon ? theme.warning : .normal)
        case .open:
            return (String(member.openCases), .normal)
        case .load:
            let load = member.load
            let filled = min(Self.barWidth, load.weight * Self.barWidth / max(1, load.capacity))
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: Self.barWidth - filled)
            return (bar + " \(load.percent)% \(statusLetter(load.status))", style(load.status))
        case .wait:
            return (member.pendingHandovers == 0 ? "" : String(member.pendingHandovers), theme.strong)
        case .late:
            return (member.overdueKeyDates == 0 ? "" : String(member.overdueKeyDates), theme.alarm)
        }
    }

    /// The status in a letter too, so it reads without colour.
    private func statusLetter(_ status: CaseloadLoad.Status) -> String {
        switch status {
        case .red: return "R"
        case .amber: return "A"
        case .green: return "G"
        case .blue: return "B"
        }
    }

    private func style(_ status: CaseloadLoad.Status) -> Style {
        guard theme.colour else { return status == .red ? Style(bold: true) : .normal }
        switch status {
        case .red: return Style(foreground: .red, bold: true)
        case .amber: return Style(foreground: .yellow)
        case .green: return Style(foreground: .green)
        case .blue: return Style(foreground: .blue)
        }
    }
}
