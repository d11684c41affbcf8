import CaseloadCore
import Foundation
import Testing
@testable import CaseloadStore

/// A limit's matches are kept on the connection between pages; whatever
/// changes names, parties or cases must show in the next page, whether it
/// was written by this process or another.
@Suite struct LimitCacheTests {
    @Test func aKeptLimitSeesCasesOpenedOnTheSameConnection() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        _ = try f.openCase("Wren Ashby", for: f.amira)
        for scope in [CaseScope.mine, .all] {
            let query = CaseQuery(scope: scope, filter: try CaseFilter.parse("wren"))
            let before = try f.store.casePage(query, .first, limit: 50, by: f.amira).rows.count
            _ = try f.openCase("Wren Oduya \(scope)", for: f.amira)
            #expect(try f.store.casePage(query, .first, limit: 50, by: f.amira).rows.count == before + 1, "\(scope)")
            #expect(try f.store.caseCount(query, by: f.amira) == before + 1, "\(scope)")
        }
    }

    @Test func aKeptLimitSeesCasesOpenedByAnotherProcess() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        _ = try f.openCase("Wren Ashby", for: f.amira)
        let query = CaseQuery(scope: .mine, filter: try CaseFilter.parse("wren"))
        #expect(try f.store.casePage(query, .first, limit: 50, by: f.amira).rows.count == 1)
        let other = try Store.open(path: f.store.path)
        var new = NewCase(child: "Wren Oduya")
        new.workerLogin = "amira"
        _ = try other.openCase(new, by: try other.actingWorker(login: "amira", osUser: "tester"))
        #expect(try f.store.casePage(query, .first, limit: 50, by: f.amira).rows.count == 2)
    }

    /// A case's status is read from the case, not kept with the word's
    /// matches: made inactive it stays on the limited caseload, in its place
    /// between the open ones, and closed it leaves it.
    @Test func aKeptLimitFollowsACaseMadeInactiveAndThenClosed() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let references = try ["Wren Ashby", "Wren Oduya", "Wren Byrne"].map { try f.openCase($0, for: f.amira) }
        for scope in [CaseScope.mine, .all] {
            let query = CaseQuery(scope: scope, filter: try CaseFilter.parse("wren"))
            #expect(try f.store.casePage(query, .first, limit: 50, by: f.amira).rows.map(\.reference) == references)
        }
        var edit = CaseEdit()
        edit.status = .inactive
        edit.reason = "Waiting for the LA's decision"
        try f.store.editCase(references[1], edit, by: f.amira)
        for scope in [CaseScope.mine, .all] {
            let query = CaseQuery(scope: scope, filter: try CaseFilter.parse("wren"))
            let page = try f.store.casePage(query, .first, limit: 50, by: f.amira)
            #expect(page.rows.map(\.reference) == references && page.rows[1].status == .inactive, "\(scope)")
            #expect(try f.store.casePage(query, .after(page.cursors[0]), limit: 1, by: f.amira).rows.map(\.reference)
                    == [references[1]], "\(scope)")
            #expect(try f.store.casePage(query, .before(page.cursors[2]), limit: 1, by: f.amira).rows.map(\.reference)
                    == [references[1]], "\(scope)")
            #expect(try f.store.caseCount(query, by: f.amira) == 3, "\(scope)")
        }
        try f.store.closeCase(references[1], reason: "resolved", outcome: nil, by: f.amira)
        for scope in [CaseScope.mine, .all] {
            let query = CaseQuery(scope: scope, filter: try CaseFilter.parse("wren"))
            #expect(try f.store.casePage(query, .first, limit: 50, by: f.amira).rows.map(\.reference)
                    == [references[0], references[2]], "\(scope)")
            #expect(try f.store.caseCount(query, by: f.amira) == 2, "\(scope)")
        }
    }
}
