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
    /// The worker a handover of this case waits for, if one does: the
    /// leaver handed it on and the receiver has not accepted it yet.
    public var handedTo: String? = nil
}

/// One receiver's share of a leaving worker's caseload, before and after.
public struct HandoverShare: Codable, Sendable, Equatable {
    public let login: String
    public let capacity: Int
    public let casesBefore: Int
    public let weightBefore: Int
    public let cases: [String]
    public let weightAfter: Int

    /// For a split adjusted by hand (a case moved from one receiver to another).
    public init(login: String, capacity: Int, casesBefore: Int, weightBefore: Int, cases: [String], weightAfter: Int) {
        self.login = login
        self.capacity = capacity
        self.casesBefore = casesBefore
        self.weightBefore = weightBefore
        self.cases = cases
        self.weightAfter = weightAfter
    }
}

extension Store {
    /// The open and inactive cases a worker holds (what `proposeSplit`
    /// moves), heaviest first and then by reference, each with the handover
    /// waiting on it: for a supervisor adjusting a split by hand. A case's
    /// weight is what it would weigh open (an inactive case weighs nothing
    /// on the team view until it is opened again). Recorded as a listing.
    public func cases(heldBy login: String, by actor: ActingWorker) throws -> [LeaverCase] {
        try requireLeaverOrSupervisor(login, actor)
        return try write { db in
            let holder = try workerId(db, login: login)
            let rows = try Row.fetchAll(db, sql: """
                SELECT c.reference, p.full_name, c.level, \(try caseWeightSQL) AS weight, c.status, c.next_due_on,
                       (SELECT w.login FROM handover h JOIN worker w ON w.id = h.to_worker_id
                        WHERE h.case_id = c.id AND h.status = 'pending') AS handed_to
                FROM case_file c LEFT JOIN person p ON p.id = c.subject_id
                WHERE c.worker_id = ? AND c.status != 'closed'
                """, arguments: [holder])
            try audit(db, actor, "case.list", detail: "held-by:\(login) status:open,inactive rows:\(rows.count)")
            return try rows.map { row in
                let r = StoredRow(row, "a case")
                return LeaverCase(reference: try r.value("reference"), child: try r.optional("full_name"), level: try r.value("level"),
                                  weight: try r.value("weight"), status: (try r.known("status") as CaseStatus).rawValue,
                                  nextDueOn: try r.optionalDay("next_due_on"), handedTo: try r.optional("handed_to"))
            }.sorted { ($1.weight, $0.reference) < ($0.weight, $1.reference) }
        }
    }

    /// The cases handed to a worker and waiting for them to accept, for a
    /// supervisor moving the worker's caseload as they leave. Recorded as a
    /// listing, as the cases they hold are.
    public func casesHandedTo(login: String, by actor: ActingWorker) throws -> [HandedCase] {
        try requireLeaverOrSupervisor(login, actor)
        return try write { db in
            let handed = try handedCases(db, to: try workerId(db, login: login))
            try audit(db, actor, "case.list", detail: "handed-to:\(login) rows:\(handed.count)")
            return handed
        }
    }

    /// Splits a leaving worker's open and inactive cases across receivers so
    /// their weighted caseloads (as a share of capacity) end up as even as
    /// possible: heaviest open cases first, each to the receiver with most
    /// room. Inactive cases weigh nothing on the team view, so they are
    /// shared out by number, to whoever has taken fewest, and add no weight.
    /// Only a supervisor, or the leaving worker for their own caseload, may
    /// see it: a split shows the leaver's cases and decides where they go.
    public func proposeSplit(from leaver: String, to receivers: [String], by actor: ActingWorker) throws -> [HandoverShare] {
        try requireLeaverOrSupervisor(leaver, actor)
        guard !receivers.isEmpty else { throw CaseloadError.invalid("name at least one receiving worker", field: .to) }
        guard !receivers.contains(leaver) else { throw CaseloadError.invalid("\(leaver) cannot receive their own cases") }
        return try read { db in
            let leaverId = try workerId(db, login: leaver)
            var shares: [(login: String, capacity: Int, cases: Int, before: Int, taken: [String], after: Int)] = []
            for login in receivers {
                let id = try receivingWorkerId(db, login: login)
                let row = StoredRow(try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT w.capacity, count(c.id) AS cases,
                           coalesce(sum(\(try caseWeightSQL)), 0) AS weight
                    FROM worker w LEFT JOIN case_file c ON c.worker_id = w.id AND c.status = 'open'
                    WHERE w.id = ? GROUP BY w.id
                    """), arguments: [id])!, "a worker")
                let weight: Int = try row.value("weight")
                shares.append((login, try row.value("capacity"), try row.value("cases"), weight, [], weight))
            }
            let cases = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT c.reference, c.status = 'open' AS open, \(try caseWeightSQL) AS weight FROM case_file c
                WHERE c.worker_id = ? AND c.status != 'closed' ORDER BY open DESC, weight DESC, c.seq
                """), arguments: [leaverId])
            var inactiveTaken = Array(repeating: 0, count: shares.count)
            for row in cases {
                let r = StoredRow(row, "a case")
                let weight: Int = try r.value("weight")
                let index: Int
                if try r.value("open") {
                    index = shares.indices.min { a, b in
                        Double(shares[a].after + weight) / Double(shares[a].capacity)
                            < Double(shares[b].after + weight) / Double(shares[b].capacity)
                    }!
                    shares[index].after += weight
                } else {
                    index = shares.indices.min { a, b in
                        (inactiveTaken[a], Double(shares[a].after) / Double(shares[a].capacity))
                            < (inactiveTaken[b], Double(shares[b].after) / Double(shares[b].capacity))
                    }!
                    inactiveTaken[index] += 1
                }
                shares[index].taken.append(try r.value("reference"))
            }
            return shares.map {
                HandoverShare(login: $0.login, capacity: $0.capacity, casesBefore: $0.cases, weightBefore: $0.before,
                              cases: $0.taken, weightAfter: $0.after)
            }
        }
    }

