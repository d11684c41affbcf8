import CaseloadCore
import Foundation
import GRDB

/// A contact as logged: its id, and what falls due from a key event learnt in it.
public struct LoggedContact: Sendable {
    public let id: String
    public let keyDates: RecordedKeyDates?
}

public struct NewContact: Sendable {
    public var mode: String
    public var summary: String
    public var occurredAt: Date?
    public var minutes: Int?
    public var meetingType: String?
    public var parties: String?
    public var advice: String?
    /// A follow-up action due on this day, owned by the case's worker.
    public var followUp: Day?
    public var followUpText: String?
    /// The contact this one corrects; the original stays as it was.
    public var amends: String?
    /// The contact completes every open action on the case.
    public var completesActions = false
    /// A key event learnt in the contact (e.g. the LA's decision letter and
    /// its date), recorded with it so the calendar works out what falls due.
    public var keyDate: KeyDateEntry?
    /// Mark met, on the key event's day, the dates it meets (see `RecordedKeyDates.meets`).
    public var keyDateMeets = false
    /// The id of an open key date on the case that this contact meets: it is
    /// marked met on the contact's day, in the same transaction.
    public var meetsKeyDate: String?

    public init(mode: String, summary: String) {
        self.mode = mode
        self.summary = summary
    }
}

extension Store {
    /// Logs a contact (append-only) and, when asked, its follow-up action.
    /// Returns the contact's id and the deadline of the key date it recorded.
    /// On a case outside the worker's caseload it needs `reason` (recorded);
    /// completing the case's actions or meeting its key dates is for the
    /// case's worker or a supervisor only. A closed case takes no contact.
    @discardableResult
    public func addContact(to reference: String, _ contact: NewContact, reason: String? = nil, by actor: ActingWorker,
                           endingDraft draft: FormDraft? = nil) throws -> LoggedContact {
        let mode = try vocabulary.contactModes.validate(contact.mode)
        if let meeting = contact.meetingType {
            guard mode.meeting == true else {
                throw CaseloadError.invalid("a meeting type only applies to a meeting; \(mode.id) is not one")
            }
            try vocabulary.meetingTypes.validate(meeting)
        }
        let summary = contact.summary.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !summary.isEmpty else { throw CaseloadError.invalid("a contact needs a summary of what was said", field: .summary) }
        try TextLimits.check(summary, field: "summary", limit: TextLimits.note)
        try TextLimits.check(contact.advice ?? "", field: "advice", limit: TextLimits.note)
        try TextLimits.check(contact.parties ?? "", field: "parties present", limit: TextLimits.name * 5)
        if let minutes = contact.minutes, !(0...1440).contains(minutes) {
            throw CaseloadError.invalid("minutes must be 0 to 1440 (a day); \(minutes) is not")
        }
        let at = now()
        let occurred = contact.occurredAt ?? at
        try DateRange.checkPast(occurred, what: "the contact time", now: at, in: timeZone)
        if let due = contact.followUp { try DateRange.followUp.check(due) }
        if let due = contact.followUp, due < Day(occurred, in: timeZone) {
            throw CaseloadError.invalid("the follow-up date \(due) is before the contact")
        }
        return try write(endingDraft: try draftKey(draft, of: actor)) { db in
            let identity = try caseIdentity(db, reference)
            if contact.completesActions { try requireHolderOrSupervisor(identity, actor, doing: "complete the open actions of") }
            if contact.meetsKeyDate != nil || contact.keyDateMeets {
                try requireHolderOrSupervisor(identity, actor, doing: "settle the key dates of")
            }
            try requireReach(db, identity, .record(contact.amends == nil ? "contact.add" : "contact.amend"), reason: reason, by: actor)
            if let amends = contact.amends {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM contact WHERE id = ? AND case_id = ?",
                                        arguments: [amends, identity.id]) == true else {
                    throw CaseloadError.notFound("no contact \(amends) on \(identity.reference) to amend")
                }
            }
            let id = UUIDv7.make(at: at)
            try db.execute(sql: """
                INSERT INTO contact (id, case_id, occurred_at, worker_id, minutes, mode, meeting_type, parties,
                                     summary, advice, amends_id, created_at, created_by, device_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, identity.id, occurred, actor.workerId, contact.minutes, mode.id, contact.meetingType,
                                 contact.parties, summary, contact.advice, contact.amends, at, actor.workerId, deviceId])
            if let due = contact.followUp {
                let text = contact.followUpText ?? "Follow up the \(mode.label.lowercased()) of \(Day(occurred, in: timeZone))"
                try db.execute(sql: """
                    INSERT INTO action (id, case_id, description, owner_id, due_on, status, from_contact_id,
                                        created_at, created_by, device_id, updated_at, updated_by)
                    VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)
                    """, arguments: [UUIDv7.make(at: at), identity.id, text, identity.workerId ?? actor.workerId, due.iso, id,
                                     at, actor.workerId, deviceId, at, actor.workerId])
            }
            if let met = contact.meetsKeyDate {
                try settleKeyDate(db, caseId: identity.id, id: met,
                                  as: .met(on: Day(occurred, in: timeZone), note: "by the contact of \(Moment.format(occurred, in: timeZone))"),
                                  by: actor)
            }
            let keyDates = try contact.keyDate.map {
                try recordKeyDates(db, caseId: identity.id, $0, note: "Learnt in the contact of \(Day(occurred, in: timeZone))",
                                   by: actor, at: at)
            }
            if contact.keyDateMeets, let keyDates { try markMet(db, identity, keyDates, by: actor) }
            if contact.completesActions {
                try db.execute(sql: """
                    UPDATE action SET status = 'done', closed_at = ?, closed_by = ?, closed_by_contact_id = ?,
                                      updated_at = ?, updated_by = ?
                    WHERE case_id = ? AND status = 'open' AND (from_contact_id IS NULL OR from_contact_id != ?)
                    """, arguments: [at, actor.workerId, id, at, actor.workerId, identity.id, id])
            }
            try audit(db, actor, contact.amends == nil ? "contact.add" : "contact.amend", caseId: identity.id, detail: id)
            return LoggedContact(id: id, keyDates: keyDates)
        }
    }
}

/// A contact as it was logged, for a correction to start from.
public struct LoggedContactRecord: Sendable, Equatable {
    public let mode: String
    public let meetingType: String?
    public let occurredAt: Date
    public let minutes: Int?
    /// Who was there, as the labels were saved ("Parent or carer, SENCO or school staff").
    public let parties: String?
    public let summary: String
    public let advice: String?
}

extension Store {
    /// The contact a correction starts from. Reading it is reading the case.
    public func contact(_ id: String, on reference: String, by actor: ActingWorker) throws -> LoggedContactRecord {
        try write { db in
            let identity = try caseIdentity(db, reference)
            try requireMayRead(db, identity, by: actor)
            guard let row = try Row.fetchOne(db, sql: """
                SELECT mode, meeting_type, occurred_at, minutes, parties, summary, advice FROM contact WHERE id = ? AND case_id = ?
                """, arguments: [id, identity.id]) else {
                throw CaseloadError.notFound("no contact \(id) on \(identity.reference)")
            }
            try audit(db, actor, "contact.read", caseId: identity.id, detail: id)
            let r = StoredRow(row, "a contact")
            return LoggedContactRecord(mode: try r.value("mode"), meetingType: try r.optional("meeting_type"),
                                       occurredAt: try r.value("occurred_at"), minutes: try r.optional("minutes"),
                                       parties: try r.optional("parties"), summary: try r.value("summary"),
                                       advice: try r.optional("advice"))
        }
    }
}
