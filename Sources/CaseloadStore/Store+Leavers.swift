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
            return try rows.map { row in
                let r = StoredRow(row, "a case")
                return LeaverCase(reference: try r.value("reference"), child: try r.optional("full_name"), level: try r.value("level"),
                                  weight: try r.value("weight"), status: (try r.known("status") as CaseStatus).rawValue,
                                  nextDueOn: try r.optionalDay("next_due_on"))
            }.sorted { ($1.weight, $0.reference) < ($0.weight, $1.reference) }
        }
    }
}
