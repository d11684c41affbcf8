import ArgumentParser
import CaseloadCore
import CaseloadStore

struct ConflictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",
        abstract: "List the values that lost a merge on the hub, and settle them.",
        discussion: """
            When two people change the same field (a phone number, a level, a key date's status) without \
            seeing each other's change, the hub keeps the later change and the other value is kept here as \
            a conflict, shown on the case file too, until the case's worker confirms the kept value or puts \
            the lost one back. Fields that only make sense together (a case's status, closing date and \
            reason) merge and conflict as one. Settling a conflict is itself a change that syncs.
            """,
        subcommands: [List.self, Keep.self, TakeLost.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The conflicts waiting for you.")

        @OptionGroup var global: GlobalOptions

        @Flag(help: "Include conflicts already settled.")
        var all = false

        func run() throws {
            try Session.run(global.values) { session in
                let conflicts = try session.store.conflicts(includeSettled: all, by: session.actor)
                guard !conflicts.isEmpty else {
                    Output.line(all ? "No conflicts." : "No conflicts are waiting for you.")
                    return
                }
                for conflict in conflicts { Output.line(ConflictsCommand.line(conflict)) }
                Output.line("Settle one with  caseload conflicts keep ID  or  caseload conflicts take-lost ID")
            }
        }
    }

    struct Keep: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "keep", abstract: "Confirm the value the merge kept.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The conflict's id (its last 8 characters will do).", valueName: "ID"))
        var id: String

        func run() throws {
            try Session.run(global.values) { session in
                let conflict = try session.store.settleConflict(id, takeLost: false, by: session.actor)
                Output.line("Kept \(conflict.kept) on \(conflict.caseReference ?? conflict.table); it syncs as settled.")
            }
        }
    }

    struct TakeLost: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "take-lost", abstract: "Put the lost value back.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The conflict's id (its last 8 characters will do).", valueName: "ID"))
        var id: String

        func run() throws {
            try Session.run(global.values) { session in
                let conflict = try session.store.settleConflict(id, takeLost: true, by: session.actor)
                Output.line("Put back \(conflict.lost) on \(conflict.caseReference ?? conflict.table); it syncs like any change.")
            }
        }
    }

    static func line(_ conflict: SyncConflict) -> String {
        let when = conflict.createdAt.map { Moment.format($0) } ?? ""
        let settled = conflict.resolvedAt.map { " (settled \(Moment.format($0)): \(conflict.resolution ?? ""))" } ?? ""
        return "\(String(conflict.id.suffix(8)))  \(conflict.caseReference ?? "-")  \(when)  \(conflict.table) "
            + "\(conflict.fields.joined(separator: "+")): kept \(conflict.kept); lost \(conflict.lost)"
            + (conflict.lostBy.map { " (\(SafeText.inline($0)))" } ?? "") + settled
    }
}
