import CaseloadCore
import Foundation
import Testing
import TerminalUI
@testable import CaseloadApp
@testable import CaseloadStore

/// Syncing from the front end: the words at the end of the status line,
/// `:sync`, and the sync the front end does by itself. What syncing left
/// on a case file is in `LayoutTests`.
@Suite struct SyncTests {
    let update = Update(vocabulary: AppFixture.vocabulary)
    let screen = Screen(vocabulary: AppFixture.vocabulary)

    /// 11:42 on the fixture's day (London is on UTC in November).
    static let lastSync = AppFixture.now.addingTimeInterval(-18 * 60)

    private func synced(waiting: Int = 0, conflicts: Int = 0, refused: Int = 0, colour: Bool = true) -> AppState {
        var state = AppFixture.loaded([AppFixture.row(1), AppFixture.row(2)])
        state.colour = colour
        _ = update(&state, .syncStatusRead(SyncFacts(lastSync: Self.lastSync, waiting: waiting, conflicts: conflicts,
                                                     refused: refused)))
        return state
    }

    private func statusLine(_ state: AppState) -> String { screen.render(state).lines[state.height - 2] }

    private func press(_ keys: [Key], _ state: inout AppState) -> [Effect] { keys.flatMap { update(&state, .key($0)) } }

    private func command(_ name: String, _ state: inout AppState) -> [Effect] {
        press([.character(":")] + name.map(Key.character) + [.enter], &state)
    }

    @Test func aStoreWithoutAHubShowsNoSyncWords() {
        var state = AppFixture.loaded([AppFixture.row(1)])
        _ = update(&state, .syncStatusRead(nil))
        #expect(state.sync == nil)
        #expect(statusLine(state) == " My caseload · 1 of 1 · sort: next key date")
        #expect(update.start(state).contains(.store(.readSyncStatus)), "the start finds out whether the store syncs")
    }

    @Test func theStatusLineEndsWithWhenItLastSyncedAndWhatWaits() {
        let line = statusLine(synced())
        #expect(line.hasPrefix(" My caseload · 1 of 2 · sort: next key date "))
        #expect(line.hasSuffix(" synced 11:42"))
        #expect(DisplayWidth.of(screen.render(synced()).lines[22]) <= 80)
        #expect(statusLine(synced(waiting: 12)).hasSuffix("synced 11:42 · 12 changes waiting"))
        #expect(statusLine(synced(waiting: 1)).hasSuffix("synced 11:42 · 1 change waiting"))
        #expect(statusLine(synced(conflicts: 2, refused: 1)).hasSuffix("synced 11:42 · 2 conflicts · 1 refused"))
        // A sync from another day gives its date.
        var yesterday = synced()
        yesterday.sync?.lastSync = AppFixture.now.addingTimeInterval(-86_400)
        #expect(statusLine(yesterday).hasSuffix("synced 22/11/2026"))
    }

    /// At 80 columns the sync words stay whole and the left part is cut.
    @Test func theSyncWordsKeepTheirPlaceOnALongStatusLine() {
        var state = synced(waiting: 1_234, conflicts: 2, refused: 1)
        state.sync?.offline = true
        state.query.filter = (try? CaseFilter.parse("exclusion worker:amira level:3")) ?? state.query.filter
        let line = statusLine(state)
        #expect(line.hasSuffix(" offline · 1,234 changes waiting · 2 conflicts · 1 refused"), "\(line)")
        #expect(line.hasPrefix(" My caseload · 1 of"))
        #expect(line.contains("…"), "the left part is cut, with an ellipsis")
        #expect(DisplayWidth.of(line) <= 80)
        #expect(screen.render(state)[77, 22].style.bold, "something to act on stands out")
    }

    @Test func syncRunsOnceAtATimeAndShowsABarOnALargePull() {
        var state = synced(waiting: 3)
        #expect(command("sync", &state) == [.sync(manual: true)])
        #expect(statusLine(state).hasSuffix(" syncing…"))
        #expect(command("sync", &state) == [], "not a second sync while one runs")
        #expect(state.message == "A sync is already running; the status line shows how far it has got.")
        #expect(update(&state, .syncDue) == [], "nor the clock's own")
        _ = update(&state, .syncProgress(done: 1_200, total: 5_000))
        #expect(statusLine(state).hasSuffix(" syncing ▕█░░░░░░░▏ 1,200/5,000"))
        #expect(DisplayWidth.of(statusLine(state)) <= 80)
        _ = update(&state, .syncProgress(done: 5_000, total: 5_000))
        #expect(statusLine(state).hasSuffix(" syncing ▕████████▏ 5,000/5,000"))
        // A few records go too quickly for a bar.
        _ = update(&state, .syncProgress(done: 3, total: 3))
        #expect(statusLine(state).hasSuffix(" syncing…"))
    }

