import CaseloadCore
import Foundation
import Testing
import TerminalUI
@testable import CaseloadApp
@testable import CaseloadStore

/// The front end asks why before a change to a case outside the worker's
/// caseload, as it asks before opening one, and asks once a session: keys
/// in, the real effect runner on a store, messages back through `update`.
@Suite struct OutsideCaseloadTests {
    /// The effect runner's store, with the runner acting as Ben.
    struct Fixture {
        let base: EffectRunnerTests.Fixture
        let runner: EffectRunner
        let update: Update
        var store: Store { base.store }
        var amira: ActingWorker { base.amira }
        var ben: ActingWorker { base.ben }
        var reference: String { base.reference }

        init() throws {
            base = try EffectRunnerTests.Fixture()
            runner = EffectRunner(store: base.store, actor: base.ben)
            update = Update(vocabulary: try base.store.vocabulary)
        }

        /// Ben's screen, with Amira's case found by a search.
        func bensSearch() throws -> AppState {
            var state = AppState(user: .init(login: "ben", name: "Ben Evans", isSupervisor: false), service: "Test",
                                 width: 80, height: 24, colour: false, today: store.today, now: store.now(),
                                 timeZone: store.timeZone)
            _ = update(&state, .searchLoaded("zoe", try store.search("zoe", limit: 10, by: ben)))
            return state
        }

        /// Does each store effect and feeds its messages back, as the front
        /// end's loop does, until nothing more is asked of the store.
        func run(_ effects: [Effect], _ state: inout AppState) {
            var pending = effects
            while !pending.isEmpty {
                let effect = pending.removeFirst()
                guard case .store(let work) = effect else { continue }
                if case .loadList = work { continue }
                for message in runner.perform(work, pageSize: 20) { pending += update(&state, message) }
            }
        }

        func press(_ keys: [Key], _ state: inout AppState) {
            for key in keys { run(update(&state, .key(key)), &state) }
        }

        func remove() { base.remove() }
    }

    private func type(_ text: String) -> [Key] { text.map { $0 == "\n" ? Key.enter : Key.character($0) } }

    @Test func aContactOnAnotherWorkersCaseAsksWhyFirstAndRecordsItWithTheContact() throws {
        let f = try Fixture()
        defer { f.remove() }
        var state = try f.bensSearch()
        f.press([.character("c")], &state)
        #expect(state.form == nil, "no form to fill in before saying why")
        #expect(state.prompt?.kind == .reason(reference: f.reference, then: .prepareForm(.contact(reference: f.reference))))
        #expect(state.prompt?.label == "\(f.reference) is not in your caseload. Why act on it? (recorded) ")

        f.press([.enter], &state)
        #expect(state.form == nil && state.messageIsError, "an empty reason is not one")
        f.press([.character("c")] + type("Duty call: Mum rang\n"), &state)
        #expect(state.reasonsGiven[f.reference] == "Duty call: Mum rang")
        #expect(state.form?.purpose == .contact(reference: f.reference))

        f.press(type("phone in\n"), &state)
        while state.form?.focused.id != "summary" { f.press([.tab], &state) }
        f.press(type("Mum asked when the panel meets.") + [.control("s")], &state)
        #expect(state.form == nil, "saved: \(state.form?.problem ?? "")")
        let trail = try f.store.auditTrail(caseReference: f.reference, by: f.store.actingWorker(login: "sam", osUser: "t"))
        #expect(trail.contains { $0.action == "case.write" && $0.detail == "contact.add: Duty call: Mum rang" && $0.workerLogin == "ben" })

        // Asked once a session: the next change to the case goes straight to its form.
        f.press([.character("c")], &state)
        #expect(state.prompt == nil)
        #expect(state.form?.purpose == .contact(reference: f.reference))
    }

    @Test func whatDecidesTheCasesCourseIsRefusedBeforeAnyFormNamingWhoCan() throws {
        let f = try Fixture()
        defer { f.remove() }
        try f.store.flagForFamilySupport(f.reference, reasons: [], narrative: "Needs support.", urgency: .routine,
                                         consent: nil, by: f.amira)
        var state = try f.bensSearch()
        state.reasonsGiven[f.reference] = "Duty call"
        f.run([.store(.prepareForm(.referralStatus(reference: f.reference, current: .flagged)))], &state)
        #expect(state.form == nil && state.prompt == nil)
        #expect(state.message == "only Amira Khan (amira), the case's worker, or a supervisor can move on the referral of \(f.reference)")
    }

    @Test func aClosedCaseRefusesAChangeAtTheKeySayingHowToReopenIt() throws {
        let f = try Fixture()
        defer { f.remove() }
        try f.store.closeCase(f.reference, reason: "resolved", outcome: nil, by: f.amira)
        var state = try f.bensSearch()
        f.press([.character("c")], &state)
        #expect(state.form == nil && state.prompt == nil)
        #expect(state.message == CaseloadError.caseClosed(f.reference).message)
        #expect(state.message?.contains("R in its case file") == true)
    }
}
