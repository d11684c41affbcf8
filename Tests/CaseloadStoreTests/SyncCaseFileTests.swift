import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

/// A case file carries what syncing left on it for a person: its open
/// conflicts and the changes made on it that the hub refused, each read
/// through an index so opening a case stays quick.
@Suite struct SyncCaseFileTests {
    @Test func aCaseFileCarriesItsOpenConflictsAndRefusedChanges() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        let other = try f.openCase("Ali Khan")
        let (caseId, otherId, parentId) = try f.store.read { db in
            (try String.fetchOne(db, sql: "SELECT id FROM case_file WHERE reference = ?", arguments: [reference])!,
             try String.fetchOne(db, sql: "SELECT id FROM case_file WHERE reference = ?", arguments: [other])!,
             try String.fetchOne(db, sql: "SELECT id FROM person WHERE full_name = 'Thảo Nguyễn' LIMIT 1")!)
        }
        try f.store.write { db in
            let insert = """
                INSERT INTO sync_conflict (id, table_name, record_id, case_id, fields, kept, lost, lost_by, created_at, resolved_at)
                VALUES (?, 'person', ?, ?, 'phone', '"07700 900003"', '"01632 960000"', ?, '2026-11-20 10:00:00.000', ?)
                """
            try db.execute(sql: insert, arguments: ["open", parentId, caseId, f.ben.workerId, nil])
            try db.execute(sql: insert, arguments: ["settled", parentId, caseId, f.ben.workerId, "2026-11-21 10:00:00.000"])
            try db.execute(sql: insert, arguments: ["elsewhere", parentId, otherId, f.ben.workerId, nil])
            try db.execute(sql: """
                INSERT INTO sync_refused (tbl, record_id, case_id, op, reason, refused_at, change)
                VALUES ('contact', 'c1', ?, 'insert', 'only a supervisor can do that', '2026-11-20 10:00:00.000', '{}'),
                       ('contact', 'c2', ?, 'insert', 'not this one', '2026-11-20 10:00:00.000', '{}')
                """, arguments: [caseId, otherId])
        }
        let detail = try f.store.caseDetail(reference, by: f.amira)
        let conflicts = try #require(detail.syncConflicts)
        #expect(conflicts.map(\.id) == ["open"], "only the case's conflicts still waiting")
        #expect(conflicts.first?.kept == "07700 900003" && conflicts.first?.lost == "01632 960000")
        #expect(conflicts.first?.lostBy == "Ben Evans")
        #expect(detail.syncRefused?.map(\.reason) == ["only a supervisor can do that"])
        #expect(detail.syncRefused?.first?.op == "insert")
        // A store that never synced reads none, as empty lists.
        let quiet = try f.store.caseDetail(try f.openCase("Cal Khan"), by: f.amira)
        #expect(quiet.syncConflicts?.isEmpty == true && quiet.syncRefused?.isEmpty == true)
        // Both reach their rows through an index.
        try f.store.read { db in
            for (table, index) in [("sync_conflict", "sync_conflict_by_case"), ("sync_refused", "sync_refused_by_case")] {
                let plan = try Row.fetchAll(db, sql: """
                    EXPLAIN QUERY PLAN SELECT * FROM \(table) WHERE case_id = ?\(table == "sync_conflict" ? " AND resolved_at IS NULL" : "")
                    """, arguments: [caseId]).map { $0["detail"] as String }
                #expect(plan.contains { $0.contains("USING INDEX \(index)") }, "\(plan)")
            }
        }
    }
}
