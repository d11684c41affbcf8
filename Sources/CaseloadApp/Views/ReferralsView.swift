import CaseloadCore
import CaseloadStore
import TerminalUI

/// Family-support referrals by status, for sending a batch to the Children's Trust.
struct ReferralsView {
    let state: AppState
    let theme: Theme

    func draw(into buffer: inout ScreenBuffer) {
        guard let referrals = state.referrals else { return }
        let heading = "REFERENCE    STATUS        URGENCY   CONSENT   FLAGGED     WORKER    CHILD AND NEED"
        let rows = referrals.rows.map { row -> StyledLine in
            let consent = row.consentGiven ? "given" : row.overrideReason != nil ? "override" : "NONE"
            return StyledLine([
                .init(DisplayWidth.pad(row.reference, to: 12) + " ", theme.strong),
                .init(DisplayWidth.pad(row.status.rawValue, to: 13) + " "),
                .init(DisplayWidth.pad(row.urgency.rawValue, to: 9) + " ", row.urgency == .priority ? theme.warning : .normal),
                .init(DisplayWidth.pad(consent, to: 9) + " ", row.consentGiven ? .normal : theme.alarm),
                .init(Day(row.flaggedAt, in: state.timeZone).formatted + "  "),
                .init(DisplayWidth.pad(DisplayWidth.truncate(SafeText.inline(row.workerLogin ?? "-"), to: 9), to: 9) + " ", theme.quiet),
                .init(SafeText.inline(row.child ?? "(anonymous)") + ": " + SafeText.inline(row.narrative)),
            ])
        }
        ListRows(state: state, theme: theme).draw(
            heading: heading, rows: rows, selected: referrals.selected,
            empty: "No \(referrals.status?.rawValue ?? "") referrals. s shows another status.", into: &buffer)
    }
}
