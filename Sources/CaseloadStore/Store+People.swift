import CaseloadCore
import Foundation
import GRDB

/// A person's part on one case, as a change to it finds them.
struct PartyOnCase {
    let partyId: String
    let personId: String
    let role: PartyRole
    let name: String
    let removed: Bool
}

extension Store {
    /// Changes a person on an open or inactive case: their details, the
    /// warnings that keep contact with them safe, their parental
    /// responsibility, whether they are the main contact. Each detail that
    /// changes is one `field_change` record on this case and the person's
    /// current value kept in step, in one transaction with its audit entry
    /// (which names the fields, never their values). `person` is "child",
    /// a name on the case, or the person's id (its last 8 characters will do).
    @discardableResult
    public func editPerson(_ reference: String, person pick: String, _ edit: PersonEdit, by actor: ActingWorker,
                           endingDraft draft: FormDraft? = nil) throws -> [FieldChange] {
        guard !edit.isEmpty else {
            throw CaseloadError.invalid("say what to change, e.g. --phone, --address, --do-not-write yes, --main-contact")
        }
        let reason = edit.reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        try TextLimits.check(reason ?? "", field: "reason", limit: TextLimits.note)
        return try write(endingDraft: try draftKey(draft, of: actor)) { db in
            let identity = try caseIdentity(db, reference)
            try requireHolderOrSupervisor(identity, actor, doing: "edit")
            if identity.status == .closed { throw CaseloadError.caseClosed(identity.reference) }
            let party = try findParty(db, caseId: identity.id, reference: identity.reference, pick)
            if party.removed {
                throw CaseloadError.conflict("\(party.name) was removed from \(identity.reference); add them again to change their details")
            }
            let values = try storedValues(edit.fields, for: party)
            let at = now()
            var changes: [FieldChange] = []
            func record(_ field: String, _ old: String?, _ new: String?) throws {
                try recordFieldChange(db, caseId: identity.id, person: party.personId, field, old, new,
                                      reason: reason?.isEmpty == false ? reason : nil, by: actor, at: at)
                changes.append(FieldChange(field: field, from: old, to: new, at: at, by: actor.name, reason: reason))
            }
            let current = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM person WHERE id = ?"),
                                           arguments: [party.personId]) ?? Row()
            for field in PersonField.allCases {
                guard let new = values[field] else { continue }
                let old = Self.text(of: field, current[field.rawValue] as DatabaseValue)
                guard new != old else { continue }
                try record(field.rawValue, old, new)
                let stored: (any DatabaseValueConvertible)? = field.isFlag ? (new == "yes") : new
                try db.execute(sql: "UPDATE person SET \(field.rawValue) = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                               arguments: [stored, at, actor.workerId, party.personId])
            }
            if let responsible = edit.parentalResponsibility {
                let old: Bool = try Bool.fetchOne(db.cachedStatement(sql: "SELECT parental_responsibility FROM case_party WHERE id = ?"),
                                                  arguments: [party.partyId]) ?? false
                if responsible != old {
                    try record("parental_responsibility", old ? "yes" : "no", responsible ? "yes" : "no")
                    try db.execute(sql: "UPDATE case_party SET parental_responsibility = ? WHERE id = ?",
                                   arguments: [responsible, party.partyId])
                }
            }
            if let main = edit.mainContact {
                let previous = try mainContact(db, caseId: identity.id)
                if main, previous?.partyId != party.partyId {
                    try record("main_contact", previous?.name, party.name)
                    try setMainContact(db, caseId: identity.id, partyId: party.partyId)
                } else if !main, previous?.partyId == party.partyId {
                    try record("main_contact", party.name, nil)
                    try setMainContact(db, caseId: identity.id, partyId: nil)
                }
            }
            guard !changes.isEmpty else {
                throw CaseloadError.conflict("\(party.name) already has those details on \(identity.reference); nothing was changed")
            }
            try audit(db, actor, "person.edit", caseId: identity.id,
                      detail: "\(party.name): " + changes.map(\.field).joined(separator: ", "))
            return changes
        }
    }

