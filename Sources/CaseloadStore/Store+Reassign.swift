import CaseloadCore
import Foundation
import GRDB

/// What a reassignment did: the cases moved, and those the worker held already.
public struct ReassignOutcome: Sendable, Equatable {
    public let moved: [String]
    public let alreadyTheirs: [String]

    /// "Reassigned 2 cases to ben; C-2026-00003 was already theirs."
    public func summary(to login: String) -> String {
        "Reassigned \(Plural.count(moved.count, "case")) to \(login)"
            + (alreadyTheirs.isEmpty ? "." : "; \(alreadyTheirs.joined(separator: ", ")) "
                + (alreadyTheirs.count == 1 ? "was" : "were") + " already theirs.")
    }
}

extension Store {
    /// Moves cases to another worker at once, with a reason. Only a supervisor
    /// may: a caseworker passes on their own cases by handover instead. A
    /// case the worker already holds stays as it is and is named in the
    /// outcome; when every case is theirs already, nothing is done and the
    /// refusal says so.
    @discardableResult
    public func reassign(_ references: [String], toLogin login: String, reason: String, by actor: ActingWorker,
                         endingDraft draft: FormDraft? = nil) throws -> ReassignOutcome {
        guard actor.isSupervisor else {
            throw CaseloadError.notAllowed("only a supervisor can reassign a case; to pass on your own case, hand it over")
        }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw CaseloadError.invalid("a reassignment needs a reason", field: .reason) }
        return try write(endingDraft: try draftKey(draft, of: actor)) { db in
            let target = try receivingWorkerId(db, login: login)
            let at = now()
            var moved: [String] = [], alreadyTheirs: [String] = []
            for reference in references {
                let identity = try caseIdentity(db, reference)
                if identity.status == .closed { throw CaseloadError.caseClosed(identity.reference) }
                guard !moved.contains(identity.reference), !alreadyTheirs.contains(identity.reference) else { continue }
                guard identity.workerId != target else {
                    alreadyTheirs.append(identity.reference)
                    continue
                }
                moved.append(identity.reference)
                try withdrawWaitingHandovers(db, caseId: identity.id, why: "the case was reassigned to \(login): \(reason)",
                                             by: actor, at: at)
                try insertAssignment(db, caseId: identity.id, workerId: target, kind: .reassignment, reason: reason,
                                     by: actor, at: at)
                try audit(db, actor, "case.reassign", caseId: identity.id, detail: "to \(login): \(reason)")
            }
            if moved.isEmpty {
                throw CaseloadError.conflict(alreadyTheirs.count == 1
                    ? "\(alreadyTheirs[0]) is already \(login)'s case; nothing was reassigned"
                    : "\(alreadyTheirs.joined(separator: ", ")) are already \(login)'s cases; nothing was reassigned")
            }
            return ReassignOutcome(moved: moved, alreadyTheirs: alreadyTheirs)
        }
    }
}
