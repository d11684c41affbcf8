import CaseloadCore
import CaseloadStore
import TerminalUI

/// The casework that changes a case's course: withdrawing a waiting
/// handover, consent given later, settling and adding key dates, closing,
/// reopening and opening a case. Each opens a form (`Forms/CaseworkForms.swift`)
/// or asks on the bottom line (`PromptUpdate.swift`).
extension Update {
    func caseworkAction(_ action: Action, _ state: inout AppState) -> [Effect] {
        guard let reference = selectedReference(state) else { return [] }
        switch action {
        case .withdrawHandover:
            if state.place == .caseload, state.list.selectedRow?.handoverPending == false {
                say(&state, "No handover is waiting on \(reference) (a waiting one is marked H).", error: true)
                return []
            }
            state.prompt = .init(kind: .withdrawHandover(reference: reference), editor: LineEditor())
            return []
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
