import CaseloadCore
import Foundation
import GRDB

/// Everything a case file shows: the header, the people, key dates, open
/// actions, consents, referrals and the timeline, newest first.
public struct CaseDetail: Codable, Sendable {
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
        /// For a cancelled (or met or missed) date: when, and why or what happened.
        public let settledOn: Day?
        public let settlement: String?
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
            /// A field of the case or the child changed (level, status, school ...).
            case change
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
    /// The case's changes of level, oldest first.
    public var levelHistory: [FieldChange]? = nil
    /// Every change to the case's fields and its people's, oldest first.
    public var fieldChanges: [FieldChange]? = nil
    /// The file was read with its people's special-category details.
    public var specialShown = false
    /// The family's feedback at closure; nil while open, or when none was recorded.
    public var feedback: ClosureFeedback? = nil
    /// Values on the case that lost a merge on the hub, waiting for a person.
    public var syncConflicts: [SyncConflict]? = nil
    /// Changes made here on the case that the hub refused: kept here only.
    public var syncRefused: [RefusedChange]? = nil

    public var child: Party? { people.first { $0.role == .subject } }
}

extension Store {
    /// Reads a case file. Every read is audited; a caseworker opening a case
    /// that is not theirs must say why, and the reason is recorded.
    ///
    /// `record: false` re-reads a file already on the worker's screen (a
    /// refresh after another process changed it): that is not a new reading,
    /// so it is not recorded again.
    ///
    /// `special` adds the special-category details (ethnicity, religion,
    /// health), which are read only when asked for, and recorded as such.
    public func caseDetail(_ reference: String, reason: String? = nil, record: Bool = true, special: Bool = false,
                           by actor: ActingWorker) throws -> CaseDetail {
        try write { db in
            let identity = try caseIdentity(db, reference)
            // Only a file this worker already opened today counts as a refresh.
            let record = try record || !hasRead(db, caseId: identity.id, by: actor)
            let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
            if record, identity.workerId != actor.workerId, !actor.isSupervisor, (reason ?? "").isEmpty,
               try !isHandedTo(db, caseId: identity.id, actor) {
                throw CaseloadError.notAllowed(
                    "\(identity.reference) is not in your caseload; say why you are opening it, which is recorded", field: .reason)
            }
            let detail = try loadDetail(db, caseId: identity.id, special: special)
            if record {
                try audit(db, actor, "case.read", caseId: identity.id, detail: (reason ?? "").isEmpty ? nil : reason)
            }
            if special { try audit(db, actor, "case.read-special", caseId: identity.id) }
            var shown = detail
            shown.specialShown = special
            return shown
        }
    }

