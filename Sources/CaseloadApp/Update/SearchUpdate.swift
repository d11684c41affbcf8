import CaseloadCore
import CaseloadStore
import TerminalUI

extension AppState {
    /// Search results: names and notes that match, with the case of each.
    public struct Search: Sendable {
        public var text: String
        public var hits: [SearchHit]
        /// The search found more than the hits shown.
        public var more = false
        public var selected = 0
        public var top = 0

        public init(text: String, hits: [SearchHit], more: Bool = false) {
            self.text = text
            self.hits = hits
            self.more = more
        }

        var selectedHit: SearchHit? { hits[safe: selected] }
    }
}

/// Searching, and stepping through the results (also from a case opened
/// from them). Drawn by `Views/SearchView.swift`.
extension Update {
    func searchAction(_ action: Action, argument: String?, _ state: inout AppState) -> [Effect] {
        switch action {
        case .search:
            if let argument { return startSearch(argument, &state) }
            state.prompt = .init(kind: .search, editor: LineEditor("", history: state.searchHistory))
            return []
        case .nextMatch: return stepMatch(1, &state)
        case .previousMatch: return stepMatch(-1, &state)
        default: return []
        }
    }

    func searchLoaded(_ text: String, _ hits: [SearchHit], more: Bool, _ state: inout AppState) -> [Effect] {
        state.places = [.caseload, .searchResults(AppState.Search(text: text, hits: hits, more: more))]
        if hits.isEmpty { say(&state, "Nothing found for \(SafeText.inline(text)).") }
        return []
    }

    func startSearch(_ text: String, _ state: inout AppState) -> [Effect] {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return [] }
        remember(text, in: &state.searchHistory)
        return [.store(.search(text))]
    }

    private func stepMatch(_ step: Int, _ state: inout AppState) -> [Effect] {
        guard var search = state.search, !search.hits.isEmpty else {
            say(&state, "No search yet: press / to search.")
            return []
        }
        let next = search.selected + step
        guard search.hits.indices.contains(next) else {
            say(&state, step > 0 ? "That was the last result." : "That was the first result.")
            return []
        }
        search.selected = next
        state.search = search
        guard state.place == .caseFile else { return [] }
        // From a case opened from the results, n and N open the next result's case.
        let hit = search.hits[next]
        state.places.removeLast()
        return open(hit.reference, &state)
    }

    func moveInSearch(_ delta: Int, _ state: inout AppState) {
        guard var search = state.search, !search.hits.isEmpty else { return }
        search.selected = clamp(search.selected + delta, 0, search.hits.count - 1)
        let visible = max(1, state.listHeight / 2)
        if search.selected < search.top { search.top = search.selected }
        if search.selected >= search.top + visible { search.top = search.selected - visible + 1 }
        state.search = search
    }
}
