import CaseloadCore
import CaseloadStore
import Foundation

/// Prints a case file for reading at a terminal.
struct CaseDetailPrinter {
    let store: Store

    func print(_ d: CaseDetail) {
        let v = store.vocabulary
        let tz = store.timeZone
        let today = store.today
        func s(_ text: String?) -> String { SafeText.inline(text ?? "") }

        Output.line("\(d.reference)  \(s(d.child?.name ?? "(anonymous enquiry)"))  [\(d.status.rawValue), level \(d.level) \(d.levelLabel.lowercased())]")
        var facts = ["Worker: " + (d.workerName.map { "\(s($0)) (\(s(d.workerLogin)))" } ?? "unallocated"),
                     "Opened: \(d.openedOn)"]
        if let closed = d.closedOn { facts.append("Closed: \(closed)" + (d.closureReason.map { " (\(v.closureReasons.label($0)))" } ?? "")) }
        if let source = d.referralSource { facts.append("Source: " + v.referralSources.label(source)) }
        if let route = d.firstRoute { facts.append("First route: " + v.firstRoutes.label(route)) }
        Output.line(facts.joined(separator: "   "))
        if !d.issues.isEmpty { Output.line("Issues: " + d.issues.map(v.issues.label).joined(separator: ", ")) }
        if let outcome = d.outcome { Output.line("Outcome: " + s(outcome)) }

        section("People", d.people.isEmpty ? ["none recorded"] : d.people.map { p in
            var parts = [s(p.name)]
            if let dob = p.dateOfBirth { parts.append("born \(dob) (age \(age(of: dob, on: today)))") }
            if let year = p.yearGroup { parts.append(s(year)) }
            if let school = p.school { parts.append(s(school)) }
            if let need = p.primaryNeed { parts.append("need " + v.primaryNeeds.label(need)) }
            if p.parentalResponsibility { parts.append("parental responsibility") }
            if let org = p.organisation { parts.append(s(org)) }
            if let language = p.language { parts.append("language " + s(language) + (p.interpreter ? ", needs an interpreter" : "")) }
            if let prefs = p.contactPreferences { parts.append("contact: " + s(prefs)) }
            let role = ["subject": p.kind == .youngPerson ? "Young person" : "Child", "parent-carer": "Parent/carer",
                        "professional": "Professional", "other": "Other"][p.role.rawValue] ?? p.role.rawValue
            return role.padding(toLength: 13, withPad: " ", startingAt: 0) + parts.joined(separator: ", ")
        })
        section("Key dates", d.keyDates.isEmpty ? ["none"] : d.keyDates.map { k in
            let when = k.status != .open ? k.status.rawValue
                : k.daysLeft < 0 ? "OVERDUE by \(-k.daysLeft) days" : k.daysLeft == 0 ? "due today" : "in \(k.daysLeft) days"
            return "\(k.dueOn)  \(s(k.title)) (\(when)), from \(k.anchorOn)" + (k.note.map { ": " + s($0) } ?? "")
        })
        section("Open actions", d.openActions.isEmpty ? ["none"] : d.openActions.map { a in
            (a.dueOn.map { "\($0)  " } ?? "no date     ") + s(a.description) + (a.ownerLogin.map { " (\(s($0)))" } ?? "")
        })
        section("Consents", d.consents.isEmpty ? ["none recorded"] : d.consents.map { c in
            "\(c.givenOn)  \(c.status.rawValue) by \(s(c.givenBy)) (\(s(c.givenByRole)), \(c.method.rawValue)): \(s(c.scope))"
        })
        section("Family-support referrals", d.referrals.isEmpty ? ["none"] : d.referrals.map { r in
            "\(Day(r.flaggedAt, in: tz))  \(r.status.rawValue), \(r.urgency.rawValue)"
                + (r.externalReference.map { ", ref \(s($0))" } ?? "") + ": " + s(r.narrative)
        })
        if d.safeguardingEntries > 0 {
            Output.line("\nSAFEGUARDING: \(d.safeguardingEntries) entr\(d.safeguardingEntries == 1 ? "y" : "ies") on the timeline.")
        }
        Output.line("\nTimeline (newest first)")
        if d.timeline.isEmpty { Output.line("  nothing yet") }
        for entry in d.timeline {
            var head = "  \(Moment.format(entry.at, in: tz))  \(s(entry.title))"
            var extras: [String] = []
            if let by = entry.by { extras.append(s(by)) }
            if let minutes = entry.minutes { extras.append("\(minutes) min") }
            if !extras.isEmpty { head += " (" + extras.joined(separator: ", ") + ")" }
            Output.line(head)
            if let text = entry.text, !text.isEmpty {
                for line in SafeText.block(text).split(separator: "\n", omittingEmptySubsequences: false) {
                    Output.line("      " + line)
                }
            }
        }
    }

    private func section(_ title: String, _ lines: [String]) {
        Output.line("\n" + title)
        for line in lines { Output.line("  " + line) }
    }
}
