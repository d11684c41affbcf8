import CaseloadCore
import Foundation
import GRDB

/// What happened to one case in a handover of several.
public struct HandoverOutcome: Codable, Sendable, Equatable {
    public let reference: String
    public let to: String?
    public let done: Bool
    public let message: String

    /// The refusal when a handover someone else made is waiting on the case.
    public static let someoneElsesWaiting = "a handover someone else made is already waiting; they or a supervisor can withdraw it"
}

extension Store {
    /// Hands cases to another worker. The outgoing worker's note is kept with
    /// the facts the store gathers (open actions, next key dates, consents,
    /// safeguarding, the last three contacts). The handover is pending until
    /// the receiver accepts it; until then the old worker stays responsible.
    /// A caseworker hands over their own cases; a supervisor any case.
    /// `factsIncluded`: the summary began as `handoverFacts` and the worker
    /// edited it, so the facts are not added a second time.
    public func handOver(_ references: [String], toLogin login: String, summary: String, factsIncluded: Bool = false,
                         by actor: ActingWorker, endingDraft draft: FormDraft? = nil) throws -> [HandoverOutcome] {
        let summary = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !summary.isEmpty else {
            throw CaseloadError.invalid("a handover needs a summary from the outgoing worker", field: .summary)
        }
        try TextLimits.check(summary, field: "summary", limit: TextLimits.note)
        return try write(endingDraft: try draftKey(draft, of: actor)) { db in
            let receiver = try receivingWorkerId(db, login: login)
            return try references.map { reference in
                try handOverOne(db, try caseIdentity(db, reference), to: receiver, login: login, summary: summary, signOff: false,
                                addFacts: !factsIncluded, by: actor)
            }
        }
    }

