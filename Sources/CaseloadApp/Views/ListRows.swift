import TerminalUI

/// A plain list under a heading: a window of rows around the selection,
/// the selected row in reverse.
struct ListRows {
    let theme: Theme
    /// The heading on the first line, the rows below it.
    let area: Area

    func draw(heading: String, rows: [StyledLine], selected: Int, empty: String, into buffer: inout ScreenBuffer) {
        draw(heading: heading, rows: rows.map { [$0] }, selected: selected, empty: empty, into: &buffer)
    }

    /// Rows of several lines each (all the same number): what does not fit
    /// beside the rest goes on the row's second line rather than being cut.
    func draw(heading: String, rows: [[StyledLine]], selected: Int, empty: String, into buffer: inout ScreenBuffer) {
        buffer.put(DisplayWidth.truncate(heading, to: area.width), x: area.x, y: area.y, style: theme.heading)
        guard !rows.isEmpty else {
            buffer.put(empty, x: area.x + 2, y: area.y + 2, style: theme.quiet)
            return
        }
        let linesPerRow = max(1, rows[0].count)
        let height = max(1, (area.height - 1) / linesPerRow)
        let top = max(0, min(selected - height / 2, rows.count - height))
        for (offset, lines) in rows.dropFirst(top).prefix(height).enumerated() {
            let y = area.y + 1 + offset * linesPerRow
            let isSelected = top + offset == selected
            if isSelected { buffer.fill(x: area.x, y: y, width: area.width, height: linesPerRow, style: theme.selected) }
            for (n, line) in lines.enumerated() {
                line.draw(into: &buffer, x: area.x, y: y + n, width: area.width, base: isSelected ? theme.selected : nil)
            }
        }
    }
}
