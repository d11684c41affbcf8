import CaseloadCore
import Foundation

extension Store {
    /// A change in words: "Level 2 → 4", "School changed from Moseley Park
    /// to Kings Heath Primary", "Issue added: Exclusion", "Jo Bloggs: marked
    /// do not write to this address", "Feedback: information useful – Yes". `person` names whose detail changed,
    /// for a change to someone other than the child. A special-category
    /// detail's values are never put in words: they are shown only when asked for.
    static func changeTitle(field: String, from old: String?, to new: String?, person: String? = nil,
                            _ vocabulary: Vocabulary) -> String {
        if let question = FeedbackQuestion(field: field) {
            guard let new else { return "Feedback cleared: \(question.label.lowercased())" }
            return "Feedback: \(question.label.lowercased()) – " + (FeedbackAnswer(rawValue: new)?.label ?? new)
        }
        func label(_ value: String?) -> String? {
            guard let value else { return nil }
            switch field {
            case "primary_need": return vocabulary.primaryNeeds.label(value)
            case "referral_source": return vocabulary.referralSources.label(value)
            case "first_route": return vocabulary.firstRoutes.label(value)
            case "issue": return vocabulary.issues.label(value)
            case "level": return "\(value) (\(vocabulary.levels.label(value).lowercased()))"
            case "date_of_birth": return Day(iso: value)?.formatted ?? value
            default: return value
            }
        }
        let whose = person.map { $0 + ": " } ?? ""
        switch field {
        case "level": return "Level \(label(old) ?? "?") → \(label(new) ?? "?")"
        case "status": return "Status \(old ?? "?") → \(new ?? "?")"
        case "issue": return new != nil ? "Issue added: \(label(new) ?? "")" : "Issue removed: \(label(old) ?? "")"
        case "party": return new.map { "Added to the case: \($0)" } ?? "Removed from the case: \(old ?? person ?? "?")"
        case "main_contact": return new.map { "Main contact: \($0)" + (old.map { " (was \($0))" } ?? "") } ?? "\(old ?? "?") is no longer the main contact"
        case "parental_responsibility":
            return (person ?? "Parental responsibility") + (new == "yes" ? ": has parental responsibility" : ": recorded as without parental responsibility")
        default:
            // Lower case after a name ("Jo Bloggs: phone changed ..."), a capital on its own.
            func sentence(_ words: String) -> String {
                person != nil ? whose + words : words.prefix(1).uppercased() + words.dropFirst()
            }
            if let special = PersonField(rawValue: field), special.isSpecialCategory {
                return sentence(special.label.lowercased() + " changed (shown only on request)")
            }
            if let flag = PersonField(rawValue: field), flag.isFlag {
                let words = flag == .interpreter ? "needs an interpreter" : flag.label.lowercased()
                return sentence(new == "yes" ? "marked \(words)" : "no longer marked \(words)")
            }
            let name = ["school": "School", "year_group": "Year group", "primary_need": "Primary need",
                        "referral_source": "Referral source", "first_route": "First route"][field]
                ?? PersonField(rawValue: field).map { person == nil ? $0.label : $0.label.lowercased() } ?? field
            guard let new = label(new) else { return "\(whose)\(name) removed" }
            guard let old = label(old) else { return "\(whose)\(name) set to \(new)" }
            return "\(whose)\(name) changed from \(old) to \(new)"
        }
    }
}
