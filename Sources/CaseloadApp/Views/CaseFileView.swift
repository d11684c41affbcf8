import CaseloadCore
import CaseloadStore
import TerminalUI

/// The case file: its laid-out lines from the first one shown, the
/// selected timeline entry in reverse. The lines come from
/// `CaseFileLayout`, laid out once per change by update.
struct CaseFileView {
    let file: AppState.CaseFile
    let lines: [CaseFileLayout.Line]
    let theme: Theme
    let area: Area

    func draw(into buffer: inout ScreenBuffer) {
        for (offset, line) in lines.dropFirst(file.scroll).prefix(area.height).enumerated() {
            let selected = line.entry == file.selected && !file.detail.timeline.isEmpty && file.keyDate == nil
            let y = area.y + offset
            let keyDate = file.keyDate != nil && line.keyDate.map { file.detail.keyDates[$0].id } == file.keyDate
            if keyDate || selected, keyDate || line.text.spans.first?.text.hasPrefix("▸") == true
                || line.text.spans.first?.text.hasPrefix("▾") == true {
                buffer.fill(x: area.x, y: y, width: area.width, height: 1, style: theme.selected)
                line.text.draw(into: &buffer, x: area.x, y: y, width: area.width, base: theme.selected)
            } else {
                line.text.draw(into: &buffer, x: area.x, y: y, width: area.width)
            }
        }
    }
}
