import ArgumentParser
import CaseloadCore
import CaseloadStore

struct HandoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handover",
        abstract: "Hand cases to another worker, or a leaving worker's whole caseload to several.",
        discussion: """
            caseload handover REF... --to LOGIN --summary TEXT
            caseload handover --from LOGIN --to LOGIN[,LOGIN...] --all [--dry-run] [--sign-off [--end]] [--summary TEXT]
            A handover waits until the receiver accepts it (caseload accept REF...); until then the old worker \
            stays responsible. With --all, as the front end's "a worker is leaving": handovers waiting on the \
            leaver are withdrawn in the same move (theirs go with the rest of the caseload; ones to them stay \
            with who handed them), --sign-off moves the cases at once and --end then ends the leaver (on their \
            agency end date if they have one).
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Case references.", valueName: "REF"))
    var references: [String] = []

    @Option(help: ArgumentHelp("The receiving worker, or several separated by commas with --all.", valueName: "LOGIN"))
    var to: String

    @Option(help: ArgumentHelp("The outgoing worker's summary; the facts on file are added to it.", valueName: "TEXT"))
    var summary: String?

    @Option(help: ArgumentHelp("With --all: the leaving worker.", valueName: "LOGIN"))
    var from: String?

    @Flag(help: "Every open and inactive case of --from (supervisors).")
    var all = false

    @Flag(name: .customLong("dry-run"), help: "Show the proposed split and change nothing.")
    var dryRun = false

    @Flag(name: .customLong("sign-off"), help: "With --all: sign the handovers off now, so the cases move at once.")
    var signOff = false

    @Flag(help: "With --all and --sign-off: end the leaving worker once their cases have moved.")
    var end = false

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        try Session.run(global.values) { session in
            let store = session.store
            if all {
                guard let from, references.isEmpty else {
                    throw CaseloadError.invalid("--all needs --from LOGIN and no case references")
                }
                let receivers = to.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                if end, !signOff {
                    throw CaseloadError.invalid("--end needs --sign-off: \(from) can only be ended once the handovers are signed off")
                }
                let shares = try store.proposeSplit(from: from, to: receivers, by: session.actor)
                if dryRun {
                    if json { return try Output.json(shares) }
                    return try preview(shares, from: from, store: store, actor: session.actor)
                }
                return try report(try store.moveLeavingCaseload(shares, from: from, signOff: signOff, endWorker: end,
                                                                summary: summary, by: session.actor))
            }
            guard !references.isEmpty else { throw CaseloadError.invalid("name the cases to hand over, or use --from LOGIN --all") }
            guard let summary else { throw CaseloadError.invalid("a handover needs a summary (--summary TEXT)") }
            try report(try store.handOver(references, toLogin: to, summary: summary, by: session.actor))
        }
    }

    /// The wizard's preview in words: the counts as the team view counts,
    /// the split, and what the move does to the handovers waiting.
    private func preview(_ shares: [HandoverShare], from: String, store: Store, actor: ActingWorker) throws {
        let cases = try store.cases(heldBy: from, by: actor)
        let open = Set(cases.filter { $0.status == CaseStatus.open.rawValue }.map(\.reference))
        var table = Table([("RECEIVER", 16), ("OPEN CASES", 12), ("INACTIVE", 8), ("WEIGHT", 16), ("LOAD", 12)])
        for s in shares {
            let taken = s.cases.filter(open.contains).count
            let before = CaseloadLoad(weight: s.weightBefore, capacity: s.capacity)
            let after = CaseloadLoad(weight: s.weightAfter, capacity: s.capacity)
            table.add([s.login, "\(s.casesBefore) → \(s.casesBefore + taken)", "+\(s.cases.count - taken)",
                       "\(s.weightBefore) → \(s.weightAfter)", "\(before.percent)% → \(after.percent)%"])
        }
        Output.line("Proposed split of \(from)'s \(LeavingNotes.count(cases)) (nothing changed):")
        Output.line(table.render())
        let notes = LeavingNotes.capacityWarnings(shares)
            + LeavingNotes.handovers(leaver: from, cases: cases, handedToThem: try store.casesHandedTo(login: from, by: actor))
        for note in notes { Output.line(note) }
    }

    private func report(_ outcomes: [HandoverOutcome]) throws {
        if json { return try Output.json(outcomes) }
        for outcome in outcomes {
            Output.line("\(outcome.reference)  \(outcome.done ? "handed over" : "NOT handed over"): \(outcome.message)")
        }
        let failed = outcomes.filter { !$0.done }.count
        if failed > 0 { throw ExitCode(5) }
    }
}

struct AcceptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept",
        abstract: "Accept cases handed to you, having read their files (a supervisor accepting signs them off).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Case references.", valueName: "REF"))
    var references: [String]

    func run() throws {
        try Session.run(global.values) { session in
            let outcomes = try session.store.acceptHandover(references, by: session.actor)
            for outcome in outcomes {
                Output.line("\(outcome.reference)  \(outcome.done ? "accepted" : "NOT accepted"): \(outcome.message)")
            }
            if outcomes.contains(where: { !$0.done }) { throw ExitCode(5) }
        }
    }
}

struct WithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "Withdraw a handover waiting to be accepted (the worker who made it, or a supervisor), saying why.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The case reference.", valueName: "REF"))
    var reference: String

    @Option(help: ArgumentHelp("Why it is withdrawn; it goes on the case's timeline.", valueName: "TEXT"))
    var reason: String

    func run() throws {
        try Session.run(global.values) { session in
            let receiver = try session.store.withdrawHandover(reference, reason: reason, by: session.actor)
            Output.line("Withdrew the handover of \(try CaseReference(parsing: reference)) to \(receiver); the case stays where it is.")
        }
    }
}
