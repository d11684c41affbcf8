import ArgumentParser
import CaseloadCore
import CaseloadStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a store and its first supervisor.")

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The supervisor's login (their OS user name).", valueName: "LOGIN"))
    var supervisor: String

    @Option(help: ArgumentHelp("The supervisor's full name.", valueName: "FULL NAME"))
    var name: String

    @Option(help: ArgumentHelp("The service's name, shown on screens and reports.", valueName: "NAME"))
    var service: String?

    func run() throws {
        try Session.guarded {
            let path = try Session.creatingStore(global.values) { store in
                _ = try store.initialise(service: service, supervisor: NewWorker(login: supervisor, name: name),
                                         osUser: Session.osUser)
                return store.path
            }
            Output.line("Created the store at \(path) with \(SafeText.inline(name)) (\(supervisor)) as supervisor.")
            Output.line("Add caseworkers with  caseload worker add LOGIN --name \"FULL NAME\" --as \(supervisor)")
        }
    }
}
