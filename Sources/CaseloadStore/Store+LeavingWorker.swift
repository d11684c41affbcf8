import CaseloadCore
import CaseloadResources
import Foundation
import GRDB

extension Store {
    /// "A worker is leaving", in the front end and `handover --all`: settles
    /// the handovers waiting to or from the leaver, hands the caseload over
    /// as planned and, when asked, signs every handover off (the cases move
    /// at once) and ends the worker, all in one transaction, so a refusal at
    /// any step leaves everything as it was.
    public func moveLeavingCaseload(_ shares: [HandoverShare], from leaver: String, signOff: Bool, endWorker end: Bool,
                                    summary note: String? = nil, by actor: ActingWorker) throws -> [HandoverOutcome] {
        guard actor.isSupervisor else {
            throw CaseloadError.notAllowed("only a supervisor can move a leaving worker's caseload")
        }
        if end, !signOff, shares.contains(where: { !$0.cases.isEmpty }) {
            throw CaseloadError.invalid("\(leaver) can only be ended once their handovers are signed off or accepted; "
                + "sign them off now, or end \(leaver) later from the team view")
        }
        if let note { try TextLimits.check(note, field: "summary", limit: TextLimits.note) }
        return try write { db in
            let name = try String.fetchOne(db, sql: "SELECT name FROM worker WHERE login = ?", arguments: [leaver]) ?? leaver
            // The handovers waiting on the leaver are settled first, saying
            // why, so none is left behind to fail the ending or move a case later.
            var goingTo: [String: String] = [:]
            for share in shares { for reference in share.cases { goingTo[reference] = share.login } }
            try settleLeaversHandovers(db, leaver, goingTo: goingTo, by: actor)
            var summary = "\(name) is leaving the service; their caseload was moved by \(actor.name) on \(today)."
            if let note = note?.trimmingCharacters(in: .whitespacesAndNewlines), !note.isEmpty { summary = note + "\n\n" + summary }
            var outcomes = try handOverCaseload(db, shares, from: leaver, summary: summary, by: actor)
            if let refused = outcomes.first(where: { !$0.done }) {
                throw CaseloadError.conflict("\(refused.reference) could not be handed over: \(refused.message). Nothing was moved")
            }
            if signOff {
                outcomes = try outcomes.map { try acceptOne(db, $0.reference, by: actor) }
            }
            if end { try endWorker(db, leaver, on: nil, by: actor) }
            return outcomes
        }
    }

    /// The letter telling a family who their new worker is, filled from the
    /// service's template in Resources/letters.
    public func newWorkerLetter(_ reference: String, by actor: ActingWorker) throws -> String {
        let template = Template(String(decoding: try ResourceFiles.data("letters/new-worker.txt"), as: UTF8.self))
        return SafeText.block(template.fill(try newWorkerLetterValues(reference, by: actor)))
    }
}
