import TerminalUI

/// Every command with its keys and ":" name, generated from the command table.
struct HelpView {
    let help: AppState.Help
    let theme: Theme
    let area: Area

    func draw(into buffer: inout ScreenBuffer) {
        for (offset, line) in HelpText.lines(theme).dropFirst(help.scroll).prefix(area.height).enumerated() {
            line.draw(into: &buffer, x: area.x + 1, y: area.y + offset, width: area.width - 2)
        }
    }
}

/// The help's lines: the same for everyone, so update can know how many
/// there are without drawing them.
enum HelpText {
    static let places: [(Place.Kind, String)] = [(.caseload, "Caseload"), (.caseFile, "Case file"),
                                                 (.searchResults, "Search results"), (.team, "Team"),
                                                 (.referrals, "Referrals"), (.attention, "Needs my attention"),
                                                 (.leaving, "A worker is leaving"), (.help, "Help")]

    static func lines(_ theme: Theme) -> [StyledLine] {
        var out: [StyledLine] = []
        for (place, title) in places {
            out.append(StyledLine(title, theme.heading))
            for command in commandTable.commands(in: place) {
                let needs = command.needs.contains(.supervisor) ? " (supervisors)" : ""
                out.append(StyledLine([.init("  " + DisplayWidth.pad(command.keyLabels, to: 16), theme.strong),
                                       .init(DisplayWidth.pad(":" + command.name, to: 12), theme.quiet),
                                       .init(command.help + needs)]))
            }
            out.append(StyledLine())
        }
        out.append(StyledLine("In a prompt: ←/→ move, Home/End, Ctrl-U clears, ↑/↓ recall earlier lines, Enter accepts, Esc cancels."))
        out.append(StyledLine("In a form: Tab and Shift-Tab move between fields; F2 or Ctrl-S saves; Esc cancels (asking first"))
        out.append(StyledLine("if something was typed); Ctrl-E opens a note in $VISUAL or $EDITOR. Pickers filter as you type,"))
        out.append(StyledLine("↑ ↓ choose and Space ticks. What you type is kept as a private draft and offered back next time."))
        return out
    }

    static var lineCount: Int { lines(Theme(colour: false)).count }
}
