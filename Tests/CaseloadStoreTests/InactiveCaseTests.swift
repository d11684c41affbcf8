import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

/// An inactive case (no work expected for now) stays on the caseload: the
/// list shows it beside the open cases, in the same order, its key dates are
/// still tracked, and only closing a case takes it off.
@Suite struct InactiveCaseTests {
    /// Amira's caseload: eight cases of hers with key dates spread either
    /// side of today (two without one), three of them inactive and one
    /// closed; and from Ben an open case and an inactive one, handed to her
    /// and waiting for her to accept them.
    private struct Caseload {
        let f: StoreFixture
        let open: [String]
        let inactive: [String]
        let closed: String
        let handed: [String]

        var current: Set<String> { Set(open + inactive + handed) }
    }

    private func caseload() throws -> Caseload {
        let f = try StoreFixture()
        let yearAgo = try f.store.today.adding(years: -1)
        var mine: [String] = []
        for number in 0..<8 {
            let reference = try f.openCase("Child \(number) Ashby", for: f.amira)
            if number < 6 {
                _ = try f.store.addKeyDate(to: reference, rule: .annualReview, from: try yearAgo.adding(days: 20 - number * 7),
                                           by: f.amira)
            }
            mine.append(reference)
        }
        // Inactive: one overdue, one due later, one with no key date.
        let inactive = [mine[4], mine[1], mine[7]]
        for reference in inactive { try makeInactive(f, reference, by: f.amira) }
        try f.store.closeCase(mine[2], reason: "resolved", outcome: nil, by: f.amira)
        let bens = [try f.openCase("Wren Oduya", for: f.ben), try f.openCase("Ffion Oduya", for: f.ben)]
        _ = try f.store.addKeyDate(to: bens[0], rule: .annualReview, from: try yearAgo.adding(days: 3), by: f.ben)
        _ = try f.store.addKeyDate(to: bens[1], rule: .annualReview, from: try yearAgo.adding(days: -3), by: f.ben)
        try makeInactive(f, bens[1], by: f.ben)
        _ = try f.store.handOver(bens, toLogin: "amira", summary: "Over to you.", by: f.ben)
        return Caseload(f: f, open: mine.filter { !inactive.contains($0) && $0 != mine[2] }, inactive: inactive,
                        closed: mine[2], handed: bens)
    }

    private func makeInactive(_ f: StoreFixture, _ reference: String, by actor: ActingWorker) throws {
        var edit = CaseEdit()
        edit.status = .inactive
        edit.reason = "Waiting for the LA's decision"
        try f.store.editCase(reference, edit, by: actor)
    }

    @Test func theCaseloadIsItsOpenAndInactiveCasesAndNotItsClosedOnes() throws {
        let c = try caseload()
        defer { c.f.remove() }
        let store = c.f.store, amira = c.f.amira
        let rows = try store.cases(scope: .mine, by: amira)
        #expect(rows.map(\.reference).count == c.current.count && Set(rows.map(\.reference)) == c.current)
        #expect(rows.filter { $0.status == .inactive }.map(\.reference).sorted() == (c.inactive + [c.handed[1]]).sorted())
        #expect(rows.filter(\.handedToYou).map(\.reference).sorted() == c.handed.sorted())
        #expect(try store.caseCount(CaseQuery(scope: .mine), by: amira) == c.current.count)
        // Soonest key date first across both statuses; no key date last.
        let due = rows.map { $0.nextDueOn?.iso ?? "9999-12-31" }
        #expect(due == due.sorted())
        #expect(rows.last?.nextDueOn == nil)
        // Each status on its own, as before; and the closed case is there to be found.
        func references(_ limit: String) throws -> Set<String> {
            Set(try store.cases(CaseQuery(scope: .mine, filter: try CaseFilter.parse(limit)), by: amira).map(\.reference))
        }
        #expect(try references("status:open") == Set(c.open + [c.handed[0]]))
        #expect(try references("status:inactive") == Set(c.inactive + [c.handed[1]]))
        #expect(try references("status:closed") == [c.closed])
        #expect(try references("status:any") == c.current.union([c.closed]))
        #expect(try references("status:current") == c.current)
        // Ben's list and everyone's hold the cases where they are held.
        let everyone = Set(try store.cases(scope: .all, by: c.f.supervisor).map(\.reference))
        #expect(everyone == Set(c.open + c.inactive + c.handed))
        #expect(Set(try store.cases(scope: .worker(login: "ben"), by: c.f.supervisor).map(\.reference)) == Set(c.handed))
        // The audit trail names the status the list was read with.
        let detail = try store.read { db in
            try String.fetchOne(db, sql: "SELECT detail FROM audit_event WHERE action = 'case.list' ORDER BY seq DESC LIMIT 1")
        }
        #expect(detail == "worker(login: \"ben\") status:current rows:2")
    }