    func handOverOne(_ db: Database, _ identity: CaseIdentity, to receiver: String,
                             login: String, summary: String, signOff: Bool, addFacts: Bool = true,
                             by actor: ActingWorker) throws -> HandoverOutcome {
        func refused(_ message: String) -> HandoverOutcome {
            HandoverOutcome(reference: identity.reference, to: login, done: false, message: message)
        }
        guard actor.isSupervisor || identity.workerId == actor.workerId else {
            return refused("not yours to hand over; a supervisor can reassign it")
        }
        guard identity.workerId != receiver else { return refused("already held by \(login)") }
        guard identity.status != .closed else { return refused(CaseloadError.caseClosed(identity.reference).message) }
        // Only its maker or a supervisor may replace a waiting handover: a
        // worker cannot undo one a supervisor made (or signed off).
        if !actor.isSupervisor, let madeBy = try String.fetchOne(db.cachedStatement(sql: """
            SELECT coalesce(created_by, '') FROM handover WHERE case_id = ? AND status = 'pending'
            """), arguments: [identity.id]), madeBy != actor.workerId {
            return refused(HandoverOutcome.someoneElsesWaiting)
        }
        let at = now()
        // A new handover settles the one waiting: it is withdrawn, with why.
        try withdrawWaitingHandovers(db, caseId: identity.id, why: "replaced by a handover to \(login)", by: actor, at: at)
        let text = addFacts ? summary + "\n\n" + (try handoverFacts(db, caseId: identity.id)).text(in: timeZone) : summary
        try db.cachedStatement(sql: """
            INSERT INTO handover (id, case_id, from_worker_id, to_worker_id, summary, status, signed_off_at, signed_off_by,
                                  created_at, created_by, device_id, updated_at, updated_by)
            VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [UUIDv7.make(at: at), identity.id, identity.workerId, receiver, text,
                             signOff ? at : nil, signOff ? actor.workerId : nil, at, actor.workerId, deviceId, at, actor.workerId])
        try audit(db, actor, "handover.start", caseId: identity.id, detail: "to \(login)")
        return HandoverOutcome(reference: identity.reference, to: login, done: true, message: "waiting for \(login) to accept")
    }

    /// The facts a handover carries, for the outgoing worker to start their
    /// summary from. Reading them is reading the case, so it is recorded.
    public func handoverFacts(_ reference: String, by actor: ActingWorker) throws -> HandoverFacts {
        try write { db in
            let identity = try caseIdentity(db, reference)
            guard actor.isSupervisor || identity.workerId == actor.workerId else {
                throw CaseloadError.notAllowed("\(identity.reference) is not yours to hand over; a supervisor can reassign it")
            }
            try audit(db, actor, "handover.facts", caseId: identity.id)
            return try handoverFacts(db, caseId: identity.id)
        }
    }

    /// The facts a handover carries, gathered from the case file.
    func handoverFacts(_ db: Database, caseId: String) throws -> HandoverFacts {
        let actions = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT description, due_on FROM action WHERE case_id = ? AND status = 'open' ORDER BY due_on
            """), arguments: [caseId]).map { row in
            let r = StoredRow(row, "an action")
            return HandoverFacts.Action(description: try r.value("description"), due: try r.optionalDay("due_on"))
        }
        let keyDates = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT rule, due_on FROM key_date WHERE case_id = ? AND status = 'open' ORDER BY due_on
            """), arguments: [caseId]).map { row in
            let r = StoredRow(row, "a key date")
            let rule: String = try r.value("rule")
            return HandoverFacts.KeyDate(title: DeadlineRule(rawValue: rule)?.title ?? rule, due: try r.day("due_on"))
        }
        let consents = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT given_by, status, scope FROM consent WHERE case_id = ? ORDER BY given_on
            """), arguments: [caseId]).map { row in
            let r = StoredRow(row, "a consent")
            return HandoverFacts.Consent(status: try r.known("status"), givenBy: try r.value("given_by"), scope: try r.value("scope"))
        }
        let safeguarding = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM safeguarding WHERE case_id = ?"),
                                            arguments: [caseId]) ?? 0
        let contacts = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT occurred_at, mode, summary FROM contact WHERE case_id = ? ORDER BY occurred_at DESC LIMIT 3
            """), arguments: [caseId]).map { row in
            let r = StoredRow(row, "a contact")
            return HandoverFacts.Contact(at: try r.value("occurred_at"), mode: try vocabulary.contactModes.label(try r.value("mode")),
                                         summary: try r.value("summary"))
        }
        return HandoverFacts(openActions: actions, keyDates: keyDates, consents: consents,
                             safeguardingEntries: safeguarding, lastContacts: contacts,
                             safeContact: try safeContactFacts(db, caseId: caseId))
    }

    /// The people still on the case whose contact carries a warning, or
    /// who need an interpreter: the receiving worker must know before the
    /// first call or letter.
    /// (Only those people are read: a leaver's caseload asks this of every case.)
    func safeContactFacts(_ db: Database, caseId: String) throws -> [HandoverFacts.SafeContact] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT p.full_name, p.no_voicemail, p.do_not_write, p.do_not_share, p.interpreter, p.language
            FROM case_party cp JOIN person p ON p.id = cp.person_id
            WHERE cp.case_id = ? AND cp.removed_at IS NULL
              AND (p.no_voicemail OR p.do_not_write OR p.do_not_share OR p.interpreter)
            ORDER BY cp.created_at
            """), arguments: [caseId]).map { row in
            let r = StoredRow(row, "a person on a case")
            let language: String? = try r.optional("language")
            let needs = CaseDetail.Party.warnings(doNotShare: try r.value("do_not_share"), doNotWrite: try r.value("do_not_write"),
                                                  noVoicemail: try r.value("no_voicemail"))
                + (try r.value("interpreter") ? ["needs an interpreter" + (language.map { " (\($0))" } ?? "")] : [])
            return HandoverFacts.SafeContact(name: try r.value("full_name"), warnings: needs)
        }
    }

    /// The receiver confirms they have read the file and takes the case; a
    /// supervisor accepting signs the handover off on the receiver's behalf.
    public func acceptHandover(_ references: [String], by actor: ActingWorker) throws -> [HandoverOutcome] {
        try write { db in
            try references.map { try acceptOne(db, $0, by: actor) }
        }
    }

    func acceptOne(_ db: Database, _ reference: String, by actor: ActingWorker) throws -> HandoverOutcome {
        let identity = try caseIdentity(db, reference)
        guard let handover = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT h.id, h.from_worker_id, h.to_worker_id, w.login FROM handover h JOIN worker w ON w.id = h.to_worker_id
            WHERE h.case_id = ? AND h.status = 'pending'
            """), arguments: [identity.id]) else {
            // One made to me and withdrawn since: say who withdrew it and why.
            let withdrawn = try String.fetchOne(db.cachedStatement(sql: """
                SELECT n.text FROM handover h JOIN handover_note n ON n.handover_id = h.id
                WHERE h.case_id = ? AND h.to_worker_id = ? AND h.status = 'cancelled' ORDER BY n.created_at DESC LIMIT 1
                """), arguments: [identity.id, actor.workerId])
            return HandoverOutcome(reference: identity.reference, to: nil, done: false,
                                   message: withdrawn.map { "the handover to you was " + $0.prefix(1).lowercased() + $0.dropFirst() }
                                       ?? "no handover is waiting")
        }
        let stored = StoredRow(handover, "a handover")
        let handoverId: String = try stored.value("id")
        let receiver: String = try stored.value("to_worker_id")
        let giver: String? = try stored.optional("from_worker_id")
        let login: String = try stored.value("login")
        guard receiver == actor.workerId || actor.isSupervisor else {
            return HandoverOutcome(reference: identity.reference, to: login, done: false,
                                   message: "the handover is to \(login); only they or a supervisor can accept it")
        }
        let at = now()
        // The case moved since the handover was made (a supervisor reassigned
        // it): the handover no longer stands, and taking it would undo that.
        let status = try String.fetchOne(db.cachedStatement(sql: "SELECT status FROM case_file WHERE id = ?"),
                                         arguments: [identity.id])
        guard giver == identity.workerId, status != CaseStatus.closed.rawValue else {
            let why = status == CaseStatus.closed.rawValue ? "the case is closed" : "the case has moved to another worker since it was made"
            // A supervisor's refusal settles it, so it stops waiting for sign-off.
            if actor.isSupervisor {
                try withdrawWaitingHandovers(db, caseId: identity.id, why: why, by: actor, at: at)
            }
            return HandoverOutcome(reference: identity.reference, to: login, done: false,
                                   message: "\(why), so this handover no longer stands")
        }
        let signOff = actor.isSupervisor && receiver != actor.workerId
        try db.cachedStatement(sql: """
            UPDATE handover SET status = 'accepted', accepted_at = ?, accepted_by = ?,
                   signed_off_at = coalesce(signed_off_at, ?), signed_off_by = coalesce(signed_off_by, ?),
                   updated_at = ?, updated_by = ?
            WHERE id = ?
            """).execute(arguments: [at, actor.workerId, signOff ? at : nil, signOff ? actor.workerId : nil, at, actor.workerId,
                             handoverId])
        try insertAssignment(db, caseId: identity.id, workerId: receiver, kind: .handover,
                             reason: signOff ? "handover signed off by a supervisor" : "handover accepted",
                             handoverId: handoverId, by: actor, at: at)
        try audit(db, actor, "handover.accept", caseId: identity.id, detail: login)
        return HandoverOutcome(reference: identity.reference, to: login, done: true, message: "now held by \(login)")
    }

    /// The cases handed to the worker and waiting for them to accept,
    /// oldest first: who handed each over and when.
    public func casesHandedTo(_ actor: ActingWorker) throws -> [HandedCase] {
        try read { db in try handedCases(db, to: actor.workerId) }
    }

    func handedCases(_ db: Database, to workerId: String) throws -> [HandedCase] {
        try Row.fetchAll(db, sql: """
            SELECT c.reference, p.full_name, w.login, h.created_at FROM handover h
            JOIN case_file c ON c.id = h.case_id LEFT JOIN person p ON p.id = c.subject_id
            LEFT JOIN worker w ON w.id = h.from_worker_id
            WHERE h.to_worker_id = ? AND h.status = 'pending' ORDER BY h.created_at
            """, arguments: [workerId]).map { row in
            let r = StoredRow(row, "a handover")
            return HandedCase(reference: try r.value("reference"), child: try r.optional("full_name"),
                              from: try r.optional("login"), since: try r.value("created_at"))
        }
    }

    /// The worker who made a handover (or a supervisor) withdraws it before
    /// it is accepted, saying why; the case stays where it is. Returns the
    /// login of the worker it was to.
    @discardableResult
    public func withdrawHandover(_ reference: String, reason: String, by actor: ActingWorker) throws -> String {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw CaseloadError.invalid("say why the handover is withdrawn", field: .reason) }
        try TextLimits.check(reason, field: "reason", limit: TextLimits.note)
        return try write { db in
            let identity = try caseIdentity(db, reference)
            guard let row = try Row.fetchOne(db, sql: """
                SELECT h.created_by, w.login FROM handover h JOIN worker w ON w.id = h.to_worker_id
                WHERE h.case_id = ? AND h.status = 'pending'
                """, arguments: [identity.id]) else {
                throw CaseloadError.notFound("\(identity.reference) has no handover waiting to be accepted")
            }
            let r = StoredRow(row, "a handover")
            let madeBy: String? = try r.optional("created_by")
            guard actor.isSupervisor || madeBy == actor.workerId else {
                throw CaseloadError.notAllowed("only the worker who made the handover, or a supervisor, can withdraw it")
            }
            try withdrawWaitingHandovers(db, caseId: identity.id, why: reason, by: actor, at: now())
            return try r.value("login")
        }
    }

    /// Withdraws the handover waiting on a case, if any, saying who and why
    /// on the case's timeline: a reassignment, a closure, a new handover or
    /// the receiver leaving settles it, so it can never move the case later.
    func withdrawWaitingHandovers(_ db: Database, caseId: String, why: String, by actor: ActingWorker, at: Date) throws {
        let waiting = try String.fetchAll(db.cachedStatement(sql: """
            SELECT id FROM handover WHERE case_id = ? AND status = 'pending'
            """), arguments: [caseId])
        for id in waiting {
            try db.cachedStatement(sql: """
                UPDATE handover SET status = 'cancelled', updated_at = ?, updated_by = ? WHERE id = ?
                """).execute(arguments: [at, actor.workerId, id])
            try db.cachedStatement(sql: """
                INSERT INTO handover_note (id, handover_id, case_id, text, created_at, created_by, device_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [UUIDv7.make(at: at), id, caseId, "Withdrawn by \(actor.name): \(why)", at,
                                         actor.workerId, deviceId])
            try audit(db, actor, "handover.withdraw", caseId: caseId, detail: why)
        }
    }
}

