import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// Search results: two lines each, the case and the matching snippet with
/// the matched words highlighted.
struct SearchView {
    let state: AppState
    let theme: Theme

    func draw(into buffer: inout ScreenBuffer) {
        guard let search = state.search else { return }
        buffer.put("Results for \"\(SafeText.inline(search.text))\": names first, then contact notes, most recently logged first",
                   x: 0, y: 1, style: theme.heading)
        if search.hits.isEmpty {
            buffer.put("Nothing found.", x: 2, y: 3, style: theme.quiet)
            return
        }
        let visible = max(1, state.listHeight / 2)
        for (offset, hit) in search.hits.dropFirst(search.top).prefix(visible).enumerated() {
            let index = search.top + offset
            let y = 2 + offset * 2
            let selected = index == search.selected
            let base = selected ? theme.selected : Style.normal
            if selected { buffer.fill(x: 0, y: y, width: state.width, height: 2, style: base) }
            let when = hit.at.map { "  " + Moment.format($0, in: state.timeZone) } ?? ""
            let head = StyledLine([.init(hit.reference + "  ", theme.strong), .init(SafeText.inline(hit.child ?? "(anonymous)")),
                                   .init("  " + hit.source.rawValue + when, theme.quiet),
                                   .init(hit.workerLogin.map { "  " + SafeText.inline($0) } ?? "  unallocated", theme.quiet)])
            head.draw(into: &buffer, x: 0, y: y, width: state.width, base: selected ? base : nil)
            snippet(hit.snippet).draw(into: &buffer, x: 4, y: y + 1, width: state.width - 4, base: selected ? base : nil)
        }
    }

    /// The snippet with the words between [ and ] shown bold.
    private func snippet(_ text: String) -> StyledLine {
        var spans: [StyledLine.Span] = []
        var rest = Substring(SafeText.inline(text))
        while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
            spans.append(.init(String(rest[..<open])))
            spans.append(.init(String(rest[rest.index(after: open)..<close]), theme.alarm))
            rest = rest[rest.index(after: close)...]
        }
        spans.append(.init(String(rest)))
        return StyledLine(spans)
    }
}
