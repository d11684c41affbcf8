import ArgumentParser
import CaseloadCore
import CaseloadHub
import Foundation

extension HubCommand {
    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke",
            abstract: "End a worker's access to the hub.",
            discussion: """
                Run by the hub's owner. Their open sessions are closed and every later call refused; what their \
                laptop has not yet synced stays on it. caseload hub grant restores their access.
                """)

        @Argument(help: ArgumentHelp("Their login on the hub (their login in the store).", valueName: "LOGIN"))
        var login: String

        @Option(help: ArgumentHelp("The hub: postgresql://LOGIN@HOST:PORT/DATABASE?sslmode=disable|prefer|require.",
                                   valueName: "URL"))
        var hub: String

        func run() throws {
            try Session.guarded {
                let address = try HubAddress(parsing: hub, defaultUser: ProcessInfo.processInfo.userName)
                let login = login
                try Blocking.wait {
                    try await Hub(address: address).revoke(login: login, adminPassword: HubPassword.find(for: address))
                }
                Output.line("\(login)'s access to the hub has ended; their laptop's next sync will be refused.")
            }
        }
    }
}
