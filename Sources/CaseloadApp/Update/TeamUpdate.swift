import CaseloadCore
import CaseloadStore
import TerminalUI

extension AppState {
    /// The supervisor's team view: each worker's weighted caseload.
    public struct Team: Sendable {
        public var overview: TeamOverview
        public var selected = 0

        public init(overview: TeamOverview, selected: Int = 0) {
            self.overview = overview
            self.selected = selected
        }

        var selectedMember: TeamMember? { overview.members[safe: selected] }
    }
}

/// The team view: a worker's caseload on Enter, and the start of moving a
/// leaving worker's caseload. Drawn by `Views/TeamView.swift`.
extension Update {
    func teamAction(_ action: Action, argument: String?, _ state: inout AppState) -> [Effect] {
        switch action {
        case .team:
            return [.store(.loadTeam)]
        case .leaving:
            if let argument { return [.store(.loadLeaving(login: argument))] }
            guard let member = state.team?.selectedMember else { return [] }
            return [.store(.loadLeaving(login: member.login))]
        default:
            return []
        }
    }

    func teamLoaded(_ overview: TeamOverview, _ state: inout AppState) -> [Effect] {
        let selected = state.team.map { min($0.selected, max(0, overview.members.count - 1)) } ?? 0
        state.show(.team(AppState.Team(overview: overview, selected: selected)), inPlace: true)
        return []
    }

    /// Enter on a worker: their caseload, on the list.
    func showMembersCaseload(_ state: inout AppState) -> [Effect] {
        guard let member = state.team?.selectedMember else { return [] }
        state.query.scope = member.login == state.user.login ? .mine : .worker(login: member.login)
        say(&state, "Showing \(state.scopeName.lowercased()).")
        return resetList(&state)
    }

    func moveInTeam(_ delta: Int, _ state: inout AppState) {
        guard var team = state.team else { return }
        team.selected = clamp(team.selected + delta, 0, max(0, team.overview.members.count - 1))
        state.team = team
    }
}