    @Test func withoutColourTheBarIsPlainCharacters() {
        var state = synced(colour: false)
        _ = update(&state, .syncDue)
        #expect(statusLine(state).hasSuffix(" syncing..."))
        _ = update(&state, .syncProgress(done: 2_500, total: 5_000))
        #expect(statusLine(state).hasSuffix(" syncing [####....] 2,500/5,000"))
    }

    @Test func aSyncThatPulledRecordsReloadsWhatIsOnScreen() throws {
        var state = synced(waiting: 2)
        _ = update(&state, .caseLoaded(try AppFixture.detail(1), refresh: false))
        _ = update(&state, .syncDue)
        let effects = update(&state, .syncFinished(SyncOutcome(pushed: 2, pulled: 40, refused: 0, complete: true)))
        #expect(state.sync?.running == nil && state.sync?.offline == false)
        #expect(state.message == nil, "the clock's own sync says nothing")
        #expect(effects.contains(.store(.openCase(reference: "C-2026-00001", reason: nil, refresh: true))))
        #expect(effects.contains { if case .store(.loadList) = $0 { true } else { false } })
        #expect(effects.last == .store(.readSyncStatus), "the waiting count is read again")
        // Nothing pulled: nothing to reload.
        _ = update(&state, .syncDue)
        #expect(update(&state, .syncFinished(SyncOutcome(pushed: 1))) == [.store(.readSyncStatus)])
    }

    @Test func aManualSyncSaysHowItWent() {
        var state = synced(waiting: 2)
        _ = command("sync", &state)
        _ = update(&state, .syncFinished(SyncOutcome(pushed: 2, pulled: 1, refused: 1, complete: true)))
        #expect(state.message == "Synced: sent 2 records, received 1 record. The hub refused 1 change: each is shown on its case file.")
        #expect(!state.messageIsError)
    }

    @Test func aFailedManualSyncSaysWhyInOneNotice() {
        var state = synced(waiting: 12)
        _ = command("sync", &state)
        let words = "the hub at 127.0.0.1:5432 could not be reached; check the address and the network, then try again"
        _ = update(&state, .syncFinished(.failed(words)))
        let notice = "The hub at 127.0.0.1:5432 could not be reached; check the address and the network, then try again."
            + " Your 12 changes wait here until the next sync."
        #expect(state.messageIsError && state.message == notice)
        #expect(state.sync?.offline == true && state.sync?.running == nil)
        let bottom = screen.render(state).lines[22...23].joined(separator: " ")
        #expect(bottom == notice, "whole words on the bottom lines, the list above untouched")
        // The next key clears the notice; the status line stays offline.
        _ = press([.character("j")], &state)
        #expect(statusLine(state).hasSuffix(" offline · 12 changes waiting"))
    }

    @Test func aFailedAutomaticSyncOnlyMarksTheLineOffline() {
        var state = synced(waiting: 12)
        #expect(update(&state, .syncDue) == [.sync(manual: false)])
        #expect(update(&state, .syncFinished(.failed("the hub at x could not be reached"))) == [])
        #expect(state.message == nil)
        #expect(statusLine(state).hasSuffix(" offline · 12 changes waiting"))
        // The next that works is back online, and says when.
        _ = update(&state, .syncDue)
        _ = update(&state, .syncFinished(SyncOutcome(pushed: 12)))
        _ = update(&state, .syncStatusRead(SyncFacts(lastSync: AppFixture.now, waiting: 0, conflicts: 0, refused: 0)))
        #expect(statusLine(state).hasSuffix(" synced 12:00"))
    }

    @Test func syncWithoutAHubSaysSoAndEveryPlaceWithAListOffersIt() {
        var state = AppFixture.loaded([AppFixture.row(1)])
        #expect(command("sync", &state) == [])
        #expect(state.messageIsError && state.message?.hasPrefix("This store has no hub to sync with") == true)
        #expect(update(&state, .syncDue) == [] && state.sync == nil)
        for place in [Place.Kind.caseload, .caseFile, .searchResults, .team, .referrals, .attention] {
            #expect(commandTable.command(named: "sync", in: place) != nil, "\(place)")
        }
    }

    @Test func aChangeMadeHereReadsTheWaitingCountAgain() {
        var state = synced()
        #expect(update(&state, .changed("Logged the contact on C-2026-00001.")).contains(.store(.readSyncStatus)))
        #expect(update(&state, .storeChanged(now: AppFixture.now, today: AppFixture.today)).contains(.store(.readSyncStatus)))
        // A read keeps what only the front end knows.
        state.sync?.offline = true
        _ = update(&state, .syncStatusRead(SyncFacts(lastSync: nil, waiting: 4, conflicts: 0, refused: 0)))
        #expect(state.sync?.offline == true && state.sync?.waiting == 4)
    }
}
