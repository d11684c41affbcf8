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

    /// A v3 store with a pending handover, an unconsented referral and a
    /// safeguarding entry, opened by this version: v4 adds drafts and
    /// reviews, the old records show up as needing attention, and the new
    /// review history is append-only from the start.
    @Test func aV3StoreWithRecordsUpgradesToDraftsAndReviews() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("caseload-upgrade-v3-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("v3.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v3-school-in-person-search")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO worker (id, login, name, role, employment, starts_on, capacity, created_at, device_id, updated_at)
                VALUES ('w1', 'amira', 'Amira Khan', 'caseworker', 'agency', '2026-01-01', 60, '2026-01-01', 'd', '2026-01-01'),
                       ('w2', 'ben', 'Ben Evans', 'caseworker', 'permanent', '2026-01-01', 60, '2026-01-01', 'd', '2026-01-01'),
                       ('w3', 'sam', 'Sam Okafor', 'supervisor', 'permanent', '2026-01-01', 60, '2026-01-01', 'd', '2026-01-01');
                INSERT INTO person (id, kind, full_name, created_at, device_id, updated_at)
                VALUES ('p1', 'child', 'Zoë Nguyễn', '2026-01-01', 'd', '2026-01-01');
                INSERT INTO case_file (id, reference, subject_id, status, level, opened_on, worker_id, created_at, device_id, updated_at)
                VALUES ('c1', 'C-2026-00001', 'p1', 'open', 3, '2026-01-02', 'w1', '2026-01-02', 'd', '2026-01-02');
                INSERT INTO safeguarding (id, case_id, occurred_at, told, created_at, created_by, device_id)
                VALUES ('g1', 'c1', '2026-02-01 10:00:00.000', 'front door', '2026-02-01 10:00:00.000', 'w1', 'd');
                INSERT INTO referral (id, case_id, reasons, narrative, urgency, status, created_at, created_by, device_id, updated_at)
                VALUES ('r1', 'c1', '[]', 'Needs respite.', 'routine', 'flagged', '2026-02-02 10:00:00.000', 'w1', 'd',
                        '2026-02-02 10:00:00.000');
                INSERT INTO handover (id, case_id, from_worker_id, to_worker_id, summary, status, created_at, created_by,
                                      device_id, updated_at, updated_by)
                VALUES ('h1', 'c1', 'w1', 'w2', 'Prefers texts.', 'pending', '2026-02-03 10:00:00.000', 'w1', 'd',
                        '2026-02-03 10:00:00.000', 'w1');
                """)
        }
        try queue.close()
        let store = try Store.open(path: path)
        try store.read { (db: Database) throws in
            #expect(try Schema.migrator.appliedIdentifiers(db).contains("v4-drafts-and-reviews"))
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
        }
        let sam = try store.actingWorker(login: "sam", osUser: "tester")
        let amira = try store.actingWorker(login: "amira", osUser: "tester")
        let items = try store.attention(by: sam)
        #expect(items.map(\.kind) == [.safeguardingReview, .consentOverride, .handoverSignOff])
        #expect(items.allSatisfy { $0.reference == "C-2026-00001" && $0.child == "Zoë Nguyễn" && $0.worker == "amira" })
        try store.saveDraft(kind: "contact", reference: "C-2026-00001", fields: ["summary": "typing"], by: amira)
        #expect(try store.drafts(by: amira).map(\.reference) == ["C-2026-00001"])
        #expect(try store.reviewSafeguarding("C-2026-00001", note: nil, by: sam) == 1)
        #expect(throws: CaseloadError.self) {
            try store.write { try $0.execute(sql: "DELETE FROM safeguarding_review") }
        }
        #expect(try store.cases(heldBy: "amira", by: sam).map(\.weight)
                == [(try store.vocabulary).weight(of: .casework) + CaseloadLoad.safeguardingModifier], "weighed as the team view weighs it")
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
            #expect(try Int.fetchOne(db, sql: "PRAGMA synchronous") == 1, "NORMAL: the log is synced at checkpoints")
            #expect(try Int.fetchOne(db, sql: "PRAGMA foreign_keys") == 1)
            #expect(try Int.fetchOne(db, sql: "PRAGMA busy_timeout")! >= 5000)
        }
    }
}

/// The person-case map that limits by name go through must hold exactly the
/// person and case of every party row, whatever writes them.
@Suite struct PersonCaseMapTests {
    private func mapMatchesParties(_ store: Store) throws -> Bool {
        try store.read { (db: Database) throws -> Bool in
            let map = try Row.fetchAll(db, sql: "SELECT person_seq, case_seq FROM person_case ORDER BY 1, 2")
                .map { [$0[0] as Int64, $0[1] as Int64] }
            let parties = try Row.fetchAll(db, sql: """
                SELECT DISTINCT p.seq, c.seq FROM case_party cp JOIN person p ON p.id = cp.person_id
                JOIN case_file c ON c.id = cp.case_id ORDER BY 1, 2
                """).map { [$0[0] as Int64, $0[1] as Int64] }
            return !map.isEmpty && map == parties
        }
    }

    @Test func theMapFollowsEveryPartyAddedMovedOrRemoved() throws {
        let f = try DemoFixture(cases: 120, seed: 5)
        defer { f.remove() }
        #expect(try mapMatchesParties(f.store), "the demo's parties, written through the insert trigger")
        // A person in two roles on one case keeps the pair until both go,
        // whether the other role is removed or moved to another case.
        try f.store.write { db in
            try db.execute(sql: """
                INSERT INTO case_party (id, case_id, person_id, role, created_at, device_id)
                SELECT 'extra', case_id, person_id, 'other', created_at, device_id FROM case_party WHERE role = 'subject' LIMIT 1;
                INSERT INTO case_party (id, case_id, person_id, role, created_at, device_id)
                SELECT 'extra2', case_id, person_id, 'professional', created_at, device_id FROM case_party WHERE id = 'extra';
                DELETE FROM case_party WHERE role = 'subject'
                    AND person_id = (SELECT person_id FROM case_party WHERE id = 'extra')
                    AND case_id = (SELECT case_id FROM case_party WHERE id = 'extra');
                """)
        }
        #expect(try mapMatchesParties(f.store), "one of three roles removed")
        try f.store.write { db in
            try db.execute(sql: """
                UPDATE case_party SET case_id = (SELECT id FROM case_file ORDER BY seq DESC LIMIT 1) WHERE id = 'extra';
                """)
        }
        #expect(try mapMatchesParties(f.store), "one of two roles moved to another case")
        try f.store.write { db in
            try db.execute(sql: """
                UPDATE case_party SET case_id = (SELECT id FROM case_file ORDER BY seq LIMIT 1) WHERE id = 'extra2';
                DELETE FROM case_party WHERE id = (SELECT id FROM case_party WHERE role = 'parent-carer' LIMIT 1);
                """)
        }
        #expect(try mapMatchesParties(f.store), "a party moved to another case, and one removed")
    }
}
