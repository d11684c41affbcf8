import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// The front end's logic: a message in, the state changed, effects out. No
/// I/O happens here, so every keypress can be tested without a terminal.
///
/// This file routes messages and keys; each screen's own keys and loads are
/// in the file named after it (`CaseFileUpdate.swift` beside
/// `Views/CaseFileView.swift`), forms in `FormUpdate.swift` and the
/// bottom-line questions in `PromptUpdate.swift`.
public struct Update {
    public let vocabulary: Vocabulary

    public init(vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
    }

    /// The first effects: load the caseload, and see whether it syncs.
    public func start(_ state: AppState) -> [Effect] {
        [.store(.loadList(state.query, .first, recount: true, record: true)), .store(.listHandedToMe), .store(.listDrafts),
         .store(.readSyncStatus)]
    }

    public func callAsFunction(_ state: inout AppState, _ message: Message) -> [Effect] {
        switch message {
        case .key(let key):
            // A correction stays on screen while its question is answered again.
            if key != .resize, !(state.prompt != nil && state.messageIsError) { state.message = nil }
            if key != .resize, state.form?.saving == false { state.form?.problem = nil }
            return handle(key, &state)
        case .resized(let width, let height):
            state.width = width
            state.height = height
            state.list.scroll(height: state.listHeight)
            keepCaseSelectionVisible(&state)
            return []
        case .listLoaded(let page, let request, let total, let start):
            state.list.merge(page, for: request, total: total, start: start)
            state.list.scroll(height: state.listHeight)
            state.list.filter = state.query.filter
            return []
        case .listRefused(let query, let text):
            say(&state, text, error: true)
            // The limit the rows on screen were read with comes back, so the
            // status line never names a limit the list does not show.
            if query == state.query, let shown = state.list.filter { state.query.filter = shown }
            return []
        case .caseLoaded(let detail, let refresh): return caseLoaded(detail, refresh: refresh, &state)
        case .searchLoaded(let text, let hits, let more): return searchLoaded(text, hits, more: more, &state)
        case .teamLoaded(let overview): return teamLoaded(overview, &state)
        case .referralsLoaded(let status, let rows): return referralsLoaded(status, rows, &state)
        case .attentionLoaded(let items): return attentionLoaded(items, &state)
        case .leavingLoaded(let plan): return leavingLoaded(plan, &state)
        case .offerToMeet(let offers):
            offerToMeet(offers, &state)
            return []
        case .familyFound(let matches):
            familyFound(matches, &state)
            return []
        case .syncDue: return sync(manual: false, &state)
        case .syncProgress(let done, let total):
            state.sync?.running?.done = done
            state.sync?.running?.total = total
            return []
        case .syncFinished(let outcome): return syncFinished(outcome, &state)
        case .syncStatusRead(let facts):
            syncStatusRead(facts, &state)
            return []
        case .splitProposed(let shares):
            state.leaving?.apply(shares)
            return []
        case .storeChanged(let now, let today):
            state.now = now
            state.today = today
            // Another process may have synced, or given the store a hub.
            return reloadOnScreen(state) + [.store(.readSyncStatus)]
        case .failed(let text):
            if state.form != nil {
                // The store refused (or a draft or the editor failed): the
                // form stays, with everything typed, and says why.
                state.form?.saving = false
                state.form?.problem = text
                // The field the refusal is about is marked, and has the focus.
                if var form = state.form, let label = EffectRunner.fieldLabel(in: text),
                   let index = form.fields.firstIndex(where: { $0.label == label && form.isShown($0) }) {
                    form.errors[form.fields[index].id] = "The store refused this: see the line below."
                    form.focus = index
                    state.form = form
                }
                return []
            }
            say(&state, text, error: true)
            return []
        case .changed(let text): return changed(text, &state)
        case .edited(let text): return edited(text, &state)
        case .pasted(let text): return pasted(text, &state)
        case .formReady(let purpose, let draft, let workers, let facts, let prefill):
            return formReady(purpose, draft: draft, workers: workers, facts: facts, prefill: prefill, &state)
        case .workerFound(let login):
            state.query.scope = login == state.user.login ? .mine : .worker(login: login)
            say(&state, "Showing \(state.scopeName.lowercased()).")
            return resetList(&state)
        case .clock(let now, let today):
            state.now = now
            state.today = today
            return []
        case .reasonNeeded(let reference, let then):
            // A reason given this session for the case goes again, unasked.
            if let then, let given = state.reasonsGiven[reference], then.giving(given) != then {
                return [.store(then.giving(given))]
            }
            state.prompt = .init(kind: .reason(reference: reference, then: then), editor: LineEditor())
            return []
        case .handedToMe(let cases):
            guard !cases.isEmpty else { return [] }
            say(&state, "\(Plural.count(cases.count, "case")) handed to you to accept: open one, read it, a accepts.")
            return []
        case .draftsFound(let drafts):
            guard !drafts.isEmpty, !state.messageIsError else { return [] }
            let cases = drafts.compactMap(\.reference)
            let text = "You have \(Plural.count(drafts.count, "unsaved draft"))"
                + (cases.isEmpty ? "" : " (" + cases.prefix(3).joined(separator: ", ") + (cases.count > 3 ? " ..." : "") + ")")
                + ": open the same form on the case to carry on."
            // Beside what was said at start (the cases to accept), not instead of it.
            say(&state, state.message.map { $0 + " " + text } ?? text)
            return []
        }
    }

