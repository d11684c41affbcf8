import ArgumentParser
import CaseloadCore

/// What a deadline is computed from, shared by `deadline` and `keydate add`.
struct DeadlineInput: ParsableArguments {
    @Argument(help: ArgumentHelp("The rule (see below).", valueName: "RULE"))
    var rule: DeadlineRule

    @Option(help: ArgumentHelp("The date the rule counts from.", valueName: "DD/MM/YYYY"))
    var from: String

    @Option(name: .customLong("mediation-certificate"),
            help: ArgumentHelp("For tribunal-appeal: the mediation certificate's date.", valueName: "DD/MM/YYYY"))
    var mediationCertificate: String?

    func anchor() throws -> Day { try Parse.day(from)! }
    func certificate() throws -> Day? { try Parse.day(mediationCertificate) }
}
