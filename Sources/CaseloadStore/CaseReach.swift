import CaseloadCore
import Foundation
import GRDB

/// What a change does to a case, and so who may make it. A caseworker's
/// reach ends at their caseload: outside it they may add to a case's record
/// when they say why (a duty worker answering a family's call), but the
/// case's course stays with its worker and the supervisors.
public enum CaseWrite: Sendable, Equatable {
    /// Adds to the record: a contact or its correction, a key event learnt,
    /// a flag for family support, the family told of their new worker. The
    /// value is the audit action, recorded with the reason.
    case record(String)
    /// Decides the case's course: moving a referral on, the family's consent
    /// to it, completing the case's actions, settling key dates, handing the
    /// case over, closing and reopening it. The value says what, in a
    /// sentence ("move the referral on").
    case decide(String)
    /// A safeguarding concern: never refused, on any case, open or closed. A
    /// reason for acting outside the caseload is recorded when given.
    case safeguarding
}

extension CaseloadError {
    /// The refusal of a change to a closed case. It names both ways of
    /// reopening so the command line and the front end say the same thing.
    public static func caseClosed(_ reference: String) -> CaseloadError {
        .conflict("\(reference) is closed; reopen it first, saying why "
            + "(caseload case reopen \(reference) --reason TEXT, or R in its case file)")
    }
}

extension Store {
    /// Whether `actor` may make this change to the case now, asked before a
    /// form is filled in: it throws the refusal the change itself would.
    /// Nothing is recorded.
    public func checkReach(_ reference: String, for write: CaseWrite, reason: String?, by actor: ActingWorker) throws {
        try read { db in
            _ = try reach(db, try caseIdentity(db, reference), write, reason: reason, by: actor)
        }
    }

    /// Checks a change against the acting worker's reach and the case's
    /// state, inside the change's own transaction, and records in the audit
    /// trail why a worker acted on a case outside their caseload.
    func requireReach(_ db: Database, _ identity: CaseIdentity, _ write: CaseWrite, reason: String?,
                      by actor: ActingWorker) throws {
        guard let (action, detail) = try reach(db, identity, write, reason: reason, by: actor) else { return }
        try audit(db, actor, action, caseId: identity.id, detail: detail)
    }

    /// The rule itself; returns the audit action and detail to record for a
    /// change outside the caseload, or nil for one within it. Only a change
    /// made with a reason is a `case.write`, which lets its author read the
    /// case afterwards (`hasRead`); a concern recorded without one is not.
    private func reach(_ db: Database, _ identity: CaseIdentity, _ write: CaseWrite, reason: String?,
                       by actor: ActingWorker) throws -> (action: String, detail: String)? {
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        if let reason { try TextLimits.check(reason, field: "reason", limit: TextLimits.note) }
        switch write {
        case .decide(let what):
            try requireHolderOrSupervisor(identity, actor, doing: what)
            if identity.status == .closed { throw CaseloadError.caseClosed(identity.reference) }
            return nil
        case .record(let action):
            if identity.status == .closed { throw CaseloadError.caseClosed(identity.reference) }
            guard try !withinCaseload(db, identity, actor) else { return nil }
            guard let reason else {
                throw CaseloadError.notAllowed("\(identity.reference) is \(holder(identity)), not in your caseload; "
                    + "say why you are acting on it, which is recorded", field: .reason)
            }
            return ("case.write", "\(action): \(reason)")
        case .safeguarding:
            guard try !withinCaseload(db, identity, actor) else { return nil }
            guard let reason else {
                return ("safeguarding.outside", "no reason given (a concern is never held up for one)")
            }
            return ("case.write", "safeguarding.record: " + reason)
        }
    }

    /// The case's worker, a supervisor, or the worker it is handed to and
    /// waiting for them to accept.
    private func withinCaseload(_ db: Database, _ identity: CaseIdentity, _ actor: ActingWorker) throws -> Bool {
        try actor.isSupervisor || identity.workerId == actor.workerId || isHandedTo(db, caseId: identity.id, actor)
    }

    /// Whose the case is, for a refusal: "Amira Khan's case (amira)".
    private func holder(_ identity: CaseIdentity) -> String {
        guard let login = identity.workerLogin else { return "in the unallocated queue" }
        return "\(identity.workerName ?? login)'s case (\(login))"
    }

    /// Only the case's worker or a supervisor decides its course; the
    /// refusal names who can.
    func requireHolderOrSupervisor(_ identity: CaseIdentity, _ actor: ActingWorker, doing verb: String) throws {
        guard actor.isSupervisor || identity.workerId == actor.workerId else {
            guard let login = identity.workerLogin else {
                throw CaseloadError.notAllowed("\(identity.reference) has no worker, so only a supervisor can \(verb) it")
            }
            throw CaseloadError.notAllowed("only \(identity.workerName ?? login) (\(login)), the case's worker, "
                + "or a supervisor can \(verb) \(identity.reference)")
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
