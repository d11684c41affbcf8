import CaseloadCore
import Foundation
import GRDB

extension Store {
    /// The next changes to push, oldest first, each record's outbox rows
    /// made into one change: a record made here goes whole; a changed record
    /// sends the fields that differ from what it was when last synced.
    /// Changes that came to nothing (a field set back to what it was) are
    /// settled here and not sent.
    public func pendingChanges(limit: Int) throws -> [SyncChange] {
        try write { db in
            let statements = try SyncStatements.all(db)
            // The records first changed earliest, by the outbox's order
            // (an index, not a count over the whole outbox each batch); a
            // record's later entries come with it.
            var records: [(table: String, id: String)] = [], seen = Set<String>()
            for row in try Row.fetchAll(db, sql: "SELECT tbl, record_id FROM sync_outbox ORDER BY seq LIMIT ?",
                                        arguments: [limit]) where seen.insert(row["tbl"] + "\u{1}" + row["record_id"]).inserted {
                records.append((row["tbl"], row["record_id"]))
            }
            var changes: [SyncChange] = []
            for (table, id) in records {
                let entries = try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT seq, op, base, clock FROM sync_outbox WHERE tbl = ? AND record_id = ? ORDER BY seq
                    """), arguments: [table, id])
                guard let sql = statements[table] else { continue }
                if let change = try change(db, sql, id: id, entries: entries) {
                    changes.append(change)
                } else {
                    try db.execute(sql: "DELETE FROM sync_outbox WHERE tbl = ? AND record_id = ?", arguments: [table, id])
                }
            }
            return changes
        }
    }

    private func change(_ db: Database, _ sql: SyncStatements, id: String, entries: [Row]) throws -> SyncChange? {
        let seqs: [Int64] = entries.map { $0["seq"] }
        let clock: Int64 = entries.last?["clock"] ?? 0
        let inserted = entries.contains { $0["op"] == "insert" }
        if inserted, entries.last?["op"] != "delete",
           let row = try Row.fetchOne(db.cachedStatement(sql: sql.inserted),
                                      arguments: sql.carriesClock ? [id] : [id, clock]) {
            // Made here since the last push: it goes whole, as it is now.
            return SyncChange(table: sql.table.name, id: id, caseId: row[0], json: row[1], outbox: seqs)
        }
        let current = try Row.fetchOne(db.cachedStatement(sql: sql.current), arguments: [id])
        var change: [String: Any] = ["t": sql.table.name, "id": id, "clock": clock]
        guard let current else {
            // Gone: only a case's issue is ever taken away.
            guard let last = entries.last, last["op"] == "delete" else { return nil }
            let before = SyncJSON.object(last["base"])
            change["op"] = "delete"
            change["row"] = before
            change["case"] = before["case_id"] ?? NSNull()
            return make(sql, id: id, caseId: before["case_id"] as? String, change, seqs)
        }
        let row = SyncJSON.object(current[0])
        let caseId: String? = current[1]
        change["case"] = caseId ?? NSNull()
        change["row"] = row
        if sql.carriesClock { change["clock"] = current[2] as Int64 }
        if inserted {
            change["op"] = "insert"
            return make(sql, id: id, caseId: caseId, change, seqs)
        }
        // Each field as it was before the first of these changes.
        var base: [String: Any] = [:]
        for entry in entries {
            for (field, value) in SyncJSON.object(entry["base"]) where base[field] == nil { base[field] = value }
        }
        // When and by whom a record last changed follow its fields: two
        // people changing different fields of it are not in conflict.
        var changed = base.filter { !SyncCatalogue.bookkeeping.contains($0.key) && !SyncJSON.same($0.value, row[$0.key]) }
        guard !changed.isEmpty else { return nil }
        var groups: [[String]] = []
        for group in sql.table.groups where group.contains(where: { changed[$0] != nil }) {
            groups.append(group)
            for field in group where changed[field] == nil { changed[field] = row[field] ?? NSNull() }
        }
        change["op"] = "update"
        change["base"] = changed
        if !groups.isEmpty { change["groups"] = groups }
        return make(sql, id: id, caseId: caseId, change, seqs)
    }

    private func make(_ sql: SyncStatements, id: String, caseId: String?, _ change: [String: Any], _ seqs: [Int64]) -> SyncChange {
        SyncChange(table: sql.table.name, id: id, caseId: caseId, json: SyncJSON.text(change), outbox: seqs)
    }

    /// After the hub committed a batch: its changes are settled, and those it
    /// refused are kept with the reason, for their worker to see. One transaction.
    public func settle(_ changes: [SyncChange], refused: [SyncRefusal]) throws {
        let at = StoreTime.text(now())
        try write { db in
            for change in changes {
                for seq in change.outbox {
                    try db.cachedStatement(sql: "DELETE FROM sync_outbox WHERE seq = ?").execute(arguments: [seq])
                }
                guard let refusal = refused.first(where: { $0.table == change.table && $0.id == change.id }) else { continue }
                let op = SyncJSON.object(change.json)["op"] as? String ?? "insert"
                try db.execute(sql: """
                    INSERT INTO sync_refused (tbl, record_id, case_id, op, reason, refused_at, change) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [change.table, change.id, change.caseId, op, refusal.reason, at, change.json])
            }
        }
    }
}
