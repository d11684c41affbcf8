import CaseloadCore
import CaseloadStore
import TerminalUI

/// The casework that changes a case's course: withdrawing a waiting
/// handover, consent given later, settling and adding key dates, closing,
/// reopening and opening a case. Each opens a form (`Forms/CaseworkForms.swift`)
/// or asks on the bottom line (`PromptUpdate.swift`).
extension Update {
    func caseworkAction(_ action: Action, _ state: inout AppState) -> [Effect] {
        if action == .newCase { return [.store(.prepareForm(.newCase))] }
        guard let reference = selectedReference(state) else { return [] }
        let detail = state.place == .caseFile ? state.caseFile?.detail : nil
        switch action {
        case .withdrawHandover:
            if state.place == .caseload, state.list.selectedRow?.handoverPending == false {
                say(&state, "No handover is waiting on \(reference) (a waiting one is marked H).", error: true)
                return []
            }
            state.prompt = .init(kind: .withdrawHandover(reference: reference), editor: LineEditor())
            return []
        case .consent:
            let open: Bool
            if let detail {
                open = detail.referrals.contains { ![.declined, .closed].contains($0.status) }
            } else {
                open = state.referrals?.selectedRow.map { ![.declined, .closed].contains($0.status) } ?? false
            }
            guard open else {
                say(&state, "\(reference) has no open family-support referral to record consent on (f flags the case).",
                    error: true)
                return []
            }
            return [.store(.prepareForm(.consent(reference: reference)))]
        case .settleKeyDate:
            guard let date = selectedKeyDate(state) else { return [] }
            return [.store(.prepareForm(.settleKeyDate(reference: reference, keyDateId: date.id,
                                                       title: "\(date.title), due \(date.dueOn)")))]
        case .addKeyDate:
            return [.store(.prepareForm(.addKeyDate(reference: reference)))]
        case .editCase:
            if detail?.status == .closed {
                say(&state, "\(reference) is closed; R reopens it, then E edits it.", error: true)
                return []
            }
            return [.store(.prepareForm(.editCase(reference: reference)))]
        case .closeCase, .reopenCase:
            let closed = detail?.status == .closed
            if action == .closeCase, closed {
                say(&state, "\(reference) is already closed; R reopens it.", error: true)
                return []
            }
            if action == .reopenCase, !closed {
                say(&state, "\(reference) is open; only a closed case can be reopened.", error: true)
                return []
            }
            return [.store(.prepareForm(action == .closeCase ? .closeCase(reference: reference) : .reopenCase(reference: reference)))]
        default:
            return []
        }
    }

    /// The open key date selected in the case file on screen.
    func selectedKeyDate(_ state: AppState) -> CaseDetail.KeyDate? {
        guard state.place == .caseFile else { return nil }
        return state.caseFile?.selectedKeyDate
    }
}
