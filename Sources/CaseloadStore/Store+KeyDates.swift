import CaseloadCore
import Foundation
import GRDB

extension Store {
    /// Records a key date on a case; the calendar computes when it falls due.
    @discardableResult
    public func addKeyDate(to reference: String, rule: DeadlineRule, from anchor: Day, mediationCertificate: Day? = nil,
                           note: String? = nil, by actor: ActingWorker) throws -> Deadline {
        let deadline = try deadlines.deadline(rule, from: anchor, mediationCertificate: mediationCertificate)
        try TextLimits.check(note ?? "", field: "note", limit: TextLimits.note)
        try write { db in
            let identity = try caseIdentity(db, reference)
            try insertKeyDate(db, caseId: identity.id, deadline, note: note, by: actor, at: now())
            try audit(db, actor, "keydate.add", caseId: identity.id, detail: "\(rule.rawValue) due \(deadline.due.iso)")
        }
        return deadline
    }

    func insertKeyDate(_ db: Database, caseId: String, _ deadline: Deadline, note: String?, by actor: ActingWorker,
                       at: Date) throws {
        try db.execute(sql: """
            INSERT INTO key_date (id, case_id, rule, anchor_on, mediation_certificate_on, due_on, status, note,
                                  created_at, created_by, device_id, updated_at, updated_by)
            VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)
            """, arguments: [UUIDv7.make(at: at), caseId, deadline.rule.rawValue, deadline.anchor.iso,
                             deadline.mediationCertificate?.iso, deadline.due.iso, note, at, actor.workerId, deviceId,
                             at, actor.workerId])
    }
}
