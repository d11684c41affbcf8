import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// What waits for a supervisor, oldest first.
struct AttentionView {
    let attention: AppState.Attention
    let timeZone: TimeZone
    let theme: Theme
    let area: Area

    func draw(into buffer: inout ScreenBuffer) {
        let rows = attention.items.map { item -> StyledLine in
            let (what, style): (String, Style) = {
                switch item.kind {
                case .handoverSignOff: return ("SIGN OFF", theme.strong)
                case .consentOverride: return ("NO CONSENT", theme.warning)
                case .safeguardingReview: return ("SAFEGUARD", theme.alarm)
                }
            }()
            // The date in a column of its own, so a narrow screen cuts the
            // detail's end, never the date.
            return StyledLine([
                .init(DisplayWidth.pad(what, to: 10) + " ", style),
                .init(DisplayWidth.pad(item.reference, to: 12) + " ", theme.strong),
                .init(Day(item.since, in: timeZone).formatted + " "),
                .init(DisplayWidth.pad(DisplayWidth.truncate(SafeText.inline(item.child ?? "(anonymous)"), to: 18), to: 18) + " "),
                .init(SafeText.inline(item.detail)),
            ])
        }
        ListRows(theme: theme, area: area).draw(
            heading: DisplayWidth.pad("NEEDS", to: 11) + DisplayWidth.pad("REFERENCE", to: 13) + DisplayWidth.pad("SINCE", to: 11)
                + DisplayWidth.pad("CHILD", to: 19) + "WHAT IS WAITING",
            rows: rows, selected: attention.selected, empty: "Nothing needs your attention.", into: &buffer)
    }
}