extension Store {
    /// Records when and how the family was told who their new worker is, on
    /// the case's latest handover. Outside the worker's caseload it needs
    /// `reason` (recorded); a closed case takes no more.
    public func recordFamilyTold(_ reference: String, how: String, at moment: Date? = nil, reason: String? = nil,
                                 by actor: ActingWorker, endingDraft draft: FormDraft? = nil) throws {
        let how = how.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !how.isEmpty else { throw CaseloadError.invalid("say how the family was told", field: .how) }
        if let moment { try DateRange.checkPast(moment, what: "the time the family was told", now: now(), in: timeZone) }
        try write(endingDraft: try draftKey(draft, of: actor)) { db in
            let identity = try caseIdentity(db, reference)
            try requireReach(db, identity, .record("handover.family-told"), reason: reason, by: actor)
            guard let id = try String.fetchOne(db.cachedStatement(sql: """
                SELECT id FROM handover WHERE case_id = ? AND status != 'cancelled' ORDER BY created_at DESC LIMIT 1
                """), arguments: [identity.id]) else {
                throw CaseloadError.notFound("\(identity.reference) has no handover to tell the family about")
            }
            let at = now()
            try db.cachedStatement(sql: """
                UPDATE handover SET family_told_at = ?, family_told_how = ?, updated_at = ?, updated_by = ? WHERE id = ?
                """).execute(arguments: [moment ?? at, how, at, actor.workerId, id])
            try audit(db, actor, "handover.family-told", caseId: identity.id, detail: how)
        }
    }

