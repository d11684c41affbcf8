import CaseloadCore
import CaseloadStore
import TerminalUI

/// What waits for a supervisor, oldest first.
struct AttentionView {
    let attention: AppState.Attention
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
            return StyledLine([
                .init(DisplayWidth.pad(what, to: 11) + " ", style),
                .init(DisplayWidth.pad(item.reference, to: 12) + " ", theme.strong),
                .init(DisplayWidth.pad(SafeText.inline(item.child ?? "(anonymous)"), to: 20) + " "),
                .init(SafeText.inline(item.detail)),
            ])
        }
        ListRows(theme: theme, area: area).draw(
            heading: "NEEDS MY ATTENTION  (Enter or a: sign off, send with an override, mark reviewed; o opens the case)",
            rows: rows, selected: attention.selected, empty: "Nothing needs your attention.", into: &buffer)
    }
}
