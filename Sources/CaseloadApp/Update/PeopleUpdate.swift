import CaseloadCore
import CaseloadStore
import TerminalUI

/// The people on the case file on screen (`p`): whose details to change is
/// asked on the bottom line, a key each, then their form opens
/// (`Forms/PersonForm.swift`). `S` shows or hides the special-category details.
extension Update {
    func peopleAction(_ action: Action, _ state: inout AppState) -> [Effect] {
        guard let detail = state.caseFile?.detail else { return [] }
        let reference = detail.reference
        switch action {
        case .people:
            if detail.status == .closed {
                say(&state, "\(reference) is closed; R reopens it, then p changes its people.", error: true)
                return []
            }
            state.prompt = .init(kind: .person(reference: reference, people: PersonChoice.offer(detail.currentPeople)),
                                 editor: LineEditor())
            return []
        case .special:
            // Hidden again by any reload: shown only while asked for.
            say(&state, detail.specialShown ? "Special-category details hidden."
                : "Special-category details shown under each person (recorded); S hides them.")
            return [.store(.showSpecial(reference: reference, shown: !detail.specialShown))]
        default:
            return []
        }
    }

    /// A key from the "whose details?" question: a person's, or + for someone new.
    func answerPerson(_ key: Key, reference: String, people: [PersonChoice], _ state: inout AppState) -> [Effect] {
        switch key {
        case .escape, .control("g"):
            state.prompt = nil
            return []
        case .character("+"):
            state.prompt = nil
            return [.store(.prepareForm(.addParty(reference: reference)))]
        case .character(let c):
            guard let chosen = people.first(where: { $0.key == c }) else { break }
            state.prompt = nil
            return [.store(.prepareForm(.editPerson(reference: reference, personId: chosen.personId)))]
        default:
            break
        }
        say(&state, "Press the key beside a name, or + to add someone (Esc backs out).", error: true)
        return []
    }
}
