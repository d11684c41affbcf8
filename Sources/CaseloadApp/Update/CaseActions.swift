import CaseloadCore
import CaseloadStore
import TerminalUI

/// What can be done to the case in hand, from the list, the search results
/// or the case file: each opens a form (`FormUpdate.swift`) or asks a
/// question first (`PromptUpdate.swift`).
extension Update {
    func caseAction(_ action: Action, _ state: inout AppState) -> [Effect] {
        guard let reference = selectedReference(state) else { return [] }
        switch action {
        case .logContact:
            return [.store(.prepareForm(.contact(reference: reference)))]
        case .flag:
            // The safeguarding question comes first, every time.
            state.prompt = .init(kind: .atRisk(reference: reference), editor: LineEditor())
            return []
        case .amend:
            guard let entry = selectedContact(state) else { return [] }
            let first = (entry.text ?? entry.title).split(separator: "\n").first.map(String.init) ?? entry.title
            let original = "\(Moment.format(entry.at, in: state.timeZone)) " + DisplayWidth.truncate(first, to: 60)
            return [.store(.prepareForm(.amend(reference: reference, contactId: entry.id, original: original)))]
        case .accept:
            return [.store(.acceptHandover([reference]))]
        case .familyTold:
            return [.store(.prepareForm(.familyTold(reference: reference)))]
        case .reassign, .handOver:
            return act(action, on: [reference])
        default:
            return []
        }
    }

    /// Reassigning or handing over one case or a tagged set.
    func act(_ action: Action, on references: [String]) -> [Effect] {
        [.store(.prepareForm(action == .reassign ? .reassign(references) : .handover(references)))]
    }
}
