import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// Family-support referrals by status, for sending a batch to the Children's Trust.
struct ReferralsView {
    let referrals: AppState.Referrals
    let timeZone: TimeZone
    let theme: Theme
    let area: Area

    func draw(into buffer: inout ScreenBuffer) {
        let heading = "REFERENCE    STATUS        URGENCY   CONSENT   FLAGGED     WORKER    CHILD AND NEED"
        let rows = referrals.rows.map { row -> StyledLine in
            let consent = row.consentGiven ? "given" : row.overrideReason != nil ? "override" : "NONE"
            return StyledLine([
                .init(DisplayWidth.pad(row.reference, to: 12) + " ", theme.strong),
                .init(DisplayWidth.pad(row.status.rawValue, to: 13) + " "),
                .init(DisplayWidth.pad(row.urgency.rawValue, to: 9) + " ", row.urgency == .priority ? theme.warning : .normal),
                .init(DisplayWidth.pad(consent, to: 9) + " ", row.consentGiven ? .normal : theme.alarm),
                .init(Day(row.flaggedAt, in: timeZone).formatted + "  "),
                .init(DisplayWidth.pad(DisplayWidth.truncate(SafeText.inline(row.workerLogin ?? "-"), to: 9), to: 9) + " ", theme.quiet),
                .init(SafeText.inline(row.child ?? "(anonymous)") + ": " + SafeText.inline(row.narrative)),
            ])
        }
        ListRows(theme: theme, area: area).draw(
            heading: heading, rows: rows, selected: referrals.selected,
            empty: "No \(referrals.status?.rawValue ?? "") referrals. s shows another status.", into: &buffer)
    }
}
