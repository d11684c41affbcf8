import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// The front end's logic: a message in, the state changed, effects out. No
/// I/O happens here, so every keypress can be tested without a terminal.
public struct Update {
    public let vocabulary: Vocabulary

    public init(vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
    }

    /// The first effects: load the caseload.
    public func start(_ state: AppState) -> [Effect] {
        [.loadList(state.query, .first, recount: true, record: true), .listDrafts]
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
            return []
        case .caseLoaded(let detail, let refresh):
            if refresh, var file = state.caseFile, file.detail.id == detail.id {
                file.detail = detail
                file.laidOut = nil
                file.selected = min(file.selected, max(0, detail.timeline.count - 1))
                state.caseFile = file
            } else {
                state.caseFile = AppState.CaseFile(detail: detail)
                if state.place != .caseFile { state.places.append(.caseFile) }
            }
            keepCaseSelectionVisible(&state)
            return []
        case .searchLoaded(let text, let hits):
            state.search = AppState.Search(text: text, hits: hits)
            state.places = [.caseload, .searchResults]
            if hits.isEmpty { say(&state, "Nothing found for \(SafeText.inline(text)).") }
            return []
        case .teamLoaded(let overview):
            state.team = overview
            state.teamSelected = min(state.teamSelected, max(0, overview.members.count - 1))
            if state.place != .team { state.places.append(.team) }
            return []
        case .storeChanged(let now, let today):
            state.now = now
            state.today = today
            var effects: [Effect] = [reloadList(state)]
            if state.place == .team { effects.append(.loadTeam) }
            if let file = state.caseFile, state.places.contains(.caseFile) {
                effects.append(.openCase(reference: file.detail.reference, reason: nil, refresh: true))
            }
            return effects
        case .failed(let text):
            if state.form != nil {
                // The store refused (or a draft or the editor failed): the
                // form stays, with everything typed, and says why.
                state.form?.saving = false
                state.form?.problem = text
                return []
            }
            say(&state, text, error: true)
            return []
        case .edited(let text):
            guard var form = state.form, case .note = form.focused.kind else { return [] }
            let trimmed = text.hasSuffix("\n") ? String(text.dropLast()) : text
            guard trimmed != form.focused.text.text else { return [] }
            form.fields[form.focus].text.replace(with: trimmed)
            form.dirty = true
            form.errors[form.focused.id] = nil
            state.form = form
            return draftEffect(form)
        case .changed(let text):
            say(&state, text)
            var effects: [Effect] = [reloadList(state)]
            if let form = state.form, form.saving {
                // Its draft went in the same transaction as the record.
                state.form = nil
                // The tags are spent once the action on the tagged set is done.
                if form.purpose.references.count > 1, Set(form.purpose.references) == state.tagged { state.tagged = [] }
            }
            if state.place == .leaving {
                state.leaving = nil
                state.places.removeLast()
            }
            if let file = state.caseFile, state.places.contains(.caseFile) {
                effects.append(.openCase(reference: file.detail.reference, reason: nil, refresh: true))
            }
            effects += reloadLists(state)
            return effects
        case .pasted(let text):
            guard var form = state.form, form.focused.takesText else { return [] }
            let width = FormView.inputWidth(screenWidth: state.width)
            for character in text { _ = form.fields[form.focus].text.handle(.character(character), width: width) }
            form.dirty = true
            form.errors[form.focused.id] = nil
            state.form = form
            return draftEffect(form)
        case .formReady(let purpose, let draft, let workers, let facts):
            var form = Forms.make(purpose, formContext(state, workers: workers))
            if let facts, let index = form.fields.firstIndex(where: { $0.id == "summary" }) {
                // The summary starts from the facts on file; the worker edits it.
                form.fields[index].text.replace(with: facts + "\n\n")
            }
            if let draft {
                form.restore(draft.fields)
                form.dirty = true
                form.restoredFrom = draft.updatedAt
            }
            state.form = form
            return []
        case .draftsFound(let drafts):
            guard !drafts.isEmpty, state.message == nil else { return [] }
            let cases = drafts.compactMap(\.reference)
            say(&state, "You have \(drafts.count) unsaved draft\(drafts.count == 1 ? "" : "s")"
                + (cases.isEmpty ? "" : " (" + cases.prefix(3).joined(separator: ", ") + (cases.count > 3 ? " ..." : "") + ")")
                + ": open the same form on the case to carry on.")
            return []
        case .referralsLoaded(let status, let rows):
            let selected = state.referrals.map { min($0.selected, max(0, rows.count - 1)) } ?? 0
            state.referrals = AppState.Referrals(status: status, rows: rows, selected: selected)
            if state.place != .referrals { state.places.append(.referrals) }
            return []
        case .attentionLoaded(let items):
            let selected = state.attention.map { min($0.selected, max(0, items.count - 1)) } ?? 0
            state.attention = AppState.Attention(items: items, selected: selected)
            if state.place != .attention { state.places.append(.attention) }
            if items.isEmpty { say(&state, "Nothing needs your attention.") }
            return []
        case .leavingLoaded(let plan):
            state.leaving = plan
            if state.place != .leaving { state.places.append(.leaving) }
            if plan.cases.isEmpty { say(&state, "\(plan.leaver.name) holds no open cases; Enter goes on to end them.") }
            return []
        case .splitProposed(let shares):
            state.leaving?.apply(shares)
            return []
        }
    }

    /// The lists on screen other than the caseload, reloaded after a change.
    private func reloadLists(_ state: AppState) -> [Effect] {
        var effects: [Effect] = []
        if state.places.contains(.referrals) { effects.append(.loadReferrals(state.referrals?.status)) }
        if state.places.contains(.attention) { effects.append(.loadAttention) }
        if state.places.contains(.team) { effects.append(.loadTeam) }
        return effects
    }

    func formContext(_ state: AppState, workers: [WorkerSummary] = []) -> FormContext {
        FormContext(vocabulary: vocabulary, today: state.today, now: state.now, timeZone: state.timeZone, user: state.user,
                    detail: state.places.contains(.caseFile) ? state.caseFile?.detail : nil, workers: workers)
    }

    private func draftEffect(_ form: Form) -> [Effect] {
        [.saveDraft(kind: form.purpose.draftKind, reference: form.purpose.draftReference, fields: form.values)]
    }

    // MARK: Forms

    private func handleForm(_ key: Key, _ state: inout AppState) -> [Effect] {
        guard var form = state.form else { return [] }
        let outcome = form.handle(key, inputWidth: FormView.inputWidth(screenWidth: state.width))
        state.form = form
        switch outcome {
        case .unchanged:
            return []
        case .changed:
            return draftEffect(form)
        case .cancel:
            state.form = nil
            return []
        case .discard:
            state.form = nil
            say(&state, "Thrown away; nothing was saved.")
            return [.discardDraft(kind: form.purpose.draftKind, reference: form.purpose.draftReference)]
        case .externalEdit:
            return [.editText(form.focused.text.text)]
        case .save:
            guard let effect = Forms.submit(&form, formContext(state)) else {
                let count = form.errors.count
                form.problem = count == 1 ? "One thing to put right before saving (marked ⚠)."
                    : "\(count) things to put right before saving (marked ⚠)."
                state.form = form
                return []
            }
            form.saving = true
            state.form = form
            return [.saveForm(effect, draftKind: form.purpose.draftKind, draftReference: form.purpose.draftReference)]
        }
    }

    // MARK: Keys

    private func handle(_ key: Key, _ state: inout AppState) -> [Effect] {
        if key == .resize { return [] }
        if state.prompt != nil { return handlePrompt(key, &state) }
        if state.isTooSmall {
            return key == .character("q") || key == .control("c") ? quit(&state) : []
        }
        if state.form != nil { return handleForm(key, &state) }
        if state.applyToTagged {
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
            return act(command.action, on: state.tagged.sorted(), &state)
        }
        guard let command = commandTable.command(for: key, in: state.place) else {
            if case .character(let c) = key, c != " " {
                say(&state, "\(SafeText.inline(key.label)) does nothing here; press ? for the list of commands.")
            }
            return []
        }
        return run(command, argument: nil, &state)
    }

    /// Runs a command after checking what it needs.
    func run(_ command: AppCommands.Command, argument: String?, _ state: inout AppState) -> [Effect] {
        for need in command.needs {
            switch need {
            case .selectedCase where state.list.selectedRow == nil && state.place == .caseload:
                say(&state, "There is no case selected.", error: true)
                return []
            case .selectedCase where state.place == .searchResults && (state.search?.hits.isEmpty ?? true):
                say(&state, "There is no result selected.", error: true)
                return []
            case .supervisor where !state.user.isSupervisor:
                say(&state, "Only a supervisor can use :\(command.name) (\(command.keyLabels)).", error: true)
                return []
            case .selectedContact where selectedContact(state) == nil:
                say(&state, "Select a contact on the timeline to correct it (j and k move).", error: true)
                return []
            default:
                continue
            }
        }
        switch command.action {
        case .quit: return quit(&state)
        case .back: return back(&state)
        case .up: move(-1, &state)
        case .down: move(1, &state)
        case .pageUp: move(-page(state), &state)
        case .pageDown: move(page(state), &state)
        case .top: move(Int.min / 2, &state)
        case .bottom: move(Int.max / 2, &state)
        case .open: return openSelected(&state)
        case .toggleEntry: toggleEntry(&state)
        case .limit:
            if let argument { return applyLimit(argument, &state) }
            state.prompt = .init(kind: .limit, editor: LineEditor(state.query.filter.text, history: state.limitHistory))
        case .clearLimit:
            guard !state.query.filter.isEmpty else { return [] }
            state.query.filter = CaseFilter()
            return resetList(&state)
        case .search:
            if let argument { return startSearch(argument, &state) }
            state.prompt = .init(kind: .search, editor: LineEditor("", history: state.searchHistory))
        case .nextMatch: return stepMatch(1, &state)
        case .previousMatch: return stepMatch(-1, &state)
        case .sort:
            state.query.sort = state.query.sort.next
            say(&state, "Sorted by \(state.query.sort.rawValue).")
            return resetList(&state)
        case .scope:
            if let argument {
                switch argument.lowercased() {
                case "mine", "my": state.query.scope = .mine
                case "all", "everyone": state.query.scope = .all
                case "unallocated": state.query.scope = .unallocated
                default: state.query.scope = .worker(login: argument)
                }
            } else {
                switch state.query.scope {
                case .mine: state.query.scope = .all
                case .all: state.query.scope = .unallocated
                case .unallocated, .worker: state.query.scope = .mine
                }
            }
            say(&state, "Showing \(state.scopeName.lowercased()).")
            return resetList(&state)
        case .team:
            return [.loadTeam]
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
            say(&state, "; apply to \(state.tagged.count) tagged case\(state.tagged.count == 1 ? "" : "s"): r reassign, h hand over")
        case .logContact:
            guard let reference = selectedReference(state) else { return [] }
            return [.prepareForm(.contact(reference: reference))]
        case .flag:
            guard let reference = selectedReference(state) else { return [] }
            state.prompt = .init(kind: .atRisk(reference: reference), editor: LineEditor())
        case .amend:
            guard let reference = selectedReference(state), let entry = selectedContact(state) else { return [] }
            let first = (entry.text ?? entry.title).split(separator: "\n").first.map(String.init) ?? entry.title
            let original = "\(Moment.format(entry.at, in: state.timeZone)) " + DisplayWidth.truncate(first, to: 60)
            return [.prepareForm(.amend(reference: reference, contactId: entry.id, original: original))]
        case .accept:
            guard let reference = selectedReference(state) else { return [] }
            return [.acceptHandover([reference])]
        case .familyTold:
            guard let reference = selectedReference(state) else { return [] }
            return [.prepareForm(.familyTold(reference: reference))]
        case .referrals:
            var status: ReferralStatus?
            if let argument {
                guard let parsed = ReferralStatus(rawValue: argument.lowercased()) else {
                    say(&state, "\(SafeText.inline(argument)) is not a referral status; use "
                        + ReferralStatus.allCases.map(\.rawValue).joined(separator: ", "), error: true)
                    return []
                }
                status = parsed
            }
            return [.loadReferrals(status)]
        case .statusFilter:
            let all: [ReferralStatus?] = [nil] + ReferralStatus.allCases
            let index = all.firstIndex { $0 == state.referrals?.status } ?? 0
            let next = all[(index + 1) % all.count]
            say(&state, "Showing \(next?.rawValue ?? "all") referrals.")
            return [.loadReferrals(next)]
        case .referralStatus:
            guard let row = state.referrals.flatMap({ $0.rows[safe: $0.selected] }) else { return [] }
            guard !row.status.next.isEmpty else {
                say(&state, "That referral is closed; nothing follows.", error: true)
                return []
            }
            return [.prepareForm(.referralStatus(reference: row.reference, current: row.status))]
        case .attention:
            return [.loadAttention]
        case .approve:
            guard let item = state.attention.flatMap({ $0.items[safe: $0.selected] }) else { return [] }
            switch item.kind {
            case .handoverSignOff:
                state.prompt = .init(kind: .confirm(question: "Sign off the handover of \(item.reference), so it moves now?",
                                                    then: .acceptHandover([item.reference])), editor: LineEditor())
            case .consentOverride:
                return [.prepareForm(.referralStatus(reference: item.reference, current: .flagged))]
            case .safeguardingReview:
                state.prompt = .init(kind: .confirm(question: "Mark the safeguarding on \(item.reference) as reviewed (o opens it first)?",
                                                    then: .reviewSafeguarding(reference: item.reference)), editor: LineEditor())
            }
        case .leaving:
            if let argument { return [.loadLeaving(login: argument)] }
            guard let member = state.team?.members[safe: state.teamSelected] else { return [] }
            return [.loadLeaving(login: member.login)]
        case .toggle, .cycleBack, .cycleOn, .nextStep, .toggleSignOff, .toggleEndWorker:
            return stepLeaving(command.action, &state)
        case .reassign, .handOver:
            guard let reference = selectedReference(state) else {
                return []
            }
            return act(command.action, on: [reference], &state)
        case .help:
            state.helpScroll = 0
            state.places.append(.help)
        case .commandLine:
            state.prompt = .init(kind: .command, editor: LineEditor("", history: state.commandHistory))
        case .refresh:
            var effects = [reloadList(state)]
            if let file = state.caseFile, state.places.contains(.caseFile) {
                effects.append(.openCase(reference: file.detail.reference, reason: nil, refresh: true))
            }
            return effects
        case .suspend: return [.suspend]
        }
        return []
    }

    /// The case in hand: the open case file, or the one under the cursor on
    /// the list or in the search results.
    private func selectedReference(_ state: AppState) -> String? {
        if state.place == .caseFile { return state.caseFile?.detail.reference }
        if state.place == .referrals { return state.referrals.flatMap { $0.rows[safe: $0.selected]?.reference } }
        if state.place == .attention { return state.attention.flatMap { $0.items[safe: $0.selected]?.reference } }
        if state.place == .searchResults, let search = state.search { return search.hits[safe: search.selected]?.reference }
        return state.list.selectedRow?.reference
    }

    private func act(_ action: Action, on references: [String], _ state: inout AppState) -> [Effect] {
        [.prepareForm(action == .reassign ? .reassign(references) : .handover(references))]
    }

    /// The contact selected on the open case file's timeline.
    private func selectedContact(_ state: AppState) -> CaseDetail.TimelineEntry? {
        guard state.place == .caseFile, let file = state.caseFile,
              let entry = file.detail.timeline[safe: file.selected], entry.kind == .contact else { return nil }
        return entry
    }

    // MARK: A worker is leaving

    private func stepLeaving(_ action: Action, _ state: inout AppState) -> [Effect] {
        guard var plan = state.leaving else { return [] }
        defer { state.leaving = plan }
        switch (action, plan.step) {
        case (.toggle, .receivers):
            guard let login = plan.candidates[safe: plan.selected]?.login else { return [] }
            if plan.chosen.contains(login) { plan.chosen.remove(login) } else { plan.chosen.insert(login) }
        case (.toggle, .adjust), (.cycleOn, .adjust): plan.cycle(1)
        case (.cycleBack, .adjust): plan.cycle(-1)
        case (.toggleSignOff, _): plan.signOffNow.toggle()
        case (.toggleEndWorker, _): plan.endWorker.toggle()
        case (.nextStep, .receivers):
            guard !plan.cases.isEmpty else {
                plan.step = .preview
                return []
            }
            guard !plan.chosen.isEmpty else {
                say(&state, "Choose at least one receiver: Space ticks a worker.", error: true)
                return []
            }
            return [.proposeSplit(leaver: plan.leaver.login, receivers: plan.receivers.map(\.login))]
        case (.nextStep, .adjust):
            plan.step = .preview
            plan.selected = 0
        case (.nextStep, .preview):
            say(&state, "Moving \(plan.cases.count) case\(plan.cases.count == 1 ? "" : "s") ...")
            return [.moveCaseload(leaver: plan.leaver.login, shares: plan.shares, signOff: plan.signOffNow,
                                  endWorker: plan.endWorker)]
        default:
            break
        }
        return []
    }

    private func quit(_ state: inout AppState) -> [Effect] {
        state.quitting = true
        return [.quit]
    }

    private func back(_ state: inout AppState) -> [Effect] {
        if state.place == .leaving, var plan = state.leaving, plan.step != .receivers {
            plan.step = plan.step == .preview && !plan.cases.isEmpty ? .adjust : .receivers
            plan.selected = 0
            state.leaving = plan
            return []
        }
        guard state.places.count > 1 else { return [] }
        let left = state.places.removeLast()
        if left == .referrals { state.referrals = nil }
        if left == .attention { state.attention = nil }
        if left == .leaving { state.leaving = nil }
        if left == .caseFile { state.caseFile = nil }
        if left == .searchResults { state.search = nil }
        if left == .team { state.team = nil }
        return []
    }

    private func page(_ state: AppState) -> Int { max(1, state.listHeight - 1) }

    // MARK: Moving

    private func move(_ delta: Int, _ state: inout AppState) {
        switch state.place {
        case .caseload: break
        case .caseFile: return moveInCaseFile(delta, &state)
        case .searchResults:
            guard var search = state.search, !search.hits.isEmpty else { return }
            search.selected = clamp(search.selected + delta, 0, search.hits.count - 1)
            let visible = max(1, state.listHeight / 2)
            if search.selected < search.top { search.top = search.selected }
            if search.selected >= search.top + visible { search.top = search.selected - visible + 1 }
            state.search = search
            return
        case .team:
            let count = state.team?.members.count ?? 0
            state.teamSelected = clamp(state.teamSelected + delta, 0, max(0, count - 1))
            return
        case .help:
            let lines = HelpView(state: state, theme: Theme(colour: state.colour)).lines().count
            state.helpScroll = clamp(state.helpScroll + delta, 0, max(0, lines - state.listHeight - 1))
            return
        case .referrals:
            guard var referrals = state.referrals else { return }
            referrals.selected = clamp(referrals.selected + delta, 0, max(0, referrals.rows.count - 1))
            state.referrals = referrals
            return
        case .attention:
            guard var attention = state.attention else { return }
            attention.selected = clamp(attention.selected + delta, 0, max(0, attention.items.count - 1))
            state.attention = attention
            return
        case .leaving:
            guard var plan = state.leaving else { return }
            let count = plan.step == .receivers ? plan.candidates.count : plan.step == .adjust ? plan.cases.count : 0
            plan.selected = clamp(plan.selected + delta, 0, max(0, count - 1))
            state.leaving = plan
            return
        }
        guard state.list.total > 0 else { return }
        state.list.selected = clamp(state.list.selected + delta, 0, state.list.total - 1)
        state.list.scroll(height: state.listHeight)
    }

    /// The loads needed so every visible row (and the selection) is in memory.
    public func pendingLoads(_ state: AppState) -> [Effect] {
        guard state.place == .caseload || state.places.contains(.caseload) else { return [] }
        let list = state.list
        guard list.total > 0 else { return [] }
        let wantedEnd = min(list.total, max(list.top + state.listHeight, list.selected + 1))
        let wantedStart = min(list.top, list.selected)
        let pageSize = max(100, state.listHeight * 3)
        if list.rows.isEmpty || wantedStart >= list.loaded.upperBound + pageSize || wantedEnd <= list.loaded.lowerBound - pageSize {
            // A long jump: load where the selection is from the nearer end.
            return wantedStart > list.total / 2 && wantedEnd >= list.total - pageSize
                ? [.loadList(state.query, .last, recount: false, record: false)]
                : wantedStart < pageSize ? [.loadList(state.query, .first, recount: false, record: false)] : []
        }
        if wantedEnd > list.loaded.upperBound, let last = list.cursors.last {
            return [.loadList(state.query, .after(last), recount: false, record: false)]
        }
        if wantedStart < list.loaded.lowerBound, let first = list.cursors.first {
            return [.loadList(state.query, .before(first), recount: false, record: false)]
        }
        return []
    }

    private func moveInCaseFile(_ delta: Int, _ state: inout AppState) {
        let lines = caseFileLines(&state)
        guard var file = state.caseFile else { return }
        let count = file.detail.timeline.count
        let firstEntryLine = lines.firstIndex { $0.entry != nil } ?? lines.count
        let page = state.caseFileHeight
        if abs(delta) >= page || count == 0 || (delta < 0 && file.scroll > 0 && file.scroll < firstEntryLine && file.selected == 0) {
            // Paging, or scrolling through the header above the timeline.
            file.scroll = clamp(file.scroll + delta, 0, max(0, lines.count - page))
            if count > 0 {
                // Select the first entry on screen, so Enter expands what you see.
                if let line = lines[file.scroll..<min(lines.count, file.scroll + page)].first(where: { $0.entry != nil }) {
                    file.selected = line.entry!
                } else if file.scroll + page <= firstEntryLine {
                    file.selected = 0
                }
            }
            state.caseFile = file
            return
        }
        if delta < 0, file.selected == 0 {
            file.scroll = max(0, file.scroll + delta)
        } else if delta > 0, file.selected == count - 1 {
            file.scroll = clamp(file.scroll + delta, 0, max(0, lines.count - page))
        } else {
            file.selected = clamp(file.selected + delta, 0, max(0, count - 1))
        }
        state.caseFile = file
        keepCaseSelectionVisible(&state, lines: lines)
    }

    private func keepCaseSelectionVisible(_ state: inout AppState, lines known: [CaseFileLayout.Line]? = nil) {
        let lines = known ?? caseFileLines(&state)
        guard var file = state.caseFile, !file.detail.timeline.isEmpty else { return }
        let page = state.caseFileHeight
        guard let start = lines.firstIndex(where: { $0.entry == file.selected }) else { return }
        let end = (lines.lastIndex { $0.entry == file.selected } ?? start) + 1
        if start < file.scroll { file.scroll = start }
        if end > file.scroll + page { file.scroll = min(start, end - page) }
        file.scroll = clamp(file.scroll, 0, max(0, lines.count - page))
        state.caseFile = file
    }

    private func toggleEntry(_ state: inout AppState) {
        guard var file = state.caseFile, file.detail.timeline.indices.contains(file.selected) else { return }
        let id = file.detail.timeline[file.selected].id
        if file.expanded.contains(id) { file.expanded.remove(id) } else { file.expanded.insert(id) }
        state.caseFile = file
        keepCaseSelectionVisible(&state)
    }

    /// The open case file's lines, laid out once per change and kept.
    private func caseFileLines(_ state: inout AppState) -> [CaseFileLayout.Line] {
        guard var file = state.caseFile else { return [] }
        if let lines = file.lines(width: state.width, colour: state.colour, today: state.today) { return lines }
        let lines = layout(state).lines(file.detail, width: state.width, expanded: file.expanded)
        file.laidOut = .init(width: state.width, expanded: file.expanded, colour: state.colour, today: state.today, lines: lines)
        state.caseFile = file
        return lines
    }

    func layout(_ state: AppState) -> CaseFileLayout {
        CaseFileLayout(vocabulary: vocabulary, theme: Theme(colour: state.colour), today: state.today, timeZone: state.timeZone)
    }

    // MARK: Opening and searching

    private func openSelected(_ state: inout AppState) -> [Effect] {
        if state.place == .team {
            guard let member = state.team?.members[safe: state.teamSelected] else { return [] }
            state.query.scope = member.login == state.user.login ? .mine : .worker(login: member.login)
            say(&state, "Showing \(state.scopeName.lowercased()).")
            return resetList(&state)
        }
        let target: (reference: String, worker: String?)
        if state.place == .referrals, let row = state.referrals.flatMap({ $0.rows[safe: $0.selected] }) {
            target = (row.reference, row.workerLogin)
        } else if state.place == .attention, let item = state.attention.flatMap({ $0.items[safe: $0.selected] }) {
            target = (item.reference, item.worker)
        } else if state.place == .searchResults {
            guard let search = state.search, search.hits.indices.contains(search.selected) else { return [] }
            let hit = search.hits[search.selected]
            target = (hit.reference, hit.workerLogin)
        } else {
            guard let row = state.list.selectedRow else { return [] }
            target = (row.reference, row.workerLogin)
        }
        return open(target.reference, worker: target.worker, &state)
    }

    private func open(_ reference: String, worker: String?, _ state: inout AppState) -> [Effect] {
        if worker != state.user.login, !state.user.isSupervisor {
            state.prompt = .init(kind: .reason(reference: reference), editor: LineEditor())
            return []
        }
        return [.openCase(reference: reference, reason: nil, refresh: false)]
    }

    private func startSearch(_ text: String, _ state: inout AppState) -> [Effect] {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return [] }
        remember(text, in: &state.searchHistory)
        return [.search(text)]
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
        state.caseFile = nil
        return open(hit.reference, worker: hit.workerLogin, &state)
    }

    // MARK: The bottom-line prompt

    private func handlePrompt(_ key: Key, _ state: inout AppState) -> [Effect] {
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
            let text = prompt.editor.text
            switch prompt.kind {
            case .limit:
                remember(text, in: &state.limitHistory)
                return applyLimit(text, &state)
            case .search:
                return startSearch(text, &state)
            case .command:
                return runCommandLine(text, &state)
            case .confirm(_, let effect):
                guard ["y", "yes"].contains(text.trimmingCharacters(in: .whitespaces).lowercased()) else {
                    say(&state, "Nothing done.")
                    return []
                }
                return [effect]
            case .atRisk(let reference):
                switch text.trimmingCharacters(in: .whitespaces).lowercased() {
                case "y", "yes":
                    return [.prepareForm(.safeguarding(reference: reference))]
                case "n", "no":
                    return [.prepareForm(.flag(reference: reference))]
                default:
                    return askAgain(.atRisk(reference: reference), "Answer y or n: is anyone at risk of significant harm?", &state)
                }
            case .reason(let reference):
                let reason = text.trimmingCharacters(in: .whitespaces)
                guard !reason.isEmpty else {
                    say(&state, "A reason is needed to open a case outside your caseload.", error: true)
                    return []
                }
                return [.openCase(reference: reference, reason: reason, refresh: false)]
            }
        }
    }

    /// The next question of a series, on a fresh line.
    /// The same question again, with what was wrong on the line above it.
    private func askAgain(_ kind: AppState.Prompt.Kind, _ why: String, _ state: inout AppState) -> [Effect] {
        state.prompt = .init(kind: kind, editor: LineEditor())
        say(&state, why, error: true)
        return []
    }

    private func applyLimit(_ text: String, _ state: inout AppState) -> [Effect] {
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

    // MARK: Helpers

    private func resetList(_ state: inout AppState) -> [Effect] {
        state.list.selected = 0
        state.list.top = 0
        if state.place != .caseload { state.places = [.caseload] }
        return [.loadList(state.query, .first, recount: true, record: true)]
    }

    private func reloadList(_ state: AppState) -> Effect {
        if let cursor = state.list.cursors.first {
            return .loadList(state.query, .from(cursor), recount: true, record: false)
        }
        return .loadList(state.query, .first, recount: true, record: false)
    }

    private func remember(_ text: String, in history: inout [String]) {
        guard !text.isEmpty else { return }
        history.removeAll { $0 == text }
        history.append(text)
        if history.count > 100 { history.removeFirst() }
    }

    private func say(_ state: inout AppState, _ text: String, error: Bool = false) {
        state.message = text
        state.messageIsError = error
    }
}

func clamp(_ value: Int, _ low: Int, _ high: Int) -> Int { max(low, min(high, value)) }

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
