import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

/// The store's side of syncing with a hub, without a hub: the outbox its
/// triggers fill, the changes it makes of them, and writing pulled records
/// so that derived values come out the same whatever order they arrive in.
@Suite struct SyncStoreTests {
    /// Everything in a store as the hub would receive it on seeding.
    static func everything(_ store: Store) throws -> [SyncRecord] {
        var records: [SyncRecord] = []
        var position: Store.SeedPosition? = .start
        while let from = position {
            let (changes, next) = try store.seedPage(after: from, limit: 7)
            records += changes.map(record)
            position = next
        }
        return records
    }

    static func record(_ change: SyncChange) -> SyncRecord {
        let object = SyncJSON.object(change.json)
        return SyncRecord(table: change.table, id: change.id, data: SyncJSON.text(object["row"] ?? [:]),
                          deleted: object["op"] as? String == "delete", clock: (object["clock"] as? NSNumber)?.int64Value ?? 0)
    }

    /// A new store made a copy of another's records, as a laptop joining.
    static func copy(in fixture: StoreFixture, name: String = "copy.sqlite") throws -> Store {
        let store = try Store.open(path: fixture.folder.appendingPathComponent(name).path, create: true)
        try store.adopt(storeId: try fixture.store.storeId())
        return store
    }

    @Test func nothingIsRecordedUntilTheStoreSyncs() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        _ = try f.openCase()
        #expect(try f.count("sync_outbox") == 0)
        try f.store.bind(toHub: "postgresql://sam@hub/caseload", login: nil)
        // A store that syncs takes its case numbers from blocks the hub leased it.
        #expect(throws: CaseloadError.self) { try f.openCase("Ali Khan") }
        try f.store.addReferenceBlock(ReferenceBlock(year: f.store.today.year, first: 41, last: 42, reserve: false))
        try f.store.addReferenceBlock(ReferenceBlock(year: f.store.today.year, first: 90, last: 90, reserve: true))
        let reference = try f.openCase("Ali Khan")
        #expect(reference.hasSuffix("-00041"))
        #expect(try f.openCase("Bea Khan").hasSuffix("-00042"))
        #expect(try f.store.referenceNumbersLeft(year: f.store.today.year) == (1, true))
        #expect(try f.openCase("Cal Khan").hasSuffix("-00090"))
        #expect(try f.store.referenceBlocksWanted(year: f.store.today.year) == (true, true))
        let changes = try f.store.pendingChanges(limit: 100)
        let tables = changes.map(\.table)
        #expect(tables.prefix(2) == ["person", "person"] || tables.first == "person")
        #expect(tables.contains("case_file") && tables.contains("assignment") && tables.contains("audit_event"))
        let caseId = try f.store.read { try String.fetchOne($0, sql: "SELECT id FROM case_file WHERE reference = ?",
                                                            arguments: [reference]) }
        let assignments = changes.filter { $0.table == "assignment" }
        #expect(assignments.count == 3 && assignments.allSatisfy { $0.caseId != nil })
        #expect(assignments.contains { $0.caseId == caseId })
        try f.store.settle(changes, refused: [])
        #expect(try f.count("sync_outbox") == 0)
        #expect(try f.store.syncStatus().waiting == 0)
    }

    @Test func aFieldChangedTwiceGoesOnceWithWhatItWasBefore() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        try f.store.editPerson(reference, person: "Thảo Nguyễn", PersonEdit(fields: [.phone: "07700 900001"]), by: f.amira)
        try f.store.bind(toHub: "postgresql://sam@hub/caseload", login: nil)
        try f.store.settle(try f.store.pendingChanges(limit: 100), refused: [])
        try f.store.editPerson(reference, person: "Thảo Nguyễn", PersonEdit(fields: [.phone: "07700 900002"]), by: f.amira)
        try f.store.editPerson(reference, person: "Thảo Nguyễn", PersonEdit(fields: [.phone: "07700 900003"]), by: f.amira)
        let person = try #require(try f.store.pendingChanges(limit: 100).first { $0.table == "person" })
        let change = SyncJSON.object(person.json)
        #expect(change["op"] as? String == "update")
        #expect((change["base"] as? [String: Any])?["phone"] as? String == "07700 900001")
        #expect((change["row"] as? [String: Any])?["phone"] as? String == "07700 900003")
        #expect((change["base"] as? [String: Any])?.keys.contains("email") == false)
    }

    @Test func aFieldPutBackAsItWasSendsNothing() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        try f.store.bind(toHub: "postgresql://sam@hub/caseload", login: nil)
        try f.store.settle(try f.store.pendingChanges(limit: 100), refused: [])
        try f.store.editPerson(reference, person: "Thảo Nguyễn", PersonEdit(fields: [.phone: "07700 900002"]), by: f.amira)
        try f.store.editPerson(reference, person: "Thảo Nguyễn", PersonEdit(fields: [.phone: ""]), by: f.amira)
        #expect(try f.store.pendingChanges(limit: 100).allSatisfy { $0.table != "person" })
    }

    @Test func aCopyHoldsTheSameCaseWithItsDerivedValuesAndSendsNothingBack() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        _ = try f.store.addContact(to: reference, NewContact(mode: "phone-out", summary: "Talked about the annual review"), by: f.amira)
        let copy = try Self.copy(in: f)
        try copy.bind(toHub: "postgresql://amira@hub/caseload", login: "amira")
        let records = try Self.everything(f.store)
        try copy.apply(records, cursor: "records", to: "1:1")
        try copy.apply(records, cursor: "records", to: "1:2")
        let amira = try copy.actingWorker(login: "amira", osUser: "tester")
        let detail = try copy.caseDetail(reference, by: amira)
        #expect(detail.workerLogin == "amira")
        #expect(try copy.search("annual review", by: amira).isEmpty == false)
        #expect(try copy.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM contact") } == 1)
        #expect(try copy.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM person_case") }
                == (try f.count("person_case")))
        // Only the audit of reading the copy's case waits to go.
        #expect(try copy.pendingChanges(limit: 100).allSatisfy { $0.table == "audit_event" })
        #expect(try copy.syncCursor("records") == "1:2")
    }

    @Test func derivedValuesDoNotDependOnTheOrderRecordsArriveIn() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        _ = try f.store.addContact(to: reference, NewContact(mode: "phone-out", summary: "First call"), by: f.amira)
        _ = try f.store.reassign([reference], toLogin: "ben", reason: "Amira is leaving", by: f.supervisor)
        let records = try Self.everything(f.store)
        let forwards = try Self.copy(in: f, name: "forwards.sqlite")
        try forwards.apply(records, cursor: "records", to: "1:1")
        let backwards = try Self.copy(in: f, name: "backwards.sqlite")
        for record in records.reversed() { try backwards.apply([record], cursor: "records", to: "1:1") }
        let derived = "SELECT c.reference, w.login, c.last_contact_at, c.next_due_on FROM case_file c LEFT JOIN worker w ON w.id = c.worker_id"
        for copy in [forwards, backwards] {
            let rows = try copy.read { try Row.fetchAll($0, sql: derived) }
            #expect(rows.map { $0[1] as String? } == ["ben"])
            #expect(rows.first?[2] as String? != nil)
            #expect(try copy.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM person_case") } == (try f.count("person_case")))
        }
    }

    @Test func aCaseIsHeldByTheAssignmentWithTheLatestClock() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        let records = try Self.everything(f.store)
        let copy = try Self.copy(in: f)
        try copy.apply(records, cursor: "records", to: "1:1")
        let caseId = try f.store.read { try String.fetchOne($0, sql: "SELECT id FROM case_file WHERE reference = ?",
                                                            arguments: [reference])! }
        func assignment(_ worker: ActingWorker, clock: Int64) -> SyncRecord {
            let id = UUIDv7.make()
            let data = SyncJSON.text(["id": id, "case_id": caseId, "worker_id": worker.workerId, "kind": "reassignment",
                                      "reason": "test", "handover_id": NSNull(), "created_at": "2026-12-01 10:00:00.000",
                                      "created_by": f.supervisor.workerId, "device_id": "elsewhere"])
            return SyncRecord(table: "assignment", id: id, data: data, deleted: false, clock: clock)
        }
        let later = Int64(Date().timeIntervalSince1970 * 1_000_000) + 10_000_000
        // The later change arrives first.
        try copy.apply([assignment(f.ben, clock: later)], cursor: "records", to: "1:2")
        try copy.apply([assignment(f.supervisor, clock: later - 5)], cursor: "records", to: "1:3")
        let holder = try copy.read { try String.fetchOne($0, sql: "SELECT worker_id FROM case_file WHERE id = ?", arguments: [caseId]) }
        #expect(holder == f.ben.workerId)
        // The clock has moved past what it saw: a change made here now comes after both.
        #expect(try copy.read { try Int64.fetchOne($0, sql: "SELECT clock FROM sync_local") ?? 0 } >= later)
    }

    @Test func aFieldChangedHereIsNotOverwrittenByAPullBeforeItIsPushed() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        try f.store.bind(toHub: "postgresql://amira@hub/caseload", login: nil)
        try f.store.settle(try f.store.pendingChanges(limit: 100), refused: [])
        let before = try Self.everything(f.store).first { $0.table == "person" && $0.data.contains("Thảo") }!
        try f.store.editPerson(reference, person: "Thảo Nguyễn", PersonEdit(fields: [.phone: "07700 900009"]), by: f.amira)
        var pulled = SyncJSON.object(before.data)
        pulled["phone"] = "01632 960000"
        pulled["email"] = "thao@example.org"
        try f.store.apply([SyncRecord(table: "person", id: before.id, data: SyncJSON.text(pulled), deleted: false, clock: 1)],
                          cursor: "records", to: "1:1")
        let row = try f.store.read { try Row.fetchOne($0, sql: "SELECT phone, email FROM person WHERE id = ?", arguments: [before.id])! }
        #expect(row[0] as String? == "07700 900009")
        #expect(row[1] as String? == "thao@example.org")
    }

    @Test func aStoreBoundToAWorkerRefusesActingAsAnother() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        try f.store.bind(toHub: "postgresql://amira@hub/caseload", login: "amira")
        #expect(try f.store.actingWorker(login: "amira", osUser: "tester").login == "amira")
        let error = #expect(throws: CaseloadError.self) { try f.store.actingWorker(login: "ben", osUser: "tester") }
        #expect(error?.kind == .notAllowed)
        #expect(error?.message.contains("amira's copy") == true)
    }
}
