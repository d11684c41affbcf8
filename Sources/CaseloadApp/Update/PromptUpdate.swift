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
        if prompt.kind.isYesOrNo { return answerYesOrNo(key, prompt.kind, &state) }
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
        switch kind {
        case .limit:
            remember(text, in: &state.limitHistory)
            return applyLimit(text, &state)
        case .search:
            return startSearch(text, &state)
        case .command:
            return runCommandLine(text, &state)
        case .reason(let reference, let then):
            let reason = text.trimmingCharacters(in: .whitespaces)
            guard !reason.isEmpty else {
                say(&state, "A reason is needed to \(then == nil ? "open" : "act on") a case outside your caseload.", error: true)
                return []
            }
            state.reasonsGiven[reference] = reason
            if let then { return [.store(then.giving(reason))] }
            return [.store(.openCase(reference: reference, reason: reason, refresh: false))]
        case .withdrawHandover(let reference):
            let reason = text.trimmingCharacters(in: .whitespaces)
            guard !reason.isEmpty else {
                return askAgain(kind, "Say why the handover is withdrawn (Esc leaves it waiting).", &state)
            }
            return [.store(.withdrawHandover(reference: reference, reason: reason))]
        case .confirm, .atRisk, .meets, .person:
            // Answered a key at a time by answerYesOrNo.
            return []
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

    /// Every yes/no question answers the same way: y or n, with no Enter;
    /// Esc (or Ctrl-G) backs out; any other key asks again.
    private func answerYesOrNo(_ key: Key, _ kind: AppState.Prompt.Kind, _ state: inout AppState) -> [Effect] {
        if case .person(let reference, let people) = kind { return answerPerson(key, reference: reference, people: people, &state) }
        let answer: Bool?
        switch key {
        case .character("y"), .character("Y"): answer = true
        case .character("n"), .character("N"): answer = false
        case .escape, .control("g"): answer = nil
        default:
            say(&state, "Press y for yes or n for no (Esc backs out).", error: true)
            return []
        }
        state.prompt = nil
        switch (kind, answer) {
        case (.confirm(_, let effect), true?): return [effect]
        case (.atRisk(let reference), true?): return [.store(.prepareForm(.safeguarding(reference: reference)))]
        case (.atRisk(let reference), false?): return [.store(.prepareForm(.flag(reference: reference)))]
        case (.atRisk, nil): say(&state, "Nothing flagged.")
        case (.meets(let offer, let rest), true?):
            offerToMeet(rest, &state)
            return [.store(.settleKeyDate(reference: offer.reference, id: offer.keyDateId,
                                          outcome: .met(on: offer.on, note: offer.note)))]
        case (.meets(_, let rest), false?): offerToMeet(rest, &state)
        default: say(&state, "Nothing done.")
        }
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
            return open(reference.description, &state)
        }
        guard let command = commandTable.command(named: name, in: state.place) else {
            say(&state, "\(SafeText.inline(name)) is not a command here; press ? for the list.", error: true)
            return []
        }
        return run(command, argument: argument.isEmpty ? nil : argument, &state)
    }
}
