import CaseloadCore
import CaseloadStore
import TerminalUI

/// The caseload list: limits, sorting, whose cases, tags, and reading the
/// list a page at a time. Drawn by `Views/CaseloadView.swift`.
extension Update {
    func caseloadAction(_ action: Action, argument: String?, _ state: inout AppState) -> [Effect] {
        switch action {
        case .limit:
            if let argument { return applyLimit(argument, &state) }
            state.prompt = .init(kind: .limit, editor: LineEditor(state.query.filter.text, history: state.limitHistory))
        case .clearLimit:
            guard !state.query.filter.isEmpty else { return [] }
            state.query.filter = CaseFilter()
            return resetList(&state)
        case .sort:
            if let argument {
                guard let sort = Self.sort(named: argument) else {
                    say(&state, "\(SafeText.inline(argument)) is not a sort; use "
                        + CaseSort.allCases.map(\.rawValue).joined(separator: ", ") + ".", error: true)
                    return []
                }
                state.query.sort = sort
            } else {
                state.query.sort = state.query.sort.next
            }
            say(&state, "Sorted by \(state.query.sort.rawValue).")
            return resetList(&state)
        case .scope:
            if let argument {
                // A worker's name is looked up first: an unknown one changes nothing.
                guard let scope = Self.scope(named: argument) else { return [.store(.findWorker(argument))] }
                state.query.scope = scope
            } else {
                state.query.scope = Self.nextScope(after: state.query.scope)
            }
            say(&state, "Showing \(state.scopeName.lowercased()).")
            return resetList(&state)
        case .tag:
            guard let reference = selectedReference(state) else { return [] }
            if state.tagged.contains(reference) { state.tagged.remove(reference) } else { state.tagged.insert(reference) }
            move(1, &state)
        case .applyToTagged:
            guard !state.tagged.isEmpty else {
                say(&state, "No cases are tagged: t tags the selected case.")
                return []
            }
            state.applyToTagged = true
            say(&state, "; apply to \(Plural.count(state.tagged.count, "tagged case")): r reassign, h hand over")
        default:
            break
        }
        return []
    }

    /// The scopes with names of their own; nil for a worker's name.
    private static func scope(named name: String) -> CaseScope? {
        switch name.lowercased() {
        case "mine", "my": return .mine
        case "all", "everyone": return .all
        case "unallocated": return .unallocated
        default: return nil
        }
    }

    /// A sort by the start of its name or a word people use for it.
    private static func sort(named name: String) -> CaseSort? {
        let word = name.lowercased().trimmingCharacters(in: .whitespaces)
        switch word {
        case "due", "deadline", "key date", "next", "date": return .deadline
        case "contact", "last", "last contact", "since": return .lastContact
        case "new", "opened": return .newest
        case "ref": return .reference
        default: return CaseSort.allCases.first { $0.rawValue.hasPrefix(word) }
        }
    }

    private static func nextScope(after scope: CaseScope) -> CaseScope {
        switch scope {
        case .mine: return .all
        case .all: return .unallocated
        case .unallocated, .worker: return .mine
        }
    }

    /// The key after ";": reassign or hand over every tagged case.
    func applyToTagged(_ key: Key, _ state: inout AppState) -> [Effect] {
        state.applyToTagged = false
        guard let command = commandTable.command(for: key, in: state.place),
              [.reassign, .handOver].contains(command.action) else {
            say(&state, "Nothing applied to the tagged cases.")
            return []
        }
        if command.needs.contains(.supervisor), !state.user.isSupervisor {
            say(&state, "Only a supervisor can use :\(command.name) (\(command.keyLabels)).", error: true)
            return []
        }
        return act(command.action, on: state.tagged.sorted())
    }

    func applyLimit(_ text: String, _ state: inout AppState) -> [Effect] {
        do {
            state.query.filter = try CaseFilter.parse(text)
        } catch let error as CaseloadError {
            say(&state, error.message, error: true)
            return []
        } catch {
            return []
        }
        return resetList(&state)
    }

    func moveInList(_ delta: Int, _ state: inout AppState) {
        guard state.list.total > 0 else { return }
        state.list.selected = clamp(state.list.selected + delta, 0, state.list.total - 1)
        state.list.scroll(height: state.listHeight)
    }

    /// The loads needed so every visible row (and the selection) is in memory.
    public func pendingLoads(_ state: AppState) -> [Effect] {
        let list = state.list
        guard list.total > 0 else { return [] }
        let wantedEnd = min(list.total, max(list.top + state.listHeight, list.selected + 1))
        let wantedStart = min(list.top, list.selected)
        let pageSize = max(100, state.listHeight * 3)
        if list.rows.isEmpty || wantedStart >= list.loaded.upperBound + pageSize || wantedEnd <= list.loaded.lowerBound - pageSize {
            // A long jump: load where the selection is from the nearer end.
            return wantedStart > list.total / 2 && wantedEnd >= list.total - pageSize
                ? [.store(.loadList(state.query, .last, recount: false, record: false))]
                : wantedStart < pageSize ? [.store(.loadList(state.query, .first, recount: false, record: false))] : []
        }
        if wantedEnd > list.loaded.upperBound, let last = list.cursors.last {
            return [.store(.loadList(state.query, .after(last), recount: false, record: false))]
        }
        if wantedStart < list.loaded.lowerBound, let first = list.cursors.first {
            return [.store(.loadList(state.query, .before(first), recount: false, record: false))]
        }
        return []
    }
}
