import CaseloadCore
import CaseloadStore
import TerminalUI

extension AppState {
    /// The supervisor's team view: each worker's weighted caseload.
    public struct Team: Sendable {
        public var overview: TeamOverview
        public var selected = 0
        /// The caseload list as it was before a worker's caseload was shown
        /// over the team view, put back when going back past it.
        var listBehind: (query: CaseQuery, list: ListWindow)?

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
        // A reload keeps the highlighted worker and the list to go back to.
        var team = state.team ?? AppState.Team(overview: overview)
        team.overview = overview
        team.selected = min(team.selected, max(0, overview.members.count - 1))
        state.show(.team(team), inPlace: true)
        return []
    }

    /// Enter on a worker: their caseload, over the team view, so q and Esc
    /// come back to the team (and then to the list as it was).
    func showMembersCaseload(_ state: inout AppState) -> [Effect] {
        guard var team = state.team, let member = team.selectedMember else { return [] }
        team.listBehind = (state.query, state.list)
        state.team = team
        state.query.scope = member.login == state.user.login ? .mine : .worker(login: member.login)
        state.list = ListWindow()
        state.places.append(.caseload)
        say(&state, "Showing \(state.scopeName.lowercased()); q goes back to the team.")
        return [.store(.loadList(state.query, .first, recount: true, record: true))]
    }

    /// Back from a worker's caseload to the team view: the list below the
    /// team is put back as it was.
    func backToTeam(_ state: inout AppState) -> [Effect] {
        guard var team = state.team, let behind = team.listBehind else { return [] }
        team.listBehind = nil
        state.team = team
        state.query = behind.query
        state.list = behind.list
        return [reloadList(state)]
    }

    func moveInTeam(_ delta: Int, _ state: inout AppState) {
        guard var team = state.team else { return }
        team.selected = clamp(team.selected + delta, 0, max(0, team.overview.members.count - 1))
        state.team = team
    }
}
