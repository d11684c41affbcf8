import CaseloadCore
import CaseloadStore
import Foundation
import PostgresNIO

/// Pulls what this worker may see, by the hub's change numbers.
///
/// The hub numbers each change inside the transaction that makes it, so
/// numbers commit out of order: a pull reads only changes from transactions
/// older than the oldest still running on the hub (`pg_snapshot_xmin`), in
/// the order (transaction, number). A change that commits late is then
/// never behind the position already read. (The transaction is read out
/// as text under another name: ordering by an output column of the same
/// name would sort "792" after "1293".) Changes above that line are
/// counted and left for the next sync, which says so.
struct HubPull {
    let store: Store
    let batch: Int

    /// Below the oldest transaction still running.
    static let settled = "change_xid < pg_snapshot_xmin(pg_current_snapshot())"

    func run(_ session: inout HubSession, _ report: inout SyncReport, joining: Bool,
             _ progress: @Sendable (SyncProgress) -> Void) async throws {
        let me = try HubSession.object(try await session.value("SELECT hub_whoami()::text"))
        let supervisor = me["role"] as? String == "supervisor"
        if try store.syncCursor("records") == nil, !supervisor {
            try await join(&session, &report, progress)
        }
        if !supervisor { try await reveals(&session, &report, progress) }
        try await records(&session, &report, progress)
        report.stillArriving = Int(try await session.value("""
            SELECT count(*)::text FROM hub_record WHERE NOT (\(unescaped: Self.settled))
            """)) ?? 0
    }

    /// A caseworker's first pull: the worker list and every case they hold
    /// or are being handed, whole, then the change stream from where the
    /// hub is now. (A case they held in the last 30 days is readable only so
    /// that what they made on it can still be sent: a new laptop has nothing
    /// to send.)
    private func join(_ session: inout HubSession, _ report: inout SyncReport,
                      _ progress: @Sendable (SyncProgress) -> Void) async throws {
        let horizon = try await session.value("SELECT pg_snapshot_xmin(pg_current_snapshot())::text") + ":0"
        let workers = try await fetch(&session, "SELECT tbl, id, case_id, data::text, deleted, clock FROM hub_record WHERE tbl = 'worker'")
        report.pulled += try store.apply(workers, cursor: "join", to: "workers")
        var cases: [String] = [], lately: [String] = []
        for try await (id, held) in try await session.connection.query("""
            SELECT case_id, until IS NULL FROM hub_access WHERE worker_id = hub_me() AND (until IS NULL OR until > now())
            ORDER BY case_id
            """, logger: session.logger).decode((String, Bool).self) {
            if held { cases.append(id) } else { lately.append(id) }
        }
        try store.leaveOut(lately)
        var done = 0
        for chunk in stride(from: 0, to: cases.count, by: 200).map({ Array(cases[$0..<min($0 + 200, cases.count)]) }) {
            try store.unrelease(chunk)
            let records = try await whole(&session, chunk)
            done += chunk.count
            let last = done == cases.count
            report.pulled += try store.apply(records, cursor: last ? "records" : "join", to: last ? horizon : "cases \(done)")
            progress(SyncProgress(stage: .pulling, done: done, total: cases.count))
        }
        if cases.isEmpty { try store.apply([], cursor: "records", to: horizon) }
        try store.apply([], cursor: "reveals", to: horizon)
    }

    /// Cases that became this worker's (reassigned, or handed to them)
    /// arrive whole, with their history, although their records are older
    /// than the position the change stream has reached.
    private func reveals(_ session: inout HubSession, _ report: inout SyncReport,
                         _ progress: @Sendable (SyncProgress) -> Void) async throws {
        while true {
            let (xid, seq) = Self.position(try store.syncCursor("reveals"))
            var cases: [String] = [], last = ""
            for try await (id, at, number) in try await session.connection.query("""
                SELECT case_id, change_xid::text AS at, change_seq FROM hub_reveal
                WHERE (change_xid, change_seq) > (\(xid)::xid8, \(seq)) AND \(unescaped: Self.settled)
                ORDER BY change_xid, change_seq LIMIT 50
                """, logger: session.logger).decode((String, String, Int64).self) {
                cases.append(id)
                last = "\(at):\(number)"
            }
            guard !cases.isEmpty else { return }
            try store.unrelease(cases)
            let records = try await whole(&session, Array(Set(cases)))
            report.pulled += try store.apply(records, cursor: "reveals", to: last)
        }
    }

