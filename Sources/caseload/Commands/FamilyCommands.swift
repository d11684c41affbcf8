import ArgumentParser
import CaseloadCore
import CaseloadResources
import CaseloadStore

struct FamilyToldCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "family-told",
        abstract: "Record when and how the family was told who their new worker is.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The case reference.", valueName: "REF"))
    var reference: String

    @Option(help: ArgumentHelp("How, e.g. \"phone call to Mum\" or \"letter\".", valueName: "TEXT"))
    var how: String

    @Option(help: ArgumentHelp("When (default now).", valueName: "DD/MM/YYYY HH:MM"))
    var at: String?

    @Option(help: ArgumentHelp("Why you act on a case outside your caseload (recorded); not needed on your own.", valueName: "TEXT"))
    var reason: String?

    func run() throws {
        try Session.run(global.values) { session in
            try session.store.recordFamilyTold(reference, how: how, at: try Parse.pastMoment(at, "the time the family was told", flag: "--at \"DD/MM/YYYY HH:MM\"", in: session.store.timeZone),
                                               reason: reason, by: session.actor)
            Output.line("Recorded that the family of \(try CaseReference(parsing: reference)) was told.")
        }
    }
}

struct LetterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letter",
        abstract: "Print a letter telling the family who their new worker is (from Resources/letters/new-worker.txt).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The case reference.", valueName: "REF"))
    var reference: String

    @Option(help: ArgumentHelp("Why you read a case outside your caseload (recorded); not needed on your own.",
                               valueName: "TEXT"))
    var reason: String?

    func run() throws {
        try Session.run(global.values) { session in
            // The letter names the family: writing it outside the caseload is
            // reading the case, so the reading and its reason are recorded first.
            if let reason { _ = try session.store.caseDetail(reference, reason: reason, by: session.actor) }
            Output.line(try session.store.newWorkerLetter(reference, by: session.actor))
        }
    }
}
