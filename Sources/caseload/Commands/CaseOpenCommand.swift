import ArgumentParser
import CaseloadCore
import CaseloadStore

extension CaseCommand {
    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "open",
            abstract: "Open a case and print its reference.",
            discussion: """
                A family who comes back is found rather than made again: when the store has a child or young \
                person with the same name (case and accents ignored) and date of birth, or someone with the \
                parent's phone (spaces ignored) or email (case ignored), the case is not opened. Instead each \
                of them is listed with their id and their cases (reference, status and worker only), and \
                Caseload exits with status 5. Open it again with --person ID for each one it is about (a \
                child or young person becomes the case's child, an adult its parent or carer, kept as \
                recorded), or with --new-person if it is someone else. Showing the list is recorded on \
                each listed case's audit trail.
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("The child or young person's full name.", valueName: "NAME"))
        var child: String?

        @Option(help: ArgumentHelp("Their date of birth.", valueName: "DD/MM/YYYY"))
        var dob: String?

        @Option(help: ArgumentHelp("A parent or carer with parental responsibility.", valueName: "NAME"))
        var parent: String?

        @Option(name: .customLong("parent-phone"), help: ArgumentHelp("The parent or carer's phone number.", valueName: "NUMBER"))
        var parentPhone: String?

        @Option(name: .customLong("parent-email"), help: ArgumentHelp("The parent or carer's email address.", valueName: "ADDRESS"))
        var parentEmail: String?

        @Option(help: ArgumentHelp("Their school or setting.", valueName: "NAME"))
        var school: String?

        @Option(name: .customLong("year-group"), help: ArgumentHelp("N, R or 1 to 14.", valueName: "YEAR"))
        var yearGroup: String?

        @Option(help: ArgumentHelp("Primary need: \(Bundled.ids(\.primaryNeeds)).", valueName: "NEED"))
        var need: String?

        @Option(help: "Level of support: 1 information, 2 advice, 3 casework, 4 tribunal.")
        var level: Int = 1

        @Option(name: .customLong("issue"), help: ArgumentHelp("An issue (repeat for several): \(Bundled.ids(\.issues)).", valueName: "ID"))
        var issues: [String] = []

        @Option(help: ArgumentHelp("Referral source: \(Bundled.ids(\.referralSources)).", valueName: "ID"))
        var source: String?

        @Option(help: ArgumentHelp("First route in: \(Bundled.ids(\.firstRoutes)).", valueName: "ID"))
        var route: String?

        @Option(help: ArgumentHelp("Allocate to this worker (supervisors; default yourself).", valueName: "LOGIN"))
        var worker: String?

        @Flag(help: "Leave the case in the unallocated queue.")
        var unallocated = false

        @Flag(help: "An information-only enquiry with no named child.")
        var anonymous = false

        @Option(name: .customLong("person"), help: ArgumentHelp(
            "Someone on record the case is about, by the id listed when it was refused (or its first 8 characters or more); "
                + "repeat for the child and a parent. Their details are used as recorded: --child, --dob, --school, --year-group, "
                + "--need and the parent's name, phone and email may be left out, and must agree with the record if given.",
            valueName: "ID"))
        var people: [String] = []

        @Flag(name: .customLong("new-person"), help: "Make new people even though the store has some this case may be about.")
        var newPerson = false

        func run() throws {
            try Session.run(global.values) { session in
                if unallocated && worker != nil { throw CaseloadError.invalid("choose --worker or --unallocated, not both") }
                if anonymous && child != nil { throw CaseloadError.invalid("an anonymous case has no child's name; drop --child or --anonymous") }
                if !people.isEmpty && newPerson {
                    throw CaseloadError.invalid("choose --person ID (someone on record) or --new-person (someone new), not both")
                }
                var new = NewCase(child: child)
                new.dateOfBirth = try Parse.exactDay(dob)
                new.parent = parent
                if parent == nil && people.isEmpty && (parentPhone != nil || parentEmail != nil) {
                    throw CaseloadError.invalid("--parent-phone and --parent-email go with --parent NAME: whose number or address it is")
                }
                new.parentPhone = parentPhone
                new.parentEmail = parentEmail
                new.school = school
                new.yearGroup = yearGroup
                new.primaryNeed = need
                new.level = try SupportLevel(validating: level)
                new.issues = issues
                new.referralSource = source
                new.firstRoute = route
                new.workerLogin = worker
                new.unallocated = unallocated
                new.anonymous = anonymous
                new.existingPeople = people
                new.newPerson = newPerson
                let reference = try session.store.openCase(new, by: session.actor)
                Output.line(reference.description)
            }
        }
    }
}