    /// The change stream, a page at a time.
    private func records(_ session: inout HubSession, _ report: inout SyncReport,
                         _ progress: @Sendable (SyncProgress) -> Void) async throws {
        var (xid, seq) = Self.position(try store.syncCursor("records"))
        let total = Int(try await session.value("""
            SELECT count(*)::text FROM hub_record WHERE (change_xid, change_seq) > (\(xid)::xid8, \(seq)) AND \(unescaped: Self.settled)
            """)) ?? 0
        // Entries this laptop made itself come back with the stream and are
        // here already: only their place in it is read, not their rows.
        let own = Self.ownEntries
        var done = 0
        while true {
            var page: [SyncRecord] = []
            var read = 0
            for try await (table, id, caseId, data, deleted, clock, at, number) in try await session.connection.query("""
                SELECT tbl, id, case_id, CASE WHEN device_id = \(store.deviceId) AND tbl = ANY(\(own)) THEN NULL ELSE data::text END,
                       deleted, clock, change_xid::text AS at, change_seq FROM hub_record
                WHERE (change_xid, change_seq) > (\(xid)::xid8, \(seq)) AND \(unescaped: Self.settled)
                ORDER BY change_xid, change_seq LIMIT \(batch)
                """, logger: session.logger).decode((String, String, String?, String?, Bool, Int64, String, Int64).self) {
                read += 1
                (xid, seq) = (at, number)
                guard let data else { continue }
                page.append(SyncRecord(table: table, id: id, caseId: caseId, data: data, deleted: deleted, clock: clock))
            }
            guard read > 0 else { return }
            report.pulled += try store.apply(page, cursor: "records", to: "\(xid):\(seq)")
            done += read
            progress(SyncProgress(stage: .pulling, done: done, total: max(total, done)))
            if read < batch { return }
        }
    }

    /// The histories whose entries only ever come from the laptop that made
    /// them (an issue, taken off and put back, can come from any).
    static let ownEntries = SyncCatalogue.tables.filter { $0.history && $0.name != "case_issue" }.map(\.name)

    /// Cases whole: their people first (by key: a join would read every
    /// person on the hub), then every record on them.
    private func whole(_ session: inout HubSession, _ cases: [String]) async throws -> [SyncRecord] {
        try await fetch(&session, """
            SELECT tbl, id, case_id, data::text, deleted, clock FROM (
                SELECT r.*, 0 AS part FROM hub_record r
                WHERE r.tbl = 'person' AND r.id = ANY(ARRAY(SELECT person_id FROM hub_person_case WHERE case_id = ANY(\(cases))))
                UNION ALL
                SELECT r.*, 1 AS part FROM hub_record r WHERE r.case_id = ANY(\(cases))
            ) w ORDER BY part, change_xid, change_seq
            """)
    }

    private func fetch(_ session: inout HubSession, _ query: PostgresQuery) async throws -> [SyncRecord] {
        var out: [SyncRecord] = []
        for try await (table, id, caseId, data, deleted, clock) in try await session.connection.query(query, logger: session.logger)
            .decode((String, String, String?, String, Bool, Int64).self) {
            out.append(SyncRecord(table: table, id: id, caseId: caseId, data: data, deleted: deleted, clock: clock))
        }
        return out
    }

    static func position(_ text: String?) -> (String, Int64) {
        guard let text, let colon = text.firstIndex(of: ":"), let seq = Int64(text[text.index(after: colon)...]) else {
            return ("0", 0)
        }
        return (String(text[..<colon]), seq)
    }
}
