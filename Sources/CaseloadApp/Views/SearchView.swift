import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// Search results: two lines each, the case and the matching snippet with
/// the matched words highlighted.
struct SearchView {
    let search: AppState.Search
    let timeZone: TimeZone
    let theme: Theme
    /// The heading on the first line, then two lines a result.
    let area: Area

    /// How many results fit: two lines each, under the heading.
    static func visible(in height: Int) -> Int { max(1, (height - 1) / 2) }

    func draw(into buffer: inout ScreenBuffer) {
        buffer.put("Results for \"\(SafeText.inline(search.text))\": names, then notes, newest first",
                   x: area.x, y: area.y, style: theme.heading, maxWidth: area.width)
        if search.hits.isEmpty {
            buffer.put("Nothing found.", x: area.x + 2, y: area.y + 2, style: theme.quiet)
            return
        }
        let visible = Self.visible(in: area.height)
        for (offset, hit) in search.hits.dropFirst(search.top).prefix(visible).enumerated() {
            let index = search.top + offset
            let y = area.y + 1 + offset * 2
            let selected = index == search.selected
            let base = selected ? theme.selected : Style.normal
            if selected { buffer.fill(x: area.x, y: y, width: area.width, height: 2, style: base) }
            let when = hit.at.map { "  " + Moment.format($0, in: timeZone) } ?? ""
            let head = StyledLine([.init(hit.reference + "  ", theme.strong), .init(SafeText.inline(hit.child ?? "(anonymous)")),
                                   .init("  " + hit.source.rawValue + when, theme.quiet),
                                   .init(hit.workerLogin.map { "  " + SafeText.inline($0) } ?? "  unallocated", theme.quiet)])
            head.draw(into: &buffer, x: area.x, y: y, width: area.width, base: selected ? base : nil)
            // The store gives no text for a hit outside the caseload: it
            // shows once the case has been opened, saying why.
            let second = hit.snippet.map(snippet)
                ?? StyledLine([.init("outside your caseload: Enter asks why, then opens it", theme.quiet)])
            second.draw(into: &buffer, x: area.x + 4, y: y + 1, width: area.width - 4, base: selected ? base : nil)
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
