import CaseloadCore
import Foundation
import GRDB

/// What a caseload list row shows.
public struct CaseRow: Codable, Sendable, Equatable {
    public let id: String
    public let reference: String
    public let child: String?
    public let dateOfBirth: Day?
    public let yearGroup: String?
    public let school: String?
    public let level: Int
    public let status: CaseStatus
    public let workerLogin: String?
    public let workerName: String?
    public let openedOn: Day
    public let nextDueOn: Day?
    public let lastContactAt: Date?
    public let referralFlagged: Bool
    public let safeguarding: Bool
    public let handoverPending: Bool
    /// When the case was handed to the worker reading the list, who has yet
    /// to accept it (it is in their caseload, marked, until they do).
    public let handedToYouAt: Date?

    public var handedToYou: Bool { handedToYouAt != nil }
}

public enum CaseScope: Sendable, Equatable {
    case mine
    case worker(login: String)
    case unallocated
    case all
}

extension Store {
    func insertPerson(_ db: Database, name: String, kind: PersonKind, dateOfBirth: Day?, school: String?,
                      yearGroup: String?, primaryNeed: String?, by actor: ActingWorker, at: Date) throws -> String {
        let id = UUIDv7.make(at: at)
        try db.cachedStatement(sql: """
            INSERT INTO person (id, kind, full_name, date_of_birth, school, year_group, primary_need,
                                created_at, created_by, device_id, updated_at, updated_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [id, kind.rawValue, name, dateOfBirth?.iso, school, yearGroup, primaryNeed,
                             at, actor.workerId, deviceId, at, actor.workerId])
        return id
    }

    func insertParty(_ db: Database, caseId: String, personId: String, role: PartyRole, parentalResponsibility: Bool,
                     by actor: ActingWorker, at: Date) throws {
        try db.cachedStatement(sql: """
            INSERT INTO case_party (id, case_id, person_id, role, parental_responsibility, main_contact,
                                    created_at, created_by, device_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [UUIDv7.make(at: at), caseId, personId, role.rawValue, parentalResponsibility,
                             role == .parentCarer, at, actor.workerId, deviceId])
    }

    func insertAssignment(_ db: Database, caseId: String, workerId: String?, kind: AssignmentKind, reason: String?,
                          handoverId: String? = nil, by actor: ActingWorker, at: Date) throws {
        try db.cachedStatement(sql: """
            INSERT INTO assignment (id, case_id, worker_id, kind, reason, handover_id, created_at, created_by, device_id, clock)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [UUIDv7.make(at: at), caseId, workerId, kind.rawValue, reason, handoverId,
                             at, actor.workerId, deviceId, SyncClock.tick(db)])
    }

    /// A case's store id, current worker, normalised reference and status:
    /// what every change checks before it writes (see `CaseReach.swift`).
    typealias CaseIdentity = (id: String, workerId: String?, reference: String, status: CaseStatus,
                              workerLogin: String?, workerName: String?)

    /// The case's identity, from its reference.
    func caseIdentity(_ db: Database, _ reference: String) throws -> CaseIdentity {
        let normalised = try CaseReference(parsing: reference).description
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT c.id, c.worker_id, c.status, w.login, w.name
            FROM case_file c LEFT JOIN worker w ON w.id = c.worker_id
            WHERE c.reference = ?
            """), arguments: [normalised]) else {
            throw CaseloadError.notFound("no case \(normalised)")
        }
        let r = StoredRow(row, "the case \(normalised)")
        return (try r.value("id"), try r.optional("worker_id"), normalised, try r.known("status"),
                try r.optional("login"), try r.optional("name"))
    }

    /// Lists cases, soonest key date first. Listing is recorded in the audit
    /// trail (one entry per listing, naming its scope and limit).
    public func cases(scope: CaseScope, status: CaseFilter.Status = .current, limit: Int? = nil,
                      by actor: ActingWorker) throws -> [CaseRow] {
        var filter = CaseFilter()
        filter.status = status
        return try cases(CaseQuery(scope: scope, filter: filter), limit: limit, by: actor)
    }

    /// The list is read holding no lock a writer needs (a limit's words may
    /// take a while to find), then recorded in its own short transaction.
    public func cases(_ query: CaseQuery, limit: Int? = nil, by actor: ActingWorker) throws -> [CaseRow] {
        let rows = try casePage(query, .first, limit: limit ?? Int.max, by: actor).rows
        try recordListing(query, rows: rows.count, by: actor)
        return rows
    }

