import ArgumentParser
import CaseloadCore
import CaseloadStore
import Foundation

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Fill an empty store with realistic, clearly fictional demo data.",
        discussion: """
            You (your login from --as, $CASELOAD_USER or your OS user name) become a supervisor of the \
            demo service, so you can see every caseload. The same seed always gives the same data.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "How many cases (about a fifth open, ten contacts each on average).")
    var cases: Int = 400

    @Option(help: "Seed for the random choices.")
    var seed: UInt64 = 1

    @Flag(help: "Print the demo generator's version (it changes whenever the same seed would give different data) and stop.")
    var generatorVersion = false

    func run() throws {
        if generatorVersion {
            Output.line(String(DemoGenerator.version))
            return
        }
        try Session.guarded {
            guard (1...2_000_000).contains(cases) else {
                throw CaseloadError.invalid("--cases must be 1 to 2,000,000")
            }
            let started = Date()
            let (summary, path) = try Session.creatingStore(global.values) { store in
                (try DemoGenerator(store: store, seed: seed)
                    .generate(cases: cases, supervisorLogin: Session.login(global.values), osUser: Session.osUser) { progress in
                        if isatty(2) != 0 { Output.error(progress) }
                    }, store.path)
            }
            let seconds = Date().timeIntervalSince(started)
            Output.line("Made \(summary.cases) cases (\(summary.openCases) open), \(summary.contacts) contacts and "
                + "\(summary.workers) workers in \(String(format: "%.1f", seconds)) s at \(path).")
            Output.line("You are \(summary.supervisorLogin), a supervisor of \(summary.service).")
        }
    }
}
