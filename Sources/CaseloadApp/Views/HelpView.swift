import TerminalUI

/// Every command with its keys and ":" name, generated from the command table.
struct HelpView {
    let help: AppState.Help
    let supervisor: Bool
    let theme: Theme
    let area: Area

    func draw(into buffer: inout ScreenBuffer) {
        let lines = HelpText.lines(theme, width: area.width - 2, supervisor: supervisor)
        for (offset, line) in lines.dropFirst(help.scroll).prefix(area.height).enumerated() {
            line.draw(into: &buffer, x: area.x + 1, y: area.y + offset, width: area.width - 2)
        }
    }
}

/// The help's lines, for a width and for who is reading: a caseworker's
/// help lists only what a caseworker can do. Keys and ":" names are never
/// cut; what a command does wraps under its own column.
enum HelpText {
    static let places: [(Place.Kind, String)] = [(.caseload, "Caseload"), (.caseFile, "Case file"),
                                                 (.searchResults, "Search results"), (.team, "Team"),
                                                 (.referrals, "Referrals"), (.attention, "Needs my attention"),
                                                 (.leaving, "A worker is leaving"), (.help, "Help")]

    /// Places only a supervisor reaches.
    static let supervisorsOnly: Set<Place.Kind> = [.team, .attention, .leaving]

    static func lines(_ theme: Theme, width: Int, supervisor: Bool) -> [StyledLine] {
        let shown = places.filter { supervisor || !supervisorsOnly.contains($0.0) }.map { place, title in
            (title, commandTable.commands(in: place).filter { supervisor || !$0.needs.contains(.supervisor) })
        }
        let all = shown.flatMap(\.1)
        let keyWidth = (all.map { DisplayWidth.of($0.keyLabels) }.max() ?? 0) + 2
        let nameWidth = (all.map { DisplayWidth.of($0.name) }.max() ?? 0) + 2
        let textWidth = max(20, width - 2 - keyWidth - nameWidth)
        let indent = String(repeating: " ", count: 2 + keyWidth + nameWidth)
        var out: [StyledLine] = []
        for (title, commands) in shown {
            out.append(StyledLine(title, theme.heading))
            for command in commands {
                let text = TextWrap.wrap(command.help, width: textWidth)
                out.append(StyledLine([.init("  " + DisplayWidth.pad(command.keyLabels, to: keyWidth), theme.strong),
                                       .init(DisplayWidth.pad(":" + command.name, to: nameWidth), theme.quiet),
                                       .init(text.first ?? "")]))
                out += text.dropFirst().map { StyledLine(indent + $0) }
            }
            out.append(StyledLine())
        }
        let notes = "In a prompt: ←/→ move, Home/End, Ctrl-U clears, ↑/↓ recall earlier lines, Enter accepts, Esc cancels."
            + " A yes/no question takes y or n at once. In a form: Tab and Shift-Tab move between fields; F2 or Ctrl-S saves;"
            + " Esc cancels (asking first if something was typed); Ctrl-E opens a note in $VISUAL or $EDITOR. Typing into a"
            + " field still showing what it started with (now, today) replaces it; an arrow first lets you edit it. Pickers"
            + " filter as you type and choose nothing by themselves: Enter or ↑ ↓ chooses, Space ticks. What you type is kept"
            + " as a private draft and offered back next time."
        out += TextWrap.wrap(notes, width: width).map { StyledLine($0) }
        return out
    }

    static func lineCount(width: Int, supervisor: Bool) -> Int {
        lines(Theme(colour: false), width: width, supervisor: supervisor).count
    }
}
