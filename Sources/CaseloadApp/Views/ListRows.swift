import TerminalUI

/// A plain list under a heading: a window of rows around the selection,
/// the selected row in reverse.
struct ListRows {
    let state: AppState
    let theme: Theme

    func draw(heading: String, rows: [StyledLine], selected: Int, empty: String, top y0: Int = 1,
              into buffer: inout ScreenBuffer) {
        buffer.put(DisplayWidth.truncate(heading, to: state.width), x: 0, y: y0, style: theme.heading)
        guard !rows.isEmpty else {
            buffer.put(empty, x: 2, y: y0 + 2, style: theme.quiet)
            return
        }
        let height = max(1, state.height - 3 - y0)
        let top = max(0, min(selected - height / 2, rows.count - height))
        for (offset, line) in rows.dropFirst(top).prefix(height).enumerated() {
            let y = y0 + 1 + offset
            let isSelected = top + offset == selected
            if isSelected { buffer.fill(x: 0, y: y, width: state.width, height: 1, style: theme.selected) }
            line.draw(into: &buffer, x: 0, y: y, width: state.width, base: isSelected ? theme.selected : nil)
        }
    }
}
