import CaseloadCore
import Foundation
import GRDB

/// Where a row stands in a sorted list: its sort value and its local seq.
/// Lists are paged by these keys (keyset pagination), never by OFFSET, so a
/// page deep in a city-sized list costs the same as the first.
public struct CaseCursor: Equatable, Sendable {
    public let value: String
    public let seq: Int64
}

public enum PageRequest: Equatable, Sendable {
    case first
    case last
    case after(CaseCursor)
    case before(CaseCursor)
    /// From this row on, including it (to refresh a page in place).
    case from(CaseCursor)
}

/// Rows in display order with their cursors.
public struct CasePage: Equatable, Sendable {
    public let rows: [CaseRow]
    public let cursors: [CaseCursor]
}

/// A list to page through: whose cases, limited how, in which order.
public struct CaseQuery: Equatable, Sendable {
    public var scope: CaseScope
    public var filter: CaseFilter
    public var sort: CaseSort

    public init(scope: CaseScope = .mine, filter: CaseFilter = CaseFilter(), sort: CaseSort = .deadline) {
        self.scope = scope
        self.filter = filter
        self.sort = sort
    }
}

extension CaseSort {
    /// The SQL sort expression (matching an index in the schema) and whether it runs ascending.
    var sql: (expression: String, ascending: Bool) {
        switch self {
        case .deadline: return ("coalesce(c.next_due_on, '9999-12-31')", true)
        case .lastContact: return ("coalesce(c.last_contact_at, '')", true)
        case .newest: return ("c.opened_on", false)
        case .reference: return ("c.reference", true)
        }
    }
}

extension Store {
    /// One page of a case list.
    /// (Not a read-only access: a limit's word matches may be kept in a
    /// temporary table on this connection.)
    public func casePage(_ query: CaseQuery, _ request: PageRequest, limit: Int, by actor: ActingWorker) throws -> CasePage {
        try withoutTransaction { db in
            try againstTheClock(db, query) { try casePage(db, query, request, limit: limit, actor: actor) }
        }
    }

    /// A list limited by words is the one whose cost grows with what was
    /// typed: finding the words' cases and reading the page they lead are
    /// stopped together at the deadline (`withinBudget`), so the answer or
    /// the refusal comes within a second. (Not inside a transaction: a
    /// stopped statement would take that with it.)
    private func againstTheClock<T>(_ db: Database, _ query: CaseQuery, _ body: () throws -> T) throws -> T {
        query.filter.words.isEmpty ? try body() : try withinBudget(db, "the limit", body)
    }

    /// How many cases the list holds, and how many come before a row.
    public func caseCount(_ query: CaseQuery, before cursor: CaseCursor? = nil, by actor: ActingWorker) throws -> Int {
        try withoutTransaction { db in try againstTheClock(db, query) {
            try arms(db, query, actor: actor, ordered: false).reduce(0) { total, arm in
                var (conditions, arguments) = try whereClause(db, query, actor: actor, arm: arm)
                if let cursor {
                    let (expression, ascending) = query.sort.sql
                    conditions.append(Self.keyset(expression, ascending ? "<" : ">", cursor, &arguments))
                }
                return total + (try Int.fetchOne(db.cachedStatement(sql: """
                    SELECT count(*) FROM case_file c
                    WHERE \(conditions.joined(separator: " AND "))
                    """), arguments: arguments) ?? 0)
            }
        } }
    }

    /// A list is read in parts, each through an index in order, and the
    /// parts merged into the same order: one per status (the caseload is its
    /// open cases and its inactive ones) and, for my caseload while cases
    /// handed to me wait for me to accept them, the few handed to me.
    /// (One condition with an OR or an IN would sort the whole caseload for
    /// every page.) A list limited by words is led by the words' matches and
    /// sorted whatever its parts, so its statuses stay in one part: a part
    /// per status would walk the matches once for each. A count needs no
    /// order, so it counts every status in one part too.
    enum ListArm: Equatable {
        /// Cases of these statuses (nil: of any).
        case cases([CaseStatus]?)
        case handedToMe
    }