    /// One audit entry per list shown: who looked at whose cases, limited how.
    public func recordListing(_ query: CaseQuery, rows: Int, by actor: ActingWorker) throws {
        try write { db in try auditListing(db, query, rows: rows, by: actor) }
    }

    private func auditListing(_ db: Database, _ query: CaseQuery, rows: Int, by actor: ActingWorker) throws {
        // The status is always named: an entry must read the same whatever
        // a later version lists by default.
        var limit = query.filter.text
        if query.filter.status == .current { limit += (limit.isEmpty ? "" : " ") + "status:current" }
        try audit(db, actor, "case.list", detail: "\(query.scope) \(limit) rows:\(rows)")
    }

    /// The columns of a case row, in the order the SELECT names them and
    /// `caseRow` reads them. A list reads thousands of rows, and a lookup by
    /// name costs a search per column, so rows are read by position; the
    /// positions come from this one list, so they cannot drift from the SELECT.
    enum CaseRowColumn: Int, CaseIterable {
        case id, reference, status, level, openedOn, nextDueOn, lastContactAt
        case child, dateOfBirth, school, yearGroup, workerLogin, workerName
        case flagged, safeguarding, handoverPending, handedToYouAt

        var sql: String {
            switch self {
            case .id: return "c.id"
            case .reference: return "c.reference"
            case .status: return "c.status"
            case .level: return "c.level"
            case .openedOn: return "c.opened_on"
            case .nextDueOn: return "c.next_due_on"
            case .lastContactAt: return "c.last_contact_at"
            case .child: return "p.full_name"
            case .dateOfBirth: return "p.date_of_birth"
            case .school: return "p.school"
            case .yearGroup: return "p.year_group"
            case .workerLogin: return "w.login"
            case .workerName: return "w.name AS worker_name"
            case .flagged: return "EXISTS (SELECT 1 FROM referral r WHERE r.case_id = c.id AND r.status = 'flagged') AS flagged"
            case .safeguarding: return "EXISTS (SELECT 1 FROM safeguarding s WHERE s.case_id = c.id) AS safeguarding"
            case .handoverPending:
                return "EXISTS (SELECT 1 FROM handover h WHERE h.case_id = c.id AND h.status = 'pending') AS handover_pending"
            // The one column with an argument: the worker reading the list.
            case .handedToYouAt:
                return """
                    (SELECT h.created_at FROM handover h WHERE h.case_id = c.id AND h.status = 'pending' \
                    AND h.to_worker_id = ?) AS handed_to_you_at
                    """
            }
        }
    }

    static let caseRowColumns = "SELECT " + CaseRowColumn.allCases.map(\.sql).joined(separator: ",\n       ")

    static let caseRowFrom = """
        FROM case_file c
        LEFT JOIN person p ON p.id = c.subject_id
        LEFT JOIN worker w ON w.id = c.worker_id
        """

    /// Reads a row of `caseRowColumns` by position (see `CaseRowColumn`). A
    /// value the schema cannot hold throws, as everywhere in the store, rather
    /// than being shown as something else.
    static func caseRow(_ row: Row) throws -> CaseRow {
        typealias C = CaseRowColumn
        let reference: String = row[C.reference.rawValue]
        func damaged(_ column: C, _ value: String, _ problem: String) -> CaseloadError {
            StoredRow.damaged("the case \(reference)", String(column.sql.split(separator: ".").last ?? ""), value, problem: problem)
        }
        let statusText: String = row[C.status.rawValue]
        guard let status = CaseStatus(rawValue: statusText) else {
            throw damaged(.status, statusText, "which this version does not know")
        }
        let openedText: String = row[C.openedOn.rawValue]
        guard let openedOn = Day(iso: openedText) else { throw damaged(.openedOn, openedText, "which is not a date") }
        var nextDueOn: Day?
        if let text: String = row[C.nextDueOn.rawValue] {
            guard let day = Day(iso: text) else { throw damaged(.nextDueOn, text, "which is not a date") }
            nextDueOn = day
        }
        var dateOfBirth: Day?
        if let text: String = row[C.dateOfBirth.rawValue] {
            guard let day = Day(iso: text) else { throw damaged(.dateOfBirth, text, "which is not a date") }
            dateOfBirth = day
        }
        var lastContactAt: Date?
        if let text: String = row[C.lastContactAt.rawValue] {
            guard let moment = StoreTime.moment(text) else { throw damaged(.lastContactAt, text, "which is not a moment in time") }
            lastContactAt = moment
        }
        var handedToYouAt: Date?
        if let text: String = row[C.handedToYouAt.rawValue] {
            guard let moment = StoreTime.moment(text) else { throw StoredRow.damaged("the case \(reference)", "handover created_at", text, problem: "which is not a moment in time") }
            handedToYouAt = moment
        }
        return CaseRow(id: row[C.id.rawValue], reference: reference, child: row[C.child.rawValue],
                       dateOfBirth: dateOfBirth, yearGroup: row[C.yearGroup.rawValue], school: row[C.school.rawValue],
                       level: row[C.level.rawValue], status: status,
                       workerLogin: row[C.workerLogin.rawValue], workerName: row[C.workerName.rawValue],
                       openedOn: openedOn, nextDueOn: nextDueOn, lastContactAt: lastContactAt,
                       referralFlagged: row[C.flagged.rawValue],
                       safeguarding: row[C.safeguarding.rawValue], handoverPending: row[C.handoverPending.rawValue],
                       handedToYouAt: handedToYouAt)
    }
}

