import ArgumentParser
import CaseloadCore
import CaseloadHub
import Foundation

extension HubCommand {
    struct Grant: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grant",
            abstract: "Let a worker's laptop sync with the hub, or give them a new hub password.",
            discussion: """
                Run by the hub's owner. LOGIN is the worker's login in the store; it becomes their login on the hub's \
                server. Without --password-stdin a password is made and shown once, for you to give them privately. \
                Granting a login again gives it a new password and the role named, and restores access that was ended.
                """)

        @Argument(help: ArgumentHelp("Their login in the store, which becomes their login on the hub.", valueName: "LOGIN"))
        var login: String

        @Option(help: ArgumentHelp("What they may do on the hub.", valueName: "ROLE"))
        var role: WorkerRole

        @Option(help: ArgumentHelp("The hub: postgresql://LOGIN@HOST:PORT/DATABASE?sslmode=disable|prefer|require.",
                                   valueName: "URL"))
        var hub: String

        @Flag(help: "Read their password from the first line of standard input instead of making one.")
        var passwordStdin = false

        func run() throws {
            try Session.guarded {
                let address = try HubAddress(parsing: hub, defaultUser: ProcessInfo.processInfo.userName)
                let given = passwordStdin ? try Self.passwordFromInput() : nil
                let (login, role) = (login, role)
                let password = try Blocking.wait {
                    try await Hub(address: address).grant(login: login, role: role, password: given,
                                                          adminPassword: HubPassword.find(for: address))
                }
                if given == nil {
                    Output.line("\(login) may now sync with the hub as a \(role.rawValue). Their hub password "
                                + "(give it to them privately; it is not shown again): \(password)")
                } else {
                    Output.line("\(login) may now sync with the hub as a \(role.rawValue), with the password given.")
                }
            }
        }

        static func passwordFromInput() throws -> String {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw CaseloadError.invalid("no password came on standard input; send it as the first line, or leave out "
                    + "--password-stdin for one to be made")
            }
            return line
        }
    }
}
