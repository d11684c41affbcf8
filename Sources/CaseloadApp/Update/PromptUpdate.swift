import CaseloadCore
import CaseloadStore
import TerminalUI

/// The bottom-line questions: a limit, a search, a ":" command, why a case
/// outside the caseload is opened, the safeguarding question before a
/// flag, and a supervisor's "are you sure". Drawn by `Views/Screen.swift`'s
/// bottom line.
extension Update {
    func handlePrompt(_ key: Key, _ state: inout AppState) -> [Effect] {
        guard var prompt = state.prompt else { return [] }
        if key == .resize { return [] }
        switch prompt.editor.handle(key) {
        case .editing:
            state.prompt = prompt
            return []
        case .cancelled:
            state.prompt = nil
            return []
        case .submitted:
            state.prompt = nil
            return answer(prompt.kind, prompt.editor.text, &state)
        }
    }

    private func answer(_ kind: AppState.Prompt.Kind, _ text: String, _ state: inout AppState) -> [Effect] {
        let word = text.trimmingCharacters(in: .whitespaces).lowercased()
        switch kind {
        case .limit:
            remember(text, in: &state.limitHistory)
            return applyLimit(text, &state)
        case .search:
            return startSearch(text, &state)
        case .command:
            return runCommandLine(text, &state)
        case .confirm(_, let effect):
            guard ["y", "yes"].contains(word) else {
                say(&state, "Nothing done.")
                return []
            }
            return [effect]
        case .atRisk(let reference):
            switch word {
            case "y", "yes": return [.store(.prepareForm(.safeguarding(reference: reference)))]
            case "n", "no": return [.store(.prepareForm(.flag(reference: reference)))]
            default:
                return askAgain(.atRisk(reference: reference), "Answer y or n: is anyone at risk of significant harm?", &state)
            }
        case .reason(let reference):
            let reason = text.trimmingCharacters(in: .whitespaces)
            guard !reason.isEmpty else {
                say(&state, "A reason is needed to open a case outside your caseload.", error: true)
                return []
            }
            return [.store(.openCase(reference: reference, reason: reason, refresh: false))]
        case .withdrawHandover(let reference):
            let reason = text.trimmingCharacters(in: .whitespaces)
            guard !reason.isEmpty else {
                return askAgain(kind, "Say why the handover is withdrawn (Esc leaves it waiting).", &state)
            }
            return [.store(.withdrawHandover(reference: reference, reason: reason))]
        case .meets(let offer, let rest):
            switch word {
            case "y", "yes":
                offerToMeet(rest, &state)
                return [.store(.settleKeyDate(reference: offer.reference, id: offer.keyDateId,
                                              outcome: .met(on: offer.on, note: offer.note)))]
            case "n", "no":
                offerToMeet(rest, &state)
                return []
            default:
                return askAgain(kind, "Answer y or n: \(offer.question)?", &state)
            }
        }
    }

    /// Asks about the first of the dates an event may have met.
    func offerToMeet(_ offers: [MeetOffer], _ state: inout AppState) {
        guard let first = offers.first else { return }
        state.prompt = .init(kind: .meets(first, then: Array(offers.dropFirst())), editor: LineEditor())
    }

    /// The same question again, with what was wrong on the line above it.
    private func askAgain(_ kind: AppState.Prompt.Kind, _ why: String, _ state: inout AppState) -> [Effect] {
        state.prompt = .init(kind: kind, editor: LineEditor())
        say(&state, why, error: true)
        return []
    }

    /// A ":" command: a name from the command table and an optional
    /// argument, or `open REF`.
    private func runCommandLine(_ text: String, _ state: inout AppState) -> [Effect] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return [] }
        remember(trimmed, in: &state.commandHistory)
        let name = String(trimmed.prefix { !$0.isWhitespace })
        let argument = trimmed.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        if name == "open", !argument.isEmpty {
            guard let reference = try? CaseReference(parsing: argument) else {
                say(&state, "\(SafeText.inline(argument)) is not a case reference; they look like C-2026-00042", error: true)
                return []
            }
            return open(reference.description, worker: nil, &state)
        }
        guard let command = commandTable.command(named: name, in: state.place) else {
            say(&state, "\(SafeText.inline(name)) is not a command here; press ? for the list.", error: true)
            return []
        }
        return run(command, argument: argument.isEmpty ? nil : argument, &state)
    }
}
