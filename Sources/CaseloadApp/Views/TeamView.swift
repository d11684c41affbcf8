import CaseloadCore
import CaseloadStore
import TerminalUI

/// The supervisor's team view: one row per worker, the weighted caseload as
/// a bar against capacity in red, amber, green or blue (DOMAIN.md).
struct TeamView {
    let state: AppState
    let theme: Theme

    static let barWidth = 16

    func draw(into buffer: inout ScreenBuffer) {
        guard let teamState = state.team else { return }
        let team = teamState.overview
        // WAIT: handovers waiting to or from them; LATE: open cases with an overdue key date.
        let headings = [("WORKER", 22), ("EMPLOYMENT", 14), ("OPEN", 4), ("LOAD", Self.barWidth + 8), ("WAIT", 4),
                        ("LATE", 4)]
        var x = 0
        for (title, width) in headings {
            buffer.put(DisplayWidth.pad(title, to: width), x: x, y: 1, style: theme.heading)
            x += width + 1
        }
        for (offset, member) in team.members.prefix(state.listHeight).enumerated() {
            let y = 2 + offset
            let selected = offset == teamState.selected
            if selected { buffer.fill(x: 0, y: y, width: state.width, height: 1, style: theme.selected) }
            let base = selected ? theme.selected : Style.normal
            func put(_ text: String, _ width: Int, _ style: Style = .normal, at column: inout Int) {
                var s = style
                s.reverse = s.reverse || base.reverse
                buffer.put(DisplayWidth.pad(text, to: width), x: column, y: y, style: s)
                column += width + 1
            }
            var column = 0
            let employment = member.employment == .agency
                ? "agency" + (member.endsOn.map { " \(String($0.formatted.prefix(5)))" } ?? "") : member.employment.rawValue
            put(SafeText.inline(member.name) + " (\(SafeText.inline(member.login)))", 22, at: &column)
            put(employment, 14, member.endsOn.map { state.today.days(until: $0) <= 28 } == true ? theme.warning : .normal,
                at: &column)
            put(String(member.openCases), 4, at: &column)
            let load = member.load
            let filled = min(Self.barWidth, load.weight * Self.barWidth / max(1, load.capacity))
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: Self.barWidth - filled)
            put(bar + " \(load.percent)% \(statusLetter(load.status))", Self.barWidth + 8, style(load.status), at: &column)
            put(member.pendingHandovers == 0 ? "" : String(member.pendingHandovers), 4, theme.strong, at: &column)
            put(member.overdueKeyDates == 0 ? "" : String(member.overdueKeyDates), 4, theme.alarm, at: &column)
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
