import CaseloadCore
import Foundation
import GRDB

public struct SearchHit: Codable, Sendable, Equatable {
    public enum Source: String, Codable, Sendable {
        case name, reference, contact
    }
    public let reference: String
    public let caseId: String
    public let child: String?
    /// Who holds the case (nil: unallocated).
    public let workerLogin: String?
    public let status: CaseStatus
    public let source: Source
    /// The matching text with the matched words between the markers; nil
    /// for a hit outside the caseload (see `outsideCaseload`).
    public var snippet: String?
    /// For a contact: when it happened.
    public let at: Date?
    /// For a contact: which one, so opening the hit can select it.
    public var contactId: String? = nil
    /// A caseworker's hit on a case that is not theirs (nor handed to them,
    /// nor opened by them with a reason in the last day): the reference and
    /// the child's name are shown, the matching text is not.
    public var outsideCaseload = false
}

public enum SearchQuery {
    /// Turns what a person typed into a safe FTS5 query: each word becomes a
    /// quoted prefix term, all of which must match. Operators and quotes in
    /// the input are treated as separators, never as syntax; a repeated word
    /// is looked for once, and a query over the maximum is refused
    /// (`SearchWords`).
    public static func fts(_ text: String) throws -> String {
        try SearchWords.forSearch(text).map { "\"\($0)\"*" }.joined(separator: " ")
    }

    /// The query for contact notes: as `fts`, except that a word of one or
    /// two letters matches only itself. Every word a letter or two begins
    /// is most of the notes' words: gathering their matches took seconds on
    /// the city store, where a whole word is found at once.
    static func notes(_ words: [String]) -> String {
        words.map { $0.count <= 2 ? "\"\($0)\"" : "\"\($0)\"*" }.joined(separator: " ")
    }
}

extension Store {
    /// Full-text search over people's names, case references and contact
    /// notes. Names and references come first; contacts newest first.
    ///
    /// The reading holds no lock that a writer needs and stops at its
    /// deadline (`withinBudget`); only then are the audit entries written,
    /// in their own short transaction, so a search never keeps the rest of
    /// the team waiting. A caseworker sees the text of hits on their own
    /// cases only (`outsideCaseload`); a supervisor, who may read any case,
    /// sees every hit's text. Each case whose text was shown gets its own
    /// audit entry, so the case's trail shows the search.
    /// `lookAhead`: read one hit more than `limit`, so the caller can say
    /// there are more; it is returned but not recorded as shown.
    public func search(_ text: String, limit: Int = 50, lookAhead: Bool = false, markers: (String, String) = ("[", "]"),
                       by actor: ActingWorker) throws -> [SearchHit] {
        let words = try SearchWords.forSearch(text)
        let query = words.map { "\"\($0)\"*" }.joined(separator: " ")
        let hits = try read { db in
            try withinBudget(db, "the search") {
                try searchHits(db, query: query, notes: SearchQuery.notes(words), limit: limit + (lookAhead ? 1 : 0),
                               markers: markers, actor: actor)
            }
        }
        // The query as the audit trail keeps it: its distinct words, never
        // more than the maximum a search takes, however much was typed.
        let asked = words.joined(separator: " ")
        let shown = hits.prefix(limit)
        try write { db in
            let outside = shown.filter(\.outsideCaseload).count
            try audit(db, actor, "search", detail: "\(asked) (\(shown.count) results"
                      + (hits.count > limit ? " shown, more found" : "")
                      + (outside > 0 ? ", \(outside) outside the caseload, shown without their text)" : ")"))
            var recorded: Set<String> = []
            for hit in shown where !hit.outsideCaseload && recorded.insert(hit.caseId).inserted {
                try audit(db, actor, "search.shown", caseId: hit.caseId, detail: "shown by the search for \(asked)")
            }
        }
        return hits
    }

