import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

@Suite struct CasePageTests {
    /// A demo store shared by the tests of this suite (read-only use).
    static let demo: (Store, ActingWorker) = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("caseload-pages-\(UUID().uuidString)")
        let store = try! Store.open(path: folder.appendingPathComponent("demo.sqlite").path, create: true)
        _ = try! DemoGenerator(store: store, seed: 3).generate(cases: 600, supervisorLogin: "runner", osUser: "runner")
        return (store, try! store.actingWorker(login: "runner", osUser: "runner"))
    }()

    private func everything(_ query: CaseQuery) throws -> [CaseRow] {
        let (store, runner) = Self.demo
        return try store.casePage(query, .first, limit: 100_000, by: runner).rows
    }

    /// Every case, or the caseload (open and inactive cases, read through
    /// an index each and merged): the same rows, once each, in the same order.
    @Test(arguments: CaseSort.allCases, [CaseFilter.Status.any, .current])
    func pagingForwardAndBackwardVisitsEveryRowOnceInOrder(sort: CaseSort, status: CaseFilter.Status) throws {
        let (store, runner) = Self.demo
        var filter = CaseFilter()
        filter.status = status
        let query = CaseQuery(scope: .all, filter: filter, sort: sort)
        let all = try everything(query)
        var every = query
        every.filter.status = .any
        let cases = try everything(every)
        #expect(cases.count == 600)
        #expect(all.map(\.id) == cases.filter { status == .any || $0.status != .closed }.map(\.id))
        #expect(status == .any || Set(all.map(\.status)) == [.open, .inactive])
        var forward: [CaseRow] = []
        var page = try store.casePage(query, .first, limit: 37, by: runner)
        while !page.rows.isEmpty {
            forward += page.rows
            page = try store.casePage(query, .after(page.cursors.last!), limit: 37, by: runner)
        }
        #expect(forward.map(\.id) == all.map(\.id))
        var backward: [CaseRow] = []
        page = try store.casePage(query, .last, limit: 41, by: runner)
        while !page.rows.isEmpty {
            backward = page.rows + backward
            page = try store.casePage(query, .before(page.cursors.first!), limit: 41, by: runner)
        }
        #expect(backward.map(\.id) == all.map(\.id))
        // Counting the rows before a cursor gives its position.
        let middle = try store.casePage(query, .first, limit: 60, by: runner)
        #expect(try store.caseCount(query, before: middle.cursors[59], by: runner) == 59)
        #expect(try store.caseCount(query, by: runner) == all.count)
        let refreshed = try store.casePage(query, .from(middle.cursors[10]), limit: 5, by: runner)
        #expect(refreshed.rows.map(\.id) == Array(all[10..<15]).map(\.id))
    }

    @Test func theDeadlineOrderPutsTheSoonestFirstAndCasesWithoutKeyDatesLast() throws {
        let rows = try everything(CaseQuery(scope: .all))
        let dated = rows.prefix { $0.nextDueOn != nil }
        #expect(!dated.isEmpty)
        #expect(dated.map(\.nextDueOn!) == dated.map(\.nextDueOn!).sorted())
        #expect(rows.dropFirst(dated.count).allSatisfy { $0.nextDueOn == nil })
    }

    @Test func limitsNarrowTheList() throws {
        let (store, _) = Self.demo
        let today = store.today
        func rows(_ text: String, scope: CaseScope = .all) throws -> [CaseRow] {
            try everything(CaseQuery(scope: scope, filter: try CaseFilter.parse(text)))
        }
        let level3 = try rows("level:3")
        #expect(level3.allSatisfy { $0.level == 3 && $0.status != .closed } && level3.contains { $0.status == .inactive })
        #expect(try rows("status:closed").allSatisfy { $0.status == .closed })
        #expect(try rows("overdue").allSatisfy { $0.nextDueOn! < today })
        let week = try today.adding(days: 7)
        #expect(try rows("due:7").allSatisfy { $0.nextDueOn! <= week })
        #expect(try rows("flagged").allSatisfy(\.referralFlagged))
        let someone = try #require(try rows("").first { $0.workerLogin != nil }?.workerLogin)
        #expect(try rows("worker:\(someone)").allSatisfy { $0.workerLogin == someone })
        // A word matches a name without its accents, a school or a reference.
        let named = try #require(try rows("status:any").first { $0.child?.contains("é") == true || $0.child?.contains("ü") == true })
        let word = named.child!.split(separator: " ").first { $0.contains("é") || $0.contains("ü") }!
        let plain = word.folding(options: .diacriticInsensitive, locale: nil)
        #expect(try rows("\(plain) status:any").contains { $0.id == named.id })
        #expect(try rows(named.reference + " status:any").map(\.id) == [named.id])
        let school = try #require(named.school)
        #expect(try rows("\(school.split(separator: " ").first!) status:any").contains { $0.id == named.id })
    }

    /// A worker's cases limited by a word, found through the worker's index
    /// entries, are the same rows in the same order and pages as the
    /// service's cases limited by that word, with the worker's picked out.
    @Test(arguments: CaseSort.allCases)
    func aWorkersLimitedCasesAreTheServicesLimitedCasesOfThatWorker(sort: CaseSort) throws {
        let (store, runner) = Self.demo
        let all = try everything(CaseQuery(scope: .all, filter: try CaseFilter.parse("status:any")))
        let logins = Dictionary(grouping: all.compactMap(\.workerLogin), by: { $0 })
        let login = try #require(logins.max { $0.value.count < $1.value.count }?.key)
        // The worker's commonest first name among cases with a deadline, so
        // that every further limit below leaves something to compare.
        let mine = all.filter { $0.workerLogin == login }
        let names = Dictionary(grouping: mine.compactMap { $0.child?.split(separator: " ").first.map(String.init) }, by: { $0 })
        let word = try #require(names.keys.filter { name in mine.contains { $0.child?.hasPrefix(name + " ") == true && $0.nextDueOn != nil } }
            .max { names[$0]!.count < names[$1]!.count })
        let named = mine.filter { $0.child?.hasPrefix(word + " ") == true }
        #expect(named.count >= 2, "\(login)'s first name \(word) is on more than one case")
        let level = try #require(named.first?.level)
        let due = try #require(named.compactMap(\.nextDueOn).max())
        let days = max(1, store.today.days(until: due) + 1)
        let status = try #require(named.first?.status.rawValue)
        for extra in ["", " status:any", " status:\(status)", " level:\(level) status:any", " due:\(days) status:any"] {
            let filter = try CaseFilter.parse(word + extra)
            let service = try everything(CaseQuery(scope: .all, filter: filter, sort: sort)).filter { $0.workerLogin == login }
            #expect(!service.isEmpty, "\(word + extra) leaves something to compare")
            for query in [CaseQuery(scope: .worker(login: login), filter: filter, sort: sort),
                          CaseQuery(scope: .all, filter: try CaseFilter.parse("worker:\(login) " + word + extra), sort: sort)] {
                #expect(try everything(query).map(\.id) == service.map(\.id), "\(word + extra)")
                #expect(try store.caseCount(query, by: runner) == service.count, "\(word + extra)")
                var forward: [CaseRow] = []
                var page = try store.casePage(query, .first, limit: 2, by: runner)
                while !page.rows.isEmpty {
                    forward += page.rows
                    if forward.count == 2, service.count > 2 {
                        #expect(try store.caseCount(query, before: page.cursors[1], by: runner) == 1, "\(word + extra)")
                    }
                    page = try store.casePage(query, .after(page.cursors.last!), limit: 2, by: runner)
                }
                #expect(forward.map(\.id) == service.map(\.id), "\(word + extra), two rows a page")
                var backward: [CaseRow] = []
                page = try store.casePage(query, .last, limit: 2, by: runner)
                while !page.rows.isEmpty {
                    backward = page.rows + backward
                    page = try store.casePage(query, .before(page.cursors.first!), limit: 2, by: runner)
                }
                #expect(backward.map(\.id) == service.map(\.id), "\(word + extra), two rows a page, backwards")
            }
        }
        // Two workers' conditions together find nobody's cases.
        let other = try #require(logins.keys.first { $0 != login })
        let both = CaseQuery(scope: .worker(login: other), filter: try CaseFilter.parse("worker:\(login) \(word)"), sort: sort)
        #expect(try everything(both).isEmpty)
        #expect(try store.caseCount(both, by: runner) == 0)
    }

    /// The hot list queries must be index range scans, never a scan of the table.
    @Test(arguments: CaseSort.allCases)
    func listQueriesUseAnIndex(sort: CaseSort) throws {
        let (store, runner) = Self.demo
        try store.read { db in
            for scope in [CaseScope.mine, .worker(login: "runner"), .all, .unallocated] {
                for request in [PageRequest.first, .last, .after(CaseCursor(value: "2026-01-01", seq: 10))] {
                    let (sql, arguments, _) = try store.casePageSQL(db, CaseQuery(scope: scope, sort: sort), request,
                                                                    limit: 40, actor: runner)
                    let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
                        .map { $0["detail"] as String }
                    let main = plan.filter { $0.contains(" c ") || $0.hasSuffix(" c") }
                    #expect(main.contains { $0.contains("USING INDEX case_list_") }, "\(scope) \(sort) \(request): \(plan)")
                    #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(scope) \(sort): sorts instead of using the index: \(plan)")
                }
            }
        }
    }

    @Test func limitSyntaxErrorsSayWhatToType() {
        #expect(throws: CaseloadError.invalid("level must be 1 to 4; 9 is not")) { try CaseFilter.parse("level:9") }
        #expect(throws: CaseloadError.self) { try CaseFilter.parse("colour:red") }
        #expect(throws: CaseloadError.self) { try CaseFilter.parse("status:maybe") }
        let filter = try? CaseFilter.parse("Zoë level:2 overdue worker:amira due:14 flagged status:any")
        #expect(filter?.text == "Zoë status:any level:2 worker:amira due:14 overdue flagged")
    }
}
