import CaseloadCore
import Foundation
import GRDB

/// What a worker changes about an open case: the level of support and the
/// status (each with a reason), the child's school, year group and primary
/// need, the issues, and corrections to the referral source and first route.
/// A field left nil is left as it is.
public struct CaseEdit: Sendable, Equatable {
    public var level: SupportLevel?
    /// Open or inactive; closing has its own command (its reason is from a list).
    public var status: CaseStatus?
    /// Why: needed for a change of level or status, kept with every change.
    public var reason: String?
    public var school: String?
    public var yearGroup: String?
    public var primaryNeed: String?
    public var referralSource: String?
    public var firstRoute: String?
    public var addIssues: [String] = []
    public var removeIssues: [String] = []

    public init() {}

    var isEmpty: Bool {
        level == nil && status == nil && school == nil && yearGroup == nil && primaryNeed == nil
            && referralSource == nil && firstRoute == nil && addIssues.isEmpty && removeIssues.isEmpty
    }
}

/// One change to one field, as the case's history keeps it.
public struct FieldChange: Codable, Sendable, Equatable {
    public let field: String
    public let from: String?
    public let to: String?
    public let at: Date
    public let by: String?
    public let reason: String?
    /// Whose detail changed, for a change to a person (their id).
    public var personId: String? = nil
}

