import CaseloadCore
import Foundation
import GRDB

/// Everything a case file shows: the header, the people, key dates, open
/// actions, consents, referrals and the timeline, newest first.
public struct CaseDetail: Codable, Sendable {
    public struct Party: Codable, Sendable {
        public let personId: String
        public let role: PartyRole
        public let kind: PersonKind
        public let name: String
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
    }

    public struct KeyDate: Codable, Sendable {
        public let id: String
        public let rule: DeadlineRule?
        public let ruleId: String
        public let title: String
        /// The rule's legal source in short ("SEND Regulations 2014, reg 13(1)(a)").
        public let source: String?
        /// The event the date follows from ("decision-letter"), when it was recorded as one.
        public let event: String?
        public let anchorOn: Day
        /// For an appeal after mediation: the certificate's date (the anchor is the decision letter).
        public let mediationCertificateOn: Day?
        public let dueOn: Day
        public let status: KeyDateStatus
        /// For a replaced date: the id of the date that replaced it.
        public let replacedBy: String?
        public let daysLeft: Int
        public let note: String?
    }

    public struct Action: Codable, Sendable {
        public let id: String
        public let description: String
        public let ownerLogin: String?
        public let dueOn: Day?
        public let status: ActionStatus
    }

    public struct Consent: Codable, Sendable {
        public let id: String
        public let givenBy: String
        public let givenByRole: String
        public let scope: String
        public let method: ConsentMethod
        public let status: ConsentStatus
        public let givenOn: Day
    }

    public struct Referral: Codable, Sendable {
        public let id: String
        public let reasons: [String]
        public let narrative: String
        public let urgency: Urgency
        public let status: ReferralStatus
        public let externalReference: String?
        public let flaggedAt: Date
    }

    /// One entry of the timeline: a contact, an assignment, a handover, a
    /// referral change or a safeguarding record.
    public struct TimelineEntry: Codable, Sendable {
        public enum Kind: String, Codable, Sendable {
            case contact, assignment, handover, referral, safeguarding, keyDate = "key-date"
        }
        public let kind: Kind
        public let id: String
        public let at: Date
        public let by: String?
        public let title: String
        public let text: String?
        /// For a contact that corrects another: the one it amends.
        public let amends: String?
        public let minutes: Int?
    }

    public let id: String
    public let reference: String
    public let status: CaseStatus
    public let level: Int
    public let levelLabel: String
    public let anonymous: Bool
    public let openedOn: Day
    public let closedOn: Day?
    public let closureReason: String?
    public let outcome: String?
    public let referralSource: String?
    public let firstRoute: String?
    public let workerLogin: String?
    public let workerName: String?
    public let issues: [String]
    public let people: [Party]
    public let keyDates: [KeyDate]
    public let openActions: [Action]
    public let consents: [Consent]
    public let referrals: [Referral]
    public let safeguardingEntries: Int
    public let timeline: [TimelineEntry]

    public var child: Party? { people.first { $0.role == .subject } }
}

extension Store {
    /// Reads a case file. Every read is audited; a caseworker opening a case
    /// that is not theirs must say why, and the reason is recorded.
    ///
    /// `record: false` re-reads a file already on the worker's screen (a
    /// refresh after another process changed it): that is not a new reading,
    /// so it is not recorded again.
    public func caseDetail(_ reference: String, reason: String? = nil, record: Bool = true,
                           by actor: ActingWorker) throws -> CaseDetail {
        try write { db in
            let identity = try caseIdentity(db, reference)
            // Only a file this worker already opened today counts as a refresh.
            let record = try record || !hasRead(db, caseId: identity.id, by: actor)
            let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
            if record, identity.workerId != actor.workerId, !actor.isSupervisor, (reason ?? "").isEmpty {
                throw CaseloadError.notAllowed(
                    "\(identity.reference) is not in your caseload; say why you are opening it, which is recorded", field: .reason)
            }
            let detail = try loadDetail(db, caseId: identity.id)
            if record {
                try audit(db, actor, "case.read", caseId: identity.id, detail: (reason ?? "").isEmpty ? nil : reason)
            }
            return detail
        }
    }