    private func arms(_ db: Database, _ query: CaseQuery, actor: ActingWorker, ordered: Bool = true) throws -> [ListArm] {
        let statuses = query.filter.status.caseStatuses
        var arms = ordered && query.filter.words.isEmpty ? statuses.map { $0.map { ListArm.cases([$0]) } } ?? [.cases(nil)]
            : [.cases(statuses)]
        if query.scope == .mine, try Bool.fetchOne(db.cachedStatement(sql: Self.handedToMeSQL), arguments: [actor.workerId]) == true {
            arms.append(.handedToMe)
        }
        return arms
    }

    static let handedToMeSQL = "SELECT 1 FROM handover WHERE to_worker_id = ? AND status = 'pending' LIMIT 1"

    func casePage(_ db: Database, _ query: CaseQuery, _ request: PageRequest, limit: Int, actor: ActingWorker) throws -> CasePage {
        let (sql, arguments, reversed) = try casePageSQL(db, query, request, limit: limit, actor: actor)
        // Each row is read where SQLite holds it (a cursor), not copied first.
        var rows: [CaseRow] = []
        var cursors: [CaseCursor] = []
        let found = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        let valueAt = Self.sortValueColumn, seqAt = Self.sortSeqColumn
        while let row = try found.next() {
            rows.append(try Self.caseRow(row))
            cursors.append(CaseCursor(value: row[valueAt], seq: row[seqAt]))
        }
        return reversed ? CasePage(rows: rows.reversed(), cursors: cursors.reversed()) : CasePage(rows: rows, cursors: cursors)
    }

    /// Where a page's statement puts each row's cursor: after the case row's
    /// own columns, read by position as they are (see `CaseRowColumn`).
    static let sortValueColumn = CaseRowColumn.allCases.count
    static let sortSeqColumn = sortValueColumn + 1

    /// The statement for one page, and whether its rows come back in reverse.
    func casePageSQL(_ db: Database, _ query: CaseQuery, _ request: PageRequest, limit: Int,
                     actor: ActingWorker) throws -> (String, StatementArguments, Bool) {
        let (expression, ascending) = query.sort.sql
        var reversed = false
        switch request {
        case .last, .before: reversed = true
        case .first, .after, .from: break
        }
        let arms = try self.arms(db, query, actor: actor)
        var selects: [String] = []
        var arguments: StatementArguments = []
        for arm in arms {
            var (conditions, armArguments) = try whereClause(db, query, actor: actor, arm: arm)
            switch request {
            case .first, .last: break
            case .after(let cursor): conditions.append(Self.keyset(expression, ascending ? ">" : "<", cursor, &armArguments))
            case .from(let cursor): conditions.append(Self.keyset(expression, ascending ? ">=" : "<=", cursor, &armArguments))
            case .before(let cursor): conditions.append(Self.keyset(expression, ascending ? "<" : ">", cursor, &armArguments))
            }
            // sort_value and sort_seq are read at sortValueColumn and sortSeqColumn.
            selects.append("""
                \(Self.caseRowColumns), \(expression) AS sort_value, c.seq AS sort_seq
                \(Self.caseRowFrom)
                WHERE \(conditions.joined(separator: " AND "))
                """)
            // The SELECT's one argument (who is reading, for handedToYouAt) comes first.
            arguments += [actor.workerId] + armArguments
        }
        let direction = ascending != reversed ? "ASC" : "DESC"
        // Parts are merged by their result columns, each read in order.
        let order = arms.count == 1 ? "\(expression) \(direction), c.seq \(direction)"
            : "sort_value \(direction), sort_seq \(direction)"
        let sql = selects.joined(separator: "\nUNION ALL\n") + "\nORDER BY \(order)\nLIMIT ?"
        return (sql, arguments + [max(0, limit)], reversed)
    }

    /// Rows beyond a cursor, written so SQLite uses the sort value as an
    /// index range (a row-value comparison on an expression index is not).
    static func keyset(_ expression: String, _ comparison: String, _ cursor: CaseCursor,
                       _ arguments: inout StatementArguments) -> String {
        let strict = String(comparison.prefix(1))
        arguments += [cursor.value, cursor.value, cursor.seq]
        return "(\(expression) \(strict)= ? AND (\(expression) \(strict) ? OR c.seq \(comparison) ?))"
    }

