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
