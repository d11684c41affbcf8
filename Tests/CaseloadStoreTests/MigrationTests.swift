import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

@Suite struct MigrationTests {
    /// Replays the migrations one at a time on a file store: each one must
    /// apply to a store made by the one before it, with data in it, and leave
    /// the database consistent.
    @Test func eachMigrationUpgradesAStoreMadeByThePreviousVersion() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("caseload-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("old.sqlite").path)
        let migrator = Schema.migrator
        let names = Schema.migrationNames
        #expect(!names.isEmpty)
        for name in names {
            try migrator.migrate(queue, upTo: name)
            try queue.read { (db: Database) throws in
                #expect(try migrator.appliedIdentifiers(db).contains(name))
                #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
                #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            }
        }
    }

    /// A store with records in it, made by the first version, opened by this
    /// one: every later migration applies and the records stay findable.
    @Test func aFirstVersionStoreWithRecordsUpgradesAndStaysSearchable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("caseload-upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("v1.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v1-foundation")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO worker (id, login, name, role, employment, starts_on, capacity, created_at, device_id, updated_at)
                VALUES ('w1', 'amira', 'Amira Khan', 'caseworker', 'agency', '2024-01-01', 60, '2024-01-01', 'd', '2024-01-01');
                INSERT INTO person (id, kind, full_name, school, created_at, device_id, updated_at)
                VALUES ('p1', 'child', 'Łukasz Wójcik', 'Elmfield Primary', '2024-01-01', 'd', '2024-01-01');
                INSERT INTO case_file (id, reference, subject_id, status, level, opened_on, worker_id, created_at, device_id, updated_at)
                VALUES ('c1', 'C-2024-00001', 'p1', 'open', 3, '2024-01-02', 'w1', '2024-01-02', 'd', '2024-01-02');
                INSERT INTO case_party (id, case_id, person_id, role, created_at, device_id)
                VALUES ('cp1', 'c1', 'p1', 'subject', '2024-01-02', 'd');
                """)
        }
        try queue.close()
        let store = try Store.open(path: path)
        let amira = try store.actingWorker(login: "amira", osUser: "tester")
        try store.read { (db: Database) throws in
            #expect(try Schema.migrator.appliedIdentifiers(db) == Set(Schema.migrationNames))
        }
        #expect(try store.search("lukasz", by: amira).first?.reference == "C-2024-00001")
        let bySchool = try store.cases(CaseQuery(scope: .mine, filter: try CaseFilter.parse("elmfield")), by: amira)
        #expect(bySchool.map(\.reference) == ["C-2024-00001"])
    }

    @Test func aStoreFromTheFirstVersionKeepsItsRecordsWhenOpened() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let reference = try fixture.openCase()
        // Opening again runs the migrator over a current store: nothing may change.
        let reopened = try Store.open(path: fixture.path)
        let detail = try reopened.caseDetail(reference, by: fixture.supervisor)
        #expect(detail.child?.name == "Zoë Nguyễn")
        #expect(reopened.deviceId == fixture.store.deviceId)
    }

    @Test func aStoreFromANewerVersionIsRefused() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try DatabaseQueue(path: fixture.path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        #expect(throws: CaseloadError.self) { try Store.open(path: fixture.path) }
    }

    @Test func theStoreUsesWALForeignKeysAndABusyTimeout() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try fixture.store.read { (db: Database) throws in
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
            #expect(try Int.fetchOne(db, sql: "PRAGMA foreign_keys") == 1)
            #expect(try Int.fetchOne(db, sql: "PRAGMA busy_timeout")! >= 5000)
        }
    }
}
