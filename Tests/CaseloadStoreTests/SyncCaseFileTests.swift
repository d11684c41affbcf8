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
             try String.fetchOne(db, sql: """
                SELECT cp.person_id FROM case_party cp JOIN case_file c ON c.id = cp.case_id
                WHERE c.reference = ? AND cp.role = 'parent-carer'
                """, arguments: [reference])!)
        }
        try f.store.write { db in
            let insert = """
                INSERT INTO sync_conflict (id, table_name, record_id, case_id, fields, kept, lost, lost_by, created_at, resolved_at)
                VALUES (?, 'person', ?, ?, 'phone', '"07700 900003"', '"01632 960000"', ?, '2026-11-20 10:00:00.000', ?)
                """
            try db.execute(sql: insert, arguments: ["open", parentId, caseId, f.ben.workerId, nil])
            try db.execute(sql: insert, arguments: ["settled", parentId, caseId, f.ben.workerId, "2026-11-21 10:00:00.000"])
            try db.execute(sql: insert, arguments: ["elsewhere", "p-other", otherId, f.ben.workerId, nil])
            // The hub files a conflict on a person under no case: it is found by the person.
            try db.execute(sql: insert, arguments: ["on-person", parentId, nil, f.ben.workerId, nil])
            try db.execute(sql: insert, arguments: ["someone-else", "p-unknown", nil, f.ben.workerId, nil])
            try db.execute(sql: """
                INSERT INTO sync_refused (tbl, record_id, case_id, op, reason, refused_at, change)
                VALUES ('contact', 'c1', ?, 'insert', 'only a supervisor can do that', '2026-11-20 10:00:00.000', '{}'),
                       ('contact', 'c2', ?, 'insert', 'not this one', '2026-11-20 10:00:00.000', '{}')
                """, arguments: [caseId, otherId])
        }
        let detail = try f.store.caseDetail(reference, by: f.amira)
        let conflicts = try #require(detail.syncConflicts)
        #expect(Set(conflicts.map(\.id)) == ["open", "on-person"], "only the case's conflicts still waiting, its people's too")
        #expect(conflicts.first?.kept == "07700 900003" && conflicts.first?.lost == "01632 960000")
        #expect(conflicts.first?.lostBy == "Ben Evans")
        #expect(detail.syncRefused?.map(\.reason) == ["only a supervisor can do that"])
        #expect(detail.syncRefused?.first?.op == "insert")
        // A special-category value is read only with the special details.
        try f.store.write { db in
            try db.execute(sql: """
                INSERT INTO sync_conflict (id, table_name, record_id, case_id, fields, kept, lost, created_at)
                VALUES ('health', 'person', ?, ?, 'health_notes', '"asthma"', '"none"', '2026-11-22 10:00:00.000')
                """, arguments: [parentId, caseId])
        }
        let plain = try f.store.caseDetail(reference, by: f.amira).syncConflicts?.first { $0.id == "health" }
        #expect(plain?.kept == "(shown only on request)" && plain?.lost == "(shown only on request)")
        let shown = try f.store.caseDetail(reference, special: true, by: f.amira).syncConflicts?.first { $0.id == "health" }
        #expect(shown?.kept == "asthma" && shown?.lost == "none")
        // A store that never synced reads none, as empty lists.
        let quiet = try f.store.caseDetail(try f.openCase("Cal Khan"), by: f.amira)
        #expect(quiet.syncConflicts?.isEmpty == true && quiet.syncRefused?.isEmpty == true)
        // Both reach their rows through indexes, never a scan of the table.
        let trace = f.folder.appendingPathComponent("trace.sql").path
        let traced = try Store.open(path: f.path, traceSQL: trace)
        _ = try traced.caseDetail(reference, by: try traced.actingWorker(login: "amira", osUser: "tester"))
        let statements = try String(contentsOfFile: trace, encoding: .utf8).components(separatedBy: ";\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { $0.hasPrefix("SELECT") && ($0.contains("FROM sync_conflict") || $0.contains("FROM sync_refused")) }
        #expect(statements.count == 2)
        try traced.read { db in
            for statement in statements {
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + statement).map { $0["detail"] as String }
                #expect(!plan.contains { $0.hasPrefix("SCAN") && !$0.contains("INDEX") }, "\(statement)\n\(plan)")
                #expect(plan.contains { $0.contains("sync_conflict_by_case") || $0.contains("sync_refused_by_case") }, "\(statement)\n\(plan)")
            }
        }
    }
}
