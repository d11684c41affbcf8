import ArgumentParser
import CaseloadCore
import CaseloadStore

struct HandoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handover",
        abstract: "Hand cases to another worker, or a leaving worker's whole caseload to several.",
        discussion: """
            caseload handover REF... --to LOGIN --summary TEXT
            caseload handover --from LOGIN --to LOGIN[,LOGIN...] --all [--dry-run] [--summary TEXT]
            A handover waits until the receiver accepts it (caseload accept REF...); until then the old worker \
            stays responsible.
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
                let shares = try store.proposeSplit(from: from, to: receivers)
                if dryRun {
                    if json { return try Output.json(shares) }
                    var table = Table([("RECEIVER", 16), ("CASES", 12), ("WEIGHT", 16), ("CAPACITY", 8)])
                    for s in shares {
                        table.add([s.login, "\(s.casesBefore) + \(s.cases.count)", "\(s.weightBefore) → \(s.weightAfter)",
                                   String(s.capacity)])
                    }
                    Output.line("Proposed split of \(from)'s caseload (nothing changed):")
                    return Output.line(table.render())
                }
                let outcomes = try store.handOverCaseload(shares, from: from,
                                                          summary: summary ?? "\(from) is leaving the service.", by: session.actor)
                return try report(outcomes)
            }
            guard !references.isEmpty else { throw CaseloadError.invalid("name the cases to hand over, or use --from LOGIN --all") }
            guard let summary else { throw CaseloadError.invalid("a handover needs a summary (--summary TEXT)") }
            try report(try store.handOver(references, toLogin: to, summary: summary, by: session.actor))
        }
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
