import ArgumentParser
import CaseloadCore
import CaseloadStore

extension ReferralStatus: ExpressibleByArgument {}
extension Urgency: ExpressibleByArgument {}
extension ConsentMethod: ExpressibleByArgument {}

struct FlagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flag",
        abstract: "Flag a case for a family-support referral to the Children's Trust.",
        discussion: """
            If anyone may be at risk of significant harm, do not flag: phone the children's front door now \
            (999 in an emergency), then record it with  caseload safeguarding REF --told TEXT.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The case reference.", valueName: "REF"))
    var reference: String

    @Option(help: ArgumentHelp("What the family needs and agreed to, in words.", valueName: "TEXT"))
    var reason: String

    @Option(name: .customLong("category"), help: ArgumentHelp("A reason category (repeat): \(Bundled.ids(\.referralReasons)).", valueName: "ID"))
    var categories: [String] = []

    @Option(help: "routine or priority.")
    var urgency: Urgency = .routine

    @Option(name: .customLong("consent-by"), help: ArgumentHelp("Who gave consent.", valueName: "NAME"))
    var consentBy: String?

    @Option(name: .customLong("consent-role"), help: ArgumentHelp("Their role (e.g. parent-carer, young-person).", valueName: "ROLE"))
    var consentRole: String?

    @Option(name: .customLong("consent-method"), help: "verbal, written or electronic.")
    var consentMethod: ConsentMethod?

    @Option(name: .customLong("consent-date"), help: ArgumentHelp("When consent was given (default today).", valueName: "DD/MM/YYYY"))
    var consentDate: String?

    @Option(help: ArgumentHelp("Why you flag a case outside your caseload (recorded); --reason is the referral's own.",
                               valueName: "TEXT"))
    var why: String?

    func run() throws {
        try Session.run(global.values) { session in
            var consent: NewConsent?
            if consentBy != nil || consentRole != nil || consentMethod != nil {
                guard let consentBy, let consentRole, let consentMethod else {
                    throw CaseloadError.invalid("consent needs all three of --consent-by NAME, --consent-role ROLE and --consent-method METHOD")
                }
                consent = NewConsent(givenBy: consentBy, role: consentRole, method: consentMethod,
                                     scope: "Referral to the Children's Trust for family support")
                consent?.givenOn = try Parse.pastDay(consentDate, "the consent date", flag: "--consent-date DD/MM/YYYY")
            }
            do {
                try session.store.flagForFamilySupport(reference, reasons: categories, narrative: reason, urgency: urgency,
                                                       consent: consent, reason: why, by: session.actor)
            } catch let error as CaseloadError where error.kind == .notAllowed && error.field == .reason {
                // Here --reason is the referral's: the reason for acting outside the caseload is --why.
                throw CaseloadError.notAllowed(error.message + " (--why TEXT)")
            }
            Output.line("Flagged \(try CaseReference(parsing: reference)) for a family-support referral"
                + (consent == nil ? " (no consent yet: record it with  caseload consent \(reference) ...  before it can be sent)." : "."))
        }
    }
}

struct ReferralCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referral",
        abstract: "Move a case's family-support referral on: sent, acknowledged, accepted, declined, closed.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The case reference.", valueName: "REF"))
    var reference: String

    @Option(help: "The new status.")
    var status: ReferralStatus

    @Option(name: .customLong("reference"), help: ArgumentHelp("The Trust's reference.", valueName: "TEXT"))
    var trustReference: String?

    @Option(name: .customLong("override-reason"), help: ArgumentHelp("Supervisors: send without consent, for this reason.", valueName: "TEXT"))
    var overrideReason: String?

    func run() throws {
        try Session.run(global.values) { session in
            try session.store.moveReferral(reference, to: status, externalReference: trustReference,
                                           overrideReason: overrideReason, by: session.actor)
            Output.line("The referral on \(try CaseReference(parsing: reference)) is now \(status.rawValue).")
        }
    }
}

struct ReferralsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referrals",
        abstract: "List family-support referrals, priority first, oldest first.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only this status.")
    var status: ReferralStatus?

    @Flag(help: "Print a JSON array.")
    var json = false

    func run() throws {
        try Session.run(global.values) { session in
            let rows = try session.store.referrals(status: status, by: session.actor)
            if json { return try Output.json(rows) }
            var table = Table([("REFERENCE", 12), ("CHILD OR YOUNG PERSON", 26), ("STATUS", 12), ("URGENCY", 8),
                               ("CONSENT", 8), ("FLAGGED", 10), ("TRUST REF", 12), ("REASON", 50)])
            for r in rows {
                table.add([r.reference, r.child, r.status.rawValue, r.urgency.rawValue, r.consentGiven ? "yes" : r.overrideReason != nil ? "override" : "NO",
                           Day(r.flaggedAt, in: session.store.timeZone).formatted, r.externalReference, r.narrative])
            }
            Output.line(table.render())
        }
    }
}

struct SafeguardingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "safeguarding",
        abstract: "Record a safeguarding concern already phoned through to the children's front door.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The case reference.", valueName: "REF"))
    var reference: String

    @Option(help: ArgumentHelp("Who was told, e.g. \"children's front door, duty social worker\".", valueName: "TEXT"))
    var told: String

    @Option(name: .customLong("reference"), help: ArgumentHelp("Their reference.", valueName: "TEXT"))
    var externalReference: String?

    @Option(help: ArgumentHelp("What happened.", valueName: "TEXT"))
    var note: String?

    @Option(help: ArgumentHelp("When they were told (default now).", valueName: "DD/MM/YYYY HH:MM"))
    var at: String?

    @Option(help: ArgumentHelp("On a case outside your caseload: why (recorded). Never required: a concern is never held up.",
                               valueName: "TEXT"))
    var reason: String?

    func run() throws {
        try Session.run(global.values) { session in
            try session.store.recordSafeguarding(reference, told: told, externalReference: externalReference, note: note,
                                                 at: try Parse.pastMoment(at, "the time of the call", flag: "--at \"DD/MM/YYYY HH:MM\"", in: session.store.timeZone),
                                                 reason: reason, by: session.actor)
            Output.line("Recorded the safeguarding entry on \(try CaseReference(parsing: reference)); it shows as S for your supervisor.")
        }
    }
}

struct ConsentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consent",
        abstract: "Record the family's consent for a case's open family-support referral, or its withdrawal.",
        discussion: "Once consent is given the referral can be sent; once it is withdrawn it cannot. "
            + "Each consent supersedes the one before, and both stay on the case.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The case reference.", valueName: "REF"))
    var reference: String

    @Option(help: ArgumentHelp("Who gave (or withdrew) consent.", valueName: "NAME"))
    var by: String

    @Option(help: ArgumentHelp("Their role (e.g. parent-carer, young-person).", valueName: "ROLE"))
    var role: String

    @Option(help: "verbal, written or electronic.")
    var method: ConsentMethod

    @Option(help: ArgumentHelp("When (default today).", valueName: "DD/MM/YYYY"))
    var date: String?

    @Option(help: ArgumentHelp("What it covers.", valueName: "TEXT"))
    var scope = "Referral to the Children's Trust for family support"

    @Flag(help: "Consent is withdrawn: the referral can no longer be sent.")
    var withdrawn = false

    func run() throws {
        try Session.run(global.values) { session in
            var consent = NewConsent(givenBy: by, role: role, method: method, scope: scope)
            consent.status = withdrawn ? .withdrawn : .given
            consent.givenOn = try Parse.pastDay(date, "the consent date", flag: "--date DD/MM/YYYY")
            try session.store.recordReferralConsent(reference, consent, by: session.actor)
            Output.line(withdrawn
                ? "Consent withdrawn on \(try CaseReference(parsing: reference)): the referral cannot be sent."
                : "Consent recorded on \(try CaseReference(parsing: reference)): the referral can be sent.")
        }
    }
}
