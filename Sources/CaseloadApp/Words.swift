import CaseloadCore

/// Plain words for values the store keeps as ids, so no screen shows an id
/// such as "parent-carer".
enum Words {
    /// Someone's role on a case or in giving consent.
    static func role(_ id: String, _ vocabulary: Vocabulary) -> String {
        switch id {
        case PartyRole.subject.rawValue: return "child or young person"
        case PartyRole.parentCarer.rawValue: return "parent or carer"
        case PersonKind.youngPerson.rawValue: return "young person"
        case PartyRole.professional.rawValue: return "professional"
        default:
            return vocabulary.professionalRoles.entry(id).map { $0.label.lowercased() }
                ?? id.replacingOccurrences(of: "-", with: " ")
        }
    }

    /// A worker as "Name (login)", without saying the login twice when the
    /// name already carries it (the demo's "Demo Supervisor (sup)").
    static func worker(name: String, login: String) -> String {
        name.hasSuffix("(\(login))") ? name : "\(name) (\(login))"
    }
}
