import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

extension CaseFileLayout {
    /// The people on a case, each on a line of who they are, then how to
    /// reach them, then (in the alarm colour) the warnings that keep that
    /// contact safe: shown wherever the details are, never cut. Those no
    /// longer involved follow, with who took them off and why.
    func peopleLines(_ d: CaseDetail, width: Int?) -> [StyledLine] {
        let v = vocabulary
        func s(_ text: String?) -> String { SafeText.inline(text ?? "") }
        var out: [StyledLine] = []
        let indent = String(repeating: " ", count: 15)
        /// Wrapped under the role on a narrow screen, for how to reach a
        /// family matters for their safety.
        func add(_ lead: String, _ text: String, _ style: Style = .normal) {
            guard let width, DisplayWidth.of(lead + text) > width else {
                return out.append(StyledLine([.init(lead), .init(text, style)]))
            }
            for (n, row) in TextWrap.wrap(text, width: max(10, width - indent.count)).enumerated() {
                out.append(StyledLine([.init(n == 0 ? lead : indent), .init(row, style)]))
            }
        }
        for p in d.currentPeople {
            var parts = [s(p.name) + (p.knownAs.map { " (known as \(s($0)))" } ?? "")]
            if let dob = p.dateOfBirth { parts.append("born \(dob) (age \(age(of: dob, on: today)))") }
            if let year = p.yearGroup { parts.append(s(year)) }
            if let school = p.school { parts.append(s(school)) }
            if let need = p.primaryNeed { parts.append("need " + v.primaryNeeds.label(need)) }
            if p.parentalResponsibility { parts.append("parental responsibility") }
            if p.role == .professional {
                parts.append([p.professionalRole, p.organisation].compactMap { $0.map(s) }.joined(separator: ", "))
            } else if let org = p.organisation {
                parts.append(s(org))
            }
            if let language = p.language { parts.append("language " + s(language)) }
            if p.interpreter { parts.append("needs an interpreter") }
            if p.mainContact { parts.append("main contact") }
            add("  " + DisplayWidth.pad(Self.roleLabel(p), to: 13), parts.filter { !$0.isEmpty }.joined(separator: ", "))
            let reach = [p.phone.map { "phone " + s($0) }, p.email.map { "email " + s($0) }, p.address.map { "address " + s($0) },
                         p.contactPreferences.map { "prefers " + s($0) }].compactMap { $0 }
            if !reach.isEmpty { add(indent, reach.joined(separator: " · ")) }
            if !p.warnings.isEmpty { add(indent, "! " + p.warnings.joined(separator: " · "), theme.alarm) }
            let special = [p.ethnicity.map { "ethnicity " + s($0) }, p.religion.map { "religion " + s($0) },
                           p.healthNotes.map { "health " + s($0) }].compactMap { $0 }
            if !special.isEmpty { add(indent, "Special category: " + special.joined(separator: " · "), theme.quiet) }
        }
        let removed = d.people.filter(\.isRemoved)
        if !removed.isEmpty {
            out.append(StyledLine("  No longer involved", theme.quiet))
            for p in removed {
                let when = p.removedAt.map { " on \(Day($0, in: timeZone))" } ?? ""
                add("  " + DisplayWidth.pad(Self.roleLabel(p), to: 13),
                    s(p.name) + ", removed\(when)" + (p.removedBy.map { " by " + s($0) } ?? "")
                        + (p.removedReason.map { ": " + s($0) } ?? ""), theme.quiet)
            }
        }
        return out
    }

    static func roleLabel(_ p: CaseDetail.Party) -> String {
        switch p.role {
        case .subject: return p.kind == .youngPerson ? "Young person" : "Child"
        case .parentCarer: return "Parent/carer"
        case .professional: return "Professional"
        case .other: return "Family/other"
        }
    }
}