    private func hasRead(_ db: Database, caseId: String, by actor: ActingWorker) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT 1 FROM audit_event
            WHERE case_id = ? AND worker_id = ? AND action = 'case.read' AND at >= ?
            """), arguments: [caseId, actor.workerId, StoreTime.text(now().addingTimeInterval(-86_400))]) ?? false
    }

    private func loadDetail(_ db: Database, caseId: String) throws -> CaseDetail {
        let today = self.today
        let c = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT c.*, w.login, w.name AS worker_name FROM case_file c LEFT JOIN worker w ON w.id = c.worker_id
            WHERE c.id = ?
            """), arguments: [caseId])!
        let issues = try String.fetchAll(db.cachedStatement(sql: "SELECT issue FROM case_issue WHERE case_id = ? ORDER BY issue"),
                                         arguments: [caseId])
        let people = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT p.*, cp.role, cp.parental_responsibility FROM case_party cp JOIN person p ON p.id = cp.person_id
            WHERE cp.case_id = ?
            ORDER BY CASE cp.role WHEN 'subject' THEN 0 WHEN 'parent-carer' THEN 1 WHEN 'professional' THEN 2 ELSE 3 END, cp.created_at
            """), arguments: [caseId]).map { row in
            CaseDetail.Party(personId: row["id"], role: PartyRole(rawValue: row["role"]) ?? .other,
                             kind: PersonKind(rawValue: row["kind"]) ?? .adult, name: row["full_name"],
                             dateOfBirth: (row["date_of_birth"] as String?).flatMap(Day.init(iso:)),
                             school: row["school"], yearGroup: row["year_group"], primaryNeed: row["primary_need"],
                             language: row["language"], interpreter: row["interpreter"],
                             contactPreferences: row["contact_preferences"],
                             parentalResponsibility: row["parental_responsibility"],
                             organisation: row["organisation"], professionalRole: row["professional_role"])
        }
        let keyDates = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM key_date WHERE case_id = ? ORDER BY status != 'open', due_on
            """), arguments: [caseId]).map { row -> CaseDetail.KeyDate in
            let ruleId: String = row["rule"]
            let rule = DeadlineRule(rawValue: ruleId)
            let due = Day(iso: row["due_on"]) ?? today
            return CaseDetail.KeyDate(id: row["id"], rule: rule, ruleId: ruleId, title: rule?.title ?? ruleId,
                                      source: rule?.source, event: row["event"],
                                      anchorOn: Day(iso: row["anchor_on"]) ?? due,
                                      mediationCertificateOn: (row["mediation_certificate_on"] as String?).flatMap(Day.init(iso:)),
                                      dueOn: due,
                                      status: KeyDateStatus(rawValue: row["status"]) ?? .open,
                                      replacedBy: row["replaced_by"],
                                      daysLeft: today.days(until: due), note: row["note"])
        }
        let actions = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT a.*, w.login FROM action a LEFT JOIN worker w ON w.id = a.owner_id
            WHERE a.case_id = ? AND a.status = 'open' ORDER BY a.due_on IS NULL, a.due_on
            """), arguments: [caseId]).map { row in
            CaseDetail.Action(id: row["id"], description: row["description"], ownerLogin: row["login"],
                              dueOn: (row["due_on"] as String?).flatMap(Day.init(iso:)),
                              status: ActionStatus(rawValue: row["status"]) ?? .open)
        }
        let consents = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM consent WHERE case_id = ? ORDER BY given_on DESC, created_at DESC
            """), arguments: [caseId]).map { row in
            CaseDetail.Consent(id: row["id"], givenBy: row["given_by"], givenByRole: row["given_by_role"],
                               scope: row["scope"], method: ConsentMethod(rawValue: row["method"]) ?? .verbal,
                               status: ConsentStatus(rawValue: row["status"]) ?? .given,
                               givenOn: Day(iso: row["given_on"]) ?? today)
        }
        let referrals = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM referral WHERE case_id = ? ORDER BY created_at DESC
            """), arguments: [caseId]).map { row in
            CaseDetail.Referral(id: row["id"], reasons: Self.decodeList(row["reasons"]), narrative: row["narrative"],
                                urgency: Urgency(rawValue: row["urgency"]) ?? .routine,
                                status: ReferralStatus(rawValue: row["status"]) ?? .flagged,
                                externalReference: row["external_reference"], flaggedAt: row["created_at"])
        }
        let safeguarding = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM safeguarding WHERE case_id = ?"),
                                            arguments: [caseId]) ?? 0
        return CaseDetail(
            id: caseId, reference: c["reference"], status: CaseStatus(rawValue: c["status"]) ?? .open,
            level: c["level"], levelLabel: try vocabulary.levels.label(String(c["level"] as Int)),
            anonymous: c["anonymous"], openedOn: Day(iso: c["opened_on"]) ?? today,
            closedOn: (c["closed_on"] as String?).flatMap(Day.init(iso:)), closureReason: c["closure_reason"],
            outcome: c["outcome"], referralSource: c["referral_source"], firstRoute: c["first_route"],
            workerLogin: c["login"], workerName: c["worker_name"], issues: issues, people: people,
            keyDates: keyDates, openActions: actions, consents: consents, referrals: referrals,
            safeguardingEntries: safeguarding, timeline: try timeline(db, caseId: caseId))
    }

    /// The case's history, newest first, gathered from every append-only log.
    func timeline(_ db: Database, caseId: String) throws -> [CaseDetail.TimelineEntry] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT 'contact' AS kind, ct.id, ct.occurred_at AS at, w.login AS by, ct.mode AS title,
                   ct.summary || CASE WHEN ct.advice IS NOT NULL AND ct.advice != '' THEN char(10) || 'Advice: ' || ct.advice ELSE '' END
                   || CASE WHEN ct.parties IS NOT NULL AND ct.parties != '' THEN char(10) || 'Present: ' || ct.parties ELSE '' END AS text,
                   ct.amends_id AS amends, ct.minutes, ct.meeting_type AS extra
            FROM contact ct LEFT JOIN worker w ON w.id = ct.worker_id WHERE ct.case_id = :case
            UNION ALL
            SELECT 'assignment', a.id, a.created_at, w.login, a.kind, coalesce(t.name, 'unallocated') || coalesce(': ' || a.reason, ''),
                   NULL, NULL, t.login
            FROM assignment a LEFT JOIN worker w ON w.id = a.created_by LEFT JOIN worker t ON t.id = a.worker_id
            WHERE a.case_id = :case
            UNION ALL
            SELECT 'handover', h.id, h.created_at, w.login, h.status, h.summary, NULL, NULL, t.login
            FROM handover h LEFT JOIN worker w ON w.id = h.created_by LEFT JOIN worker t ON t.id = h.to_worker_id
            WHERE h.case_id = :case
            UNION ALL
            SELECT 'referral', r.id, r.created_at, w.login, r.status, r.note, NULL, NULL, r.external_reference
            FROM referral_status_change r JOIN referral f ON f.id = r.referral_id LEFT JOIN worker w ON w.id = r.created_by
            WHERE f.case_id = :case
            UNION ALL
            SELECT 'safeguarding', s.id, s.occurred_at, w.login, s.told, s.note, NULL, NULL, s.reference
            FROM safeguarding s LEFT JOIN worker w ON w.id = s.created_by WHERE s.case_id = :case
            ORDER BY 3 DESC, 2 DESC
            """), arguments: ["case": caseId])
        // A correction and the contact it corrects point at each other on screen.
        var contactTimes: [String: Date] = [:]
        var correctedBy: [String: Date] = [:]
        let vocabulary = try vocabulary
        for row in rows where (row["kind"] as String) == "contact" {
            contactTimes[row["id"]] = row["at"]
            if let original: String = row["amends"] { correctedBy[original] = row["at"] }
        }
        return rows.map { row in
            let kind = CaseDetail.TimelineEntry.Kind(rawValue: row["kind"]) ?? .contact
            let id: String = row["id"]
            let raw: String = row["title"] ?? ""
            let extra: String? = row["extra"]
            let title: String
            switch kind {
            case .contact:
                title = vocabulary.contactModes.label(raw)
                    + (extra.map { " (" + vocabulary.meetingTypes.label($0) + ")" } ?? "")
                    + ((row["amends"] as String?).map { original in
                        ", correcting the contact of " + (contactTimes[original].map { Moment.format($0, in: timeZone) } ?? "?")
                    } ?? "")
                    + (correctedBy[id].map { " (corrected on \(Moment.format($0, in: timeZone)))" } ?? "")
            case .assignment:
                title = [
                    "allocation": "Allocated", "reassignment": "Reassigned", "handover": "Handed over",
                    "unallocation": "Unallocated",
                ][raw] ?? raw
            case .handover: title = "Handover to \(extra ?? "?") (\(raw))"
            case .referral: title = "Family-support referral \(raw)" + (extra.map { " (ref \($0))" } ?? "")
            case .safeguarding: title = "Safeguarding: told \(raw)" + (extra.map { " (ref \($0))" } ?? "")
            case .keyDate: title = raw
            }
            return CaseDetail.TimelineEntry(kind: kind, id: id, at: row["at"], by: row["by"], title: title,
                                            text: row["text"], amends: row["amends"], minutes: row["minutes"])
        }
    }

    static func decodeList(_ json: String?) -> [String] {
        guard let data = json?.data(using: .utf8),
              let list = try? JSONDecoder().decode([String].self, from: data) else { return [] }
        return list
    }
}
