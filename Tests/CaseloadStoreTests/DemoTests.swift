import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

@Suite struct DemoTests {
    private func makeDemo(seed: UInt64, cases: Int = 150) throws -> (Store, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("caseload-demo-\(UUID().uuidString)")
        let store = try Store.open(path: folder.appendingPathComponent("demo.sqlite").path, create: true)
        _ = try DemoGenerator(store: store, seed: seed).generate(cases: cases, supervisorLogin: "runner", osUser: "runner")
        return (store, folder)
    }

    private func fingerprint(_ store: Store) throws -> [String] {
        try store.read { (db: Database) throws in
            try String.fetchAll(db, sql: """
                SELECT c.reference || '|' || p.full_name || '|' || c.status || '|' || c.level || '|' ||
                       (SELECT count(*) FROM contact WHERE case_id = c.id)
                FROM case_file c JOIN person p ON p.id = c.subject_id ORDER BY c.reference
                """)
        }
    }

    @Test func theSameSeedMakesTheSameServiceAndAnotherSeedDoesNot() throws {
        let (a, folderA) = try makeDemo(seed: 7)
        let (b, folderB) = try makeDemo(seed: 7)
        let (c, folderC) = try makeDemo(seed: 8)
        defer { [folderA, folderB, folderC].forEach { try? FileManager.default.removeItem(at: $0) } }
        #expect(try fingerprint(a) == fingerprint(b))
        #expect(try fingerprint(a) != fingerprint(c))
    }

    @Test func theDemoIsRealisticAndTheRunnerSupervisesIt() throws {
        let (store, folder) = try makeDemo(seed: 1, cases: 300)
        defer { try? FileManager.default.removeItem(at: folder) }
        let runner = try store.actingWorker(login: "runner", osUser: "runner")
        #expect(runner.role == .supervisor)
        let workers = try store.workers(includeEnded: true)
        #expect(workers.contains { $0.employment == .agency && $0.endsOn != nil })
        #expect(workers.contains { !$0.active })
        let all = try store.cases(scope: .all, status: .any, by: runner)
        #expect(all.count == 300)
        #expect(Set(all.map(\.status)) == [.open, .inactive, .closed])
        #expect(Set(all.map(\.level)) == [1, 2, 3, 4])
        let open = all.filter { $0.status == .open }
        #expect(open.count > 30 && open.count < 100)
        #expect(open.contains { $0.nextDueOn != nil })
        try store.read { (db: Database) throws in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM contact")! > 1500)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM referral")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM handover")! > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(DISTINCT strftime('%Y', occurred_at)) FROM contact")! >= 4)
            // Names from many backgrounds, some in their own scripts.
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM person WHERE full_name GLOB '*[^ -~]*'")! > 10)
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            // An appeal comes with its decision letter's mediation adviser date, on the same case.
            #expect(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM key_date a JOIN key_date m ON m.case_id = a.case_id AND m.anchor_on = a.anchor_on
                WHERE a.rule = 'tribunal-appeal' AND m.rule = 'mediation-adviser' AND a.event = 'decision-letter'
                  AND m.event = 'decision-letter'
                """)! > 0)
        }
        // The demo's notes are searchable through the index it kept in step.
        #expect(!(try store.search("school", by: runner)).isEmpty)
    }

    /// Run at 08:00, before the working day, a demo's moments of today would
    /// fall later in the day: none may be later than now.
    @Test func nothingInTheDemoIsDatedLaterThanNow() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("caseload-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store.open(path: folder.appendingPathComponent("demo.sqlite").path, create: true)
        store.timeZone = TimeZone(identifier: "Europe/London")!
        let now = Date(timeIntervalSince1970: 1_796_198_400) // 02/12/2026 08:00 in London
        store.now = { now }
        _ = try DemoGenerator(store: store, seed: 4).generate(cases: 600, supervisorLogin: "runner", osUser: "runner")
        let latest = StoreTime.text(now)
        try store.read { (db: Database) throws in
            for (table, column) in [("contact", "occurred_at"), ("contact", "created_at"), ("case_file", "created_at"),
                                    ("key_date", "created_at"), ("handover", "created_at"), ("referral", "created_at")] {
                let later = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE \(column) > ?", arguments: [latest])
                #expect(later == 0, "\(table).\(column) later than now")
            }
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM contact WHERE occurred_at >= '2026-12-01'")! > 0)
        }
    }

    /// A realistic team: caseworkers' weighted caseloads sit around their
    /// capacity, some under, some over, none absurdly far from it.
    @Test func caseworkersCarryAboutTheirCapacity() throws {
        let (store, folder) = try makeDemo(seed: 2, cases: 2_400)
        defer { try? FileManager.default.removeItem(at: folder) }
        let loads = try store.workers().filter { $0.role == .caseworker && $0.openCases > 0 }
            .map { Double($0.weight) / Double($0.capacity) }
        #expect(loads.count >= 6)
        #expect(loads.allSatisfy { (0.75...1.35).contains($0) }, "\(loads)")
        #expect(loads.contains { $0 < 0.95 } && loads.contains { $0 > 1.1 } && loads.contains { (0.95...1.1).contains($0) },
                "\(loads)")
    }

    @Test func theDemoNeverTouchesAStoreWithWorkers() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("caseload-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store.open(path: folder.appendingPathComponent("s.sqlite").path, create: true)
        _ = try store.initialise(service: "Real Service",
                                 supervisor: NewWorker(login: "sam", name: "Sam Super", role: .supervisor, startsOn: store.today),
                                 osUser: "sam")
        try store.write { db in
            try db.execute(sql: "INSERT INTO worker (id, login, name, role, employment, starts_on, capacity, created_at, device_id, updated_at) VALUES ('w2', 'runner', 'Run Ner', 'caseworker', 'permanent', '2024-01-01', 60, '2024-01-01', 'd', '2024-01-01')")
        }
        do {
            _ = try DemoGenerator(store: store, seed: 1).generate(cases: 20, supervisorLogin: "runner", osUser: "runner")
            Issue.record("the demo should refuse a store with workers")
        } catch let error as CaseloadError {
            #expect(error.message.contains("already holds 2 workers and 0 cases"))
            #expect(error.message.contains("give a new path for a demo store"))
            #expect(error.field == .store, "the command line adds its flag, --store NEW_PATH")
        }
        #expect(try store.read { db in try String.fetchOne(db, sql: "SELECT role FROM worker WHERE login = 'runner'") } == "caseworker")
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM worker") } == 2)
    }

    @Test func theDemoRefusesAStoreThatAlreadyHasCases() throws {
        let (store, folder) = try makeDemo(seed: 1, cases: 20)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: CaseloadError.self) {
            try DemoGenerator(store: store, seed: 2).generate(cases: 20, supervisorLogin: "runner", osUser: "runner")
        }
    }
}