    /// A change went through: say so, close the form that made it, and
    /// reload everything on screen.
    private func changed(_ text: String, _ state: inout AppState) -> [Effect] {
        var text = text
        if let form = state.form, form.saving, form.allocating, text.hasPrefix("Reassigned") {
            text = "Allocated" + text.dropFirst("Reassigned".count)
        }
        say(&state, text)
        var effects: [Effect] = [reloadList(state)]
        if let form = state.form, form.saving {
            // Its draft went in the same transaction as the record.
            state.form = nil
            // The tags are spent once the action on the tagged set is done.
            if form.purpose.references.count > 1, Set(form.purpose.references) == state.tagged { state.tagged = [] }
        }
        if state.place == .leaving { state.places.removeLast() }
        effects += reloadCaseFile(state)
        effects += reloadLists(state)
        // One more change waiting for the hub.
        if state.sync != nil { effects.append(.store(.readSyncStatus)) }
        return effects
    }

    /// What is on screen, read again after the store changed underneath it.
    func reloadOnScreen(_ state: AppState) -> [Effect] {
        var effects: [Effect] = [reloadList(state)]
        if state.place == .team { effects.append(.store(.loadTeam)) }
        return effects + reloadCaseFile(state)
    }

    /// The lists in the stack other than the caseload, reloaded after a change.
    private func reloadLists(_ state: AppState) -> [Effect] {
        var effects: [Effect] = []
        if let referrals = state.referrals { effects.append(.store(.loadReferrals(referrals.status))) }
        if state.has(.attention) { effects.append(.store(.loadAttention)) }
        if state.has(.team) { effects.append(.store(.loadTeam)) }
        return effects
    }

    // MARK: Keys

    private func handle(_ key: Key, _ state: inout AppState) -> [Effect] {
        if key == .resize { return [] }
        if state.prompt != nil { return handlePrompt(key, &state) }
        if state.isTooSmall {
            return key == .character("q") || key == .control("c") ? quit(&state) : []
        }
        if state.form != nil { return handleForm(key, &state) }
        if state.applyToTagged { return applyToTagged(key, &state) }
        guard let command = commandTable.command(for: key, in: state.place) else {
            if case .character(let c) = key, c != " " {
                say(&state, "\(SafeText.inline(key.label)) does nothing here; press ? for the list of commands.")
            }
            return []
        }
        return run(command, argument: nil, &state)
    }

    /// Runs a command after checking what it needs; each screen's own
    /// actions are in its file.
    func run(_ command: AppCommands.Command, argument: String?, _ state: inout AppState) -> [Effect] {
        if let refusal = refusal(of: command, state) {
            say(&state, refusal, error: true)
            return []
        }
        switch command.action {
        // A caseload shown over another place (a worker's, from the team
        // view) is left the way every other place is left.
        case .quit where state.places.count > 1: return back(&state)
        case .clearLimit where state.query.filter.isEmpty && state.places.count > 1: return back(&state)
        case .quit: return quit(&state)
        case .back: return back(&state)
        case .up: move(-1, &state)
        case .down: move(1, &state)
        case .pageUp: move(-page(state), &state)
        case .pageDown: move(page(state), &state)
        case .top: move(Int.min / 2, &state)
        case .bottom: move(Int.max / 2, &state)
        case .open: return openSelected(&state)
        case .limit, .clearLimit, .sort, .scope, .tag, .applyToTagged:
            return caseloadAction(command.action, argument: argument, &state)
        case .search, .nextMatch, .previousMatch:
            return searchAction(command.action, argument: argument, &state)
        case .toggleEntry:
            toggleEntry(&state)
        case .logContact, .flag, .amend, .accept, .familyTold, .reassign, .handOver:
            return caseAction(command.action, &state)
        case .withdrawHandover, .consent, .settleKeyDate, .addKeyDate, .closeCase, .reopenCase, .newCase, .editCase:
            return caseworkAction(command.action, &state)
        case .people, .special:
            return peopleAction(command.action, &state)
        case .referrals, .statusFilter, .referralStatus:
            return referralsAction(command.action, argument: argument, &state)
        case .attention, .approve:
            return attentionAction(command.action, &state)
        case .team, .leaving:
            return teamAction(command.action, argument: argument, &state)
        case .toggle, .cycleBack, .cycleOn, .nextStep, .toggleSignOff, .toggleEndWorker:
            return stepLeaving(command.action, &state)
        case .help:
            let lines = HelpText.lineCount(width: state.width - 2, supervisor: state.user.isSupervisor)
            state.places.append(.help(AppState.Help(lines: lines)))
        case .commandLine:
            state.prompt = .init(kind: .command, editor: LineEditor("", history: state.commandHistory))
        case .refresh:
            return [reloadList(state)] + reloadCaseFile(state)
        case .suspend: return [.terminal(.suspend)]
        case .sync: return sync(manual: true, &state)
        }
        return []
    }

