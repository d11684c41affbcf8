import CaseloadCore
import Foundation

/// Syncing with the team's hub from the front end: `:sync`, the sync the
/// front end does by itself every few minutes, and the status line's facts.
/// The sync itself runs away from the loop that draws and reads keys, so a
/// hub that cannot be reached never freezes the screen.
extension Update {
    /// Starts a sync unless one is running: `manual` for `:sync`, which says
    /// why when it cannot; the clock's own sync is quiet.
    func sync(manual: Bool, _ state: inout AppState) -> [Effect] {
        guard var line = state.sync else {
            if manual {
                say(&state, "This store has no hub to sync with: give it the hub's address once with caseload sync --hub URL.",
                    error: true)
            }
            return []
        }
        guard line.running == nil else {
            // A second press while the first runs would only queue the same work.
            if manual { say(&state, "A sync is already running; the status line shows how far it has got.") }
            return []
        }
        line.running = .init(manual: manual)
        state.sync = line
        return [.sync(manual: manual)]
    }

    /// A sync ended. One the user asked for says how it went; the clock's
    /// own says nothing (a refusal shows on the status line and its case
    /// file), and a failure of it only turns the status line to offline.
    func syncFinished(_ outcome: SyncOutcome, _ state: inout AppState) -> [Effect] {
        let manual = state.sync?.running?.manual ?? false
        state.sync?.running = nil
        state.sync?.offline = outcome.error != nil
        if let error = outcome.error {
            if manual {
                let waiting = state.sync?.waiting ?? 0
                let after = waiting > 0 ? " Your \(Plural.count(waiting, "change")) \(waiting == 1 ? "waits" : "wait") here until the next sync."
                    : " Your changes wait here until the next sync."
                say(&state, Self.sentence(error) + after, error: true)
            }
            return []
        }
        if manual {
            var text = "Synced: sent \(Plural.count(outcome.pushed, "record")), received \(Plural.count(outcome.pulled, "record"))."
            if outcome.refused > 0 {
                text += " The hub refused \(Plural.count(outcome.refused, "change")): each is shown on its case file."
            }
            if !outcome.complete { text += " Some changes are still to go either way: the next sync takes them." }
            say(&state, text)
        }
        var effects: [Effect] = [.store(.readSyncStatus)]
        // What arrived belongs on the screen: the list and the open case file.
        if outcome.pulled > 0 { effects = reloadOnScreen(state) + effects }
        return effects
    }

    /// The store's facts about its hub, kept beside what only the front
    /// end knows: whether a sync runs, and whether the last one failed.
    func syncStatusRead(_ facts: SyncFacts?, _ state: inout AppState) {
        guard let facts else {
            state.sync = nil
            return
        }
        var line = state.sync ?? SyncLine()
        line.lastSync = facts.lastSync
        line.waiting = facts.waiting
        line.conflicts = facts.conflicts
        line.refused = facts.refused
        state.sync = line
    }

    /// An error's words as a sentence: a capital first, a full stop last.
    static func sentence(_ text: String) -> String {
        let inline = SafeText.inline(text).trimmingCharacters(in: .whitespaces)
        let capital = inline.prefix(1).uppercased() + inline.dropFirst()
        return capital.hasSuffix(".") ? capital : capital + "."
    }
}
