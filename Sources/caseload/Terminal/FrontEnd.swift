import CaseloadApp
import CNCursesW
import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// The full-screen front end's main loop: draw, wait for a key (or a moment),
/// update, run the effects, and poll the store for changes made elsewhere.
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

        let size = terminal.size
        var state = AppState(
            user: .init(login: actor.login, name: actor.name, isSupervisor: actor.isSupervisor),
            service: (try? store.serviceName()) ?? "SENDIASS", width: size.width, height: size.height,
            colour: terminal.hasColour, today: store.today, now: store.now(), timeZone: store.timeZone)
        let update = Update(vocabulary: vocabulary)
        let screen = Screen(vocabulary: vocabulary)
        let runner = EffectRunner(store: store, actor: actor)
        _ = runner.checkForChanges()
        // What is typed in a form is written when typing pauses, not on every
        // key, so a long paste is one write rather than thousands.
        var pendingDraft: Effect?
        // The screen is drawn when something changed, not every time the wait times out.
        var changed = true
        var worked = false
        var lastTrim = Date()
        var lastCheckpoint = Date()
        try? store.checkpointWhenIdle()
        try? store.keepMorePagesInMemory()
        defer { try? store.checkpoint() }
        var draftSince = Date()
        func flushDraft() {
            guard let draft = pendingDraft else { return }
            pendingDraft = nil
            for message in runner.perform(draft, pageSize: 0) {
                process(update(&state, message))
                changed = true
            }
        }

        func process(_ effects: [Effect]) {
            var queue = effects
            var rounds = 0
            while rounds < 50 {
                rounds += 1
                if queue.isEmpty {
                    queue = update.pendingLoads(state)
                    if queue.isEmpty { return }
                }
                let effect = queue.removeFirst()
                switch effect {
                case .quit:
                    flushDraft()
                    return
                case .saveDraft:
                    if pendingDraft == nil { draftSince = Date() }
                    pendingDraft = effect
                case .discardDraft(let kind, let reference):
                    if case .saveDraft(kind, reference, _) = pendingDraft { pendingDraft = nil }
                    for message in runner.perform(effect, pageSize: 0) { queue += update(&state, message) }
                case .saveForm:
                    // The latest typing is kept first: the save ends the
                    // draft if it succeeds, and leaves it whole if it fails.
                    flushDraft()
                    for message in runner.perform(effect, pageSize: 0) { queue += update(&state, message) }
                case .suspend:
                    flushDraft()
                    terminal.suspend()
                    queue += update(&state, .resized(width: terminal.size.width, height: terminal.size.height))
                case .editText(let text):
                    flushDraft()
                    let message: Message
                    do {
                        message = .edited(try terminal.withShell { try ExternalEditor.edit(text) })
                    } catch {
                        message = .failed("\(error)")
                    }
                    queue += update(&state, message)
                default:
                    for message in runner.perform(effect, pageSize: max(100, state.listHeight * 3)) {
                        queue += update(&state, message)
                    }
                }
            }
        }

        let trace = FrameTrace(path: environment["CASELOAD_TRACE"])
        process(update.start(state))
        var lastPoll = Date()
        while !state.quitting {
            if changed {
                let frame = screen.frame(state)
                terminal.draw(frame.buffer, cursor: frame.cursor)
                trace?.framed()
                changed = false
            }
            let key = terminal.readKey(timeout: 250)
            if key != nil { changed = true }
            if let key { trace?.keyRead(key, state) }
            let signal = pendingSignal.load(ordering: .relaxed)
            if signal != 0 {
                // A dropped connection (SIGHUP) or a kill keeps what was typed.
                flushDraft()
                return 128 + signal
            }
            // Written when typing pauses, and at least every two seconds.
            if key == nil || Date().timeIntervalSince(draftSince) >= 2 { flushDraft() }
            if key != nil { worked = true }
            if key == nil, Date().timeIntervalSince(lastCheckpoint) >= 5 {
                lastCheckpoint = Date()
                try? store.checkpoint()
            }
            if worked, key == nil || Date().timeIntervalSince(lastTrim) >= 1 {
                // A search or a long list leaves freed memory with the
                // allocator: hand it back when typing pauses, or each second.
                worked = false
                lastTrim = Date()
                _ = caseload_trim_memory()
            }
            // Keys that arrive together are a paste: into a form's text they
            // go as text, so a pasted tab or line break does not move on.
            var burst: [Key] = []
            if let key, key != .resize {
                while burst.count < 1_000_000, let next = terminal.readKey(timeout: 0) { burst.append(next) }
            }
            var keys = key.map { [$0] + burst } ?? []
            // Tabs at the end of a burst are someone moving on after what
            // they typed, not part of a paste.
            var trailing: [Key] = []
            while keys.count > 1, keys.last == .tab { trailing.insert(keys.removeLast(), at: 0) }
            if keys.count >= 3, state.form?.focused.takesText == true, let text = Self.pastedText(keys) {
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
            if Date().timeIntervalSince(lastPoll) >= 1 {
                lastPoll = Date()
                if let message = runner.checkForChanges() {
                    process(update(&state, message))
                    changed = true
                }
            }
        }
        flushDraft()
        return 0
    }

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
