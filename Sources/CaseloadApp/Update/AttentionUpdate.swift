import CaseloadCore
import CaseloadStore
import TerminalUI

extension AppState {
    /// A supervisor's list of what waits for them (:attention).
    public struct Attention: Sendable {
        public var items: [AttentionItem]
        public var selected = 0

        public init(items: [AttentionItem], selected: Int = 0) {
            self.items = items
            self.selected = selected
        }

        var selectedItem: AttentionItem? { items[safe: selected] }
    }
}

/// What needs a supervisor: handovers to sign off, consent overrides and
/// safeguarding reviews, each asked once more before it is done. Drawn by
/// `Views/AttentionView.swift`.
extension Update {
    func attentionAction(_ action: Action, _ state: inout AppState) -> [Effect] {
        switch action {
        case .attention:
            return [.store(.loadAttention)]
        case .approve:
            guard let item = state.attention?.selectedItem else { return [] }
            switch item.kind {
            case .handoverSignOff:
                state.prompt = .init(kind: .confirm(question: "Sign off the handover of \(item.reference), so it moves now?",
                                                    then: .store(.acceptHandover([item.reference]))), editor: LineEditor())
            case .consentOverride:
                return [.store(.prepareForm(.referralStatus(reference: item.reference, current: .flagged)))]
            case .safeguardingReview:
                state.prompt = .init(kind: .confirm(question: "Mark the safeguarding on \(item.reference) as reviewed (o opens it first)?",
                                                    then: .store(.reviewSafeguarding(reference: item.reference))), editor: LineEditor())
            }
            return []
        default:
            return []
        }
    }

    func attentionLoaded(_ items: [AttentionItem], _ state: inout AppState) -> [Effect] {
        let selected = state.attention.map { min($0.selected, max(0, items.count - 1)) } ?? 0
        state.show(.attention(AppState.Attention(items: items, selected: selected)), inPlace: true)
        if items.isEmpty { say(&state, "Nothing needs your attention.") }
        return []
    }

    func moveInAttention(_ delta: Int, _ state: inout AppState) {
        guard var attention = state.attention else { return }
        attention.selected = clamp(attention.selected + delta, 0, max(0, attention.items.count - 1))
        state.attention = attention
    }
}