    /// Hands a leaving worker's whole caseload over in one transaction, split
    /// as `proposeSplit` says or as adjusted by hand, each handover signed off
    /// by the supervisor and waiting for its receiver to accept. Every share
    /// is checked before anything is written: a case the leaver does not
    /// hold, or one named in two shares, refuses the lot.
    public func handOverCaseload(_ shares: [HandoverShare], from leaver: String, summary: String,
                                 by actor: ActingWorker) throws -> [HandoverOutcome] {
        guard actor.isSupervisor else {
            throw CaseloadError.notAllowed("only a supervisor can move a leaving worker's caseload")
        }
        let summary = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !summary.isEmpty else {
            throw CaseloadError.invalid("a handover needs a summary from the outgoing worker", field: .summary)
        }
        try TextLimits.check(summary, field: "summary", limit: TextLimits.note)
        return try write { db in try handOverCaseload(db, shares, from: leaver, summary: summary, by: actor) }
    }

    func handOverCaseload(_ db: Database, _ shares: [HandoverShare], from leaver: String, summary: String,
                      by actor: ActingWorker) throws -> [HandoverOutcome] {
        let leaverId = try workerId(db, login: leaver)
        var shareOf: [String: String] = [:]
        var plan: [(identity: CaseIdentity, receiver: String, login: String)] = []
        for share in shares {
            guard share.login != leaver else {
                throw CaseloadError.invalid("\(leaver) cannot receive their own cases; give \(leaver)'s share to another worker")
            }
            let receiver = try receivingWorkerId(db, login: share.login)
            for reference in share.cases {
                let identity = try caseIdentity(db, reference)
                if let other = shareOf[identity.reference] {
                    throw CaseloadError.invalid("\(identity.reference) is in both \(other)'s and \(share.login)'s shares; "
                        + "keep it in one of them. Nothing was handed over")
                }
                let held = try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT c.status, w.login FROM case_file c LEFT JOIN worker w ON w.id = c.worker_id WHERE c.id = ?
                    """), arguments: [identity.id])!
                let status: String = held["status"]
                guard identity.workerId == leaverId, status != CaseStatus.closed.rawValue else {
                    let why = status == CaseStatus.closed.rawValue ? "it is closed"
                        : (held["login"] as String?).map { "it is held by \($0)" } ?? "it is unallocated"
                    throw CaseloadError.invalid("\(identity.reference) is in \(share.login)'s share but \(leaver) does not hold it "
                        + "(\(why)); take it out of the share or propose the split again. Nothing was handed over")
                }
                shareOf[identity.reference] = share.login
                plan.append((identity, receiver, share.login))
            }
        }
        return try plan.map { step in
            try handOverOne(db, step.identity, to: step.receiver, login: step.login, summary: summary,
                            signOff: true, by: actor)
        }
    }

    /// Settles every handover waiting to or from a leaving worker as their
    /// caseload moves, so none can move a case after they have gone: one they
    /// made is withdrawn (the case goes with the rest of their caseload, as
    /// `goingTo` says); one made to them is withdrawn and the case stays with
    /// whoever handed it.
    func settleLeaversHandovers(_ db: Database, _ leaver: String, goingTo: [String: String], by actor: ActingWorker) throws {
        let leaverId = try workerId(db, login: leaver)
        let at = now()
        for row in try Row.fetchAll(db, sql: """
            SELECT DISTINCT h.case_id, c.reference, coalesce(h.from_worker_id = ?, 0) AS theirs, g.login AS giver
            FROM handover h JOIN case_file c ON c.id = h.case_id LEFT JOIN worker g ON g.id = h.from_worker_id
            WHERE h.status = 'pending' AND (h.from_worker_id = ? OR h.to_worker_id = ?)
            """, arguments: [leaverId, leaverId, leaverId]) {
            let r = StoredRow(row, "a handover")
            let why: String
            if try r.value("theirs") {
                why = goingTo[try r.value("reference")].map { "\(leaver) is leaving; the case goes to \($0) with the rest of their caseload" }
                    ?? "\(leaver) is leaving"
            } else {
                why = "\(leaver) is leaving; the case stays with " + ((try r.optional("giver") as String?) ?? "the unallocated queue")
            }
            try withdrawWaitingHandovers(db, caseId: try r.value("case_id"), why: why, by: actor, at: at)
        }
    }

    /// Ends a worker on their last day: the day given, or else the end date
    /// on their record (an agency contract's), or else today. A last day
    /// still to come leaves them able to work until it is over; today or
    /// earlier ends them at once. Refused for a day before their start, and
    /// while they hold any case or any handover is waiting from them, naming
    /// which; a handover waiting for them is withdrawn.
    /// Returns their last day.
    @discardableResult
    public func endWorker(_ login: String, on day: Day? = nil, by actor: ActingWorker) throws -> Day {
        guard actor.isSupervisor else { throw CaseloadError.notAllowed("only a supervisor can end a worker") }
        return try write { db in try endWorker(db, login, on: day, by: actor) }
    }

    @discardableResult
    func endWorker(_ db: Database, _ login: String, on day: Day?, by actor: ActingWorker) throws -> Day {
        let id = try workerId(db, login: login)
        guard let row = try Row.fetchOne(db, sql: "SELECT starts_on, ends_on FROM worker WHERE id = ?", arguments: [id]) else {
            throw CaseloadError.notFound("no current worker with the login \(SafeText.inline(login))")
        }
        let record = StoredRow(row, "a worker")
        let starts = try record.day("starts_on")
        let lastDay = try day ?? record.optionalDay("ends_on") ?? today
        try DateRange.workerEnd.check(lastDay)
        guard lastDay >= starts else {
            throw CaseloadError.invalid("the last day \(lastDay) is before \(login)'s start date, \(starts); give a day from \(starts) on")
        }
        let at = now()
        // The moment they can no longer act: now, or the end of a last day to come.
        let leaves = lastDay > today ? try Moment.parse(try lastDay.adding(days: 1).formatted + " 00:00", in: timeZone) : at
        // Cases handed to the leaver stay with whoever handed them.
        for caseId in try String.fetchAll(db.cachedStatement(sql: """
            SELECT case_id FROM handover WHERE status = 'pending' AND to_worker_id = ?
            """), arguments: [id]) {
            try withdrawWaitingHandovers(db, caseId: caseId, why: "\(login), who was to receive it, has left", by: actor, at: at)
        }
        let held = try String.fetchAll(db.cachedStatement(sql: """
            SELECT reference FROM case_file WHERE worker_id = ? AND status != 'closed' ORDER BY reference
            """), arguments: [id])
        let waiting = try String.fetchAll(db.cachedStatement(sql: """
            SELECT c.reference FROM handover h JOIN case_file c ON c.id = h.case_id
            WHERE h.status = 'pending' AND h.from_worker_id = ? ORDER BY c.reference
            """), arguments: [id])
        var problems: [String] = []
        if !held.isEmpty { problems.append("still holds \(Self.listed(held))") }
        if !waiting.isEmpty { problems.append("has handovers waiting to be accepted on \(Self.listed(waiting))") }
        guard problems.isEmpty else {
            throw CaseloadError.conflict("\(login) cannot be ended: \(login) " + problems.joined(separator: " and ")
                + "; hand the cases over and have the handovers accepted first")
        }
        try db.execute(sql: "UPDATE worker SET ended_at = ?, ends_on = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                       arguments: [leaves, lastDay.iso, at, actor.workerId, id])
        try audit(db, actor, "worker.end", detail: lastDay > today ? "\(login), last day \(lastDay)" : login)
        return lastDay
    }

    private static func listed(_ references: [String]) -> String {
        let shown = references.prefix(10).joined(separator: ", ")
        return "\(Plural.count(references.count, "case")) (\(shown)\(references.count > 10 ? ", …" : ""))"
    }
}

extension Store {
    /// A leaving worker's caseload, its split and the handovers waiting for
    /// them are a supervisor's to see, or the worker's own.
    func requireLeaverOrSupervisor(_ leaver: String, _ actor: ActingWorker) throws {
        guard actor.isSupervisor || actor.login == leaver else {
            throw CaseloadError.notAllowed("only a supervisor, or \(SafeText.inline(leaver)) for their own caseload, "
                + "can see how a leaving worker's cases would be split")
        }
    }
}