    /// Adds someone to an open or inactive case, with their details: a
    /// parent or carer, another family member, or a professional. Returns
    /// the new person's id.
    @discardableResult
    public func addParty(_ reference: String, _ new: NewParty, by actor: ActingWorker,
                         endingDraft draft: FormDraft? = nil) throws -> String {
        let name = new.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw CaseloadError.invalid("say who: the person's name", field: .name) }
        guard new.role != .subject else {
            throw CaseloadError.invalid("a case is about one child or young person, recorded when it was opened; "
                + "add a parent or carer, a family member or a professional")
        }
        let reason = new.reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        try TextLimits.check(reason ?? "", field: "reason", limit: TextLimits.note)
        var details = new.details
        details[.fullName] = name
        let kind: PersonKind = new.role == .professional ? .professional : .adult
        let values = try storedValues(details, for: PartyOnCase(partyId: "", personId: "", role: new.role, name: name, removed: false))
        return try write(endingDraft: try draftKey(draft, of: actor)) { db in
            let identity = try caseIdentity(db, reference)
            try requireHolderOrSupervisor(identity, actor, doing: "add people to")
            if identity.status == .closed { throw CaseloadError.caseClosed(identity.reference) }
            let at = now()
            let personId = try insertPerson(db, name: name, kind: kind, dateOfBirth: nil, school: nil, yearGroup: nil,
                                            primaryNeed: nil, by: actor, at: at)
            for (field, value) in values where field != .fullName {
                let stored: (any DatabaseValueConvertible)? = field.isFlag ? (value == "yes") : value
                try db.execute(sql: "UPDATE person SET \(field.rawValue) = ? WHERE id = ?", arguments: [stored, personId])
            }
            let partyId = UUIDv7.make(at: at)
            try db.cachedStatement(sql: """
                INSERT INTO case_party (id, case_id, person_id, role, parental_responsibility, main_contact,
                                        created_at, created_by, device_id)
                VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)
                """).execute(arguments: [partyId, identity.id, personId, new.role.rawValue, new.parentalResponsibility,
                                         at, actor.workerId, deviceId])
            let label = "\(name) (\(Self.roleWords(new.role, organisation: values[.organisation] ?? nil, as: values[.professionalRole] ?? nil)))"
            try recordFieldChange(db, caseId: identity.id, person: personId, "party", nil, label,
                                  reason: reason?.isEmpty == false ? reason : nil, by: actor, at: at)
            if new.mainContact {
                let previous = try mainContact(db, caseId: identity.id)
                try recordFieldChange(db, caseId: identity.id, person: personId, "main_contact", previous?.name, name,
                                      reason: nil, by: actor, at: at)
                try setMainContact(db, caseId: identity.id, partyId: partyId)
            }
            try audit(db, actor, "party.add", caseId: identity.id, detail: "\(name), \(new.role.rawValue)")
            return personId
        }
    }

    /// Takes someone who is no longer involved off a case. They stay on
    /// its history as removed, with who removed them, when and why; the
    /// child or young person the case is about cannot be removed.
    public func removeParty(_ reference: String, person pick: String, reason: String, by actor: ActingWorker,
                            endingDraft draft: FormDraft? = nil) throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw CaseloadError.invalid("say why they are no longer involved (it is kept on the case)", field: .reason)
        }
        try TextLimits.check(reason, field: "reason", limit: TextLimits.note)
        try write(endingDraft: try draftKey(draft, of: actor)) { db in
            let identity = try caseIdentity(db, reference)
            try requireHolderOrSupervisor(identity, actor, doing: "remove people from")
            if identity.status == .closed { throw CaseloadError.caseClosed(identity.reference) }
            let party = try findParty(db, caseId: identity.id, reference: identity.reference, pick)
            guard party.role != .subject else {
                throw CaseloadError.conflict("\(party.name) is the child or young person \(identity.reference) is about, "
                    + "so stays on it; close the case if the work has ended")
            }
            guard !party.removed else { throw CaseloadError.conflict("\(party.name) was already removed from \(identity.reference)") }
            let at = now()
            let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT cp.main_contact, p.organisation, p.professional_role
                FROM case_party cp JOIN person p ON p.id = cp.person_id WHERE cp.id = ?
                """), arguments: [party.partyId]) ?? Row()
            if row["main_contact"] as Bool? == true {
                try recordFieldChange(db, caseId: identity.id, person: party.personId, "main_contact", party.name, nil,
                                      reason: nil, by: actor, at: at)
            }
            let label = "\(party.name) (\(Self.roleWords(party.role, organisation: row["organisation"], as: row["professional_role"])))"
            try recordFieldChange(db, caseId: identity.id, person: party.personId, "party", label, nil, reason: reason, by: actor, at: at)
            try db.cachedStatement(sql: """
                UPDATE case_party SET removed_at = ?, removed_by = ?, removed_reason = ?, main_contact = 0 WHERE id = ?
                """).execute(arguments: [at, actor.workerId, reason, party.partyId])
            try audit(db, actor, "party.remove", caseId: identity.id, detail: "\(party.name): \(reason)")
        }
    }

    /// The party a worker named: "child", a name (case and accents
    /// ignored, full or known as), or an id or its last 8 or more characters. An unknown or ambiguous name lists who is on the case.
    func findParty(_ db: Database, caseId: String, reference: String, _ pick: String) throws -> PartyOnCase {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT cp.id, cp.person_id, cp.role, p.full_name, p.known_as, cp.removed_at IS NOT NULL AS removed
            FROM case_party cp JOIN person p ON p.id = cp.person_id WHERE cp.case_id = ?
            ORDER BY removed, cp.created_at
            """), arguments: [caseId])
        let parties = try rows.map { row -> (PartyOnCase, String?) in
            let r = StoredRow(row, "a person on a case")
            return (PartyOnCase(partyId: try r.value("id"), personId: try r.value("person_id"), role: try r.known("role"),
                                name: try r.value("full_name"), removed: try r.value("removed")), try r.optional("known_as"))
        }
        let wanted = Self.folded(pick)
        let found: [PartyOnCase]
        if ["child", "young person", "young-person", "subject"].contains(wanted) {
            found = parties.filter { $0.0.role == .subject }.map(\.0)
        } else if wanted.count >= 8, parties.contains(where: { $0.0.personId.lowercased().hasSuffix(wanted) }) {
            // An id's last characters are its random part: its first ones are
            // the time it was made, shared by everyone added the same weeks.
            found = parties.filter { $0.0.personId.lowercased().hasSuffix(wanted) }.map(\.0)
        } else {
            let named = parties.filter { Self.folded($0.0.name) == wanted || $0.1.map(Self.folded) == wanted }
            // Someone removed and added again: the current one is meant.
            found = named.contains { !$0.0.removed } ? named.filter { !$0.0.removed }.map(\.0) : named.map(\.0)
        }
        if found.count == 1 { return found[0] }
        let listing = parties.map { "\($0.0.name) (\($0.0.role.rawValue)\($0.0.removed ? ", removed" : ""), id \($0.0.personId.suffix(8)))" }
        if found.isEmpty {
            throw CaseloadError.notFound("no one called \(SafeText.inline(pick)) is on \(reference); on it: "
                + (listing.isEmpty ? "no one" : listing.joined(separator: "; ")))
        }
        throw CaseloadError.invalid("\(SafeText.inline(pick)) could be more than one person on \(reference); "
            + "name them by id: " + listing.joined(separator: "; "))
    }

    /// The case's main contact, if it has one.
    func mainContact(_ db: Database, caseId: String) throws -> (partyId: String, name: String)? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT cp.id, p.full_name FROM case_party cp JOIN person p ON p.id = cp.person_id
            WHERE cp.case_id = ? AND cp.main_contact = 1 AND cp.removed_at IS NULL LIMIT 1
            """), arguments: [caseId]).map { ($0["id"], $0["full_name"]) }
    }

    /// A case has at most one main contact.
    private func setMainContact(_ db: Database, caseId: String, partyId: String?) throws {
        try db.execute(sql: "UPDATE case_party SET main_contact = (id IS ?) WHERE case_id = ? AND main_contact != (id IS ?)",
                       arguments: [partyId, caseId, partyId])
    }

    /// Each detail as the history keeps it: trimmed text, nil for a
    /// cleared one, a date as yyyy-mm-dd, a flag as yes or no. Checked here
    /// so a bad value is refused before anything is written.
    func storedValues(_ fields: [PersonField: String], for party: PartyOnCase) throws -> [PersonField: String?] {
        var out: [PersonField: String?] = [:]
        for (field, raw) in fields {
            let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if field.isFlag {
                out[field] = try PersonField.flag(text, field) ? "yes" : "no"
                continue
            }
            if text.isEmpty {
                guard field != .fullName else { throw CaseloadError.invalid("a person's name cannot be left empty", field: .name) }
                out[field] = .some(nil)
                continue
            }
            switch field {
            case .dateOfBirth:
                let day = try Day.parse(text)
                try checkAge(day, on: today, subject: party.role == .subject)
                out[field] = day.iso
            case .phone:
                try ParentContact.check(phone: text, email: nil)
                out[field] = text
            case .email:
                try ParentContact.check(phone: nil, email: text)
                out[field] = text
            case .address, .contactPreferences, .healthNotes:
                try TextLimits.check(text, field: field.label.lowercased(), limit: TextLimits.note)
                out[field] = text
            default:
                try TextLimits.check(text, field: field.label.lowercased(), limit: TextLimits.name)
                out[field] = text
            }
        }
        return out
    }

    /// A stored value in the words the history keeps.
    static func text(of field: PersonField, _ value: DatabaseValue) -> String? {
        if field.isFlag { return (Bool.fromDatabaseValue(value) ?? false) ? "yes" : "no" }
        return String.fromDatabaseValue(value)
    }

    /// "parent or carer", "SENCO at Elmfield Primary".
    static func roleWords(_ role: PartyRole, organisation: String?, as professionalRole: String?) -> String {
        switch role {
        case .subject: return "child or young person"
        case .parentCarer: return "parent or carer"
        case .other: return "family member or other"
        case .professional:
            let what = professionalRole ?? "professional"
            return organisation.map { "\(what) at \($0)" } ?? what
        }
    }

    static func folded(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}
