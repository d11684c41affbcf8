import ArgumentParser
import CaseloadCore
import CaseloadStore

extension CaseCommand {
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change an open case: its level or status (with a reason), the child's school, year group or need, "
                + "its issues, or correct its referral source or first route. Every change is kept on the case's history.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The case reference.", valueName: "REF"))
        var reference: String

        @Option(help: "Level of support: 1 information, 2 advice, 3 casework, 4 tribunal (with --reason).")
        var level: Int?

        @Option(help: ArgumentHelp("open, or inactive: no work expected for now, kept on the caseload (with --reason).",
                                   valueName: "STATUS"))
        var status: String?

        @Option(help: ArgumentHelp("Why: what happened (needed with --level or --status).", valueName: "TEXT"))
        var reason: String?

        @Option(help: ArgumentHelp("The child's school or setting.", valueName: "NAME"))
        var school: String?

        @Option(name: .customLong("year-group"), help: ArgumentHelp("N, R or 1 to 14.", valueName: "YEAR"))
        var yearGroup: String?

        @Option(help: ArgumentHelp("Primary need: \(Bundled.ids(\.primaryNeeds)).", valueName: "NEED"))
        var need: String?

        @Option(name: .customLong("add-issue"), help: ArgumentHelp("An issue to add (repeat for several).", valueName: "ID"))
        var addIssues: [String] = []

        @Option(name: .customLong("remove-issue"), help: ArgumentHelp("An issue to remove (repeat for several).", valueName: "ID"))
        var removeIssues: [String] = []

        @Option(help: ArgumentHelp("A corrected referral source: \(Bundled.ids(\.referralSources)).", valueName: "ID"))
        var source: String?

        @Option(help: ArgumentHelp("A corrected first route in: \(Bundled.ids(\.firstRoutes)).", valueName: "ID"))
        var route: String?

        @Flag(help: "Print the changes as JSON.")
        var json = false

        func run() throws {
            try Session.run(global.values) { session in
                var edit = CaseEdit()
                edit.level = try level.map(SupportLevel.init(validating:))
                if let status {
                    guard let value = CaseStatus(rawValue: status.lowercased()), value != .closed else {
                        throw CaseloadError.invalid(status.lowercased() == "closed"
                            ? "a case is closed with  caseload case close REF --reason ID, which records why"
                            : "\(status) is not a status; use open or inactive (--status)")
                    }
                    edit.status = value
                }
                edit.reason = reason
                edit.school = school
                edit.yearGroup = yearGroup
                edit.primaryNeed = need
                edit.addIssues = addIssues
                edit.removeIssues = removeIssues
                edit.referralSource = source
                edit.firstRoute = route
                let changes = try session.store.editCase(reference, edit, by: session.actor)
                if json {
                    try Output.json(changes)
                } else {
                    let case_ = try CaseReference(parsing: reference)
                    Output.line("Changed \(case_): " + (try changes.map { try session.store.words(for: $0) }).joined(separator: "; ") + ".")
                }
            }
        }
    }
}