extension Store {
    /// Changes an open or inactive case. Each field that changes is one
    /// append-only `field_change` record and the current value kept in step,
    /// all in one transaction with its audit entry. The case's worker or a
    /// supervisor edits a case; a closed case is reopened first.
    @discardableResult
    public func editCase(_ reference: String, _ edit: CaseEdit, by actor: ActingWorker,
                         endingDraft draft: FormDraft? = nil) throws -> [FieldChange] {
        guard !edit.isEmpty else {
            throw CaseloadError.invalid("say what to change: --level, --status, --school, --year-group, --need, "
                + "--add-issue, --remove-issue, --source or --route")
        }
        let reason = edit.reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if edit.level != nil || edit.status != nil, (reason ?? "").isEmpty {
            throw CaseloadError.invalid("a change of level or status needs a reason (what happened)", field: .reason)
        }
        try TextLimits.check(reason ?? "", field: "reason", limit: TextLimits.note)
        if edit.status == .closed {
            throw CaseloadError.invalid("a case is closed with its own command, which records why: caseload case close REF --reason ID")
        }
        try TextLimits.check(edit.school ?? "", field: "school", limit: TextLimits.name)
        let yearGroup = try edit.yearGroup.map(YearGroup.normalise)
        if let need = edit.primaryNeed { try vocabulary.primaryNeeds.validate(need) }
        if let source = edit.referralSource { try vocabulary.referralSources.validate(source) }
        if let route = edit.firstRoute { try vocabulary.firstRoutes.validate(route) }
        for issue in edit.addIssues + edit.removeIssues { try vocabulary.issues.validate(issue) }

        return try write(endingDraft: try draftKey(draft, of: actor)) { db in
            let identity = try caseIdentity(db, reference)
            try requireHolderOrSupervisor(identity, actor, doing: "edit")
            if identity.status == .closed { throw CaseloadError.caseClosed(identity.reference) }
            let row = StoredRow(try Row.fetchOne(db.cachedStatement(sql: """
                SELECT c.level, c.status, c.referral_source, c.first_route, c.subject_id, p.school, p.year_group, p.primary_need
                FROM case_file c LEFT JOIN person p ON p.id = c.subject_id WHERE c.id = ?
                """), arguments: [identity.id]) ?? Row(), "the case \(identity.reference)")
            let at = now()
            var changes: [FieldChange] = []
            func record(_ field: String, _ old: String?, _ new: String?, person: String? = nil) throws {
                try recordFieldChange(db, caseId: identity.id, person: person, field, old, new, reason: reason, by: actor, at: at)
                changes.append(FieldChange(field: field, from: old, to: new, at: at, by: actor.name, reason: reason))
            }
            // The case's own fields, then the child's.
            let caseFields: [(String, String?, String?)] = [
                ("level", try (row.value("level") as Int).description, edit.level.map { "\($0.rawValue)" }),
                ("status", try row.value("status"), edit.status?.rawValue),
                ("referral_source", try row.optional("referral_source"), edit.referralSource),
                ("first_route", try row.optional("first_route"), edit.firstRoute),
            ]
            for (field, old, new) in caseFields where new != nil && new != old {
                try record(field, old, new)
                let value: (any DatabaseValueConvertible)? = field == "level" ? new.flatMap { Int($0) } : new
                try db.execute(sql: "UPDATE case_file SET \(field) = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                               arguments: [value, at, actor.workerId, identity.id])
            }
            let subject: String? = try row.optional("subject_id")
            let personFields: [(String, String?, String?)] = [
                ("school", try row.optional("school"), edit.school),
                ("year_group", try row.optional("year_group"), yearGroup),
                ("primary_need", try row.optional("primary_need"), edit.primaryNeed),
            ]
            for (field, old, new) in personFields where new != nil && new != old {
                guard let subject else {
                    throw CaseloadError.conflict("\(identity.reference) is an anonymous enquiry with no child on record, so has no \(field.replacingOccurrences(of: "_", with: " "))")
                }
                try record(field, old, new, person: subject)
                try db.execute(sql: "UPDATE person SET \(field) = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                               arguments: [new, at, actor.workerId, subject])
            }
            let held = Set(try String.fetchAll(db.cachedStatement(sql: "SELECT issue FROM case_issue WHERE case_id = ?"),
                                               arguments: [identity.id]))
            for issue in Set(edit.addIssues).subtracting(held).sorted() {
                try record("issue", nil, issue)
                try db.execute(sql: "INSERT INTO case_issue (case_id, issue, created_at, created_by, device_id) VALUES (?, ?, ?, ?, ?)",
                               arguments: [identity.id, issue, at, actor.workerId, deviceId])
            }
            for issue in Set(edit.removeIssues).intersection(held).sorted() {
                try record("issue", issue, nil)
                try db.execute(sql: "DELETE FROM case_issue WHERE case_id = ? AND issue = ?", arguments: [identity.id, issue])
            }
            guard !changes.isEmpty else {
                throw CaseloadError.conflict("\(identity.reference) already has those values; nothing was changed")
            }
            try audit(db, actor, "case.edit", caseId: identity.id,
                      detail: changes.map(\.field).joined(separator: ", ") + (reason.map { ": \($0)" } ?? ""))
            return changes
        }
    }

    /// Every change to the case's fields and its people's, oldest first.
    /// A special-category value is left out unless `special` asks for it.
    func fieldChanges(_ db: Database, caseId: String, special: Bool) throws -> [FieldChange] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT f.field, f.old_value, f.new_value, f.created_at, w.name, f.reason, f.person_id
            FROM field_change f LEFT JOIN worker w ON w.id = f.created_by
            WHERE f.case_id = ? ORDER BY f.created_at, f.seq
            """), arguments: [caseId]).map { row in
            let r = StoredRow(row, "a change to a case")
            let field: String = try r.value("field")
            let hidden = !special && PersonField(rawValue: field)?.isSpecialCategory == true
            var change = FieldChange(field: field, from: hidden ? nil : try r.optional("old_value"),
                                     to: hidden ? nil : try r.optional("new_value"), at: try r.value("created_at"),
                                     by: try r.optional("name"), reason: try r.optional("reason"))
            change.personId = try r.optional("person_id")
            return change
        }
    }

    /// A change in the words the case's timeline uses.
    public func words(for change: FieldChange, person: String? = nil) throws -> String {
        Self.changeTitle(field: change.field, from: change.from, to: change.to, person: person, try vocabulary)
    }

    /// A person's changes as one phrase after their name: "address set to
    /// 1 Elm Road; marked do not write to this address".
    public func words(forChangesTo changes: [FieldChange]) throws -> String {
        try changes.map { change in
            let words = try self.words(for: change)
            return words.prefix(1).lowercased() + words.dropFirst()
        }.joined(separator: "; ")
    }

    /// One change to one field, appended to the case's history. Closing and
    /// reopening record their change of status here too, so the status on
    /// any date can be read back.
    func recordFieldChange(_ db: Database, caseId: String, person: String? = nil, _ field: String, _ old: String?,
                           _ new: String?, reason: String?, by actor: ActingWorker, at: Date) throws {
        try db.cachedStatement(sql: """
            INSERT INTO field_change (id, case_id, person_id, field, old_value, new_value, reason, created_at, created_by, device_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [UUIDv7.make(at: at), caseId, person, field, old, new, reason, at, actor.workerId, deviceId])
    }
}
