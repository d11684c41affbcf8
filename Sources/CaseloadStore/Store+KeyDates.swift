import CaseloadCore
import Foundation
import GRDB

/// What recording a key event (or a single key date) did to a case.
public struct RecordedKeyDates: Sendable {
    public struct Replaced: Sendable, Equatable {
        public let rule: DeadlineRule?
        public let ruleId: String
        public let due: Day
    }

    public let subject: KeyDateSubject
    /// The new dates, each with its rule, source and notes.
    public let deadlines: [Deadline]
    /// Open dates the event replaced or settled; they stay on the case as `replaced`.
    public let replaced: [Replaced]
    /// New dates kept as history at once, because the case already has the
    /// same rule's date from a later event (with that later date's due day).
    public let alreadyLater: [Replaced]
    /// For a mediation certificate: the decision letter its appeal date runs
    /// from, when it was taken from the case rather than given.
    public let decisionLetterOnFile: Day?
    /// Dates on the case the event may have met (the review meeting meets
    /// the annual review), open or just replaced by it: each is offered to
    /// be marked met on `happenedOn`, never marked without asking.
    public var meets: [Meetable] = []
    /// The day the recorded thing happened.
    public let happenedOn: Day

    public struct Meetable: Sendable, Equatable {
        public let id: String
        public let rule: DeadlineRule
        public let due: Day
    }
}

extension Store {
    /// Records one rule's date on a case; the calendar computes when it falls due.
    @discardableResult
    public func addKeyDate(to reference: String, rule: DeadlineRule, from anchor: Day, mediationCertificate: Day? = nil,
                           note: String? = nil, reason: String? = nil, by actor: ActingWorker) throws -> Deadline {
        let entry = KeyDateEntry(subject: .rule(rule), on: anchor, mediationCertificate: mediationCertificate)
        return try recordKeyDates(on: reference, entry, note: note, reason: reason, by: actor).deadlines[0]
    }

    /// Records what happened (an event) or one rule's date, in one
    /// transaction: every date that follows is added, and the open dates it
    /// replaces are kept on the case as replaced. A key event learnt outside
    /// the worker's caseload is recorded with `reason`, so the dates that
    /// follow from it are not lost; marking dates met is the case's worker's.
    @discardableResult
    public func recordKeyDates(on reference: String, _ entry: KeyDateEntry, note: String? = nil, markingMet: Bool = false,
                               reason: String? = nil, by actor: ActingWorker,
                               endingDraft draft: FormDraft? = nil) throws -> RecordedKeyDates {
        try TextLimits.check(note ?? "", field: "note", limit: TextLimits.note)
        return try write(endingDraft: try draftKey(draft, of: actor)) { db in
            let identity = try caseIdentity(db, reference)
            if markingMet { try requireHolderOrSupervisor(identity, actor, doing: "settle the key dates of") }
            try requireReach(db, identity, .record("keydate.add"), reason: reason, by: actor)
            var recorded = try recordKeyDates(db, caseId: identity.id, entry, note: note, by: actor, at: now())
            if markingMet { try markMet(db, identity, recorded, by: actor) }
            // Offer to mark met only what this worker may mark.
            if !actor.isSupervisor, identity.workerId != actor.workerId { recorded.meets = [] }
            return recorded
        }
    }

    /// Marks met, on the day the event happened, every date it may have met
    /// (`markingMet`: the command line's --meets).
    func markMet(_ db: Database, _ identity: CaseIdentity, _ recorded: RecordedKeyDates, by actor: ActingWorker) throws {
        guard !recorded.meets.isEmpty else { return }
        try requireHolderOrSupervisor(identity, actor, doing: "settle the key dates of")
        for date in recorded.meets {
            try settleKeyDate(db, caseId: identity.id, id: date.id, as: .met(on: recorded.happenedOn, note: nil), by: actor)
        }
    }

    func recordKeyDates(_ db: Database, caseId: String, _ entry: KeyDateEntry, note: String?, by actor: ActingWorker,
                        at: Date) throws -> RecordedKeyDates {
        var entry = entry
        var letterOnFile: Day?
        if entry.subject == .event(.certificateIssued), entry.decisionLetter == nil {
            letterOnFile = try latestDecisionLetter(db, caseId: caseId, notAfter: entry.on)
            entry.decisionLetter = letterOnFile
        }
        let made = try deadlines.deadlines(for: entry)
        var settles: [DeadlineRule] = []
        var event: KeyEvent?
        if case .event(let e) = entry.subject {
            event = e
            settles = e.settles
        }
        let (replaced, alreadyLater, newIds) = try insertKeyDates(db, caseId: caseId, made, event: event, settles: settles,
                                                                  note: note, by: actor, at: at)
        var recorded = RecordedKeyDates(subject: entry.subject, deadlines: made, replaced: replaced, alreadyLater: alreadyLater,
                                        decisionLetterOnFile: letterOnFile, happenedOn: entry.on)
        if let event, !event.meets.isEmpty {
            // Still open, or replaced just now by one of the new dates.
            recorded.meets = try Row.fetchAll(db, sql: """
                SELECT id, rule, due_on FROM key_date
                WHERE case_id = ? AND rule IN (\(databaseQuestionMarks(count: event.meets.count)))
                  AND ((status = 'open' AND id NOT IN (\(databaseQuestionMarks(count: newIds.count))))
                       OR (status = 'replaced' AND replaced_by IN (\(databaseQuestionMarks(count: newIds.count)))))
                ORDER BY due_on
                """, arguments: StatementArguments([caseId] + event.meets.map(\.rawValue) + newIds + newIds)).compactMap { row in
                let r = StoredRow(row, "a key date")
                guard let rule = DeadlineRule(rawValue: try r.value("rule")) else { return nil }
                return RecordedKeyDates.Meetable(id: try r.value("id"), rule: rule, due: try r.day("due_on"))
            }
        }
        return recorded
    }

