import CaseloadCore
import Foundation
import GRDB

/// Something waiting for a supervisor: a handover to sign off, a referral
/// with no consent that only a supervisor may send, a safeguarding entry to review.
public struct AttentionItem: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case handoverSignOff = "handover-sign-off"
        case consentOverride = "consent-override"
        case safeguardingReview = "safeguarding-review"
    }

    public let kind: Kind
    public let reference: String
    public let child: String?
    /// Login of the case's worker.
    public let worker: String?
    /// One plain line saying what is waiting.
    public let detail: String
    /// When it started waiting.
    public let since: Date
}

extension Store {
    /// What is waiting for a supervisor, oldest first. Reads only what it
    /// lists (never the case file behind it) and records one audit entry.
    public func attention(by actor: ActingWorker) throws -> [AttentionItem] {
        guard actor.isSupervisor else {
            throw CaseloadError.notAllowed("only a supervisor has a list of things needing their attention")
        }
        return try write { db in
            var items: [AttentionItem] = []
            for row in try Row.fetchAll(db, sql: """
                SELECT c.reference, p.full_name, w.login, h.created_at AS since,
                       f.login AS from_login, t.login AS to_login
                FROM handover h
                JOIN case_file c ON c.id = h.case_id
                LEFT JOIN person p ON p.id = c.subject_id
                LEFT JOIN worker w ON w.id = c.worker_id
                LEFT JOIN worker f ON f.id = h.from_worker_id
                JOIN worker t ON t.id = h.to_worker_id
                WHERE h.status = 'pending' AND h.signed_off_at IS NULL
                """) {
                let r = StoredRow(row, "a handover")
                let since: Date = try r.value("since")
                let from: String? = try r.optional("from_login")
                let to: String = try r.value("to_login")
                items.append(try attentionItem(.handoverSignOff, r, since: since,
                                               detail: "\(from ?? "unallocated") → \(to), "
                                                   + "waiting since \(Day(since, in: timeZone).formatted)"))
            }
            // The same test as `moveReferral`: no consent given and no override yet.
            // Only the narrative's opening is read, for its first line.
            for row in try Row.fetchAll(db, sql: """
                SELECT c.reference, p.full_name, w.login, r.created_at AS since, substr(r.narrative, 1, 200) AS opening
                FROM referral r
                JOIN case_file c ON c.id = r.case_id
                LEFT JOIN person p ON p.id = c.subject_id
                LEFT JOIN worker w ON w.id = c.worker_id
                LEFT JOIN consent co ON co.id = r.consent_id
                WHERE r.status = 'flagged' AND coalesce(co.status, '') != 'given' AND r.override_reason IS NULL
                """) {
                let r = StoredRow(row, "a referral")
                let since: Date = try r.value("since")
                items.append(try attentionItem(.consentOverride, r, since: since,
                                               detail: "flagged \(Day(since, in: timeZone).formatted) without consent: "
                                                   + Self.firstLine(try r.value("opening"), limit: 80)))
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT c.reference, p.full_name, w.login, s.occurred_at AS since, substr(s.told, 1, 200) AS told
                FROM safeguarding s
                -- From the few safeguarding entries to their cases, never the other way.
                CROSS JOIN case_file c ON c.id = s.case_id
                LEFT JOIN person p ON p.id = c.subject_id
                LEFT JOIN worker w ON w.id = c.worker_id
                WHERE NOT EXISTS (SELECT 1 FROM safeguarding_review v WHERE v.safeguarding_id = s.id)
                """) {
                let r = StoredRow(row, "a safeguarding entry")
                let since: Date = try r.value("since")
                let told: String = try r.value("told")
                items.append(try attentionItem(.safeguardingReview, r, since: since,
                                               detail: "told \(Self.firstLine(told, limit: 80)) on \(Day(since, in: timeZone).formatted)"))
            }
            try audit(db, actor, "attention.list", detail: "rows:\(items.count)")
            return items.sorted { a, b in
                (a.since, a.reference, a.kind.rawValue) < (b.since, b.reference, b.kind.rawValue)
            }
        }
    }

    /// A supervisor signs a handover off: the receiver takes the case now,
    /// exactly as when a supervisor accepts it on their behalf.
    public func signOffHandover(_ reference: String, by actor: ActingWorker) throws -> HandoverOutcome {
        guard actor.isSupervisor else {
            throw CaseloadError.notAllowed("only a supervisor can sign off a handover; the receiving worker accepts it themselves")
        }
        return try acceptHandover([reference], by: actor)[0]
    }

    /// Records that a supervisor has reviewed every safeguarding entry on a
    /// case not yet reviewed, with an optional note; returns how many.
    @discardableResult
    public func reviewSafeguarding(_ reference: String, note: String?, by actor: ActingWorker) throws -> Int {
        guard actor.isSupervisor else {
            throw CaseloadError.notAllowed("only a supervisor can review safeguarding entries")
        }
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        try TextLimits.check(note ?? "", field: "note", limit: TextLimits.note)
        return try write { db in
            let identity = try caseIdentity(db, reference)
            let waiting = try String.fetchAll(db, sql: """
                SELECT id FROM safeguarding s
                WHERE case_id = ? AND NOT EXISTS (SELECT 1 FROM safeguarding_review v WHERE v.safeguarding_id = s.id)
                ORDER BY occurred_at
                """, arguments: [identity.id])
            guard !waiting.isEmpty else {
                let any = try Bool.fetchOne(db, sql: "SELECT 1 FROM safeguarding WHERE case_id = ?", arguments: [identity.id]) ?? false
                throw CaseloadError.notFound(any
                    ? "every safeguarding entry on \(identity.reference) has already been reviewed; nothing is waiting"
                    : "\(identity.reference) has no safeguarding entries to review")
            }
            let at = now()
            for id in waiting {
                try db.execute(sql: """
                    INSERT INTO safeguarding_review (id, safeguarding_id, note, created_at, created_by, device_id)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [UUIDv7.make(at: at), id, note?.isEmpty == false ? note : nil, at, actor.workerId, deviceId])
            }
            try audit(db, actor, "safeguarding.review", caseId: identity.id,
                      detail: Plural.count(waiting.count, "entry", "entries"))
            return waiting.count
        }
    }

    /// Each query above selects the case's reference, child and worker by these names.
    private func attentionItem(_ kind: AttentionItem.Kind, _ r: StoredRow, since: Date, detail: String) throws -> AttentionItem {
        AttentionItem(kind: kind, reference: try r.value("reference"), child: try r.optional("full_name"),
                      worker: try r.optional("login"), detail: detail, since: since)
    }

    /// The first line of a text, cut to `limit` characters.
    static func firstLine(_ text: String?, limit: Int) -> String {
        let line = (text ?? "").split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.count > limit ? trimmed.prefix(limit - 1) + "…" : trimmed
    }
}
