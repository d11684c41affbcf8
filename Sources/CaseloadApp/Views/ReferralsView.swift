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

    /// A column: its heading, its width (nil for the last, which takes the
    /// rest) and what a row shows in it. Headings and rows are built from
    /// this one list.
    private struct Column {
        let heading: String
        let width: Int?
        let cell: (ReferralRow) -> (String, Style)
    }

    private var columns: [Column] {
        [
            Column(heading: "REFERENCE", width: 12) { ($0.reference, theme.strong) },
            Column(heading: "STATUS", width: 13) { ($0.status.rawValue, .normal) },
            Column(heading: "URGENCY", width: 9) { ($0.urgency.rawValue, $0.urgency == .priority ? theme.warning : .normal) },
            Column(heading: "CONSENT", width: 9) { row in
                (row.consentGiven ? "given" : row.overrideReason != nil ? "override" : "NONE", row.consentGiven ? .normal : theme.alarm)
            },
            Column(heading: "FLAGGED", width: 11) { [timeZone] in (Day($0.flaggedAt, in: timeZone).formatted, .normal) },
            Column(heading: "WORKER", width: 9) {
                (DisplayWidth.truncate(SafeText.inline($0.workerLogin ?? "-"), to: 9), theme.quiet)
            },
            Column(heading: "CHILD AND NEED", width: nil) {
                (SafeText.inline($0.child ?? "(anonymous)") + ": " + SafeText.inline($0.narrative), .normal)
            },
        ]
    }

    func draw(into buffer: inout ScreenBuffer) {
        let columns = self.columns
        let fixed = columns.compactMap(\.width).reduce(0) { $0 + $1 + 1 }
        // Too narrow for the need beside the rest (80 columns): it goes on
        // a line of its own under each referral, so it is never the part cut.
        let needBelow = area.width - fixed < 40
        let heading = columns.map { column in
            column.width.map { DisplayWidth.pad(column.heading, to: $0) + " " } ?? (needBelow ? "CHILD" : column.heading)
        }.joined()
        let rows = referrals.rows.map { row -> [StyledLine] in
            let line = StyledLine(columns.map { column in
                let (text, style) = column.cell(row)
                if column.width == nil, needBelow { return .init(SafeText.inline(row.child ?? "(anonymous)"), style) }
                return .init(column.width.map { DisplayWidth.pad(text, to: $0) + " " } ?? text, style)
            })
            return needBelow ? [line, StyledLine("    need: " + SafeText.inline(row.narrative))] : [line]
        }
        ListRows(theme: theme, area: area).draw(
            heading: heading, rows: rows, selected: referrals.selected,
            empty: "No \(referrals.status?.rawValue ?? "") referrals. s shows another status.", into: &buffer)
    }
}
