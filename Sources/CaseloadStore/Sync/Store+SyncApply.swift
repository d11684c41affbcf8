import CaseloadCore
import Foundation
import GRDB

extension Store {
    /// Writes a page of records pulled from the hub, with how far the pull
    /// has read, in one transaction: a pull broken off at any point resumes
    /// after the last page written, and never half a page.
    ///
    /// Pulled records are not sent back (the outbox does not record while
    /// they are written). A history's record is written once; a changing
    /// record's fields are taken from the hub, except fields changed here
    /// since the last push, which go to the hub next time and are merged
    /// there. References between records are not checked while writing, as
    /// a page may bring a party before its person, or a record before the
    /// one it points at that a later page brings. Returns how many records
    /// were new here or changed something.
    @discardableResult
    public func apply(_ records: [SyncRecord], cursor name: String, to value: String) throws -> Int {
        var changed = 0
        try translatingFailures {
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                try db.inTransaction(.immediate) {
                    let statements = try SyncStatements.all(db)
                    let recording = try Int.fetchOne(db, sql: "SELECT recording FROM sync_local") ?? 0
                    try db.execute(sql: "UPDATE sync_local SET recording = 0")
                    let released = Set(try String.fetchAll(db, sql: "SELECT case_id FROM sync_released"))
                    var latest: Int64 = 0
                    for record in records {
                        guard let sql = statements[record.table], !released.contains(record.caseId ?? "") else { continue }
                        if try write(db, record, sql) { changed += 1 }
                        latest = max(latest, record.clock)
                    }
                    try SyncClock.witness(db, latest)
                    try setCursor(db, name, value)
                    try db.execute(sql: "UPDATE sync_local SET recording = ?", arguments: [recording])
                    return .commit
                }
            }
        }
        return changed
    }

    /// Whether the record changed anything here.
    private func write(_ db: Database, _ record: SyncRecord, _ sql: SyncStatements) throws -> Bool {
        if record.deleted {
            try db.cachedStatement(sql: "DELETE FROM \(sql.table.name) AS r WHERE \(sql.byKey)").execute(arguments: [record.id])
            return db.changesCount > 0
        }
        let pending = try String?.fetchAll(db.cachedStatement(sql: """
            SELECT base FROM sync_outbox WHERE tbl = ? AND record_id = ?
            """), arguments: [record.table, record.id])
        if pending.isEmpty || sql.table.history {
            try db.cachedStatement(sql: sql.upsert)
                .execute(arguments: sql.carriesClock ? [record.data, record.clock] : [record.data])
            return db.changesCount > 0
        }
        // Changed here since the last push: those fields wait for the hub's merge.
        guard !pending.contains(where: { $0 == nil }) else { return false }
        let mine = Set(pending.flatMap { SyncJSON.object($0).keys }).subtracting(SyncCatalogue.bookkeeping)
        let fields = sql.columns.filter { !mine.contains($0) && !SyncCatalogue.madeOnce.contains($0) }
        guard !fields.isEmpty else { return false }
        try db.execute(sql: sql.update(fields), arguments: [record.id, record.data])
        return db.changesCount > 0
    }
}
