import CaseloadCore
import CaseloadStore
import Foundation

/// A supervisor moving a leaving worker's caseload: choose the receivers,
/// take the proposed split, adjust it case by case, preview and confirm once.
public struct LeavingPlan: Equatable, Sendable {
    public enum Step: Equatable, Sendable {
        case receivers, adjust, preview
    }

    public let leaver: WorkerSummary
    public let cases: [LeaverCase]
    /// Cases other workers have handed to the leaver, waiting for them to
    /// accept: the move withdraws those handovers.
    public let handedToLeaver: [HandedCase]
    /// Workers who could take cases: active, not the leaver.
    public let candidates: [WorkerSummary]
    public var chosen: Set<String> = []
    /// Which receiver each case goes to, by reference.
    public var assignment: [String: String] = [:]
    public var step: Step = .receivers
    public var selected = 0
    /// Sign the handovers off now, so the cases move at once.
    public var signOffNow = true
    /// End the leaver's employment once the cases have moved.
    public var endWorker = true

    public init(leaver: WorkerSummary, cases: [LeaverCase], candidates: [WorkerSummary], handedToLeaver: [HandedCase] = []) {
        self.leaver = leaver
        self.cases = cases
        self.handedToLeaver = handedToLeaver
        self.candidates = candidates
    }

    /// The chosen receivers in the order they are listed.
    public var receivers: [WorkerSummary] { candidates.filter { chosen.contains($0.login) } }

    /// Takes a proposed split from the store.
    public mutating func apply(_ shares: [HandoverShare]) {
        assignment = [:]
        for share in shares {
            for reference in share.cases { assignment[reference] = share.login }
        }
        step = .adjust
        selected = 0
    }

    /// Moves the selected case to the next (or previous) receiver.
    public mutating func cycle(_ step: Int) {
        let logins = receivers.map(\.login)
        guard let item = cases[safe: selected], !logins.isEmpty else { return }
        let current = assignment[item.reference].flatMap { logins.firstIndex(of: $0) } ?? -1
        assignment[item.reference] = logins[((current + step) % logins.count + logins.count) % logins.count]
    }

    /// What the wizard says before anything moves: the count as the team
    /// view counts, and what happens to the handovers waiting on the leaver.
    public var countText: String { LeavingNotes.count(cases) }
    public var handoverNotes: [String] {
        LeavingNotes.handovers(leaver: leaver.login, cases: cases, handedToThem: handedToLeaver)
    }
    public var capacityWarnings: [String] { LeavingNotes.capacityWarnings(shares) }

    /// The day the leaver is ended on: their agency end date when they have one.
    public var endsOn: Day? { leaver.endsOn }

    /// A receiver before and after, counted as the team view counts: open
    /// cases and their weight; inactive cases taken are shown beside them.
    public struct Row: Equatable, Sendable {
        public let worker: WorkerSummary
        public let casesAfter: Int
        public let inactiveTaken: Int
        public let weightAfter: Int
        public var loadBefore: CaseloadLoad { CaseloadLoad(weight: worker.weight, capacity: worker.capacity) }
        public var loadAfter: CaseloadLoad { CaseloadLoad(weight: weightAfter, capacity: worker.capacity) }
    }

    /// Each receiver before and after, as the plan stands.
    public var preview: [Row] {
        receivers.map { worker in
            let mine = cases.filter { assignment[$0.reference] == worker.login }
            let open = mine.filter { $0.status == CaseStatus.open.rawValue }
            return Row(worker: worker, casesAfter: worker.openCases + open.count, inactiveTaken: mine.count - open.count,
                       weightAfter: worker.weight + open.reduce(0) { $0 + $1.weight })
        }
    }

    /// The plan as the store takes it.
    public var shares: [HandoverShare] {
        preview.map { row in
            HandoverShare(login: row.worker.login, capacity: row.worker.capacity, casesBefore: row.worker.openCases,
                          weightBefore: row.worker.weight,
                          cases: cases.map(\.reference).filter { assignment[$0] == row.worker.login },
                          weightAfter: row.weightAfter)
        }
    }
}
