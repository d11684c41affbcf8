import CaseloadApp
import CNCursesW
import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// The full-screen front end: takes the terminal, runs the loop, and gives
/// the terminal back however the loop ends.
struct FrontEnd {
    let store: Store
    let actor: ActingWorker

    /// Runs until the user quits; returns the exit status.
    func run() throws -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        // Before the screen is taken, so a problem with the value lists is
        // printed on a normal terminal.
        let vocabulary = try store.vocabulary
        caseload_release_large_buffers()
        let terminal = try CursesTerminal(colourWanted: (environment["NO_COLOR"] ?? "").isEmpty)
        defer { terminal.end() }
        TerminalSignals.install()
        try? store.checkpointWhenIdle()
        try? store.keepMorePagesInMemory()
        defer { try? store.checkpoint() }
        let loop = FrontEndLoop(store: store, actor: actor, terminal: terminal, vocabulary: vocabulary,
                                trace: FrameTrace(path: environment["CASELOAD_TRACE"]),
                                syncEvery: BackgroundSync.interval(environment))
        return loop.run()
    }
}

/// The main loop, one named step after another: draw, read keys and
/// pastes, handle them, do the idle work, notice the store changing.
final class FrontEndLoop {
    private var state: AppState
    private let update: Update
    private let screen: Screen
    private let runner: EffectRunner
    private let terminal: CursesTerminal
    private let store: Store
    private let actor: ActingWorker
    private let trace: FrameTrace?
    private let sync = BackgroundSync()
    /// How often to sync by itself with a hub (nil: never), and when next.
    private let syncEvery: TimeInterval?
    private var nextSync = Date()

    /// What is typed in a form is written when typing pauses, not on every
    /// key, so a long paste is one write rather than thousands.
    private var pendingDraft: StoreWork?
    private var draftSince = Date()
    /// The screen is drawn when something changed, not every time the wait times out.
    private var needsDrawing = true
    /// Keys were handled since memory was last given back.
    private var worked = false
    private var lastTrim = Date()
    private var lastCheckpoint = Date()
    private var lastPoll = Date()
    private var lastMinute = 0

    init(store: Store, actor: ActingWorker, terminal: CursesTerminal, vocabulary: Vocabulary, trace: FrameTrace?,
         syncEvery: TimeInterval?) {
        let size = terminal.size
        state = AppState(
            user: .init(login: actor.login, name: actor.name, isSupervisor: actor.isSupervisor),
            service: (try? store.serviceName()) ?? "SENDIASS", width: size.width, height: size.height,
            colour: terminal.hasColour, today: store.today, now: store.now(), timeZone: store.timeZone)
        update = Update(vocabulary: vocabulary)
        screen = Screen(vocabulary: vocabulary)
        runner = EffectRunner(store: store, actor: actor)
        self.terminal = terminal
        self.store = store
        self.actor = actor
        self.trace = trace
        self.syncEvery = syncEvery
        _ = runner.checkForChanges()
    }

    func run() -> Int32 {
        process(update.start(state))
        while !state.quitting {
            drawIfNeeded()
            let keys = readKeys()
            if let signal = caughtSignal() {
                // A dropped connection (SIGHUP) or a kill keeps what was typed.
                flushDraft()
                return 128 + signal
            }
            idleWork(keysArrived: !keys.isEmpty)
            keepTime()
            handle(keys)
            noticeStoreChanges()
            keepSyncing()
        }
        flushDraft()
        return 0
    }

    // MARK: The steps

    private func drawIfNeeded() {
        guard needsDrawing else { return }
        let frame = screen.frame(state)
        terminal.draw(frame.buffer, cursor: frame.cursor)
        trace?.framed()
        needsDrawing = false
    }

    /// Waits up to a quarter of a second for a key, then takes every key
    /// that came with it: keys that arrive together are a paste.
    private func readKeys() -> [Key] {
        guard let key = terminal.readKey(timeout: 250) else { return [] }
        needsDrawing = true
        trace?.keyRead(key, state)
        var keys = [key]
        if key != .resize {
            while keys.count < 1_000_000, let next = terminal.readKey(timeout: 0) { keys.append(next) }
        }
        return keys
    }

    private func caughtSignal() -> Int32? {
        let signal = pendingSignal.load(ordering: .relaxed)
        return signal == 0 ? nil : signal
    }

    /// Drafts when typing pauses (and at least every two seconds), the
    /// log back into the store when nothing happens, and freed memory
    /// back to the system.
    private func idleWork(keysArrived: Bool) {
        if !keysArrived || Date().timeIntervalSince(draftSince) >= 2 { flushDraft() }
        if keysArrived { worked = true }
        if !keysArrived, Date().timeIntervalSince(lastCheckpoint) >= 5 {
            lastCheckpoint = Date()
            try? store.checkpoint()
        }
        if worked, !keysArrived || Date().timeIntervalSince(lastTrim) >= 1 {
            // A search or a long list leaves freed memory with the
            // allocator: hand it back when typing pauses, or each second.
            worked = false
            lastTrim = Date()
            _ = caseload_trim_memory()
        }
    }

