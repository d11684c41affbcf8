import CaseloadCore
import Foundation

/// What a supervisor is told before a leaving worker's caseload moves: the
/// same words in the front end's wizard and on the command line, so the two
/// never disagree about what the move will do.
public enum LeavingNotes {
    /// "83 cases (76 open, 7 inactive)". Open is what the team view counts;
    /// inactive cases move too, so both are named.
    public static func count(_ cases: [LeaverCase]) -> String {
        let open = cases.filter { $0.status == CaseStatus.open.rawValue }.count
        guard open != cases.count else { return Plural.count(open, "open case") }
        return "\(Plural.count(cases.count, "case")) (\(open) open, \(cases.count - open) inactive)"
    }

    /// The handovers waiting on the leaver and what the move does to them,
    /// one sentence each; none when nothing waits.
    public static func handovers(leaver: String, cases: [LeaverCase], handedToThem: [HandedCase]) -> [String] {
        var lines: [String] = []
        let theirs = cases.filter { $0.handedTo != nil }.count
        if theirs > 0 {
            lines.append("\(Plural.count(theirs, "handover")) \(leaver) made \(theirs == 1 ? "is" : "are") still waiting: "
                + "\(theirs == 1 ? "it" : "they") will be withdrawn and the \(Plural.noun(theirs, "case")) split with the rest.")
        }
        let handed = handedToThem.count
        if handed > 0 {
            let from = Set(handedToThem.map { $0.from ?? "the unallocated queue" }).sorted().joined(separator: ", ")
            lines.append("\(Plural.count(handed, "case")) handed to \(leaver) \(handed == 1 ? "waits" : "wait") for acceptance: "
                + "the \(Plural.noun(handed, "handover")) will be withdrawn and \(handed == 1 ? "the case stays" : "each case stays")"
                + " with who handed it over (\(from)).")
        }
        return lines
    }

    /// A warning for each receiver the split pushes past capacity (the team
    /// view's red, over 110%), with their load before and after.
    public static func capacityWarnings(_ shares: [HandoverShare]) -> [String] {
        shares.compactMap { share in
            let before = CaseloadLoad(weight: share.weightBefore, capacity: share.capacity)
            let after = CaseloadLoad(weight: share.weightAfter, capacity: share.capacity)
            guard after.weight > before.weight, after.status == .red else { return nil }
            return "Over capacity: \(share.login) goes from \(before.percent)% to \(after.percent)% "
                + "(red above 110%); give some of the cases to someone else."
        }
    }
}
