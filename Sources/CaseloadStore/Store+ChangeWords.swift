import CaseloadCore

extension Store {
    /// A change in words: "Level 2 → 4", "School changed from Moseley Park
    /// to Kings Heath Primary", "Issue added: Exclusion", "Feedback:
    /// information useful – Yes".
    static func changeTitle(field: String, from old: String?, to new: String?, _ vocabulary: Vocabulary) -> String {
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
            default: return value
            }
        }
        switch field {
        case "level": return "Level \(label(old) ?? "?") → \(label(new) ?? "?")"
        case "status": return "Status \(old ?? "?") → \(new ?? "?")"
        case "issue": return new != nil ? "Issue added: \(label(new) ?? "")" : "Issue removed: \(label(old) ?? "")"
        default:
            let name = ["school": "School", "year_group": "Year group", "primary_need": "Primary need",
                        "referral_source": "Referral source", "first_route": "First route"][field] ?? field
            guard let new = label(new) else { return "\(name) removed" }
            guard let old = label(old) else { return "\(name) set to \(new)" }
            return "\(name) changed from \(old) to \(new)"
        }
    }
}
