import ArgumentParser
import CaseloadCore
import CaseloadStore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Read the audit trail: every read and change, by whom (supervisors).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Only this case.", valueName: "REF"))
    var reference: String?

    @Option(help: "At most this many entries, newest first (1 or more; default 200).")
    var limit: Int = 200

    @Flag(help: "Print a JSON array.")
    var json = false

    func run() throws {
        try Session.run(global.values) { session in
            let entries = try session.store.auditTrail(caseReference: reference, limit: try Parse.limit(limit), by: session.actor)
            if json { return try Output.json(entries) }
            var table = Table([("WHEN", 16), ("WORKER", 14), ("OS USER", 12), ("ACTION", 14), ("CASE", 12), ("DETAIL", 60)])
            for e in entries {
                table.add([Moment.format(e.at, in: session.store.timeZone), e.workerLogin, e.osUser, e.action,
                           e.caseReference, e.detail])
            }
            Output.line(table.render())
        }
    }
}
