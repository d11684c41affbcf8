import CaseloadCore
import Foundation
import Testing
import TerminalUI
@testable import CaseloadApp
@testable import CaseloadStore

@Suite struct UpdateTests {
    let update = Update(vocabulary: AppFixture.vocabulary)

    private func press(_ keys: [Key], _ state: inout AppState) -> [Effect] {
        keys.flatMap { update(&state, .key($0)) }
    }

    private func type(_ text: String) -> [Key] { text.map { Key.character($0) } }

    @Test func startingLoadsMyCaseloadAndRecordsTheListing() {
        let state = AppFixture.state()
        #expect(update.start(state) == [.store(.loadList(CaseQuery(scope: .mine), .first, recount: true, record: true)), .store(.listHandedToMe), .store(.listDrafts),
                                        .store(.readSyncStatus)])
    }

    @Test func arrowsAndVimKeysMoveTheSelectionWithinTheList() {
        var state = AppFixture.loaded((1...5).map { AppFixture.row($0) })
        _ = press([.down, .character("j"), .character("j")], &state)
        #expect(state.list.selected == 3)
        _ = press([.up, .character("k")], &state)
        #expect(state.list.selected == 1)
        _ = press([.character("G")], &state)
        #expect(state.list.selected == 4)
        _ = press([.down, .down], &state)
        #expect(state.list.selected == 4, "the selection stops at the last case")
        _ = press([.character("g")], &state)
        #expect(state.list.selected == 0)
    }

    @Test func pagingPastTheLoadedRowsAsksForTheNextPageByKeyset() {
        var state = AppFixture.state()
        let rows = (1...100).map { AppFixture.row($0) }
        _ = update(&state, .listLoaded(AppFixture.page(rows), .first, total: 5_000, start: nil))
        for _ in 0..<6 { _ = press([.pageDown], &state) }
        #expect(state.list.selected == 6 * 19)
        let loads = update.pendingLoads(state)
        #expect(loads == [.store(.loadList(state.query, .after(CaseCursor(value: "v", seq: 99)), recount: false, record: false))])
        _ = press([.character("G")], &state)
        #expect(state.list.selected == 4_999)
        #expect(update.pendingLoads(state) == [.store(.loadList(state.query, .last, recount: false, record: false))])
        _ = update(&state, .listLoaded(AppFixture.page(rows, from: 4_900), .last, total: nil, start: nil))
        #expect(state.list.first == 4_900)
        #expect(state.list.selectedRow?.reference == "C-2026-00100")
        #expect(update.pendingLoads(state).isEmpty)
    }

    @Test func enterOpensMyOwnCaseAtOnce() {
        var state = AppFixture.loaded([AppFixture.row(42)])
        #expect(press([.enter], &state) == [.store(.openCase(reference: "C-2026-00042", reason: nil, refresh: false))])
    }

    @Test func openingACaseOutsideMyCaseloadFirstAsksWhy() {
        var state = AppFixture.loaded([AppFixture.row(7, worker: "ben")])
        #expect(press([.enter], &state) == [.store(.openCase(reference: "C-2026-00007", reason: nil, refresh: false))])
        _ = update(&state, .reasonNeeded(reference: "C-2026-00007"))
        #expect(state.prompt?.kind == .reason(reference: "C-2026-00007"))
        #expect(press([.enter], &state).isEmpty, "an empty reason is not accepted")
        #expect(state.messageIsError)
        _ = update(&state, .reasonNeeded(reference: "C-2026-00007"))
        let effects = press(type("Family rang; Ben is off") + [.enter], &state)
        #expect(effects == [.store(.openCase(reference: "C-2026-00007", reason: "Family rang; Ben is off", refresh: false))])
        #expect(state.prompt == nil)
    }

    @Test func aSupervisorOpensAnyCaseWithoutBeingAsked() {
        var state = AppFixture.loaded([AppFixture.row(7, worker: "ben")], supervisor: true)
        #expect(press([.enter], &state) == [.store(.openCase(reference: "C-2026-00007", reason: nil, refresh: false))])
    }

    @Test func theLimitLanguageNarrowsTheListAndEscClearsIt() {
        var state = AppFixture.loaded([AppFixture.row(1)])
        _ = press([.character("l")], &state)
        #expect(state.prompt?.kind == .limit)
        let effects = press(type("level:3 overdue") + [.enter], &state)
        #expect(state.query.filter.level == 3)
        #expect(state.query.filter.overdue)
        #expect(effects == [.store(.loadList(state.query, .first, recount: true, record: true))])
        let cleared = press([.escape], &state)
        #expect(state.query.filter.isEmpty)
        #expect(cleared == [.store(.loadList(state.query, .first, recount: true, record: true))])
    }

    /// A limit the store stops at its deadline leaves the list as it was,
    /// and the status line names the limit the rows were read with.
    @Test func aLimitTheStoreRefusesLeavesTheListAndItsLimitAsTheyWere() {
        var state = AppFixture.loaded([AppFixture.row(1)])
        _ = press([.character("l")] + type("level:3") + [.enter], &state)
        _ = update(&state, .listLoaded(AppFixture.page([AppFixture.row(1)]), .first, total: 1, start: nil))
        let effects = press([.character("l"), .control("u")] + type("a b c") + [.enter], &state)
        guard case .store(.loadList(let query, _, _, _)) = effects.first else {
            Issue.record("expected the list to be loaded, got \(effects)")
            return
        }
        #expect(state.query.filter.words == ["a", "b", "c"])
        _ = update(&state, .listRefused(query, "the limit was stopped after 800 ms: type more of each word"))
        #expect(state.query.filter.level == 3 && state.query.filter.words.isEmpty, "back to the limit on screen")
        #expect(state.list.rows.map(\.reference) == [AppFixture.row(1).reference])
        #expect(state.messageIsError && state.message?.hasPrefix("the limit was stopped") == true)
    }

    @Test func aMistakeInTheLimitIsExplainedAndChangesNothing() {
        var state = AppFixture.loaded([AppFixture.row(1)])
        let effects = press([.character("l")] + type("level:9") + [.enter], &state)
        #expect(effects.isEmpty)
        #expect(state.message == "level must be 1 to 4; 9 is not")
        #expect(state.messageIsError)
        #expect(state.query.filter.isEmpty)
    }

    @Test func sortCyclesThroughTheOrders() {
        var state = AppFixture.loaded([AppFixture.row(1)])
        var seen: [CaseSort] = []
        for _ in CaseSort.allCases {
            _ = press([.character("s")], &state)
            seen.append(state.query.sort)
        }
        #expect(seen == [.lastContact, .newest, .reference, .deadline])
    }

    @Test func onlyASupervisorSwitchesCaseloads() {
        var state = AppFixture.loaded([AppFixture.row(1)])
        #expect(press([.character("v")], &state).isEmpty)
        #expect(state.message?.hasPrefix("Only a supervisor can") == true)
        var boss = AppFixture.loaded([AppFixture.row(1)], supervisor: true)
        _ = press([.character("v")], &boss)
        #expect(boss.query.scope == .all)
        _ = press([.character("v")], &boss)
        #expect(boss.query.scope == .unallocated)
        _ = press([.character("v")], &boss)
        #expect(boss.query.scope == .mine)
    }

    @Test func searchShowsResultsAndNMovesBetweenThem() {
        var state = AppFixture.loaded([AppFixture.row(1)])
        let effects = press([.character("/")] + type("refusal") + [.enter], &state)
        #expect(effects == [.store(.search("refusal"))])
        let hits = (1...3).map { n in
            SearchHit(reference: "C-2026-0000\(n)", caseId: "c\(n)", child: "Child \(n)", workerLogin: "amira",
                      status: .open, source: .contact, snippet: "the [refusal] letter", at: AppFixture.now)
        }
        _ = update(&state, .searchLoaded("refusal", hits))
        #expect(state.place == .searchResults)
        _ = press([.character("n"), .character("n")], &state)
        #expect(state.search?.selected == 2)
        _ = press([.character("n")], &state)
        #expect(state.message == "That was the last result.")
        #expect(press([.enter], &state) == [.store(.openCase(reference: "C-2026-00003", reason: nil, refresh: false))])
    }

    @Test func theCommandLineRunsCommandsByNameWithHistory() {
        var state = AppFixture.loaded([AppFixture.row(1)])
        _ = press([.character(":")] + type("sort") + [.enter], &state)
        #expect(state.query.sort == .lastContact)
        _ = press([.character(":")] + type("limit level:2") + [.enter], &state)
        #expect(state.query.filter.level == 2)
        _ = press([.character(":"), .up, .up], &state)
        #expect(state.prompt?.editor.text == "sort")
        _ = press([.escape], &state)
        _ = press([.character(":")] + type("frobnicate") + [.enter], &state)
        #expect(state.message == "frobnicate is not a command here; press ? for the list.")
        let open = press([.character(":")] + type("open c-2026-42") + [.enter], &state)
        #expect(state.prompt?.kind == .reason(reference: "C-2026-00042") || open == [.store(.openCase(reference: "C-2026-00042", reason: nil, refresh: false))])
    }

    @Test func helpOpensAndQGoesBackAndQOnTheHomeScreenQuits() {
        var state = AppFixture.loaded([AppFixture.row(1)])
        _ = press([.character("?")], &state)
        #expect(state.place == .help)
        #expect(press([.character("q")], &state).isEmpty)
        #expect(state.place == .caseload)
        #expect(press([.character("q")], &state) == [.terminal(.quit)])
        #expect(state.quitting)
    }

    @Test func aWindowTooSmallIgnoresEverythingButQuit() {
        var state = AppFixture.loaded([AppFixture.row(1), AppFixture.row(2)], width: 60, height: 20)
        #expect(state.isTooSmall)
        _ = press([.down, .enter, .character("l")], &state)
        #expect(state.list.selected == 0 && state.prompt == nil)
        _ = update(&state, .resized(width: 100, height: 30))
        #expect(!state.isTooSmall)
        #expect(press([.control("c")], &state) == [.terminal(.quit)])
    }

    @Test func aChangeElsewhereReloadsTheListAndTheOpenCaseWithoutRecordingAnotherReading() throws {
        var state = AppFixture.loaded([AppFixture.row(1)])
        let detail = try JSONDecoder.caseload.decode(CaseDetail.self, from: Data(Self.minimalDetail.utf8))
        _ = update(&state, .caseLoaded(detail, refresh: false))
        #expect(state.place == .caseFile)
        let effects = update(&state, .storeChanged(now: AppFixture.now, today: AppFixture.today))
        #expect(effects.contains(.store(.openCase(reference: "C-2026-00001", reason: nil, refresh: true))))
        #expect(effects.contains { if case .store(.loadList(_, .from, true, false)) = $0 { return true } else { return false } })
    }

    @Test func aCaseHandedToMeIsMineToOpenAndTheStoreDecidesForOpenByReference() {
        var state = AppFixture.loaded([AppFixture.row(1, worker: "ben")])
        _ = update(&state, .handedToMe([HandedCase(reference: "C-2026-00001", child: "Zoë", from: "ben", since: AppFixture.now)]))
        #expect(state.message == "1 case handed to you to accept: open one, read it, a accepts.")
        #expect(press([.enter], &state) == [.store(.openCase(reference: "C-2026-00001", reason: nil, refresh: false))],
                "no reason asked for a case handed to me")
        // :open of a case not on screen goes to the store, which asks why only if it must.
        for key in [Key.character(":")] + "open C-2026-00007".map(Key.character) { _ = update(&state, .key(key)) }
        #expect(update(&state, .key(.enter)) == [.store(.openCase(reference: "C-2026-00007", reason: nil, refresh: false))])
        _ = update(&state, .reasonNeeded(reference: "C-2026-00007"))
        #expect(state.prompt?.label == "Why are you opening C-2026-00007? (recorded) ")
    }

    @Test func enterExpandsATimelineEntryInTheCaseFile() throws {
        var state = AppFixture.loaded([AppFixture.row(1)])
        let detail = try JSONDecoder.caseload.decode(CaseDetail.self, from: Data(Self.minimalDetail.utf8))
        _ = update(&state, .caseLoaded(detail, refresh: false))
        _ = press([.enter], &state)
        #expect(state.caseFile?.expanded == ["t1"])
        _ = press([.enter], &state)
        #expect(state.caseFile?.expanded == [])
        _ = press([.escape], &state)
        #expect(state.place == .caseload && state.caseFile == nil)
    }

    static let minimalDetail = """
        {"id":"case-1","reference":"C-2026-00001","status":"open","level":3,"levelLabel":"Casework and advocacy",
         "anonymous":false,"openedOn":"2026-01-05","workerLogin":"amira","workerName":"Amira Khan","issues":["exclusion"],
         "people":[{"personId":"p1","role":"subject","kind":"child","name":"Zoë Nguyễn","dateOfBirth":"2015-04-03",
                    "interpreter":false,"parentalResponsibility":false,"noVoicemail":false,"doNotWrite":false,"doNotShare":false,"mainContact":false}],
         "keyDates":[],"openActions":[],"consents":[],"referrals":[],"safeguardingEntries":0,"specialShown":false,
         "timeline":[{"kind":"contact","id":"t1","at":"2026-11-20T10:15:00Z","by":"amira","title":"Phone call in",
                      "text":"Mum rang about the exclusion.\\nShe has the letter.","minutes":20}]}
        """
}

