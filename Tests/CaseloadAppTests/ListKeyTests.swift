import CaseloadCore
import Foundation
import Testing
import TerminalUI
@testable import CaseloadApp
@testable import CaseloadStore

/// ":sort" and ":caseload" by name: they do what they say, or nothing.
@Suite struct ListKeyTests {
    let update = Update(vocabulary: AppFixture.vocabulary)

    private func command(_ text: String, _ state: inout AppState) -> [Effect] {
        ([Key.character(":")] + text.map(Key.character) + [.enter]).flatMap { update(&state, .key($0)) }
    }

    @Test func sortByNameSortsByThatOrder() {
        var state = AppFixture.loaded([AppFixture.row(1)])
        let effects = command("sort reference", &state)
        #expect(state.query.sort == .reference)
        #expect(effects == [.store(.loadList(state.query, .first, recount: true, record: true))])
        _ = command("sort contact", &state)
        #expect(state.query.sort == .lastContact)
        #expect(command("sort shoe size", &state).isEmpty)
        #expect(state.query.sort == .lastContact && state.messageIsError)
        #expect(state.message == "shoe size is not a sort; use next key date, longest since contact, newest first, reference.")
    }

    @Test func anUnknownCaseloadNameChangesNothingAndSaysSo() throws {
        var state = AppFixture.loaded([AppFixture.row(1)], supervisor: true)
        let before = state.query
        #expect(command("caseload zed", &state) == [.store(.findWorker("zed"))])
        #expect(state.query == before, "nothing changes before the worker is found")
        _ = update(&state, .failed("There is no worker zed (a login or a full name); the list is as it was."))
        #expect(state.query == before && state.messageIsError)
        _ = update(&state, .workerFound(login: "ben"))
        #expect(state.query.scope == .worker(login: "ben"))
        _ = command("caseload all", &state)
        #expect(state.query.scope == .all)
    }

    @Test func theStoreFindsAWorkerByLoginOrName() throws {
        let f = try EffectRunnerTests.Fixture()
        defer { f.remove() }
        for (name, login) in [("Amira Khan", "amira"), ("SAM", "sam")] {
            guard case .workerFound(let found)? = f.runner.perform(.findWorker(name), pageSize: 10).first else {
                Issue.record("\(name) is found")
                continue
            }
            #expect(found == login)
        }
        guard case .failed(let text)? = f.runner.perform(.findWorker("zed"), pageSize: 10).first else {
            Issue.record("an unknown worker is refused")
            return
        }
        #expect(text.hasPrefix("There is no worker zed"))
    }
}