    /// Paged either way, a page at a time or from a row, the caseload gives
    /// every case once in the order of the whole list, for every sort.
    @Test(arguments: CaseSort.allCases)
    func pagingTheCaseloadEitherWayGivesEveryCaseOnceInOrder(sort: CaseSort) throws {
        let c = try caseload()
        defer { c.f.remove() }
        let store = c.f.store
        for (scope, actor) in [(CaseScope.mine, c.f.amira), (.all, c.f.supervisor), (.worker(login: "amira"), c.f.supervisor)] {
            let query = CaseQuery(scope: scope, sort: sort)
            // The same order as every status read together, less the closed.
            var any = query
            any.filter.status = .any
            let all = try store.casePage(any, .first, limit: 1000, by: actor).rows.filter { $0.status != .closed }
            let whole = try store.casePage(query, .first, limit: 1000, by: actor)
            #expect(whole.rows.map(\.reference) == all.map(\.reference), "\(scope) \(sort)")
            #expect(Set(whole.rows.map(\.status)) == [.open, .inactive], "\(scope) \(sort)")
            for size in [1, 2, 3] {
                var forward: [CaseRow] = []
                var page = try store.casePage(query, .first, limit: size, by: actor)
                while !page.rows.isEmpty {
                    forward += page.rows
                    page = try store.casePage(query, .after(page.cursors.last!), limit: size, by: actor)
                }
                #expect(forward.map(\.reference) == all.map(\.reference), "\(scope) \(sort) forwards by \(size)")
                var backward: [CaseRow] = []
                page = try store.casePage(query, .last, limit: size, by: actor)
                while !page.rows.isEmpty {
                    backward = page.rows + backward
                    page = try store.casePage(query, .before(page.cursors.first!), limit: size, by: actor)
                }
                #expect(backward.map(\.reference) == all.map(\.reference), "\(scope) \(sort) backwards by \(size)")
            }
            #expect(try store.caseCount(query, by: actor) == all.count, "\(scope) \(sort)")
            for position in whole.rows.indices {
                let cursor = whole.cursors[position]
                #expect(try store.caseCount(query, before: cursor, by: actor) == position, "\(scope) \(sort) at \(position)")
                let from = try store.casePage(query, .from(cursor), limit: 3, by: actor).rows.map(\.reference)
                #expect(from == Array(all.dropFirst(position).prefix(3)).map(\.reference), "\(scope) \(sort) from \(position)")
            }
        }
    }

    /// An inactive case's key dates are still tracked: an overdue one is
    /// overdue on the list and counts on the team view, though the case
    /// weighs nothing there and is not counted as open until it is again.
    @Test func anInactiveCasesKeyDatesAreStillTracked() throws {
        let c = try caseload()
        defer { c.f.remove() }
        let store = c.f.store
        let overdue = try store.cases(CaseQuery(scope: .mine, filter: try CaseFilter.parse("overdue")), by: c.f.amira)
        #expect(overdue.contains { $0.reference == c.inactive[0] && $0.status == .inactive })
        #expect(overdue.allSatisfy { $0.nextDueOn! < store.today })
        let held = try store.cases(scope: .worker(login: "amira"), by: c.f.supervisor)
        let member = try #require(try store.team(by: c.f.supervisor).members.first { $0.login == "amira" })
        #expect(member.overdueKeyDates == held.filter { $0.nextDueOn.map { $0 < store.today } == true }.count)
        #expect(member.overdueKeyDates > held.filter { $0.status == .open && $0.nextDueOn.map { $0 < store.today } == true }.count)
        #expect(member.openCases == c.open.count)
        // Opened again, an inactive case weighs what an open one does.
        var open = CaseEdit()
        open.status = .open
        open.reason = "The LA's decision came"
        try store.editCase(c.inactive[0], open, by: c.f.amira)
        let reopened = try #require(try store.team(by: c.f.supervisor).members.first { $0.login == "amira" })
        #expect(reopened.openCases == c.open.count + 1 && reopened.weight > member.weight)
        #expect(reopened.overdueKeyDates == member.overdueKeyDates)
    }

    @Test func theLimitReadsBackItsStatus() throws {
        #expect(try CaseFilter.parse("").status == .current && CaseFilter().text.isEmpty)
        for status in CaseFilter.Status.allCases where status != .current {
            let filter = try CaseFilter.parse("zoe status:\(status.rawValue)")
            #expect(filter.status == status && filter.text == "zoe status:\(status.rawValue)")
            #expect(try CaseFilter.parse(filter.text) == filter)
        }
        // Typed, the default reads back as nothing: it is the default.
        #expect(try CaseFilter.parse("status:current level:2").text == "level:2")
        let refused = #expect(throws: CaseloadError.self) { try CaseFilter.parse("status:live") }
        #expect(refused?.message.contains("current (open or inactive)") == true)
    }
}
