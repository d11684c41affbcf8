import CaseloadCore
import Foundation
import GRDB

/// A form as far as it was typed, offered back when the worker returns to it.
public struct Draft: Codable, Sendable, Equatable {
    /// Which form: "contact", "flag", "handover" ...
    public let kind: String
    /// The case the form is about; nil for a form with no case yet.
    public let reference: String?
    public let fields: [String: String]
    public let updatedAt: Date
}

/// A form's draft for a save to end: the acting worker's draft of the form
/// `kind` about the case `reference`. Each method that saves a form's record
/// takes one as `endingDraft` and deletes it in the transaction that saves
/// the record.
public struct FormDraft: Sendable, Equatable {
    public let kind: String
    public let reference: String?

    public init(kind: String, reference: String?) {
        self.kind = kind
        self.reference = reference
    }
}

/// Which draft: one per worker, form and case.
struct DraftKey {
    let kind: String
    let reference: String?
    let workerId: String
}

extension Store {
    /// The most a draft may hold, counting every field's name and text: room
    /// for the largest form (a contact's summary and advice, each at the
    /// note limit) with its one-line fields around them.
    public static let draftLimit = 2 * TextLimits.note + 64 * 1024

    /// Saves a form as typed so far, replacing the worker's earlier draft of
    /// the same form for the same case.
    ///
    /// Not audited: a draft is the author's own unsaved typing, private to
    /// them, and saved on every pause in typing, so it would flood the trail;
    /// the record made from it is audited when it is saved.
    public func saveDraft(kind: String, reference: String?, fields: [String: String], by actor: ActingWorker) throws {
        let kind = try Self.draftKind(kind)
        let size = fields.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count }
        guard size <= Self.draftLimit else {
            throw CaseloadError.invalid("the draft is \(size) bytes; the most a draft can hold is \(Self.draftLimit) bytes: "
                + "shorten the longest field, or save what you have and carry on in a second record")
        }
        let json = String(decoding: try JSONEncoder().encode(fields), as: UTF8.self)
        try write { db in
            let caseId = try reference.map { try caseIdentity(db, $0).id }
            let at = now()
            try db.execute(sql: """
                INSERT INTO draft (id, worker_id, kind, case_id, fields, created_at, updated_at, device_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (worker_id, kind, coalesce(case_id, '')) DO UPDATE
                SET fields = excluded.fields, updated_at = excluded.updated_at, device_id = excluded.device_id
                """, arguments: [UUIDv7.make(at: at), actor.workerId, kind, caseId, json, at, at, deviceId])
        }
    }

    /// The acting worker's draft of one form, if they left one.
    public func draft(kind: String, reference: String?, by actor: ActingWorker) throws -> Draft? {
        let kind = try Self.draftKind(kind)
        return try read { db in
            let caseId = try reference.map { try caseIdentity(db, $0).id }
            return try Row.fetchOne(db, sql: """
                \(Self.draftColumns)
                WHERE d.worker_id = ? AND d.kind = ? AND coalesce(d.case_id, '') = coalesce(?, '')
                """, arguments: [actor.workerId, kind, caseId]).map { try Self.draft($0) }
        }
    }

    /// Every draft the acting worker has left, newest first. Never anyone
    /// else's, whatever the acting worker's role: a draft is not a record yet.
    public func drafts(by actor: ActingWorker) throws -> [Draft] {
        try read { db in
            try Row.fetchAll(db, sql: """
                \(Self.draftColumns)
                WHERE d.worker_id = ?
                ORDER BY d.updated_at DESC, d.rowid DESC
                """, arguments: [actor.workerId]).map { try Self.draft($0) }
        }
    }

    /// Throws the acting worker's draft of a form away (it was abandoned).
    /// Discarding a draft that is not there is not an error: the form may be
    /// closed twice after a reconnect.
    public func discardDraft(kind: String, reference: String?, by actor: ActingWorker) throws {
        let key = DraftKey(kind: try Self.draftKind(kind), reference: reference, workerId: actor.workerId)
        try write { db in try deleteDraft(db, key) }
    }

    /// The key of a form's draft for `write(endingDraft:)`, when there is one.
    func draftKey(_ draft: FormDraft?, of actor: ActingWorker) throws -> DraftKey? {
        try draft.map { DraftKey(kind: try Self.draftKind($0.kind), reference: $0.reference, workerId: actor.workerId) }
    }

    func deleteDraft(_ db: Database, _ key: DraftKey) throws {
        // By the case's reference inside the statement: a form about a case
        // that is gone still ends its draft, and never fails the save.
        try db.cachedStatement(sql: """
            DELETE FROM draft WHERE worker_id = ? AND kind = ?
            AND coalesce(case_id, '') = coalesce((SELECT id FROM case_file WHERE reference = ?), '')
            """).execute(arguments: [key.workerId, key.kind, key.reference])
    }

    private static func draftKind(_ kind: String) throws -> String {
        let kind = kind.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !kind.isEmpty else {
            throw CaseloadError.invalid("a draft needs the kind of form it belongs to, such as contact, flag or handover")
        }
        try TextLimits.check(kind, field: "draft's kind", limit: TextLimits.name)
        return kind
    }

    private static let draftColumns = """
        SELECT d.kind, c.reference, d.fields, d.updated_at
        FROM draft d LEFT JOIN case_file c ON c.id = d.case_id
        """

    private static func draft(_ row: Row) throws -> Draft {
        let r = StoredRow(row, "a draft")
        let json: String = try r.value("fields")
        guard let fields = try? JSONDecoder().decode([String: String].self, from: Data(json.utf8)) else {
            throw StoredRow.damaged("a draft", "fields", json, problem: "which is not a form's fields")
        }
        return Draft(kind: try r.value("kind"), reference: try r.optional("reference"), fields: fields,
                     updatedAt: try r.value("updated_at"))
    }
}
