import CaseloadCore
import Foundation
import GRDB

/// Finding the same family when a case is opened, so a family who comes
/// back is one set of people with all their cases rather than a duplicate.
/// Every look-up goes through an index of migration v12 (`Schema+People`):
/// the city store has 200,000 cases, and a case is opened many times a day.
extension Store {
    /// The people on record a new case may be about: a child or young
    /// person of the same name (case and accents ignored) and date of birth,
    /// and anyone but a professional with the new parent's phone (spaces
    /// ignored) or email (case ignored). Showing them reveals that other
    /// cases exist, so each case shown is recorded on its audit trail.
    public func familyMatches(for new: NewCase, by actor: ActingWorker) throws -> [FamilyMatch] {
        let matches = try read { db in try familyMatches(db, new) }
        if !matches.isEmpty { try write { db in try auditMatchesShown(db, matches, by: actor) } }
        return matches
    }

    /// Oldest person first within each way of matching: the child, then the parent.
    func familyMatches(_ db: Database, _ new: NewCase) throws -> [FamilyMatch] {
        // An anonymous enquiry is kept apart from any family on record.
        guard !new.anonymous else { return [] }
        var found: [FamilyMatch] = []
        func add(_ rows: [Row], _ reason: FamilyMatch.Reason) throws {
            for row in rows {
                let r = StoredRow(row, "a person")
                let id: String = try r.value("id")
                if let index = found.firstIndex(where: { $0.personId == id }) {
                    if !found[index].reasons.contains(reason) { found[index].reasons.append(reason) }
                    continue
                }
                found.append(FamilyMatch(personId: id, name: try r.value("full_name"), kind: try r.known("kind"),
                                         dateOfBirth: try r.optionalDay("date_of_birth"), reasons: [reason], cases: []))
            }
        }
        let columns = "SELECT id, full_name, kind, date_of_birth FROM person"
        if let child = new.child, let dob = new.dateOfBirth {
            let wanted = FamilyMatch.folded(child)
            // Few children share a birthday (a score or so at city scale),
            // so the names are compared here, folded as the search folds them.
            let born = try Row.fetchAll(db.cachedStatement(sql: columns + """
                 WHERE date_of_birth = ? AND kind IN ('child', 'young-person') ORDER BY seq
                """), arguments: [dob.iso])
            try add(born.filter { FamilyMatch.folded($0["full_name"] ?? "") == wanted }, .nameAndBirth)
        }
        // A shared number (a refuge's, a school office's) could match many:
        // the first few are enough to say the family may be known.
        if let phone = new.parentPhone.map(Self.plainPhone), !phone.isEmpty {
            try add(Row.fetchAll(db.cachedStatement(sql: columns + """
                 WHERE phone IS NOT NULL AND replace(phone, ' ', '') = ? AND kind != 'professional' ORDER BY seq LIMIT 10
                """), arguments: [phone]), .phone)
        }
        if let email = new.parentEmail.map(Self.plainEmail), !email.isEmpty {
            try add(Row.fetchAll(db.cachedStatement(sql: columns + """
                 WHERE email IS NOT NULL AND lower(email) = ? AND kind != 'professional' ORDER BY seq LIMIT 10
                """), arguments: [email]), .email)
        }
        for index in found.indices {
            found[index].cases = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT DISTINCT c.id, c.reference, c.status, c.opened_on, w.name
                FROM case_party cp JOIN case_file c ON c.id = cp.case_id LEFT JOIN worker w ON w.id = c.worker_id
                WHERE cp.person_id = ?
                ORDER BY c.opened_on, c.reference
                """), arguments: [found[index].personId]).map { row in
                let r = StoredRow(row, "a case of someone on record")
                return FamilyMatch.EarlierCase(caseId: try r.value("id"), reference: try r.value("reference"),
                                               status: try r.known("status"), openedOn: try r.day("opened_on"),
                                               workerName: try r.optional("name"))
            }
        }
        return found
    }

    /// A phone as the index holds it: spaces ignored.
    static func plainPhone(_ phone: String) -> String {
        phone.replacingOccurrences(of: " ", with: "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// An email as the index holds it: case ignored (SQLite's `lower`
    /// changes only ASCII letters, so only those are changed here).
    static func plainEmail(_ email: String) -> String {
        String(String.UnicodeScalarView(email.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars.map { scalar in
            ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar
        }))
    }

    /// Each case a match revealed, on that case's audit trail.
    func auditMatchesShown(_ db: Database, _ matches: [FamilyMatch], by actor: ActingWorker) throws {
        for match in matches {
            let detail = "shown when opening a new case: person \(match.personId) ("
                + match.reasons.map(\.rawValue).joined(separator: " and ") + ")"
            if match.cases.isEmpty { try audit(db, actor, "case.open-match", detail: detail) }
            for shown in match.cases { try audit(db, actor, "case.open-match", caseId: shown.caseId, detail: detail) }
        }
    }

    /// A person named on the command line by their id or its start (at
    /// least 8 characters: ids begin with the time they were made, so a
    /// shorter start names everyone made within the same minute).
    func person(_ db: Database, named given: String) throws -> Row {
        let text = given.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard text.count >= 8 else {
            throw CaseloadError.invalid("the person '\(SafeText.inline(given))' is too short to find: give their id, "
                                        + "or at least its first 8 characters")
        }
        // A range on the id's own index: every id that starts with the text.
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, kind, full_name, date_of_birth, school, year_group, primary_need, phone, email
            FROM person WHERE id >= ? AND id < ? ORDER BY id LIMIT 2
            """), arguments: [text, text + "\u{FFFF}"])
        guard let row = rows.first else {
            throw CaseloadError.notFound("there is no person whose id starts \(SafeText.inline(text)); check it against "
                                         + "the people listed when the case was first refused")
        }
        guard rows.count == 1 else {
            throw CaseloadError.invalid("more than one person's id starts \(SafeText.inline(text)); give more of it")
        }
        return row
    }
}