    /// The date of the latest decision letter recorded on the case (as an
    /// event, or as the anchor of a tribunal appeal date) that is not after
    /// the certificate, or nil.
    private func latestDecisionLetter(_ db: Database, caseId: String, notAfter certificate: Day) throws -> Day? {
        try Row.fetchOne(db, sql: """
            SELECT anchor_on FROM key_date
            WHERE case_id = ? AND (event = 'decision-letter' OR rule = 'tribunal-appeal') AND anchor_on <= ?
            ORDER BY anchor_on DESC LIMIT 1
            """, arguments: [caseId, certificate.iso]).map { try StoredRow($0, "a key date").day("anchor_on") }
    }

    /// A key date that is no longer needed, or was recorded wrongly: its open
    /// dates of that rule on the case end as cancelled, with why, and stay
    /// on the case's history. Returns the dates cancelled.
    @discardableResult
    public func cancelKeyDates(on reference: String, rule: DeadlineRule, reason: String,
                               by actor: ActingWorker) throws -> [Day] {
        try settleKeyDates(on: reference, rule: rule, as: .noLongerNeeded(why: reason), by: actor)
    }

    /// Ends the open dates of a rule on a case as met (on a day), missed
    /// (with what happened) or no longer needed (with why); they stay on the
    /// case's history. Returns the due dates settled.
    @discardableResult
    public func settleKeyDates(on reference: String, rule: DeadlineRule, as outcome: KeyDateOutcome,
                               by actor: ActingWorker) throws -> [Day] {
        try outcome.check(today: today)
        return try write { db in
            let identity = try caseIdentity(db, reference)
            try requireReach(db, identity, .decide("settle the key dates of"), reason: nil, by: actor)
            let open = try String.fetchAll(db, sql: """
                SELECT id FROM key_date WHERE case_id = ? AND rule = ? AND status = 'open' ORDER BY due_on
                """, arguments: [identity.id, rule.rawValue])
            guard !open.isEmpty else {
                throw CaseloadError.notFound("\(identity.reference) has no open \(rule.title.lowercased()) date (\(rule.rawValue))")
            }
            return try open.map { try settleKeyDate(db, caseId: identity.id, id: $0, as: outcome, by: actor) }
        }
    }

    /// Ends one key date of a case chosen by its id (the case file's
    /// selection), as `settleKeyDates` does; returns its due date.
    @discardableResult
    public func settleKeyDate(on reference: String, id: String, as outcome: KeyDateOutcome, by actor: ActingWorker,
                              endingDraft draft: FormDraft? = nil) throws -> Day {
        try outcome.check(today: today)
        return try write(endingDraft: try draftKey(draft, of: actor)) { db in
            let identity = try caseIdentity(db, reference)
            try requireReach(db, identity, .decide("settle the key dates of"), reason: nil, by: actor)
            return try settleKeyDate(db, caseId: identity.id, id: id, as: outcome, by: actor)
        }
    }

