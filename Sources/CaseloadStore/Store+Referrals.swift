import CaseloadCore
import Foundation
import GRDB

/// Consent as recorded at the moment it was given (or refused).
public struct NewConsent: Sendable {
    public var givenBy: String
    public var role: String
    public var method: ConsentMethod
    public var status: ConsentStatus = .given
    public var scope: String
    public var givenOn: Day?

    public init(givenBy: String, role: String, method: ConsentMethod, scope: String) {
        self.givenBy = givenBy
        self.role = role
        self.method = method
        self.scope = scope
    }
}

/// A row of the referrals list, for sending a batch to the Children's Trust.
public struct ReferralRow: Codable, Sendable, Equatable {
    public let reference: String
    public let child: String?
    public let status: ReferralStatus
    public let urgency: Urgency
    public let reasons: [String]
    public let narrative: String
    public let consentGiven: Bool
    /// Sent without consent on a supervisor's written reason.
    public let overrideReason: String?
    public let externalReference: String?
    public let flaggedAt: Date
    public let workerLogin: String?
}

extension Store {
    /// Flags a case for a family-support referral to the Children's Trust.
    /// This is the routine path only: a child at risk of significant harm is
    /// a safeguarding matter (`recordSafeguarding`), never a referral.
    /// Outside the worker's caseload it needs `reason` (recorded); sending
    /// the referral stays with the case's worker.
    @discardableResult
    public func flagForFamilySupport(_ reference: String, reasons: [String], narrative: String, urgency: Urgency,
                                     consent: NewConsent?, reason: String? = nil, by actor: ActingWorker,
                                     endingDraft draft: FormDraft? = nil) throws -> String {
        for reason in reasons { try vocabulary.referralReasons.validate(reason) }
        let narrative = narrative.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !narrative.isEmpty else {
            throw CaseloadError.invalid("a referral needs the reason in words: what the family needs and what they agreed to",
                                        field: .reason)
        }
        try TextLimits.check(narrative, field: "reason", limit: TextLimits.note)
        if let consent { try validate(consent) }
        return try write(endingDraft: try draftKey(draft, of: actor)) { db in
            let identity = try caseIdentity(db, reference)
            try requireReach(db, identity, .record("referral.flag"), reason: reason, by: actor)
            // Consent decides whether the referral can be sent: as `consent`, the holder's or a supervisor's.
            if consent != nil { try requireHolderOrSupervisor(identity, actor, doing: "record consent on") }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM referral WHERE case_id = ? AND status NOT IN ('declined', 'closed')",
                                 arguments: [identity.id]) == true {
                throw CaseloadError.conflict(
                    "\(identity.reference) already has an open family-support referral; move that referral on rather than flag the case again")
            }
            let at = now()
            let consentId = try consent.map { try insertConsent(db, caseId: identity.id, $0, by: actor, at: at) }
            let id = UUIDv7.make(at: at)
            let reasonsJSON = String(decoding: try JSONEncoder().encode(reasons), as: UTF8.self)
            try db.execute(sql: """
                INSERT INTO referral (id, case_id, reasons, narrative, urgency, family_agreed, consent_id, status,
                                      created_at, created_by, device_id, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'flagged', ?, ?, ?, ?, ?)
                """, arguments: [id, identity.id, reasonsJSON, narrative, urgency.rawValue, consent?.scope, consentId,
                                 at, actor.workerId, deviceId, at, actor.workerId])
            try insertReferralChange(db, referralId: id, status: .flagged, externalReference: nil, note: nil, by: actor, at: at)
            try audit(db, actor, "referral.flag", caseId: identity.id, detail: urgency.rawValue)
            return id
        }
    }

    /// Moves a case's open referral on. It cannot be sent without consent
    /// given by the family, unless a supervisor overrides with a written
    /// reason. Only the case's worker or a supervisor moves it on.
    public func moveReferral(_ reference: String, to status: ReferralStatus, externalReference: String?,
                             overrideReason: String?, by actor: ActingWorker, endingDraft draft: FormDraft? = nil) throws {
        let overrideReason = overrideReason?.trimmingCharacters(in: .whitespacesAndNewlines)
        try write(endingDraft: try draftKey(draft, of: actor)) { db in
            let identity = try caseIdentity(db, reference)
            try requireReach(db, identity, .decide("move on the referral of"), reason: nil, by: actor)
            guard let referral = try Row.fetchOne(db, sql: """
                SELECT r.id, r.status, r.override_reason, c.status AS consent
                FROM referral r LEFT JOIN consent c ON c.id = r.consent_id
                WHERE r.case_id = ? ORDER BY r.created_at DESC LIMIT 1
                """, arguments: [identity.id]) else {
                throw CaseloadError.notFound("\(identity.reference) has no family-support referral; flag the case for one first")
            }
            let stored = StoredRow(referral, "a referral")
            let referralId: String = try stored.value("id")
            let current: ReferralStatus = try stored.known("status")
            try current.check(moveTo: status)
            let at = now()
            let overridden = (try stored.optional("override_reason") as String?) != nil
            let consent: ConsentStatus? = try stored.optionalKnown("consent")
            if status == .sent, consent != .given, !overridden {
                guard let reason = overrideReason, !reason.isEmpty else {
                    throw CaseloadError.conflict("\(identity.reference) has no consent from the family, so the referral cannot be sent; "
                        + "record the family's consent first, or a supervisor may override with a reason", field: .overrideReason)
                }
                guard actor.isSupervisor else {
                    throw CaseloadError.notAllowed("only a supervisor can send a referral without consent")
                }
                try db.execute(sql: "UPDATE referral SET override_reason = ?, override_by = ?, override_at = ? WHERE id = ?",
                               arguments: [reason, actor.workerId, at, referralId])
                try audit(db, actor, "referral.override", caseId: identity.id, detail: reason)
            }
            try db.execute(sql: """
                UPDATE referral SET status = ?, external_reference = coalesce(?, external_reference), updated_at = ?, updated_by = ?
                WHERE id = ?
                """, arguments: [status.rawValue, externalReference, at, actor.workerId, referralId])
            try insertReferralChange(db, referralId: referralId, status: status, externalReference: externalReference,
                                     note: nil, by: actor, at: at)
            try audit(db, actor, "referral.\(status.rawValue)", caseId: identity.id, detail: externalReference)
        }
    }

    /// Referrals, priority first then oldest, optionally in one state: the
    /// batch to send. A supervisor sees the whole service's; a caseworker their own cases'.
    public func referrals(status: ReferralStatus?, by actor: ActingWorker) throws -> [ReferralRow] {
        try write { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT c.reference, p.full_name, r.status, r.urgency, r.reasons, r.narrative, r.external_reference,
                       r.created_at, w.login, r.override_reason, coalesce(co.status = 'given', 0) AS consent
                FROM referral r
                JOIN case_file c ON c.id = r.case_id
                LEFT JOIN person p ON p.id = c.subject_id
                LEFT JOIN worker w ON w.id = c.worker_id
                LEFT JOIN consent co ON co.id = r.consent_id
                WHERE \(status == nil ? "1" : "r.status = ?") AND (? OR c.worker_id = ?)
                ORDER BY r.urgency = 'priority' DESC, r.created_at
                """, arguments: StatementArguments(status.map { [$0.rawValue] } ?? []) + [actor.isSupervisor, actor.workerId])
            try audit(db, actor, "referral.list", detail: status?.rawValue ?? "all")
            return try rows.map { row in
                let r = StoredRow(row, "a referral")
                return ReferralRow(reference: try r.value("reference"), child: try r.optional("full_name"),
                                   status: try r.known("status"), urgency: try r.known("urgency"), reasons: try r.list("reasons"),
                                   narrative: try r.value("narrative"), consentGiven: try r.value("consent"),
                                   overrideReason: try r.optional("override_reason"),
                                   externalReference: try r.optional("external_reference"), flaggedAt: try r.value("created_at"),
                                   workerLogin: try r.optional("login"))
            }
        }
    }

    /// Records a safeguarding concern already phoned through to the children's
    /// front door: when, who was told and their reference. No consent is
    /// needed, and nothing refuses it: any worker, on any case, open or
    /// closed; outside their caseload `reason` is recorded when given.
    public func recordSafeguarding(_ reference: String, told: String, externalReference: String?, note: String?,
                                   at moment: Date? = nil, reason: String? = nil, by actor: ActingWorker,
                                   endingDraft draft: FormDraft? = nil) throws {
        let told = told.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !told.isEmpty else {
            throw CaseloadError.invalid("say who was told", field: .told)
        }
        try TextLimits.check(note ?? "", field: "note", limit: TextLimits.note)
        // As a contact's: a concern is recorded once the call has been made.
        if let moment { try DateRange.checkPast(moment, what: "the time of the call", now: now(), in: timeZone) }
        try write(endingDraft: try draftKey(draft, of: actor)) { db in
            let identity = try caseIdentity(db, reference)
            try requireReach(db, identity, .safeguarding, reason: reason, by: actor)
            let at = now()
            try db.execute(sql: """
                INSERT INTO safeguarding (id, case_id, occurred_at, told, reference, note, created_at, created_by, device_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [UUIDv7.make(at: at), identity.id, moment ?? at, told, externalReference, note,
                                 at, actor.workerId, deviceId])
            try audit(db, actor, "safeguarding.record", caseId: identity.id, detail: told)
        }
    }

    private func validate(_ consent: NewConsent) throws {
        guard !consent.givenBy.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CaseloadError.invalid("consent needs the name of the person who gave it", field: .consentBy)
        }
        guard !consent.role.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CaseloadError.invalid("consent needs that person's role, e.g. parent-carer or young-person", field: .consentRole)
        }
        if let day = consent.givenOn { try DateRange.past("the consent date", today: today).check(day) }
    }

    private func insertConsent(_ db: Database, caseId: String, _ consent: NewConsent, supersedes: String? = nil,
                               by actor: ActingWorker, at: Date) throws -> String {
        let id = UUIDv7.make(at: at)
        try db.execute(sql: """
            INSERT INTO consent (id, case_id, given_by, given_by_role, scope, method, status, given_on, supersedes_id,
                                 created_at, created_by, device_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, caseId, consent.givenBy, consent.role, consent.scope, consent.method.rawValue,
                             consent.status.rawValue, (consent.givenOn ?? Day(at, in: timeZone)).iso, supersedes,
                             at, actor.workerId, deviceId])
        return id
    }

    /// Consent for the case's open referral recorded after it was flagged,
    /// or withdrawn (a consent with the status withdrawn): the referral can
    /// be sent once consent is given, and not once it is withdrawn. The new
    /// consent supersedes the one before; both stay on the case.
    public func recordReferralConsent(_ reference: String, _ consent: NewConsent, by actor: ActingWorker,
                                      endingDraft draft: FormDraft? = nil) throws {
        try validate(consent)
        try write(endingDraft: try draftKey(draft, of: actor)) { db in
            let identity = try caseIdentity(db, reference)
            try requireReach(db, identity, .decide("record consent on"), reason: nil, by: actor)
            guard let referral = try Row.fetchOne(db, sql: """
                SELECT id, consent_id FROM referral WHERE case_id = ? AND status NOT IN ('declined', 'closed')
                ORDER BY created_at DESC LIMIT 1
                """, arguments: [identity.id]) else {
                throw CaseloadError.notFound("\(identity.reference) has no open family-support referral to record consent on")
            }
            let r = StoredRow(referral, "a referral")
            let at = now()
            let id = try insertConsent(db, caseId: identity.id, consent, supersedes: try r.optional("consent_id"), by: actor, at: at)
            try db.execute(sql: "UPDATE referral SET consent_id = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                           arguments: [id, at, actor.workerId, try r.value("id") as String])
            try audit(db, actor, "referral.consent", caseId: identity.id, detail: consent.status.rawValue)
        }
    }

    private func insertReferralChange(_ db: Database, referralId: String, status: ReferralStatus, externalReference: String?,
                                      note: String?, by actor: ActingWorker, at: Date) throws {
        try db.execute(sql: """
            INSERT INTO referral_status_change (id, referral_id, status, external_reference, note, created_at, created_by,
                                                device_id, clock)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [UUIDv7.make(at: at), referralId, status.rawValue, externalReference, note,
                             at, actor.workerId, deviceId, SyncClock.tick(db)])
    }
}
