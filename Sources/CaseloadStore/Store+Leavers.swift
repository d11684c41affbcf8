import CaseloadCore
import Foundation
import GRDB

/// One case a leaving worker holds, with the weight a split counts it at.
public struct LeaverCase: Codable, Sendable, Equatable {
    public let reference: String
    public let child: String?
    public let level: Int
    public let weight: Int
    public let status: String
    public let nextDueOn: Day?
}

extension Store {
    /// The open and inactive cases a worker holds (what `proposeSplit`
    /// moves), heaviest first and then by reference, weighed as it weighs
    /// them: for a supervisor adjusting a split by hand. Recorded as a listing.
    public func cases(heldBy login: String, by actor: ActingWorker) throws -> [LeaverCase] {
        guard actor.isSupervisor else {
            throw CaseloadError.notAllowed("only a supervisor can see a leaving worker's caseload for a split")
        }
        return try write { db in
            let holder = try workerId(db, login: login)
            let rows = try Row.fetchAll(db, sql: """
                SELECT c.reference, p.full_name, c.level, \(try caseWeightSQL) AS weight, c.status, c.next_due_on
                FROM case_file c LEFT JOIN person p ON p.id = c.subject_id
                WHERE c.worker_id = ? AND c.status != 'closed'
                """, arguments: [holder])
            try audit(db, actor, "case.list", detail: "held-by:\(login) status:open,inactive rows:\(rows.count)")
            return rows.map { row in
                LeaverCase(reference: row["reference"], child: row["full_name"], level: row["level"], weight: row["weight"],
                           status: row["status"], nextDueOn: (row["next_due_on"] as String?).flatMap(Day.init(iso:)))
            }.sorted { ($1.weight, $0.reference) < ($0.weight, $1.reference) }
        }
    }
}
