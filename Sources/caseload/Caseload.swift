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
            Run with no command to open the full-screen caseload (press ? there for help). Dates are written dd/mm/yyyy; --json on a \
            listing prints a JSON array with ISO 8601 dates. The store is $CASELOAD_STORE, else \
            $XDG_DATA_HOME/caseload/caseload.sqlite (~/.local/share/caseload/caseload.sqlite).
            """,
        subcommands: [
            InitCommand.self, DemoCommand.self, WorkerCommand.self, CaseCommand.self, PartyCommand.self, PersonCommand.self, ContactCommand.self,
            KeyDateCommand.self, SearchCommand.self, DeadlineCommand.self, FlagCommand.self, ReferralCommand.self, ReferralsCommand.self, ConsentCommand.self, SafeguardingCommand.self,
            HubCommand.self, SyncCommand.self, ConflictsCommand.self, HandoverCommand.self, AcceptCommand.self, WithdrawCommand.self, FamilyToldCommand.self, LetterCommand.self, ReassignCommand.self, AuditCommand.self, WhereCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions

    mutating func run() throws {
        try Session.run(global.values) { session in
            guard isatty(0) != 0, isatty(1) != 0 else {
                // Not at a terminal (a pipe, a script): print the caseload instead.
                let rows = try session.store.cases(scope: .mine, by: session.actor)
                return try CaseListPrinter(store: session.store)
                    .print(rows, json: false, heading: "Cases for \(session.actor.name), open and inactive")
            }
            let status = try FrontEnd(store: session.store, actor: session.actor).run()
            if status != 0 { throw ExitCode(status) }
        }
    }
}
