import ArgumentParser
import CaseloadCore
import CaseloadStore

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Open, list and read cases.",
        subcommands: [Open.self, List.self, Show.self, Edit.self, Close.self, Reopen.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List cases, soonest key date first.")

        @OptionGroup var global: GlobalOptions

        @Flag(help: "Your own cases (the default).")
        var mine = false

        @Option(help: ArgumentHelp("One worker's cases.", valueName: "LOGIN"))
        var worker: String?

        @Flag(help: "Cases waiting for a worker.")
        var unallocated = false

        @Flag(help: "Everyone's cases.")
        var all = false

        @Option(help: "current is the caseload: open and inactive cases.")
        var status: CaseFilter.Status = .current

        @Option(help: ArgumentHelp("Narrow the list with the limit language: \(CaseFilter.syntaxHelp).", valueName: "QUERY"))
        var filter: String?

        @Option(help: "At most this many rows (1 or more; default every row).")
        var limit: Int?

        @Flag(help: "Print a JSON array.")
        var json = false

        func run() throws {
            try Session.run(global.values) { session in
                let chosen = [mine, worker != nil, unallocated, all].filter { $0 }.count
                if chosen > 1 { throw CaseloadError.invalid("choose one of --mine, --worker, --unallocated and --all") }
                let scope: CaseScope = all ? .all : unallocated ? .unallocated : worker.map { .worker(login: $0) } ?? .mine
                var parsed = try CaseFilter.parse(filter ?? "")
                if filter?.contains("status:") != true { parsed.status = status }
                let rows = try session.store.cases(CaseQuery(scope: scope, filter: parsed), limit: try limit.map(Parse.limit), by: session.actor)
                try CaseListPrinter(store: session.store).print(rows, json: json)
                // Cases handed to me are not mine until I accept them, but I must find them.
                guard scope == .mine, !json else { return }
                let handed = try session.store.casesHandedTo(session.actor)
                guard !handed.isEmpty else { return }
                Output.line()
                Output.line("Handed to you, waiting for you to accept (read the file, then  caseload accept REF):")
                for item in handed {
                    Output.line("  \(item.reference)  \(SafeText.inline(item.child ?? "(anonymous)"))  from \(item.from ?? "unallocated")"
                        + ", \(Moment.format(item.since, in: session.store.timeZone))")
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a case: details, key dates, actions, consents and timeline.",
            discussion: "Reading a case is recorded. A caseworker opening a case outside their caseload gives a --reason.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The case reference, e.g. C-2026-00042.", valueName: "REF"))
        var reference: String

        @Option(help: ArgumentHelp("Why you are opening a case that is not yours (recorded).", valueName: "TEXT"))
        var reason: String?

        @Flag(help: "Also show the special-category details (ethnicity, religion, health): recorded as read.")
        var special = false

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            try Session.run(global.values) { session in
                let detail = try session.store.caseDetail(reference, reason: reason, special: special, by: session.actor)
                if json { return try Output.json(detail) }
                try CaseDetailPrinter(store: session.store).print(detail)
            }
        }
    }
}

extension CaseCommand {
    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close",
            abstract: "Close a case (its worker or a supervisor).",
            discussion: """
                The family's feedback at closure answers three questions: \(FeedbackQuestion.allCases.map(\.wording).joined(separator: " ")) \
                Each answer is yes, no, not-asked or declined (they chose not to say). A question left out is recorded as \
                not-asked, so the record says plainly that nothing was asked. Reopening a case clears the answers; the \
                case's history keeps them.
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The case reference.", valueName: "REF"))
        var reference: String

        @Option(help: ArgumentHelp("Why: \(Bundled.ids(\.closureReasons)).", valueName: "ID"))
        var reason: String

        @Option(help: ArgumentHelp("What the family achieved.", valueName: "TEXT"))
        var outcome: String?

        @Option(name: .customLong("feedback-useful"),
                help: ArgumentHelp("\(FeedbackQuestion.useful.wording) (default not-asked)", valueName: Self.answers))
        var useful: String?

        @Option(name: .customLong("feedback-helped"),
                help: ArgumentHelp("\(FeedbackQuestion.helped.wording) (default not-asked)", valueName: Self.answers))
        var helped: String?

        @Option(name: .customLong("feedback-recommend"),
                help: ArgumentHelp("\(FeedbackQuestion.recommend.wording) (default not-asked)", valueName: Self.answers))
        var recommend: String?

        static let answers = FeedbackAnswer.allCases.map(\.rawValue).joined(separator: "|")

        func run() throws {
            try Session.run(global.values) { session in
                var feedback = ClosureFeedback.notAsked
                for (question, flag, text) in [(FeedbackQuestion.useful, "--feedback-useful", useful),
                                               (.helped, "--feedback-helped", helped),
                                               (.recommend, "--feedback-recommend", recommend)] {
                    guard let text else { continue }
                    do {
                        feedback[question] = try FeedbackAnswer(parsing: text, for: question)
                    } catch let error as CaseloadError {
                        throw CaseloadError.invalid(error.message + " (\(flag) \(Self.answers))")
                    }
                }
                try session.store.closeCase(reference, reason: reason, outcome: outcome, feedback: feedback, by: session.actor)
                Output.line("Closed \(try CaseReference(parsing: reference)).")
            }
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reopen a closed case.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The case reference.", valueName: "REF"))
        var reference: String

        @Option(help: ArgumentHelp("Why it is reopened (recorded).", valueName: "TEXT"))
        var reason: String?

        func run() throws {
            try Session.run(global.values) { session in
                try session.store.reopenCase(reference, reason: reason, by: session.actor)
                Output.line("Reopened \(try CaseReference(parsing: reference)).")
            }
        }
    }
}

struct ReassignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reassign",
        abstract: "Move cases to another worker at once (supervisors).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Case references.", valueName: "REF"))
    var references: [String]

    @Option(help: ArgumentHelp("The receiving worker.", valueName: "LOGIN"))
    var to: String

    @Option(help: ArgumentHelp("Why (recorded in the case history).", valueName: "TEXT"))
    var reason: String

    func run() throws {
        try Session.run(global.values) { session in
            Output.line(try session.store.reassign(references, toLogin: to, reason: reason, by: session.actor).summary(to: to))
        }
    }
}