    private func handle(_ burst: [Key]) {
        var keys = burst
        // Tabs at the end of a burst are someone moving on after what
        // they typed, not part of a paste.
        var trailing: [Key] = []
        while keys.count > 1, keys.last == .tab { trailing.insert(keys.removeLast(), at: 0) }
        // Into a form's text a paste goes as text, so a pasted tab or line
        // break does not move on.
        if keys.count >= 3, state.form?.focused.takesText == true, let text = FrontEnd.pastedText(keys) {
            process(update(&state, .pasted(text)))
            keys = trailing
        } else {
            keys += trailing
        }
        for key in keys {
            if key == .resize {
                let size = terminal.size
                process(update(&state, .resized(width: size.width, height: size.height)))
            } else {
                if key == .control("l") { terminal.invalidate() }
                process(update(&state, .key(key)))
            }
        }
    }

    /// "Now" for a form opened later, and "today" past midnight for a front
    /// end left open overnight (days left, overdue): told to update as the
    /// minute changes.
    private func keepTime() {
        let now = store.now()
        let minute = Int(now.timeIntervalSince1970 / 60)
        guard minute != lastMinute else { return }
        lastMinute = minute
        let today = store.today
        if today != state.today { needsDrawing = true }
        process(update(&state, .clock(now: now, today: today)))
    }

    /// Another process's changes (a supervisor reassigning, a contact
    /// logged in another window), looked for once a second.
    private func noticeStoreChanges() {
        guard Date().timeIntervalSince(lastPoll) >= 1 else { return }
        lastPoll = Date()
        if let message = runner.checkForChanges() {
            process(update(&state, message))
            needsDrawing = true
        }
    }

    /// The running sync's progress and outcome, and the sync the front end
    /// does by itself: the first after the first frame, then every few
    /// minutes, counted from the end of the last.
    private func keepSyncing() {
        for message in sync.collect() {
            if case .syncFinished = message, let every = syncEvery { nextSync = Date().addingTimeInterval(every) }
            process(update(&state, message))
            needsDrawing = true
        }
        guard let every = syncEvery, state.sync != nil, !sync.isRunning, Date() >= nextSync else { return }
        nextSync = Date().addingTimeInterval(every)
        process(update(&state, .syncDue))
        needsDrawing = true
    }

    // MARK: Effects

    /// Does what update asked, and what that leads to, then the loads the
    /// screen still needs.
    private func process(_ effects: [Effect]) {
        var queue = effects
        var loads: [Effect] = []
        while true {
            if queue.isEmpty {
                // A load that brought fewer rows than the window wants (the
                // list shrank meanwhile) would be asked for again and again:
                // a load already done in this round ends it instead.
                guard let load = update.pendingLoads(state).first, !loads.contains(load) else { return }
                loads.append(load)
                queue = [load]
            }
            switch queue.removeFirst() {
            case .store(let work):
                queue += perform(work)
            case .terminal(let work):
                guard let follow = perform(work) else { return }
                queue += follow
            case .sync:
                if let failed = sync.start(store: store, actor: actor) {
                    queue += update(&state, .syncFinished(failed))
                }
            }
        }
    }

    private func perform(_ work: StoreWork) -> [Effect] {
        if case .saveForm = work {
            // The latest typing is kept first: the save ends the draft if it
            // succeeds, and leaves it whole if it fails.
            flushDraft()
        }
        if case .discardDraft(let kind, let reference) = work,
           case .saveDraft(kind, reference, _) = pendingDraft {
            pendingDraft = nil
        }
        let pageSize = max(100, state.listHeight * 3)
        return runner.perform(work, pageSize: pageSize).flatMap { update(&state, $0) }
    }

    /// The terminal's own work; nil when the loop is to stop processing (quit).
    private func perform(_ work: TerminalWork) -> [Effect]? {
        switch work {
        case .quit:
            flushDraft()
            return nil
        case .keepDraft(let kind, let reference, let fields):
            if pendingDraft == nil { draftSince = Date() }
            pendingDraft = .saveDraft(kind: kind, reference: reference, fields: fields)
            return []
        case .suspend:
            flushDraft()
            terminal.suspend()
            return update(&state, .resized(width: terminal.size.width, height: terminal.size.height))
        case .editText(let text):
            flushDraft()
            let message: Message
            do {
                message = .edited(try terminal.withShell { try ExternalEditor.edit(text) })
            } catch {
                message = .failed("\(error)")
            }
            return update(&state, message)
        }
    }

    private func flushDraft() {
        guard let draft = pendingDraft else { return }
        pendingDraft = nil
        for message in runner.perform(draft, pageSize: 0) {
            process(update(&state, message))
            needsDrawing = true
        }
    }
}

extension FrontEnd {
    /// The text a burst of keys spells, or nil if it holds anything else
    /// (arrows, function keys) or nothing but Tab and Enter (keys sent
    /// together by a script): then the keys are taken one by one.
    static func pastedText(_ keys: [Key]) -> String? {
        guard keys.contains(where: { if case .character = $0 { return true } else { return false } }) else { return nil }
        var text = ""
        for key in keys {
            switch key {
            case .character(let c): text.append(c)
            case .enter: text.append("\n")
            case .tab: text.append("\t")
            default: return nil
            }
        }
        return text
    }
}