    /// The WHERE conditions for a list. A limit's words keep their matches
    /// on the connection (a temporary table), so the statement must run in
    /// a write access.
    private func whereClause(_ db: Database, _ query: CaseQuery, actor: ActingWorker,
                             arm: ListArm) throws -> ([String], StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        let filter = query.filter
        var workerIds: [String] = []
        switch query.scope {
        case .mine where arm == .handedToMe:
            conditions.append("c.id IN (SELECT case_id FROM handover WHERE to_worker_id = ? AND status = 'pending') AND c.worker_id IS NOT ?")
            arguments += [actor.workerId, actor.workerId]
        case .mine: workerIds.append(actor.workerId)
        case .worker(let login): workerIds.append(try anyWorkerId(db, login: login))
        case .unallocated: conditions.append("c.worker_id IS NULL")
        case .all: break
        }
        if let login = filter.workerLogin {
            workerIds.append(try anyWorkerId(db, login: login))
        }
        // A word matches a name (accents ignored) or a school through the
        // person index, or a case reference through the case index.
        let words = filter.words.compactMap { try? SearchQuery.fts($0) }
        // One worker's cases limited by a word: the word's matches are picked
        // out of the worker's entries in a worker index, which holds each
        // case's seq, and only the rows found are read. Going the other way,
        // from every match in the city to its case, reads a row for each of
        // them: a common first name has more matches in the city than a busy
        // caseload has cases (docs/performance.md has the figures). The list's own conditions are then
        // kept off the indexes (a leading +), so SQLite reads the rows found
        // by their seq rather than the whole caseload.
        //
        // The cases handed to me are a handful, found through the pending
        // handovers: every other condition on that arm is kept off the
        // indexes too, so neither the open cases nor a common name's
        // hundreds of matches lead.
        let narrowWorker = words.isEmpty ? nil : workerIds.first
        let column = narrowWorker == nil && arm != .handedToMe ? "c." : "+c."
        for id in workerIds {
            conditions.append("\(column)worker_id = ?")
            arguments += [id]
        }
        if let status = Self.statusCondition("\(column)status", arm, filter, &arguments) {
            conditions.append(status)
        }
        if let level = filter.level {
            conditions.append("\(column)level = ?")
            arguments += [level]
        }
        // Worked out only when needed (finding the time zone is not free),
        // and once, so two conditions cannot fall either side of midnight.
        let today = filter.overdue || filter.dueWithinDays != nil ? self.today : nil
        if filter.overdue, let today {
            conditions.append("\(column)next_due_on < ?")
            arguments += [today.iso]
        }
        if let days = filter.dueWithinDays, let today {
            conditions.append("\(column)next_due_on <= ?")
            arguments += [try today.adding(days: days).iso]
        }
        if filter.flagged {
            conditions.append("EXISTS (SELECT 1 FROM referral r WHERE r.case_id = c.id AND r.status = 'flagged')")
        }
        // Against the clock with the page they lead (`againstTheClock`).
        for fts in words { try keepWordMatches(db, fts) }
        for fts in words {
            if let workerId = narrowWorker {
                var within = "k.worker_id = ?"
                arguments += [workerId]
                if let status = Self.statusCondition("k.status", arm, filter, &arguments) {
                    within += " AND " + status
                }
                conditions.append("""
                    c.seq IN (SELECT k.seq FROM case_file k WHERE \(within)
                    AND +k.seq IN (SELECT case_seq FROM temp.limit_match WHERE word = ?))
                    """)
                arguments += [fts]
            } else {
                conditions.append("\(column)seq IN (SELECT case_seq FROM temp.limit_match WHERE word = ?)")
                arguments += [fts]
            }
        }
        if conditions.isEmpty { conditions.append("1") }
        return (conditions, arguments)
    }