    /// A case handed to the worker and waiting for them to accept it is
    /// theirs to read: they must read the file before they accept.
    func isHandedTo(_ db: Database, caseId: String, _ actor: ActingWorker) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT 1 FROM handover WHERE case_id = ? AND to_worker_id = ? AND status = 'pending'
            """), arguments: [caseId, actor.workerId]) == true
    }

    /// Reading part of a case outside the case file (a contact to correct, a
    /// letter to the family) is reading the case: its worker, a supervisor,
    /// the worker it is handed to, or one who opened it or acted on it
    /// (giving a reason) today.
    func requireMayRead(_ db: Database, _ identity: CaseIdentity, by actor: ActingWorker) throws {
        guard try mayRead(db, caseId: identity.id, holds: identity.workerId == actor.workerId, by: actor) else {
            throw CaseloadError.notAllowed("\(identity.reference) is not in your caseload; open it first, saying why",
                                           field: .reason)
        }
    }

    /// The rule `requireMayRead` and a search's hits share; `holds`: the
    /// case is the worker's own.
    func mayRead(_ db: Database, caseId: String, holds: Bool, by actor: ActingWorker) throws -> Bool {
        try actor.isSupervisor || holds || isHandedTo(db, caseId: caseId, actor) || hasRead(db, caseId: caseId, by: actor)
    }

    /// Whether the worker read the case, or gave a reason to act on it
    /// (`case.write`, see `CaseReach.swift`), in the last day: a duty worker
    /// who logged a family's call may then read what they wrote.
    func hasRead(_ db: Database, caseId: String, by actor: ActingWorker) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT 1 FROM audit_event
            WHERE case_id = ? AND worker_id = ? AND action IN ('case.read', 'case.write') AND at >= ?
            """), arguments: [caseId, actor.workerId, StoreTime.text(now().addingTimeInterval(-86_400))]) ?? false
    }

    /// Each part of the file is read by column name beside its SELECT; a
    /// value the schema cannot hold stops the reading (see `StoredRow`).
    private func loadDetail(_ db: Database, caseId: String, special: Bool) throws -> CaseDetail {
        let today = self.today
        let issues = try String.fetchAll(db.cachedStatement(sql: "SELECT issue FROM case_issue WHERE case_id = ? ORDER BY issue"),
                                         arguments: [caseId])
        let people = try loadPeople(db, caseId: caseId, special: special)
        let changes = try fieldChanges(db, caseId: caseId, special: special)
        let keyDates = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, rule, event, anchor_on, mediation_certificate_on, due_on, status, replaced_by, settled_on, settlement, note
            FROM key_date WHERE case_id = ? ORDER BY status != 'open', due_on
            """), arguments: [caseId]).map { row -> CaseDetail.KeyDate in
            let r = StoredRow(row, "a key date")
            // A rule this version does not know is still shown, by its id:
            // the schema holds any rule, and the date itself is known.
            let ruleId: String = try r.value("rule")
            let rule = DeadlineRule(rawValue: ruleId)
            let due = try r.day("due_on")
            return CaseDetail.KeyDate(id: try r.value("id"), rule: rule, ruleId: ruleId, title: rule?.title ?? ruleId,
                                      source: rule?.source, event: try r.optional("event"),
                                      anchorOn: try r.day("anchor_on"),
                                      mediationCertificateOn: try r.optionalDay("mediation_certificate_on"),
                                      dueOn: due, status: try r.known("status"), replacedBy: try r.optional("replaced_by"),
                                      settledOn: try r.optionalDay("settled_on"), settlement: try r.optional("settlement"),
                                      daysLeft: today.days(until: due), note: try r.optional("note"))
        }
        let actions = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT a.id, a.description, w.login, a.due_on, a.status
            FROM action a LEFT JOIN worker w ON w.id = a.owner_id
            WHERE a.case_id = ? AND a.status = 'open' ORDER BY a.due_on IS NULL, a.due_on
            """), arguments: [caseId]).map { row in
            let r = StoredRow(row, "an action")
            return CaseDetail.Action(id: try r.value("id"), description: try r.value("description"), ownerLogin: try r.optional("login"),
                                     dueOn: try r.optionalDay("due_on"), status: try r.known("status"))
        }
        let consents = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, given_by, given_by_role, scope, method, status, given_on
            FROM consent WHERE case_id = ? ORDER BY given_on DESC, created_at DESC
            """), arguments: [caseId]).map { row in
            let r = StoredRow(row, "a consent")
            return CaseDetail.Consent(id: try r.value("id"), givenBy: try r.value("given_by"), givenByRole: try r.value("given_by_role"),
                                      scope: try r.value("scope"), method: try r.known("method"), status: try r.known("status"),
                                      givenOn: try r.day("given_on"))
        }
        let referrals = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, reasons, narrative, urgency, status, external_reference, created_at
            FROM referral WHERE case_id = ? ORDER BY created_at DESC
            """), arguments: [caseId]).map { row in
            let r = StoredRow(row, "a referral")
            return CaseDetail.Referral(id: try r.value("id"), reasons: try r.list("reasons"), narrative: try r.value("narrative"),
                                       urgency: try r.known("urgency"), status: try r.known("status"),
                                       externalReference: try r.optional("external_reference"), flaggedAt: try r.value("created_at"))
        }
        let safeguarding = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM safeguarding WHERE case_id = ?"),
                                            arguments: [caseId]) ?? 0
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT c.reference, c.status, c.level, c.anonymous, c.opened_on, c.closed_on, c.closure_reason, c.outcome,
                   c.referral_source, c.first_route, w.login, w.name AS worker_name,
                   c.feedback_useful, c.feedback_helped, c.feedback_recommend
            FROM case_file c LEFT JOIN worker w ON w.id = c.worker_id
            WHERE c.id = ?
            """), arguments: [caseId]) else {
            throw CaseloadError.notFound("no case with the id \(caseId)")
        }
        let c = StoredRow(row, "a case")
        let level: Int = try c.value("level")
        // The three are written together: one without the others is damage.
        let answered = try FeedbackQuestion.allCases.contains { (try c.optional($0.field) as String?) != nil }
        let feedback = answered ? ClosureFeedback(useful: try c.known("feedback_useful"), helped: try c.known("feedback_helped"),
                                                  recommend: try c.known("feedback_recommend")) : nil
        let sync = try syncProblems(db, caseId: caseId, special: special)
        return CaseDetail(
            id: caseId, reference: try c.value("reference"), status: try c.known("status"),
            level: level, levelLabel: try vocabulary.levels.label(String(level)),
            anonymous: try c.value("anonymous"), openedOn: try c.day("opened_on"),
            closedOn: try c.optionalDay("closed_on"), closureReason: try c.optional("closure_reason"),
            outcome: try c.optional("outcome"), referralSource: try c.optional("referral_source"),
            firstRoute: try c.optional("first_route"),
            workerLogin: try c.optional("login"), workerName: try c.optional("worker_name"), issues: issues, people: people,
            keyDates: keyDates, openActions: actions, consents: consents, referrals: referrals,
            safeguardingEntries: safeguarding, timeline: try timeline(db, caseId: caseId),
            levelHistory: changes.filter { $0.field == "level" }, fieldChanges: changes, feedback: feedback,
            syncConflicts: sync.conflicts, syncRefused: sync.refused)
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
            SELECT 'handover', n.id, n.created_at, w.login, 'withdrawn', n.text, NULL, NULL, t.login
            FROM handover_note n JOIN handover h ON h.id = n.handover_id LEFT JOIN worker w ON w.id = n.created_by
            LEFT JOIN worker t ON t.id = h.to_worker_id
            WHERE n.case_id = :case
            UNION ALL
            SELECT 'referral', r.id, r.created_at, w.login, r.status, r.note, NULL, NULL, r.external_reference
            FROM referral_status_change r JOIN referral f ON f.id = r.referral_id LEFT JOIN worker w ON w.id = r.created_by
            WHERE f.case_id = :case
            UNION ALL
            SELECT 'safeguarding', s.id, s.occurred_at, w.login, s.told, s.note, NULL, NULL, s.reference
            FROM safeguarding s LEFT JOIN worker w ON w.id = s.created_by WHERE s.case_id = :case
            UNION ALL
            SELECT 'change', f.id, f.created_at, w.login, f.field, f.reason, NULL, NULL,
                   coalesce(f.old_value, '') || char(31) || coalesce(f.new_value, '') || char(31) || coalesce(p.full_name, '')
            FROM field_change f LEFT JOIN worker w ON w.id = f.created_by LEFT JOIN person p ON p.id = f.person_id
            WHERE f.case_id = :case
            ORDER BY 3 DESC, 2 DESC
            """), arguments: ["case": caseId])
        // A correction and the contact it corrects point at each other on screen.
        var contactTimes: [String: Date] = [:]
        var correctedBy: [String: Date] = [:]
        let vocabulary = try vocabulary
        let entries = rows.map { StoredRow($0, "a timeline entry") }
        for r in entries {
            guard try r.value("kind") as String == "contact" else { continue }
            let at: Date = try r.value("at")
            contactTimes[try r.value("id")] = at
            if let original: String = try r.optional("amends") { correctedBy[original] = at }
        }
        return try entries.map { r in
            let kind: CaseDetail.TimelineEntry.Kind = try r.known("kind")
            let id: String = try r.value("id")
            let raw: String = try r.value("title")
            let extra: String? = try r.optional("extra")
            let title: String
            switch kind {
            case .contact:
                title = vocabulary.contactModes.label(raw)
                    + (extra.map { " (" + vocabulary.meetingTypes.label($0) + ")" } ?? "")
                    + ((try r.optional("amends") as String?).map { original in
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
            case .change:
                // The old and new values and the person's name travel in one
                // column, split by a unit separator.
                let values = (extra ?? "").split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
                func value(_ index: Int) -> String? { values.count > index && !values[index].isEmpty ? values[index] : nil }
                title = Self.changeTitle(field: raw, from: value(0), to: value(1), person: value(2), vocabulary)
            }
            return CaseDetail.TimelineEntry(kind: kind, id: id, at: try r.value("at"), by: try r.optional("by"), title: title,
                                            text: try r.optional("text"), amends: try r.optional("amends"),
                                            minutes: try r.optional("minutes"))
        }
    }
}
