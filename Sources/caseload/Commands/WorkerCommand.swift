import ArgumentParser
import CaseloadCore
import CaseloadStore

struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Add and list the service's workers.",
        subcommands: [Add.self, List.self, End.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a caseworker or supervisor (supervisors only).")

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("Their login: their OS user name.", valueName: "LOGIN"))
        var login: String

        @Option(help: ArgumentHelp("Their full name.", valueName: "NAME"))
        var name: String

        @Option(help: "caseworker or supervisor.")
        var role: WorkerRole = .caseworker

        @Flag(help: "They are agency staff.")
        var agency = false

        @Flag(help: "They are a volunteer.")
        var volunteer = false

        @Option(help: ArgumentHelp("First working day (default today).", valueName: "DD/MM/YYYY"))
        var starts: String?

        @Option(help: ArgumentHelp("Expected last day (agency contracts).", valueName: "DD/MM/YYYY"))
        var ends: String?

        @Option(help: ArgumentHelp("Caseload weight points they can carry (levels weigh 1, 2, 4, 8).", valueName: "POINTS"))
        var capacity: Int = 60

        func run() throws {
            try Session.run(global.values) { session in
                if agency && volunteer { throw CaseloadError.invalid("choose --agency or --volunteer, not both") }
                let worker = NewWorker(login: login, name: name, role: role,
                                       employment: agency ? .agency : volunteer ? .volunteer : .permanent,
                                       startsOn: try Parse.day(starts, .workerStart, flag: "--starts DD/MM/YYYY"),
                                       endsOn: try Parse.day(ends, .workerEnd, flag: "--ends DD/MM/YYYY"), capacity: capacity)
                try session.store.addWorker(worker, by: session.actor)
                Output.line("Added \(SafeText.inline(name)) (\(login)) as \(role.rawValue).")
            }
        }
    }

    struct End: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "end",
            abstract: "Record that a worker has left (supervisors); refused while they hold cases or handovers.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("Their login.", valueName: "LOGIN"))
        var login: String

        @Option(help: ArgumentHelp("Their last day (default: their agency end date if one is recorded, otherwise today); "
                                   + "before a day still to come they can work until it is over.", valueName: "DD/MM/YYYY"))
        var on: String?

        func run() throws {
            try Session.run(global.values) { session in
                let lastDay = try session.store.endWorker(login, on: try Parse.day(on, .workerEnd, flag: "--on DD/MM/YYYY"),
                                                          by: session.actor)
                if lastDay > session.store.today {
                    return Output.line("\(login)'s last day is \(lastDay): they can work until then, and leave the service after it.")
                }
                Output.line("\(login) has left the service; their history stays on every case.")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List workers with their open cases and weighted caseload.")

        @OptionGroup var global: GlobalOptions

        @Flag(help: "Include workers who have left.")
        var all = false

        @Flag(help: "Print a JSON array.")
        var json = false

        func run() throws {
            try Session.run(global.values) { session in
                let workers = try session.store.workers(includeEnded: all)
                if json { return try Output.json(workers) }
                var table = Table([("LOGIN", 16), ("NAME", 28), ("ROLE", 10), ("EMPLOYMENT", 10), ("ENDS", 10),
                                   ("OPEN", 5), ("WEIGHT", 12)])
                for w in workers {
                    table.add([w.login, w.name + (w.active ? "" : " (left)"), w.role.rawValue, w.employment.rawValue,
                               w.endsOn?.formatted, String(w.openCases), "\(w.weight)/\(w.capacity)"])
                }
                Output.line(table.render())
            }
        }
    }
}
