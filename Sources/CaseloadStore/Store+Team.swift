import CaseloadCore
import Foundation
import GRDB

/// One worker on the team view.
public struct TeamMember: Codable, Sendable, Equatable {
    public let login: String
    public let name: String
    public let role: WorkerRole
    public let employment: Employment
    public let endsOn: Day?
    public let openCases: Int
    public let weight: Int
    public let capacity: Int
    public let pendingHandovers: Int
    public let overdueKeyDates: Int

    public var load: CaseloadLoad { CaseloadLoad(weight: weight, capacity: capacity) }
}

public struct TeamOverview: Codable, Sendable, Equatable {
    public let members: [TeamMember]
    public let unallocated: Int
}

extension Store {
    /// Every current worker with their weighted caseload, agency end date,
    /// handovers waiting and overdue key dates; and the unallocated queue.
    /// For supervisors. The count and the weight are of open cases (an
    /// inactive one expects no work for now, so weighs nothing), but an
    /// inactive case's key dates are still tracked, so its overdue ones count.
    public func team(by actor: ActingWorker) throws -> TeamOverview {
        guard actor.isSupervisor else { throw CaseloadError.notAllowed("only a supervisor can see the whole team") }
        return try write { db in
            let today = self.today.iso
            let rows = try Row.fetchAll(db, sql: """
                SELECT w.login, w.name, w.role, w.employment, w.ends_on, w.capacity,
                       (SELECT count(*) FROM case_file c WHERE c.worker_id = w.id AND c.status = 'open') AS open_cases,
                       (SELECT coalesce(sum(\(try caseWeightSQL)), 0)
                        FROM case_file c WHERE c.worker_id = w.id AND c.status = 'open') AS weight,
                       (SELECT count(*) FROM handover h WHERE h.status = 'pending'
                        AND (h.from_worker_id = w.id OR h.to_worker_id = w.id)) AS pending,
                       (SELECT count(*) FROM case_file c WHERE c.worker_id = w.id AND c.status IN ('open', 'inactive')
                        AND c.next_due_on < ?) AS overdue
                FROM worker w WHERE w.ended_at IS NULL OR w.ended_at > ?
                ORDER BY w.name COLLATE NOCASE
                """, arguments: [today, now()])
            let unallocated = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM case_file WHERE worker_id IS NULL AND status = 'open'
                """) ?? 0
            try audit(db, actor, "team.read")
            return TeamOverview(members: try rows.map { row in
                let r = StoredRow(row, "a worker")
                return TeamMember(login: try r.value("login"), name: try r.value("name"), role: try r.known("role"),
                                  employment: try r.known("employment"), endsOn: try r.optionalDay("ends_on"),
                                  openCases: try r.value("open_cases"), weight: try r.value("weight"),
                                  capacity: try r.value("capacity"), pendingHandovers: try r.value("pending"),
                                  overdueKeyDates: try r.value("overdue"))
            }, unallocated: unallocated)
        }
    }
}