extension JSONDecoder {
    static var caseload: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

@Suite struct TaggingTests {
    let update = Update(vocabulary: AppFixture.vocabulary)

    private func press(_ keys: [Key], _ state: inout AppState) -> [Effect] {
        keys.flatMap { update(&state, .key($0)) }
    }

    private func type(_ text: String) -> [Key] { text.map { Key.character($0) } }

    @Test func semicolonWithNothingTaggedSaysSo() {
        var state = AppFixture.loaded([AppFixture.row(1)])
        _ = press([.character(";")], &state)
        #expect(state.message == "No cases are tagged: t tags the selected case.")
        #expect(!state.applyToTagged)
    }
}

@Suite struct ListWindowTests {
    @Test func anEmptyPageWhereMoreWereCountedShrinksTheList() {
        var window = ListWindow()
        let rows = (1...3).map { AppFixture.row($0) }
        window.merge(AppFixture.page(rows), for: .first, total: 5)
        window.selected = 4
        window.merge(CasePage(rows: [], cursors: []), for: .after(CaseCursor(value: "v", seq: 2)), total: nil)
        #expect(window.total == 3)
        #expect(window.selected == 2)
        #expect(Update(vocabulary: AppFixture.vocabulary).pendingLoads({
            var state = AppFixture.state()
            state.list = window
            return state
        }()).isEmpty, "no endless reloading")
    }
}
