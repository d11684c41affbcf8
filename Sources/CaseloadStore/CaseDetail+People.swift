import CaseloadCore
import Foundation
import GRDB

extension CaseDetail {
    /// A person on the case, with how to reach them safely. Someone no
    /// longer involved stays on the file, removed, with who removed them,
    /// when and why.
    public struct Party: Codable, Sendable {
        public let personId: String
        public let role: PartyRole
        public let kind: PersonKind
        public let name: String
        public var knownAs: String? = nil
        public let dateOfBirth: Day?
        public let school: String?
        public let yearGroup: String?
        public let primaryNeed: String?
        public let language: String?
        public let interpreter: Bool
        public let contactPreferences: String?
        public let parentalResponsibility: Bool
        public let organisation: String?
        public let professionalRole: String?
        public var phone: String? = nil
        public var email: String? = nil
        public var address: String? = nil
        public var noVoicemail = false
        public var doNotWrite = false
        public var doNotShare = false
        public var mainContact = false
        public var removedAt: Date? = nil
        public var removedBy: String? = nil
        public var removedReason: String? = nil
        /// Special-category details: nil unless the file was read asking for them.
        public var ethnicity: String? = nil
        public var religion: String? = nil
        public var healthNotes: String? = nil

        public var isRemoved: Bool { removedAt != nil }

        /// The safe-contact warnings, in the words shown wherever the
        /// person's details are.
        public var warnings: [String] {
            Self.warnings(doNotShare: doNotShare, doNotWrite: doNotWrite, noVoicemail: noVoicemail)
        }

        static func warnings(doNotShare: Bool, doNotWrite: Bool, noVoicemail: Bool) -> [String] {
            var out: [String] = []
            if doNotShare { out.append("DO NOT SHARE their contact details") }
            if doNotWrite { out.append("DO NOT WRITE to their address") }
            if noVoicemail { out.append("no voicemail") }
            return out
        }
    }

    /// The people still involved, the child first.
    public var currentPeople: [Party] { people.filter { !$0.isRemoved } }
}

extension Store {
    /// The people on a case: the child, parents and carers, professionals,
    /// others, in the order they were added, the removed after them.
    func loadPeople(_ db: Database, caseId: String, special: Bool) throws -> [CaseDetail.Party] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT p.id, cp.role, p.kind, p.full_name, p.known_as, p.date_of_birth, p.school, p.year_group, p.primary_need,
                   p.language, p.interpreter, p.contact_preferences, cp.parental_responsibility, p.organisation,
                   p.professional_role, p.phone, p.email, p.address, p.no_voicemail, p.do_not_write, p.do_not_share,
                   cp.main_contact, cp.removed_at, w.name AS removed_by, cp.removed_reason,
                   p.ethnicity, p.religion, p.health_notes
            FROM case_party cp JOIN person p ON p.id = cp.person_id LEFT JOIN worker w ON w.id = cp.removed_by
            WHERE cp.case_id = ?
            ORDER BY cp.removed_at IS NOT NULL,
                     CASE cp.role WHEN 'subject' THEN 0 WHEN 'parent-carer' THEN 1 WHEN 'professional' THEN 2 ELSE 3 END,
                     cp.created_at
            """), arguments: [caseId]).map { row in
            let r = StoredRow(row, "a person on a case")
            var party = CaseDetail.Party(
                personId: try r.value("id"), role: try r.known("role"), kind: try r.known("kind"),
                name: try r.value("full_name"), dateOfBirth: try r.optionalDay("date_of_birth"),
                school: try r.optional("school"), yearGroup: try r.optional("year_group"),
                primaryNeed: try r.optional("primary_need"), language: try r.optional("language"),
                interpreter: try r.value("interpreter"), contactPreferences: try r.optional("contact_preferences"),
                parentalResponsibility: try r.value("parental_responsibility"),
                organisation: try r.optional("organisation"), professionalRole: try r.optional("professional_role"))
            party.knownAs = try r.optional("known_as")
            party.phone = try r.optional("phone")
            party.email = try r.optional("email")
            party.address = try r.optional("address")
            party.noVoicemail = try r.value("no_voicemail")
            party.doNotWrite = try r.value("do_not_write")
            party.doNotShare = try r.value("do_not_share")
            party.mainContact = try r.value("main_contact")
            party.removedAt = try r.optional("removed_at")
            party.removedBy = try r.optional("removed_by")
            party.removedReason = try r.optional("removed_reason")
            if special {
                party.ethnicity = try r.optional("ethnicity")
                party.religion = try r.optional("religion")
                party.healthNotes = try r.optional("health_notes")
            }
            return party
        }
    }
}