    /// An arm's statuses as a condition on a status column, nil for any.
    /// The handed-to-me arm takes every status of the limit at once: it is
    /// found from the few handovers waiting, not read in index order.
    private static func statusCondition(_ column: String, _ arm: ListArm, _ filter: CaseFilter,
                                        _ arguments: inout StatementArguments) -> String? {
        let statuses: [CaseStatus]
        switch arm {
        case .cases(let some?): statuses = some
        case .cases(nil): return nil
        case .handedToMe:
            guard let all = filter.status.caseStatuses else { return nil }
            statuses = all
        }
        arguments += StatementArguments(statuses.map(\.rawValue))
        return statuses.count == 1 ? "\(column) = ?" : "\(column) IN (\(databaseQuestionMarks(count: statuses.count)))"
    }

    /// The seqs of the cases a limit's word matches: through the person
    /// index (a name, accents ignored, or a school) and the person-case map,
    /// or the case index (a reference). Both indexes' rowids are seqs.
    private static let wordMatchSQL = """
        SELECT pc.case_seq FROM person_fts JOIN person_case pc ON pc.person_seq = person_fts.rowid
        WHERE person_fts MATCH ?
        UNION ALL SELECT case_fts.rowid FROM case_fts WHERE case_fts MATCH ?
        """

    /// Finds a word's cases once and keeps them in a temporary table on this
    /// connection, until a commit could change them: a limited list is
    /// counted and then paged, and each would otherwise search the name
    /// index again (the slowest part of applying a limit).
    private func keepWordMatches(_ db: Database, _ fts: String) throws {
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS limit_match (
                word TEXT NOT NULL, version TEXT NOT NULL, case_seq INTEGER NOT NULL, PRIMARY KEY (word, case_seq)
            ) WITHOUT ROWID
            """)
        // Kept matches go stale when another process commits (data_version)
        // or this connection does (the front end opens cases and adds people
        // on the connection that keeps them).
        let changes = matchChanges ?? {
            let observer = MatchChanges()
            db.add(transactionObserver: observer, extent: .databaseLifetime)
            matchChanges = observer
            return observer
        }()
        let dataVersion = try Int.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
        let version = "\(dataVersion).\(changes.generation)"
        if try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM temp.limit_match WHERE word = ? AND version = ? LIMIT 1"),
                             arguments: [fts, version]) == true {
            return
        }
        try db.execute(sql: "DELETE FROM temp.limit_match WHERE word = ? OR version != ?", arguments: [fts, version])
        // Seq 0 (never a case's: seqs start at 1) marks the word as looked
        // up, even when nothing matches.
        try db.execute(sql: """
            INSERT OR IGNORE INTO temp.limit_match (word, version, case_seq)
            SELECT ?, ?, case_seq FROM (\(Self.wordMatchSQL)) UNION ALL SELECT ?, ?, 0
            """, arguments: [fts, version, fts, fts, fts, version])
    }

    func anyWorkerId(_ db: Database, login: String) throws -> String {
        guard let id = try String.fetchOne(db.cachedStatement(sql: "SELECT id FROM worker WHERE login = ?"), arguments: [login]) else {
            throw CaseloadError.notFound("no worker with the login \(SafeText.inline(login)); the list of workers gives each one's login")
        }
        return id
    }
}

/// Counts this connection's commits that could change a limit's matches: a
/// name or school, a party, a case opened, removed or given a new reference.
/// `PRAGMA data_version` counts only other connections' commits.
final class MatchChanges: TransactionObserver {
    private(set) var generation = 0
    private var changed = false

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        switch eventKind {
        case .insert(let table), .delete(let table):
            return table == "person" || table == "case_party" || table == "case_file"
        case .update(let table, let columns):
            return table == "person" || table == "case_party" || (table == "case_file" && columns.contains("reference"))
        }
    }

    func databaseDidChange(with event: DatabaseEvent) {
        changed = true
        stopObservingDatabaseChangesUntilNextTransaction()
    }

    func databaseDidCommit(_ db: Database) {
        if changed { generation += 1 }
        changed = false
    }

    func databaseDidRollback(_ db: Database) {
        changed = false
    }
}
