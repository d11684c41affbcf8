import CaseloadCore
import Foundation
import GRDB

extension Store {
    /// On a caseworker's laptop, cases that moved to someone else (a
    /// supervisor reassigned them, or a handover was accepted) leave the
    /// laptop, with their people who are on no other case here. Only once
    /// everything made here has been pushed, and never a case with a form
    /// half-filled on it, a change the hub refused (kept here for its
    /// worker to see) or a handover waiting for this worker. Returns the
    /// references released.
    @discardableResult
    public func releaseMovedCases() throws -> [String] {
        try translatingFailures {
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                var released: [String] = []
                try db.inTransaction(.immediate) {
                    guard let login = try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = 'hub_login'"),
                          let me = try Row.fetchOne(db, sql: "SELECT id, role FROM worker WHERE login = ?", arguments: [login]),
                          me["role"] as String == "caseworker",
                          try Int.fetchOne(db, sql: "SELECT count(*) FROM sync_outbox") == 0 else { return .commit }
                    let workerId: String = me["id"]
                    let moved = try Row.fetchAll(db, sql: """
                        SELECT c.id, c.reference FROM case_file c
                        WHERE c.worker_id IS NOT ?
                          AND NOT EXISTS (SELECT 1 FROM handover h WHERE h.case_id = c.id AND h.status = 'pending' AND h.to_worker_id = ?)
                          AND NOT EXISTS (SELECT 1 FROM draft d WHERE d.case_id = c.id)
                          AND NOT EXISTS (SELECT 1 FROM sync_refused r WHERE r.case_id = c.id)
                        """, arguments: [workerId, workerId])
                    guard !moved.isEmpty else { return .commit }
                    let recording = try Int.fetchOne(db, sql: "SELECT recording FROM sync_local") ?? 0
                    try db.execute(sql: "UPDATE sync_local SET recording = 0, releasing = 1")
                    let at = StoreTime.text(now())
                    for row in moved {
                        try remove(db, caseId: row["id"])
                        try db.execute(sql: "INSERT OR REPLACE INTO sync_released (case_id, released_at) VALUES (?, ?)",
                                       arguments: [row["id"] as String, at])
                        released.append(row["reference"])
                    }
                    try db.execute(sql: "UPDATE sync_local SET recording = ?, releasing = 0", arguments: [recording])
                    return .commit
                }
                return released
            }
        }
    }

    private func remove(_ db: Database, caseId: String) throws {
        let people = try String.fetchAll(db, sql: "SELECT DISTINCT person_id FROM case_party WHERE case_id = ?", arguments: [caseId])
        try db.execute(sql: "DELETE FROM referral_status_change WHERE referral_id IN (SELECT id FROM referral WHERE case_id = ?)",
                       arguments: [caseId])
        try db.execute(sql: "DELETE FROM safeguarding_review WHERE safeguarding_id IN (SELECT id FROM safeguarding WHERE case_id = ?)",
                       arguments: [caseId])
        for table in ["contact", "action", "consent", "referral", "safeguarding", "handover_note", "handover", "assignment",
                      "key_date", "case_issue", "case_party", "field_change", "audit_event", "sync_conflict"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE case_id = ?", arguments: [caseId])
        }
        try db.execute(sql: "DELETE FROM case_file WHERE id = ?", arguments: [caseId])
        for person in people {
            try db.execute(sql: """
                DELETE FROM person WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM case_party WHERE person_id = ?1)
                  AND NOT EXISTS (SELECT 1 FROM case_file WHERE subject_id = ?1)
                """, arguments: [person])
        }
    }

    /// Cases a laptop joining the hub leaves out (ones its worker let go
    /// of lately, readable on the hub only so that what was made on them
    /// can still be sent): what a pull brings of them is not written here.
    public func leaveOut(_ caseIds: [String]) throws {
        let at = StoreTime.text(now())
        try write { db in
            for id in caseIds {
                try db.execute(sql: "INSERT OR REPLACE INTO sync_released (case_id, released_at) VALUES (?, ?)",
                               arguments: [id, at])
            }
        }
    }

    /// Cases given back to this worker come whole again.
    public func unrelease(_ caseIds: [String]) throws {
        try write { db in
            for id in caseIds { try db.execute(sql: "DELETE FROM sync_released WHERE case_id = ?", arguments: [id]) }
        }
    }
}
