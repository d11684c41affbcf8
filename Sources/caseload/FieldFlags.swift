import CaseloadCore

/// Where the command line takes each input the store or the calendar can
/// refuse: the one table from a domain field to its flag. A refusal about
/// one input ends with its flag, so the message says what to type.
enum FieldFlags {
    static func flag(for field: CaseloadError.Field) -> String {
        switch field {
        case .summary: return "--summary TEXT"
        case .reason: return "--reason TEXT"
        case .child: return "--child \"NAME\", or --anonymous"
        case .told: return "--told \"children's front door, duty social worker\""
        case .consentBy: return "--consent-by NAME"
        case .consentRole: return "--consent-role ROLE"
        case .to: return "--to LOGIN[,LOGIN...]"
        case .how: return "--how \"phone call to Mum\""
        case .name: return "--name \"FULL NAME\""
        case .decisionLetter: return "--decision-letter DD/MM/YYYY"
        case .worker: return "without --worker"
        case .overrideReason: return "--override-reason TEXT"
        case .store: return "--store NEW_PATH"
        case .samePerson: return "--person ID to use that person, or --new-person to make a new one anyway"
        }
    }

    /// The error's message, with the flag of the input it is about.
    static func message(_ error: CaseloadError) -> String {
        guard let field = error.field else { return error.message }
        return error.message + " (" + flag(for: field) + ")"
    }
}