    /// Why a command cannot run here and now, in the words shown to the
    /// user, or nil when it can.
    private func refusal(of command: AppCommands.Command, _ state: AppState) -> String? {
        for need in command.needs {
            switch need {
            case .selectedCase where state.list.selectedRow == nil && state.place == .caseload:
                return "There is no case selected."
            case .selectedCase where state.place == .searchResults && (state.search?.hits.isEmpty ?? true):
                return "There is no result selected."
            case .supervisor where !state.user.isSupervisor:
                return "Only a supervisor can use :\(command.name) (\(command.keyLabels))."
            case .selectedContact where selectedContact(state) == nil:
                return "Select a contact on the timeline to correct it (j and k move)."
            case .selectedKeyDate where selectedKeyDate(state) == nil:
                return "Select an open key date in the case file first (k moves up to them from the timeline)."
            default:
                continue
            }
        }
        return nil
    }

    private func quit(_ state: inout AppState) -> [Effect] {
        state.quitting = true
        return [.terminal(.quit)]
    }

    /// Back one step, or one place: the place's state goes with it.
    private func back(_ state: inout AppState) -> [Effect] {
        if backInLeaving(&state) { return [] }
        guard state.places.count > 1 else { return [] }
        let left = state.places.removeLast()
        if left.kind == .caseload, state.place == .team { return backToTeam(&state) }
        return []
    }

    private func page(_ state: AppState) -> Int { max(1, state.listHeight - 1) }

    /// Moves the selection on whichever screen is showing.
    func move(_ delta: Int, _ state: inout AppState) {
        switch state.place {
        case .caseload: moveInList(delta, &state)
        case .caseFile: moveInCaseFile(delta, &state)
        case .searchResults: moveInSearch(delta, &state)
        case .team: moveInTeam(delta, &state)
        case .help: moveInHelp(delta, &state)
        case .referrals: moveInReferrals(delta, &state)
        case .attention: moveInAttention(delta, &state)
        case .leaving: moveInLeaving(delta, &state)
        }
    }

    // MARK: Opening a case

    /// Enter on a list: the case under the cursor (on the team view, the worker's caseload).
    private func openSelected(_ state: inout AppState) -> [Effect] {
        if state.place == .team { return showMembersCaseload(&state) }
        guard let reference = selectedReference(state) else { return [] }
        return open(reference, &state)
    }

    /// Opens a case. The store alone decides whether a reason is needed (a
    /// case outside the caseworker's caseload, not handed to them) and asks
    /// through `.reasonNeeded`, so Enter on a row and `:open REF` agree. A
    /// reason already given this session goes again with a second reading
    /// (n through search results), rather than being asked for again.
    func open(_ reference: String, _ state: inout AppState) -> [Effect] {
        [.store(.openCase(reference: reference, reason: state.reasonsGiven[reference], refresh: false))]
    }

    /// The case in hand: the open case file, or the one under the cursor on
    /// the list on screen.
    func selectedReference(_ state: AppState) -> String? {
        switch state.place {
        case .caseFile: return state.caseFile?.detail.reference
        case .referrals: return state.referrals?.selectedRow?.reference
        case .attention: return state.attention?.selectedItem?.reference
        case .searchResults: return state.search?.selectedHit?.reference
        default: return state.list.selectedRow?.reference
        }
    }

    // MARK: Helpers

    func resetList(_ state: inout AppState) -> [Effect] {
        state.list.selected = 0
        state.list.top = 0
        // Back to the nearest list: a worker's caseload over the team view stays over it.
        if let index = state.places.lastIndex(where: { $0.kind == .caseload }) {
            state.places.removeSubrange((index + 1)...)
        }
        return [.store(.loadList(state.query, .first, recount: true, record: true))]
    }

    func reloadList(_ state: AppState) -> Effect {
        if let cursor = state.list.cursors.first {
            return .store(.loadList(state.query, .from(cursor), recount: true, record: false))
        }
        return .store(.loadList(state.query, .first, recount: true, record: false))
    }

    func remember(_ text: String, in history: inout [String]) {
        guard !text.isEmpty else { return }
        history.removeAll { $0 == text }
        history.append(text)
        if history.count > 100 { history.removeFirst() }
    }

    func say(_ state: inout AppState, _ text: String, error: Bool = false) {
        state.message = text
        state.messageIsError = error
    }
}

func clamp(_ value: Int, _ low: Int, _ high: Int) -> Int { max(low, min(high, value)) }

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
