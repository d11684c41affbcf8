import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

extension CaseFileLayout {
    /// What syncing left on the case for a person to see, near the top of
    /// the file: a value that lost a merge, and a change made here that the
    /// hub refused, which no one else has.
    func syncLines(_ d: CaseDetail, width: Int?) -> [StyledLine] {
        var out: [StyledLine] = []
        func add(_ text: String, _ style: Style) {
            guard let width, DisplayWidth.of(text) > width else { return out.append(StyledLine(text, style)) }
            for (n, row) in TextWrap.wrap(text, width: max(10, width - 2)).enumerated() {
                out.append(StyledLine((n == 0 ? "" : "  ") + row, style))
            }
        }
        for conflict in d.syncConflicts ?? [] {
            // A special-category value is shown only when the file was read asking for it.
            let hidden = !d.specialShown && conflict.fields.contains { PersonField(rawValue: $0)?.isSpecialCategory == true }
            let values = hidden ? "values shown only on request"
                : "kept \(conflict.kept), lost \(conflict.lost)" + (conflict.lostBy.map { " (\(SafeText.inline($0)))" } ?? "")
            add("! Conflict on \(Self.subject(conflict, in: d)): \(values) — caseload conflicts settles it", theme.warning)
        }
        let refused = d.syncRefused ?? []
        for change in refused.prefix(3) {
            add("! The hub refused \(Self.change(change, in: d)): \(SafeText.inline(change.reason)) (kept here, not on the hub)",
                theme.alarm)
        }
        if refused.count > 3 {
            add("! … and \(Plural.count(refused.count - 3, "more refused change")) (caseload sync --status lists them)", theme.alarm)
        }
        return out
    }

    /// What the conflict is about: "the phone of Mia Stone", "the case's level".
    static func subject(_ conflict: SyncConflict, in d: CaseDetail) -> String {
        let field = conflict.fields.first ?? "?"
        let words = PersonField(rawValue: field)?.label.lowercased() ?? field.replacingOccurrences(of: "_", with: " ")
        switch conflict.table {
        case "person":
            let name = d.people.first { $0.personId == conflict.recordId }.map { SafeText.inline($0.name) } ?? "someone on the case"
            return "the \(words) of \(name)"
        case "case_file": return "the case's \(words)"
        default: return "the \(words) of \(noun(conflict.table))"
        }
    }

    /// The refused change in words: "a contact made here", "a change made
    /// here to the details of Mia Stone".
    static func change(_ change: RefusedChange, in d: CaseDetail) -> String {
        var thing = noun(change.table)
        if change.table == "person", let person = d.people.first(where: { $0.personId == change.recordId }) {
            thing = "the details of " + SafeText.inline(person.name)
        }
        switch change.op {
        case "update": return "a change made here to " + thing.replacingOccurrences(of: "^an? ", with: "the ", options: .regularExpression)
        case "delete": return "the removal here of " + thing
        default: return thing + " made here"
        }
    }

    /// A record of the table, as people call it.
    static func noun(_ table: String) -> String {
        [
            "case_file": "the case", "person": "a person's details", "case_party": "a person's part in the case",
            "case_issue": "an issue", "assignment": "an allocation", "handover": "a handover",
            "handover_note": "a handover's withdrawal", "contact": "a contact", "action": "an action", "consent": "a consent",
            "referral": "a family-support referral", "referral_status_change": "a referral's move",
            "safeguarding": "a safeguarding record", "safeguarding_review": "a safeguarding review", "key_date": "a key date",
            "field_change": "a change's history", "audit_event": "an audit entry", "sync_conflict": "a conflict's settling",
        ][table] ?? "a " + table.replacingOccurrences(of: "_", with: " ")
    }
}
