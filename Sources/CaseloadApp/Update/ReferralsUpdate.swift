import CaseloadCore
import CaseloadStore
import TerminalUI

extension AppState {
    /// The family-support referrals list (:referrals), by status.
    public struct Referrals: Sendable {
        public var status: ReferralStatus?
        public var rows: [ReferralRow]
        public var selected = 0

        public init(status: ReferralStatus?, rows: [ReferralRow], selected: Int = 0) {
            self.status = status
            self.rows = rows
            self.selected = selected
        }

        var selectedRow: ReferralRow? { rows[safe: selected] }
    }
}

/// Family-support referrals by status, and moving one on. Drawn by
/// `Views/ReferralsView.swift`.
extension Update {
    func referralsAction(_ action: Action, argument: String?, _ state: inout AppState) -> [Effect] {
        switch action {
        case .referrals:
            var status: ReferralStatus?
            if argument?.lowercased() == "all" {
                status = nil
            } else if let argument {
                guard let parsed = ReferralStatus(rawValue: argument.lowercased()) else {
                    say(&state, "\(SafeText.inline(argument)) is not a referral status; use "
                        + (["all"] + ReferralStatus.allCases.map(\.rawValue)).joined(separator: ", "), error: true)
                    return []
                }
                status = parsed
            } else if state.user.isSupervisor {
                // A supervisor starts from what needs doing: flagged, to send.
                status = .flagged
            }
            return [.store(.loadReferrals(status))]
        case .statusFilter:
            let all: [ReferralStatus?] = [nil] + ReferralStatus.allCases
            let index = all.firstIndex { $0 == state.referrals?.status } ?? 0
            let next = all[(index + 1) % all.count]
            say(&state, "Showing \(next?.rawValue ?? "all") referrals.")
            return [.store(.loadReferrals(next))]
        case .referralStatus:
            guard let row = state.referrals?.selectedRow else { return [] }
            guard !row.status.next.isEmpty else {
                say(&state, "That referral is closed; nothing follows.", error: true)
                return []
            }
            return [.store(.prepareForm(.referralStatus(reference: row.reference, current: row.status)))]
        default:
            return []
        }
    }

    /// The list as loaded: in place when it is already open (also behind a
    /// case opened from it), otherwise on top.
    func referralsLoaded(_ status: ReferralStatus?, _ rows: [ReferralRow], _ state: inout AppState) -> [Effect] {
        let selected = state.referrals.map { min($0.selected, max(0, rows.count - 1)) } ?? 0
        state.show(.referrals(AppState.Referrals(status: status, rows: rows, selected: selected)), inPlace: true)
        return []
    }

    func moveInReferrals(_ delta: Int, _ state: inout AppState) {
        guard var referrals = state.referrals else { return }
        referrals.selected = clamp(referrals.selected + delta, 0, max(0, referrals.rows.count - 1))
        state.referrals = referrals
    }
}
