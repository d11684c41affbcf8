import ArgumentParser
import CaseloadCore
import CaseloadStore
import Foundation

@main
struct Caseload: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caseload",
        abstract: "Casework records for a SEND information, advice and support service.",
        discussion: """
            Run with no command to see your caseload. Dates are written dd/mm/yyyy; --json on a \
            listing prints a JSON array with ISO 8601 dates. The store is $CASELOAD_STORE, else \
            $XDG_DATA_HOME/caseload/caseload.sqlite (~/.local/share/caseload/caseload.sqlite).
            """,
        subcommands: [
            InitCommand.self, DemoCommand.self, WorkerCommand.self, CaseCommand.self, ContactCommand.self,
            KeyDateCommand.self, SearchCommand.self, DeadlineCommand.self, ReassignCommand.self, AuditCommand.self, WhereCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions

    mutating func run() throws {
        // Until the full-screen front end exists, the bare command prints the caseload.
        try Session.run(global) { session in
            let rows = try session.store.cases(scope: .mine, by: session.actor)
            try CaseListPrinter(store: session.store).print(rows, json: false, heading: "Open cases for \(session.actor.name)")
        }
    }
}
