import CaseloadCore
import CaseloadStore
import TerminalUI

/// A worker is leaving: choose the receivers, take the proposed split,
/// adjust it, preview and confirm once. Esc goes back a step; nothing moves
/// until the confirmation. Drawn by `Views/LeavingView.swift`; the plan
/// itself is `LeavingPlan`.
extension Update {
    func leavingLoaded(_ plan: LeavingPlan, _ state: inout AppState) -> [Effect] {
        state.show(.leaving(plan))
        if plan.cases.isEmpty { say(&state, "\(plan.leaver.name) holds no open or inactive cases; Enter goes on to end them.") }
        return []
    }

    func stepLeaving(_ action: Action, _ state: inout AppState) -> [Effect] {
        guard var plan = state.leaving else { return [] }
        defer { state.leaving = plan }
        switch (action, plan.step) {
        case (.toggle, .receivers):
            guard let login = plan.candidates[safe: plan.selected]?.login else { return [] }
            if plan.chosen.contains(login) { plan.chosen.remove(login) } else { plan.chosen.insert(login) }
        case (.toggle, .adjust), (.cycleOn, .adjust): plan.cycle(1)
        case (.cycleBack, .adjust): plan.cycle(-1)
        // A worker can only be ended once their handovers are signed off, so
        // S and E are kept consistent here rather than refused at the confirm.
        case (.toggleSignOff, _):
            plan.signOffNow.toggle()
            if !plan.signOffNow, plan.endWorker, !plan.cases.isEmpty {
                plan.endWorker = false
                say(&state, "E is off too: \(plan.leaver.login) can only be ended once the handovers are signed off.")
            }
        case (.toggleEndWorker, _):
            plan.endWorker.toggle()
            if plan.endWorker, !plan.signOffNow, !plan.cases.isEmpty {
                plan.signOffNow = true
                say(&state, "S is on too: \(plan.leaver.login) can only be ended once the handovers are signed off.")
            }
        case (.nextStep, .receivers):
            guard !plan.cases.isEmpty else {
                plan.step = .preview
                return []
            }
            guard !plan.chosen.isEmpty else {
                say(&state, "Choose at least one receiver: Space ticks a worker.", error: true)
                return []
            }
            return [.store(.proposeSplit(leaver: plan.leaver.login, receivers: plan.receivers.map(\.login)))]
        case (.nextStep, .adjust):
            plan.step = .preview
            plan.selected = 0
        case (.nextStep, .preview):
            say(&state, "Moving \(Plural.count(plan.cases.count, "case")) ...")
            return [.store(.moveCaseload(leaver: plan.leaver.login, shares: plan.shares, signOff: plan.signOffNow,
                                  endWorker: plan.endWorker))]
        default:
            break
        }
        return []
    }

    /// Esc within the plan goes back a step; true when it did.
    func backInLeaving(_ state: inout AppState) -> Bool {
        guard state.place == .leaving, var plan = state.leaving, plan.step != .receivers else { return false }
        plan.step = plan.step == .preview && !plan.cases.isEmpty ? .adjust : .receivers
        plan.selected = 0
        state.leaving = plan
        return true
    }

    func moveInLeaving(_ delta: Int, _ state: inout AppState) {
        guard var plan = state.leaving else { return }
        let count = plan.step == .receivers ? plan.candidates.count : plan.step == .adjust ? plan.cases.count : 0
        plan.selected = clamp(plan.selected + delta, 0, max(0, count - 1))
        state.leaving = plan
    }
}
