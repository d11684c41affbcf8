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
