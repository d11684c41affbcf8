import CaseloadCore
import Foundation
import GRDB

public struct AuditEntry: Codable, Sendable, Equatable {
    public let at: Date
    public let workerLogin: String?
    public let osUser: String
    public let deviceId: String
    public let action: String
    public let caseReference: String?
    public let detail: String?
}

extension Store {
    /// The audit trail, newest first: for a supervisor, or for one case.
    /// Reading the trail is itself recorded.
    public func auditTrail(caseReference: String? = nil, limit: Int = 200, by actor: ActingWorker) throws -> [AuditEntry] {
        guard actor.isSupervisor else {
            throw CaseloadError.notAllowed("only a supervisor can read the audit trail")
        }
        return try write { db in
            var caseId: String?
            if let caseReference { caseId = try caseIdentity(db, caseReference).id }
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.at, w.login, a.os_user, a.device_id, a.action, c.reference, a.detail
                FROM audit_event a
                LEFT JOIN worker w ON w.id = a.worker_id
                LEFT JOIN case_file c ON c.id = a.case_id
                WHERE :case IS NULL OR a.case_id = :case
                ORDER BY a.seq DESC
                LIMIT :limit
                """, arguments: ["case": caseId, "limit": limit])
            try audit(db, actor, "audit.read", caseId: caseId)
            return try rows.map { row in
                let r = StoredRow(row, "an audit entry")
                return AuditEntry(at: try r.value("at"), workerLogin: try r.optional("login"), osUser: try r.value("os_user"),
                                  deviceId: try r.value("device_id"), action: try r.value("action"),
                                  caseReference: try r.optional("reference"), detail: try r.optional("detail"))
            }
        }
    }
}
