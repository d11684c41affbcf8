import CaseloadCore
import Foundation
import TerminalUI

/// Draws a form: the title, what it is for, then each field with its label
/// on the left, what was typed on the right and, beneath it, a problem in
/// plain words, what a date was understood as, or a hint for the focused field.
struct FormView {
    let form: Form
    let today: Day
    let theme: Theme
    /// Below the title bar, above the status line and the bottom line.
    let area: Area

    static var inputX: Int { Form.inputX }
    /// Pickers show this many options at a time.
    static let optionRows = 6

    private var inputWidth: Int { Form.inputWidth(screenWidth: area.width) }
    private var weekdays: [String] { ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] }

    struct Line {
        var text: StyledLine
        var field: Int?
        /// Cells from `inputX` to underline as the place to type.
        var inputCells = 0
    }

    /// Every line of the form and where the cursor goes (as a line index and x).
    func lines() -> (lines: [Line], cursor: (line: Int, x: Int)?, focusRange: Range<Int>) {
        var lines: [Line] = []
        var cursor: (line: Int, x: Int)?
        var focusRange = 0..<0
        lines.append(Line(text: StyledLine([.init(" " + SafeText.inline(form.title), theme.strong)])))
        for text in form.intro {
            for row in TextWrap.wrap(SafeText.inline(text), width: area.width - 2) {
                lines.append(Line(text: StyledLine([.init(" " + row, form.introIsAlarm ? theme.alarm : theme.quiet)])))
            }
        }
        lines.append(Line(text: StyledLine([])))
        for (index, field) in form.fields.enumerated() where form.isShown(field) {
            let start = lines.count
            let focused = index == form.focus
            let label = DisplayWidth.pad((focused ? "▸ " : "  ") + field.label, to: Form.labelWidth)
            let labelSpan = StyledLine.Span(DisplayWidth.truncate(label, to: Form.labelWidth) + "  ", focused ? theme.strong : .normal)
            switch field.kind {
            case .check:
                // A tick box carries its own words, too long for the label column.
                let box = StyledLine.Span((focused ? "▸ " : "  ") + String(repeating: " ", count: Self.inputX - 2))
                lines.append(Line(text: StyledLine([box, .init((field.checked ? "[x] " : "[ ] ") + field.label,
                                                                focused ? theme.strong : .normal)]), field: index))
                if focused { cursor = (lines.count - 1, Self.inputX + 1) }
            case .choice, .choices:
                let rows = pickerLines(field, focused: focused, labelSpan: labelSpan, index: index)
                if focused {
                    cursor = (lines.count, Self.inputX + DisplayWidth.of(SafeText.inline(field.text.text)))
                }
                lines += rows
            default:
                let rows = field.text.rows(width: inputWidth)
                let shown: ArraySlice<(line: Int, start: Int, text: String)>
                var top = 0
                if case .note(let count) = field.kind {
                    let position = field.text.cursorPosition(width: inputWidth)
                    top = max(0, min(position.row - count + 1, rows.count - count))
                    if !focused { top = 0 }
                    shown = rows.dropFirst(top).prefix(count)
                    for (n, row) in shown.enumerated() {
                        lines.append(Line(text: StyledLine([n == 0 ? labelSpan : .init(String(repeating: " ", count: Self.inputX)),
                                                            .init(SafeText.inline(row.text))]),
                                          field: index, inputCells: inputWidth))
                    }
                    for n in shown.count..<count {
                        lines.append(Line(text: StyledLine([n == 0 ? labelSpan : .init(String(repeating: " ", count: Self.inputX))]),
                                          field: index, inputCells: inputWidth))
                    }
                    if rows.count > count {
                        lines.append(Line(text: StyledLine([.init(String(repeating: " ", count: Self.inputX)),
                            .init("lines \(top + 1)–\(top + shown.count) of \(rows.count)", theme.quiet)]), field: index))
                    }
                } else {
                    for (n, row) in rows.enumerated() {
                        lines.append(Line(text: StyledLine([n == 0 ? labelSpan : .init(String(repeating: " ", count: Self.inputX)),
                                                            .init(SafeText.inline(row.text))]),
                                          field: index, inputCells: inputWidth))
                    }
                }
                if focused {
                    let position = field.text.cursorPosition(width: inputWidth)
                    cursor = (start + position.row - top, Self.inputX + position.x)
                }
            }
            if let note = note(for: field, focused: focused) {
                for row in TextWrap.wrap(note.text, width: inputWidth) {
                    lines.append(Line(text: StyledLine([.init(String(repeating: " ", count: Self.inputX)), .init(row, note.style)]),
                                      field: index))
                }
            }
            if focused { focusRange = start..<lines.count }
        }
        return (lines, cursor, focusRange)
    }

    private func pickerLines(_ field: FormField, focused: Bool, labelSpan: StyledLine.Span, index: Int) -> [Line] {
        let labels = Dictionary(uniqueKeysWithValues: field.options.map { ($0.id, $0.label) })
        let picked = field.picked.compactMap { labels[$0] }.joined(separator: ", ")
        guard focused else {
            let shown = picked.isEmpty ? "—" : picked
            return TextWrap.wrap(SafeText.inline(shown), width: inputWidth).enumerated().map { n, row in
                Line(text: StyledLine([n == 0 ? labelSpan : .init(String(repeating: " ", count: Self.inputX)),
                                       .init(row, picked.isEmpty ? theme.quiet : .normal)]), field: index)
            }
        }
        var lines = [Line(text: StyledLine([labelSpan, .init(SafeText.inline(field.text.text))]), field: index,
                          inputCells: min(inputWidth, 24))]
        let options = field.filtered
        if options.isEmpty {
            lines.append(Line(text: StyledLine([.init(String(repeating: " ", count: Self.inputX)),
                                                .init("nothing matches; Backspace widens the list", theme.error)]), field: index))
            return lines
        }
        let top = max(0, min(field.highlight - Self.optionRows / 2, options.count - Self.optionRows))
        for (n, option) in options.enumerated().dropFirst(top).prefix(Self.optionRows) {
            let chosen = field.picked.contains(option.id)
            let mark = field.isMultiple ? (chosen ? "[x] " : "[ ] ") : (chosen ? "● " : "  ")
            let style: Style = n == field.highlight ? theme.selected : .normal
            lines.append(Line(text: StyledLine([.init(String(repeating: " ", count: Self.inputX)),
                                                .init(DisplayWidth.truncate(mark + SafeText.inline(option.label), to: inputWidth), style)]),
                              field: index))
        }
        if options.count > Self.optionRows {
            lines.append(Line(text: StyledLine([.init(String(repeating: " ", count: Self.inputX)),
                                                .init("\(options.count) options, ↑ ↓ for more", theme.quiet)]), field: index))
        }
        return lines
    }

    /// The line under a field: what is wrong, what a date means, or a hint.
    private func note(for field: FormField, focused: Bool) -> StyledLine.Span? {
        if let error = form.errors[field.id] { return .init("⚠ " + error, theme.error) }
        if case .date = field.kind, !field.text.isEmpty {
            if let day = try? DatePhrase.parse(field.text.text, today: today, direction: form.dateDirection(field)) {
                return .init("→ \(weekdays[day.weekday - 1]) \(day.formatted)", theme.quiet)
            }
            return .init("not a date yet: " + DatePhrase.help, theme.warning)
        }
        if focused, let help = field.help { return .init(help, theme.quiet) }
        return nil
    }

    var height: Int { max(1, area.height) }

    func draw(into buffer: inout ScreenBuffer) -> (x: Int, y: Int)? {
        let (lines, cursor, focus) = lines()
        // Keep the focused field (and its options) in view.
        var top = 0
        if focus.upperBound > height { top = min(focus.lowerBound, focus.upperBound - height) }
        for (offset, line) in lines.dropFirst(top).prefix(height).enumerated() {
            let y = area.y + offset
            if line.inputCells > 0 {
                buffer.fill(x: Self.inputX, y: y, width: line.inputCells, height: 1, style: theme.input)
            }
            line.text.draw(into: &buffer, x: area.x, y: y, width: area.width)
            if line.inputCells > 0 {
                // Typed text keeps the input's look.
                for span in line.text.spans.dropFirst() {
                    buffer.put(span.text, x: Self.inputX, y: y, style: theme.input.merged(span.style),
                               maxWidth: line.inputCells)
                }
            }
        }
        guard let cursor, cursor.line >= top, cursor.line < top + height else { return nil }
        return (min(area.x + area.width - 1, cursor.x), area.y + cursor.line - top)
    }
}
