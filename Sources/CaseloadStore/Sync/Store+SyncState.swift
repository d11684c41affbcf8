import CaseloadCore
import Foundation
import GRDB

/// Where a store stands with its hub, for `caseload sync --status` and the
/// front end's status line.
public struct SyncStatus: Sendable, Equatable {
    /// The hub's address as kept (never with a password).
    public let hub: String?
    /// The worker whose copy this is, for a laptop that joined a hub.
    public let boundLogin: String?
    public let lastSync: Date?
    /// Records changed here and not yet pushed.
    public let waiting: Int
    /// Changes the hub refused, kept here with the reason.
    public let refused: Int
    /// Merged values waiting for a person to confirm or put right.
    public let conflicts: Int
    /// Seeding the hub was begun and has not finished.
    public let seeding: Bool
}

/// A change the hub refused.
public struct RefusedChange: Codable, Sendable, Equatable {
    public let table: String
    public let recordId: String
    public let caseReference: String?
    public let reason: String
    public let refusedAt: Date?
    /// What the change did to its record: insert, update or delete.
    public var op: String? = nil
}

extension Store {
    public func syncStatus() throws -> SyncStatus {
        try read { db in
            let info = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: """
                SELECT key, value FROM store_info WHERE key IN ('hub', 'hub_login', 'synced_at')
                """).map { ($0[0] as String, $0[1] as String) })
            return SyncStatus(
                hub: info["hub"], boundLogin: info["hub_login"], lastSync: StoreTime.moment(info["synced_at"]),
                waiting: try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT DISTINCT tbl, record_id FROM sync_outbox)") ?? 0,
                refused: try Int.fetchOne(db, sql: "SELECT count(*) FROM sync_refused") ?? 0,
                conflicts: try Int.fetchOne(db, sql: "SELECT count(*) FROM sync_conflict WHERE resolved_at IS NULL") ?? 0,
                seeding: try cursor(db, "seed").map { $0 != "done" } ?? false)
        }
    }

    /// The changes the hub refused, newest first.
    public func refusedChanges() throws -> [RefusedChange] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.tbl, r.record_id, c.reference, r.reason, r.refused_at, r.op
                FROM sync_refused r LEFT JOIN case_file c ON c.id = r.case_id ORDER BY r.seq DESC
                """).map(Self.refusal)
        }
    }

    static func refusal(_ row: Row) -> RefusedChange {
        RefusedChange(table: row[0], recordId: row[1], caseReference: row[2], reason: row[3], refusedAt: StoreTime.moment(row[4]),
                      op: row[5])
    }

    /// What waits for a person on one case: its open conflicts (those on
    /// its people too, which the hub files under no case), oldest first, and
    /// the changes made on it that the hub refused, newest first. Each
    /// through its indexes, so opening a case file stays quick.
    /// A special-category value (ethnicity, religion, health) is read only
    /// with `special`, as the people's own details are.
    func syncProblems(_ db: Database, caseId: String, special: Bool) throws
        -> (conflicts: [SyncConflict], refused: [RefusedChange]) {
        let conflicts = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT k.*, c.reference, w.name AS lost_name FROM sync_conflict k
            LEFT JOIN case_file c ON c.id = k.case_id
            LEFT JOIN worker w ON w.id = k.lost_by
            WHERE k.id IN (
                SELECT id FROM sync_conflict WHERE case_id = :case AND resolved_at IS NULL
                UNION ALL
                SELECT s.id FROM case_party p
                JOIN sync_conflict s ON s.record_id = p.person_id AND s.resolved_at IS NULL AND s.table_name = 'person'
                WHERE p.case_id = :case)
            ORDER BY k.created_at, k.id
            """), arguments: ["case": caseId]).map(Self.conflict).map { special ? $0 : Self.withoutSpecialValues($0) }
        let refused = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT r.tbl, r.record_id, c.reference, r.reason, r.refused_at, r.op
            FROM sync_refused r LEFT JOIN case_file c ON c.id = r.case_id
            WHERE r.case_id = ? ORDER BY r.seq DESC
            """), arguments: [caseId]).map(Self.refusal)
        return (conflicts, refused)
    }

    static func withoutSpecialValues(_ conflict: SyncConflict) -> SyncConflict {
        guard conflict.fields.contains(where: { PersonField(rawValue: $0)?.isSpecialCategory == true }) else { return conflict }
        let hidden = "(shown only on request)"
        return SyncConflict(id: conflict.id, caseReference: conflict.caseReference, table: conflict.table,
                            recordId: conflict.recordId, fields: conflict.fields, kept: hidden, lost: hidden,
                            lostBy: conflict.lostBy, createdAt: conflict.createdAt, resolvedAt: conflict.resolvedAt,
                            resolution: conflict.resolution)
    }

    /// The store id every copy of a team's records shares.
    public func storeId() throws -> String {
        try read { try String.fetchOne($0, sql: "SELECT value FROM store_info WHERE key = 'store_id'") ?? "" }
    }

    /// Remembers the hub (its address without a password) and, for a laptop
    /// that joined, the worker whose copy this is; from now on every change
    /// is recorded for the hub.
    public func bind(toHub address: String, login: String?) throws {
        try write { db in
            try db.execute(sql: """
                INSERT INTO store_info (key, value) VALUES ('hub', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """, arguments: [address])
            if let login {
                try db.execute(sql: "INSERT OR IGNORE INTO store_info (key, value) VALUES ('hub_login', ?)", arguments: [login])
            }
            try db.execute(sql: "UPDATE sync_local SET recording = 1")
        }
    }

    /// Makes a new, empty store a copy of a hub's records: it takes the
    /// hub's store id. Refused on a store that holds anything.
    public func adopt(storeId: String) throws {
        try write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM worker") == 0 else {
                throw CaseloadError.conflict("the store at \(path) already holds records; join a hub with a new store")
            }
            try db.execute(sql: "UPDATE store_info SET value = ? WHERE key = 'store_id'", arguments: [storeId])
            try setCursor(db, "seed", "done")
        }
    }

    /// The position a pull has read up to, under `name`.
    public func syncCursor(_ name: String) throws -> String? {
        try read { try cursor($0, name) }
    }

    /// Notes a sync that finished with nothing left either way.
    public func noteSynced() throws {
        let at = StoreTime.text(now())
        try write { db in
            try db.execute(sql: """
                INSERT INTO store_info (key, value) VALUES ('synced_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """, arguments: [at])
        }
    }
}
