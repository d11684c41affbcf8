import ArgumentParser
import CaseloadCore
import CaseloadHub
import Dispatch
import Foundation

struct HubCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hub",
        abstract: "Set up a team's hub, a PostgreSQL server the team's stores sync through, and say who may use it.",
        subcommands: [Init.self, Grant.self, Revoke.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create the hub's schema in an empty PostgreSQL database, or bring an older hub's up to date.",
            discussion: """
                Run by whoever owns the hub database. The password comes from PGPASSWORD or ~/.pgpass and is never \
                kept. A database holding other tables, or made by a newer Caseload, is refused and left as it was.
                """)

        @Option(help: ArgumentHelp("The hub: postgresql://LOGIN@HOST:PORT/DATABASE?sslmode=disable|prefer|require.",
                                   valueName: "URL"))
        var hub: String

        func run() throws {
            try Session.guarded {
                let address = try HubAddress(parsing: hub, defaultUser: ProcessInfo.processInfo.userName)
                let applied = try Blocking.wait {
                    try await Hub(address: address).initialise(password: HubPassword.find(for: address))
                }
                Output.line(applied.isEmpty ? "The hub at \(address) is up to date."
                            : "The hub at \(address) is ready: " + applied.joined(separator: ", ") + ".")
            }
        }
    }
}

/// Runs async work from a command's synchronous `run()`, waiting for it.
enum Blocking {
    static func wait<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        Task {
            do { box.result = .success(try await work()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    private final class ResultBox<T>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }
}