    /// Ends one open key date of a case (see `settleKeyDates`); returns its
    /// due date. A date an event replaced may still be marked met on the
    /// day of that event: the review meeting that made next year's review
    /// is what met this year's.
    @discardableResult
    func settleKeyDate(_ db: Database, caseId: String, id: String, as outcome: KeyDateOutcome,
                       by actor: ActingWorker) throws -> Day {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT k.rule, k.due_on, k.status, coalesce(n.mediation_certificate_on, n.anchor_on) AS replaced_on
            FROM key_date k LEFT JOIN key_date n ON n.id = k.replaced_by
            WHERE k.id = ? AND k.case_id = ?
            """, arguments: [id, caseId]) else {
            throw CaseloadError.notFound("that key date is not on the case")
        }
        let r = StoredRow(row, "a key date")
        let due = try r.day("due_on"), rule: String = try r.value("rule"), status: String = try r.value("status")
        let replacedOn = try r.optionalDay("replaced_on")
        let metByItsEvent = status == KeyDateStatus.replaced.rawValue && outcome.day != nil && outcome.day == replacedOn
        guard status == KeyDateStatus.open.rawValue || metByItsEvent else {
            if status == KeyDateStatus.replaced.rawValue, let replacedOn {
                throw CaseloadError.conflict("that key date was replaced by the event of \(replacedOn); it can only be marked met on that day")
            }
            throw CaseloadError.conflict("that key date is not open on the case any more (it is \(status))")
        }
        let at = now()
        try db.execute(sql: """
            UPDATE key_date SET status = ?, replaced_by = NULL, settled_on = ?, settlement = ?, updated_at = ?, updated_by = ?
            WHERE id = ?
            """, arguments: [outcome.status.rawValue, (outcome.day ?? Day(at, in: timeZone)).iso, outcome.text, at,
                             actor.workerId, id])
        try audit(db, actor, "keydate.\(outcome.status.rawValue)", caseId: caseId, detail: "\(rule) due \(due.iso)")
        return due
    }

    /// Inserts the new dates, then marks the case's other open dates of the
    /// same rules (and of the rules the event settles) replaced by them. Only
    /// an earlier event is replaced: a plan's date recorded after a later
    /// review meeting goes straight to the history, replaced by the meeting's.
    func insertKeyDates(_ db: Database, caseId: String, _ made: [Deadline], event: KeyEvent?, settles: [DeadlineRule],
                        note: String?, by actor: ActingWorker, at: Date) throws -> (replaced: [RecordedKeyDates.Replaced],
                                                                                  alreadyLater: [RecordedKeyDates.Replaced],
                                                                                  made: [String]) {
        var newIds: [DeadlineRule: String] = [:]
        for deadline in made {
            let id = UUIDv7.make(at: at)
            newIds[deadline.rule] = id
            try db.execute(sql: """
                INSERT INTO key_date (id, case_id, rule, event, anchor_on, mediation_certificate_on, due_on, status, note,
                                      created_at, created_by, device_id, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)
                """, arguments: [id, caseId, deadline.rule.rawValue, event?.rawValue, deadline.anchor.iso,
                                 deadline.mediationCertificate?.iso, deadline.due.iso, note, at, actor.workerId, deviceId,
                                 at, actor.workerId])
            try audit(db, actor, "keydate.add", caseId: caseId, detail: "\(deadline.rule.rawValue) due \(deadline.due.iso)")
        }
        guard let first = made.first else { return ([], [], []) }
        // The day the recorded thing happened: an appeal after mediation
        // counts from its certificate, every other date from its anchor.
        func happened(_ deadline: Deadline) -> Day { deadline.mediationCertificate ?? deadline.anchor }
        let newest = Dictionary(uniqueKeysWithValues: made.map { ($0.rule, $0) })

        var replaced: [RecordedKeyDates.Replaced] = []
        var alreadyLater: [RecordedKeyDates.Replaced] = []
        let rules = made.map(\.rule) + settles
        let ids = Array(newIds.values)
        let open = try Row.fetchAll(db, sql: """
            SELECT id, rule, due_on, coalesce(mediation_certificate_on, anchor_on) AS happened FROM key_date
            WHERE case_id = ? AND status = 'open' AND rule IN (\(databaseQuestionMarks(count: rules.count)))
              AND id NOT IN (\(databaseQuestionMarks(count: ids.count)))
            ORDER BY happened DESC, due_on
            """, arguments: StatementArguments([caseId] + rules.map(\.rawValue) + ids))
        for row in open {
            let r = StoredRow(row, "a key date")
            let id: String = try r.value("id"), ruleId: String = try r.value("rule")
            let rule = DeadlineRule(rawValue: ruleId)
            let due = try r.day("due_on"), day = try r.day("happened")
            let mine = rule.flatMap { newest[$0] }
            if let mine, day > happened(mine) {
                // The case already has this rule's date from a later event:
                // the new one is history at once (once, by the latest).
                guard let newId = newIds[mine.rule], !alreadyLater.contains(where: { $0.rule == mine.rule }) else { continue }
                try markReplaced(db, caseId: caseId, newId, by: id, rule: mine.rule.rawValue, due: mine.due, actor: actor, at: at)
                alreadyLater.append(.init(rule: mine.rule, ruleId: mine.rule.rawValue, due: due))
                continue
            }
            if mine == nil, day > happened(first) { continue }
            let by = rule.flatMap { newIds[$0] } ?? newIds[first.rule]!
            try markReplaced(db, caseId: caseId, id, by: by, rule: ruleId, due: due, actor: actor, at: at)
            replaced.append(.init(rule: rule, ruleId: ruleId, due: due))
        }
        return (replaced, alreadyLater, Array(newIds.values))
    }

    private func markReplaced(_ db: Database, caseId: String, _ id: String, by: String, rule: String, due: Day,
                              actor: ActingWorker, at: Date) throws {
        try db.execute(sql: """
            UPDATE key_date SET status = 'replaced', replaced_by = ?, updated_at = ?, updated_by = ? WHERE id = ?
            """, arguments: [by, at, actor.workerId, id])
        try audit(db, actor, "keydate.replace", caseId: caseId, detail: "\(rule) due \(due.iso) replaced by \(by)")
    }
}