extension Store {
    /// Closes a case with a reason from the value list, an optional outcome
    /// and the family's feedback (nil: not recorded, as for a case closed
    /// before feedback was kept). The case's own worker or a supervisor may close it.
    public func closeCase(_ reference: String, reason: String, outcome: String?, feedback: ClosureFeedback? = nil,
                          by actor: ActingWorker, endingDraft draft: FormDraft? = nil) throws {
        try vocabulary.closureReasons.validate(reason)
        try TextLimits.check(outcome ?? "", field: "outcome", limit: TextLimits.note)
        try write(endingDraft: try draftKey(draft, of: actor)) { db in
            let identity = try caseIdentity(db, reference)
            try requireHolderOrSupervisor(identity, actor, doing: "close")
            guard identity.status != .closed else {
                throw CaseloadError.conflict("\(identity.reference) is already closed")
            }
            let at = now()
            try db.cachedStatement(sql: """
                UPDATE case_file SET status = 'closed', closed_on = ?, closure_reason = ?, outcome = coalesce(?, outcome),
                                     feedback_useful = ?, feedback_helped = ?, feedback_recommend = ?,
                                     updated_at = ?, updated_by = ?
                WHERE id = ?
                """).execute(arguments: [Day(at, in: timeZone).iso, reason, outcome, feedback?.useful.rawValue,
                                         feedback?.helped.rawValue, feedback?.recommend.rawValue, at, actor.workerId, identity.id])
            try withdrawWaitingHandovers(db, caseId: identity.id, why: "the case was closed", by: actor, at: at)
            try recordFieldChange(db, caseId: identity.id, "status", identity.status.rawValue, "closed",
                                  reason: try vocabulary.closureReasons.label(reason), by: actor, at: at)
            if let feedback {
                // Kept as changes as well: reopening clears the answers, and
                // the history keeps what each closure was told. The last
                // question first, so the timeline (newest first) reads them in
                // the order they are asked.
                for question in FeedbackQuestion.allCases.reversed() {
                    try recordFieldChange(db, caseId: identity.id, question.field, nil, feedback[question].rawValue,
                                          reason: nil, by: actor, at: at)
                }
            }
            try audit(db, actor, "case.close", caseId: identity.id, detail: reason)
        }
    }

    /// Reopens a closed case (a family comes back); the closure stays in the
    /// audit trail, and its feedback on the history, so the answers are
    /// cleared without a change of their own: the next closure asks afresh.
    public func reopenCase(_ reference: String, reason: String? = nil, by actor: ActingWorker,
                           endingDraft draft: FormDraft? = nil) throws {
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        try TextLimits.check(reason ?? "", field: "reason", limit: TextLimits.note)
        try write(endingDraft: try draftKey(draft, of: actor)) { db in
            let identity = try caseIdentity(db, reference)
            try requireHolderOrSupervisor(identity, actor, doing: "reopen")
            guard identity.status == .closed else {
                throw CaseloadError.conflict("\(identity.reference) is not closed")
            }
            let at = now()
            try db.cachedStatement(sql: """
                UPDATE case_file SET status = 'open', closed_on = NULL, closure_reason = NULL, feedback_useful = NULL,
                                     feedback_helped = NULL, feedback_recommend = NULL, updated_at = ?, updated_by = ?
                WHERE id = ?
                """).execute(arguments: [at, actor.workerId, identity.id])
            try recordFieldChange(db, caseId: identity.id, "status", "closed", "open", reason: reason?.isEmpty == false ? reason : nil,
                                  by: actor, at: at)
            try audit(db, actor, "case.reopen", caseId: identity.id, detail: reason?.isEmpty == false ? reason : nil)
        }
    }
}