    private func searchHits(_ db: Database, query: String, notes: String, limit: Int, markers: (String, String),
                            actor: ActingWorker) throws -> [SearchHit] {
        let arguments: StatementArguments = ["q": query, "names": "{full_name known_as folded} : (\(query))",
                                             "notes": notes, "limit": limit, "open": markers.0, "close": markers.1]
        var rows = try Row.fetchAll(db, sql: """
            SELECT c.reference, c.id AS case_id, s.full_name AS child, (SELECT login FROM worker WHERE id = c.worker_id) AS worker, c.status, 'name' AS source,
                   -- The name as written: a match found only in the folded
                   -- spelling ("lukasz") still shows "Łukasz", unmarked.
                   coalesce(nullif(highlight(person_fts, 0, :open, :close), person_fts.full_name),
                            nullif(highlight(person_fts, 1, :open, :close), person_fts.known_as),
                            person_fts.full_name) AS snippet, NULL AS at, NULL AS contact_id
            FROM person_fts
            JOIN person p ON p.seq = person_fts.rowid
            JOIN case_party cp ON cp.person_id = p.id
            JOIN case_file c ON c.id = cp.case_id
            LEFT JOIN person s ON s.id = c.subject_id
            WHERE person_fts MATCH :names
            ORDER BY c.status = 'closed', c.seq DESC
            LIMIT :limit
            """, arguments: arguments)
        // Later sources only fill what earlier ones left, so a name found
        // as often as the limit needs no search of the notes.
        if rows.count < limit { rows += try Row.fetchAll(db, sql: """
            SELECT c.reference, c.id AS case_id, s.full_name AS child, (SELECT login FROM worker WHERE id = c.worker_id) AS worker, c.status, 'reference' AS source,
                   highlight(case_fts, 0, :open, :close) AS snippet, NULL AS at, NULL AS contact_id
            FROM case_fts
            JOIN case_file c ON c.seq = case_fts.rowid
            LEFT JOIN person s ON s.id = c.subject_id
            WHERE case_fts MATCH :q
            ORDER BY c.seq DESC
            LIMIT :limit
            """, arguments: arguments) }
        if rows.count < limit { rows += try Row.fetchAll(db, sql: """
            SELECT c.reference, c.id AS case_id, s.full_name AS child, (SELECT login FROM worker WHERE id = c.worker_id) AS worker, c.status, 'contact' AS source,
                   snippet(contact_fts, -1, :open, :close, '…', 16) AS snippet, ct.occurred_at AS at, ct.id AS contact_id
            FROM contact_fts
            JOIN contact ct ON ct.seq = contact_fts.rowid
            JOIN case_file c ON c.id = ct.case_id
            LEFT JOIN person s ON s.id = c.subject_id
            WHERE contact_fts MATCH :notes
            ORDER BY contact_fts.rowid DESC
            LIMIT :limit
            """, arguments: arguments) }
        // Read by name: a search shows at most its limit of rows. A value
        // the schema cannot hold throws rather than showing as another.
        let hits = try rows.prefix(limit).map { row -> SearchHit in
            let reference: String = row["reference"]
            let statusText: String = row["status"]
            guard let status = CaseStatus(rawValue: statusText) else {
                throw StoredRow.damaged("the case \(reference)", "status", statusText, problem: "which this version does not know")
            }
            let sourceText: String = row["source"]
            guard let source = SearchHit.Source(rawValue: sourceText) else {
                throw CaseloadError.conflict("a search found a match in \(sourceText), which it does not know how to show")
            }
            var at: Date?
            if let text: String = row["at"] {
                guard let moment = StoreTime.moment(text) else {
                    throw StoredRow.damaged("a contact on \(reference)", "occurred_at", text, problem: "which is not a moment in time")
                }
                at = moment
            }
            return SearchHit(reference: reference, caseId: row["case_id"], child: row["child"], workerLogin: row["worker"],
                             status: status, source: source, snippet: row["snippet"] ?? "", at: at,
                             contactId: row["contact_id"])
        }
        // The text a worker may see: the cases `requireMayRead` lets them
        // read, asked once per case (a case's holder comes with its hit).
        var readable: [String: Bool] = [:]
        return try hits.map { hit in
            if readable[hit.caseId] == nil {
                readable[hit.caseId] = try mayRead(db, caseId: hit.caseId, holds: hit.workerLogin == actor.login, by: actor)
            }
            guard readable[hit.caseId] == false else { return hit }
            var hidden = hit
            hidden.snippet = nil
            hidden.outsideCaseload = true
            return hidden
        }
    }
}