    /// The slots of a letter to the family about their new worker: the main
    /// parent or carer and their address, the child, the receiving worker of
    /// the latest handover. An address marked "do not write" is refused: a
    /// letter to it could reach someone the family is kept safe from.
    public func newWorkerLetterValues(_ reference: String, by actor: ActingWorker) throws -> [String: String] {
        try write { db in
            let identity = try caseIdentity(db, reference)
            try requireMayRead(db, identity, by: actor)
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT w.name AS worker,
                       (SELECT p.full_name FROM case_file c JOIN person p ON p.id = c.subject_id WHERE c.id = h.case_id) AS child
                FROM handover h JOIN worker w ON w.id = h.to_worker_id
                WHERE h.case_id = ? AND h.status != 'cancelled' ORDER BY h.created_at DESC LIMIT 1
                """), arguments: [identity.id]) else {
                throw CaseloadError.notFound("\(identity.reference) has no handover to write to the family about")
            }
            // The letter goes to the main contact among the parents and carers still involved.
            let parent = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT p.full_name, p.address, p.do_not_write FROM case_party cp JOIN person p ON p.id = cp.person_id
                WHERE cp.case_id = ? AND cp.role = 'parent-carer' AND cp.removed_at IS NULL
                ORDER BY cp.main_contact DESC, cp.created_at LIMIT 1
                """), arguments: [identity.id]).map { StoredRow($0, "a parent or carer") }
            if let parent, try parent.value("do_not_write") as Bool {
                let name: String = try parent.value("full_name")
                throw CaseloadError.conflict("""
                    the letter would go to \(name), whose address is marked "do not write to this address": \
                    nothing was written; tell them another way (a call, or in person) and record how with \
                    caseload told \(identity.reference) --how TEXT
                    """)
            }
            try audit(db, actor, "letter.new-worker", caseId: identity.id)
            let service = try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM store_info WHERE key = 'service_name'"))
            let r = StoredRow(row, "a handover")
            // A case may have no parent on file, or be anonymous: the letter
            // then names them generally.
            return ["date": Day(now(), in: timeZone).formatted,
                    "parent": try parent?.optional("full_name") ?? "parent or carer", "address": try parent?.optional("address") ?? "",
                    "child": try r.optional("child") ?? "your child", "worker": try r.value("worker"), "service": service ?? "our service",
                    "reference": identity.reference]
        }
    }
}

/// A case handed to a worker, waiting for them to accept it.
public struct HandedCase: Sendable, Equatable, Codable {
    public let reference: String
    public let child: String?
    /// The login of the worker who handed it over (nil if unallocated).
    public let from: String?
    public let since: Date
}
