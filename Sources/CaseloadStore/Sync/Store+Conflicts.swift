import CaseloadCore
import Foundation
import GRDB

/// A value that lost a merge on the hub: two people changed the same field
/// (or fields that go together) without seeing each other's change. The
/// later change won; this one is kept until its worker confirms the winner
/// or puts the lost value back.
public struct SyncConflict: Codable, Sendable, Equatable {
    public let id: String
    public let caseReference: String?
    public let table: String
    public let recordId: String
    public let fields: [String]
    /// What the record now holds, and what lost, as people read them.
    public let kept: String
    public let lost: String
    /// Whose change lost, by name where the store knows them.
    public let lostBy: String?
    public let createdAt: Date?
    public let resolvedAt: Date?
    public let resolution: String?
}

extension Store {
    /// Conflicts waiting for a person, on the cases the worker holds (a
    /// supervisor: every case), oldest first; with `includeSettled`, those
    /// already confirmed or put right too.
    public func conflicts(includeSettled: Bool = false, by actor: ActingWorker) throws -> [SyncConflict] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT k.*, c.reference, w.name AS lost_name FROM sync_conflict k
                LEFT JOIN case_file c ON c.id = k.case_id
                LEFT JOIN worker w ON w.id = k.lost_by
                WHERE (? OR k.resolved_at IS NULL) AND (? OR c.worker_id = ?)
                ORDER BY k.created_at, k.id
                """, arguments: [includeSettled, actor.isSupervisor, actor.workerId]).map(Self.conflict)
        }
    }

    static func conflict(_ row: Row) -> SyncConflict {
        SyncConflict(id: row["id"], caseReference: row["reference"], table: row["table_name"], recordId: row["record_id"],
                     fields: (row["fields"] as String).split(separator: ",").map(String.init),
                     kept: Self.words(row["kept"]), lost: Self.words(row["lost"]), lostBy: row["lost_name"] ?? row["lost_by"],
                     createdAt: StoreTime.moment(row["created_at"]), resolvedAt: StoreTime.moment(row["resolved_at"]),
                     resolution: row["resolution"])
    }

    /// A kept or lost value as people read it: the value itself, or for
    /// fields that go together each as "field value".
    static func words(_ json: String?) -> String {
        guard let json, let data = json.data(using: .utf8),
              let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return "(none)" }
        if let object = value as? [String: Any] {
            return object.keys.sorted().map { "\($0) \(plain(object[$0]))" }.joined(separator: ", ")
        }
        return plain(value)
    }

    private static func plain(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: return "(none)"
        case let text as String: return SafeText.inline(text)
        case let number as NSNumber: return number.stringValue
        default: return "\(value!)"
        }
    }

    /// Settles a conflict: `takeLost` puts the losing value back (a change
    /// like any other, which syncs and is on the case's history), else the
    /// kept value is confirmed. Either way the settling syncs, so the other
    /// copies see it settled. `id` may be its last 8 characters.
    @discardableResult
    public func settleConflict(_ id: String, takeLost: Bool, by actor: ActingWorker) throws -> SyncConflict {
        let at = now()
        return try write { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT k.*, c.reference, c.worker_id AS holder, NULL AS lost_name FROM sync_conflict k
                LEFT JOIN case_file c ON c.id = k.case_id WHERE k.id = ? OR k.id LIKE '%' || ?
                """, arguments: [id, id])
            guard rows.count == 1, let row = rows.first else {
                throw rows.isEmpty ? CaseloadError.notFound("no conflict \(SafeText.inline(id)); caseload conflicts lists them")
                    : CaseloadError.invalid("\(SafeText.inline(id)) names more than one conflict: give more of its id")
            }
            let conflict = Self.conflict(row)
            guard conflict.resolvedAt == nil else {
                throw CaseloadError.conflict("that conflict was settled on \(conflict.resolvedAt.map { Moment.format($0) } ?? "")")
            }
            guard actor.isSupervisor || row["holder"] as String? == actor.workerId else {
                throw CaseloadError.notAllowed("only the worker who holds \(conflict.caseReference ?? "the case"), or a supervisor, can settle its conflicts")
            }
            if takeLost { try putBack(db, row, conflict, by: actor, at: at) }
            try db.execute(sql: "UPDATE sync_conflict SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE id = ?",
                           arguments: [StoreTime.text(at), actor.workerId, takeLost ? "took-lost" : "kept", conflict.id])
            try audit(db, actor, "sync.conflict-" + (takeLost ? "took-lost" : "kept"), caseId: row["case_id"],
                      detail: "\(conflict.table) \(conflict.fields.joined(separator: ","))")
            return conflict
        }
    }

    private func putBack(_ db: Database, _ row: Row, _ conflict: SyncConflict, by actor: ActingWorker, at: Date) throws {
        guard SyncCatalogue.table(conflict.table)?.history == false else {
            throw CaseloadError.conflict("a \(conflict.table) record is history and is never rewritten")
        }
        let columns = Set(try SyncColumns.travelling(db, conflict.table))
        guard conflict.fields.allSatisfy(columns.contains) else {
            throw CaseloadError.conflict("the conflict names fields this version of Caseload does not have")
        }
        let lostJSON: String = row["lost"] ?? "null"
        let lost = (try? JSONSerialization.jsonObject(with: Data(lostJSON.utf8), options: [.fragmentsAllowed])) ?? NSNull()
        for field in conflict.fields {
            let value = conflict.fields.count == 1 ? lost : (lost as? [String: Any])?[field] ?? NSNull()
            let stored: DatabaseValue = switch value {
            case let text as String: text.databaseValue
            case let number as NSNumber: number.int64Value.databaseValue
            default: .null
            }
            let old = try DatabaseValue.fetchOne(db, sql: "SELECT \(field) FROM \(conflict.table) WHERE id = ?",
                                                 arguments: [conflict.recordId])
            try db.execute(sql: "UPDATE \(conflict.table) SET \(field) = ? WHERE id = ?", arguments: [stored, conflict.recordId])
            if let caseId: String = row["case_id"], ["case_file", "person"].contains(conflict.table) {
                try recordFieldChange(db, caseId: caseId, person: conflict.table == "person" ? conflict.recordId : nil, field,
                                      old.flatMap { String.fromDatabaseValue($0) }, String.fromDatabaseValue(stored),
                                      reason: "put back after a sync conflict", by: actor, at: at)
            }
        }
    }
}
