import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

/// Every statement the store runs for the everyday actions (the caseload,
/// a case file, a limit, a search, a handover, the supervisor's lists) must
/// reach the big tables through an index: a scan of a table that grows with
/// the service would make Caseload slow at city scale. The statements are the
/// store's own, caught with its SQL trace, so a new query cannot slip past.
@Suite struct HotQueryTests {
    static let bigTables: Set<String> = ["case_file", "contact", "person", "case_party", "audit_event", "action", "key_date",
                                         "assignment", "handover", "referral", "consent", "field_change"]

    @Test func everydayStatementsReachTheBigTablesThroughAnIndex() throws {
        let f = try DemoFixture(cases: 400, seed: 3)
        defer { f.remove() }
        // Plans as at city scale: without the small demo's statistics, SQLite
        // plans as for big tables (where a scan of a tiny table is no choice).
        try f.store.write { db in
            try db.execute(sql: "DROP TABLE IF EXISTS sqlite_stat1; DROP TABLE IF EXISTS sqlite_stat4")
            // The demo gives parents a phone but no email.
            try db.execute(sql: "UPDATE person SET email = 'family@example.org' WHERE seq = (SELECT min(seq) FROM person WHERE phone IS NOT NULL)")
        }
        let trace = f.folder.appendingPathComponent("trace.sql").path
        let store = try Store.open(path: f.path, traceSQL: trace)
        let sam = try store.actingWorker(login: "sam", osUser: "tester")
        let worker = try #require(try store.workers().first { $0.role == .caseworker && $0.openCases > 3 })
        let actor = try store.actingWorker(login: worker.login, osUser: "tester")
        // A case waits for them to accept it, so their caseload is read in two parts.
        let other = try #require(try store.workers().first { $0.role == .caseworker && $0.openCases > 0 && $0.login != worker.login })
        let giver = try store.actingWorker(login: other.login, osUser: "tester")
        let given = try #require(try store.casePage(CaseQuery(scope: .mine), .first, limit: 50, by: giver).rows
            .first { !$0.handedToYou }?.reference)
        try store.handOver([given], toLogin: worker.login, summary: "Over to you.", by: giver)
        let mine = try store.casePage(CaseQuery(scope: .mine), .first, limit: 50, by: actor)
        #expect(mine.rows.contains { $0.reference == given && $0.handedToYou })
        _ = try store.caseCount(CaseQuery(scope: .mine), by: actor)
        // One of their own (the handed case may sort first, by its key date).
        let reference = try #require(mine.rows.first { !$0.handedToYou }?.reference)
        let name = try #require(mine.rows.first?.child?.split(separator: " ").first.map(String.init))
        for filter in [name, "level:3", "overdue", "flagged", "due:14 \(name)"] {
            let query = CaseQuery(scope: .mine, filter: try CaseFilter.parse(filter))
            _ = try store.casePage(query, .first, limit: 50, by: actor)
            _ = try store.caseCount(query, by: actor)
        }
        if let cursor = mine.cursors.last { _ = try store.casePage(CaseQuery(scope: .all), .after(cursor), limit: 50, by: sam) }
        let everyone = CaseQuery(scope: .all, filter: try CaseFilter.parse(name))
        _ = try store.casePage(everyone, .first, limit: 50, by: sam)
        _ = try store.caseCount(everyone, by: sam)
        var edit = CaseEdit()
        edit.level = .tribunal
        edit.reason = "Appeal lodged"
        edit.school = "Kings Heath Primary"
        try store.editCase(reference, edit, by: actor)
        _ = try store.caseDetail(reference, by: actor)
        _ = try store.search("tribunal", limit: 200, by: actor)
        _ = try store.handoverFacts(reference, by: actor)
        _ = try store.referrals(status: .flagged, by: sam)
        _ = try store.attention(by: sam)
        _ = try store.team(by: sam)
        _ = try store.cases(heldBy: worker.login, by: sam)
        _ = try store.proposeSplit(from: worker.login, to: ["sam"], by: sam)
        // Opening a case for a family on record: the child by date of
        // birth, the parent by phone or email, and one of them chosen by id.
        let family = try f.store.read { db in
            try Row.fetchOne(db, sql: """
                SELECT c.full_name, c.date_of_birth, a.phone, a.email
                FROM person c, person a WHERE c.date_of_birth IS NOT NULL AND a.email IS NOT NULL
                ORDER BY c.date_of_birth DESC LIMIT 1
                """)
        }
        var returning = NewCase(child: try #require(family?["full_name"] as String?))
        returning.dateOfBirth = Day(iso: try #require(family?["date_of_birth"] as String?))
        returning.parent = "A parent"
        returning.parentPhone = family?["phone"]
        returning.parentEmail = (family?["email"] as String?)?.uppercased()
        let found = try store.familyMatches(for: returning, by: actor)
        #expect(found.map(\.reasons).contains([.nameAndBirth]) && found.contains { $0.reasons.contains(.phone) }
                && found.contains { $0.reasons.contains(.email) })
        var reusing = NewCase(child: nil)
        reusing.existingPeople = [String(try #require(found.first).personId.prefix(23))]
        _ = try store.openCase(reusing, by: actor)

        let statements = try String(contentsOfFile: trace, encoding: .utf8)
            .components(separatedBy: ";\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { $0.uppercased().hasPrefix("SELECT") && !$0.contains("sqlite_master") && !$0.contains("grdb_migrations") }
        #expect(statements.count > 20, "the trace caught the store's statements")
        try store.read { (db: Database) throws in
            for statement in Set(statements) {
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + statement).map { $0["detail"] as String }
                for step in plan {
                    let words = step.split(separator: " ").map(String.init)
                    guard words.first == "SCAN", words.count >= 2 else { continue }
                    // "SCAN c" names an alias; find the table it stands for.
                    let alias = words[1]
                    let table = Self.table(for: alias, in: statement)
                    let throughIndex = step.contains("USING INDEX") || step.contains("USING COVERING INDEX")
                        || step.contains("VIRTUAL TABLE")
                    #expect(throughIndex || !Self.bigTables.contains(table),
                            "a scan of \(table) in:\n\(statement)\nplan: \(plan)")
                }
            }
            // A limit by name reaches each person's cases through the
            // person-case map, and a search through the party index, from
            // the index alone.
            let traced = try String(contentsOfFile: trace, encoding: .utf8).components(separatedBy: ";\n")
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            let limit = try #require(traced.first { $0.hasPrefix("INSERT OR IGNORE INTO temp.limit_match") })
            let limitPlan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + limit).map { $0["detail"] as String }
            #expect(limitPlan.contains { $0.contains("SEARCH pc USING PRIMARY KEY (person_seq=?)") }, "\(limit)\nplan: \(limitPlan)")
            let search = try #require(statements.first { $0.contains("person_fts MATCH") && $0.contains("case_party") })
            let searchPlan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + search).map { $0["detail"] as String }
            #expect(searchPlan.contains { $0.contains("SEARCH cp USING COVERING INDEX case_party_person_case") },
                    "\(search)\nplan: \(searchPlan)")
            // A family on record is found through the indexes made for it.
            for (words, index) in [("date_of_birth = ", "person_by_birth"), ("replace(phone, ' ', '') = ", "person_by_phone"),
                                   ("lower(email) = ", "person_by_email")] {
                let statement = try #require(statements.first { $0.contains(words) && $0.hasPrefix("SELECT id, full_name") })
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + statement).map { $0["detail"] as String }
                #expect(plan.contains { $0.contains("USING INDEX \(index)") }, "\(statement)\nplan: \(plan)")
            }
            // My caseload with cases handed to me merges my cases, read in
            // order through the worker index, with the few handed to me.
            let merged = try #require(statements.first { $0.contains("UNION ALL") && $0.contains("to_worker_id") && $0.contains("LIMIT") })
            let mergedPlan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + merged).map { $0["detail"] as String }
            #expect(mergedPlan.contains { $0.contains("MERGE (UNION ALL)") }, "\(merged)\nplan: \(mergedPlan)")
            #expect(mergedPlan.contains { $0.contains("USING INDEX case_list_worker_due (worker_id=? AND status=?)") },
                    "\(merged)\nplan: \(mergedPlan)")
            // A limit on one worker's cases picks the word's matches out of
            // the worker's entries in a worker index, for the page and the
            // count, and reads only the cases found.
            var mineLimited: [String] = []
            for statement in statements where statement.contains("k.worker_id") && statement.contains("temp.limit_match") {
                mineLimited.append(statement)
            }
            #expect(mineLimited.count >= 2, "the page and the count of a limited caseload")
            for statement in mineLimited {
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + statement).map { $0["detail"] as String }
                #expect(plan.contains { $0.hasPrefix("SEARCH k USING COVERING INDEX") && $0.contains("(worker_id=?") },
                        "\(statement)\nplan: \(plan)")
                #expect(plan.contains { $0.contains("SEARCH c USING INTEGER PRIMARY KEY") }, "\(statement)\nplan: \(plan)")
            }
            // The cases handed to me, limited by a word, are found from the
            // few handovers and then checked against the word's matches,
            // never the other way round (a common name has hundreds).
            let handedLimited = statements.filter {
                $0.hasPrefix("SELECT count(*)") && $0.contains("to_worker_id") && $0.contains("temp.limit_match")
            }
            #expect(!handedLimited.isEmpty, "the count of the cases handed to me under a limit")
            for statement in handedLimited {
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + statement).map { $0["detail"] as String }
                #expect(plan.contains { $0.contains("SEARCH c USING INDEX sqlite_autoindex_case_file_1 (id=?)") },
                        "\(statement)\nplan: \(plan)")
            }
        }
    }

    /// The caseload (open and inactive cases) is read a status at a time,
    /// each through a list index in its own order, and the parts merged: no
    /// page sorts the caseload, whether it is mine (with cases handed to me),
    /// one worker's or everyone's, from the start, the end or a row.
    @Test func theCaseloadMergesEachStatusReadInIndexOrder() throws {
        let f = try DemoFixture(cases: 400, seed: 3)
        defer { f.remove() }
        try f.store.write { db in try db.execute(sql: "DROP TABLE IF EXISTS sqlite_stat1; DROP TABLE IF EXISTS sqlite_stat4") }
        let trace = f.folder.appendingPathComponent("trace.sql").path
        let store = try Store.open(path: f.path, traceSQL: trace)
        let sam = try store.actingWorker(login: "sam", osUser: "tester")
        let worker = try #require(try store.workers().first { $0.role == .caseworker && $0.openCases > 3 })
        let actor = try store.actingWorker(login: worker.login, osUser: "tester")
        let other = try #require(try store.workers().first { $0.role == .caseworker && $0.openCases > 0 && $0.login != worker.login })
        let giver = try store.actingWorker(login: other.login, osUser: "tester")
        let given = try #require(try store.casePage(CaseQuery(scope: .mine), .first, limit: 50, by: giver).rows.first?.reference)
        _ = try store.handOver([given], toLogin: worker.login, summary: "Over to you.", by: giver)
        let own = try #require(try store.casePage(CaseQuery(scope: .mine), .first, limit: 50, by: actor).rows
            .first { !$0.handedToYou && $0.status == .open }?.reference)
        var quiet = CaseEdit()
        quiet.status = .inactive
        quiet.reason = "Waiting for the LA's decision"
        try store.editCase(own, quiet, by: actor)
        let name = try #require(try store.casePage(CaseQuery(scope: .mine), .first, limit: 1, by: actor).rows.first?.child?
            .split(separator: " ").first.map(String.init))

        for (scope, reader) in [(CaseScope.mine, actor), (.worker(login: worker.login), sam), (.all, sam), (.unallocated, sam)] {
            for sort in CaseSort.allCases {
                let query = CaseQuery(scope: scope, sort: sort)
                let first = try store.casePage(query, .first, limit: 20, by: reader)
                #expect(!first.rows.isEmpty || scope == .unallocated, "\(scope) \(sort)")
                if let cursor = first.cursors.last {
                    for request in [PageRequest.after(cursor), .before(cursor), .from(cursor)] {
                        _ = try store.casePage(query, request, limit: 20, by: reader)
                    }
                    _ = try store.caseCount(query, before: cursor, by: reader)
                }
                _ = try store.casePage(query, .last, limit: 20, by: reader)
                _ = try store.caseCount(query, by: reader)
            }
        }
        for (scope, reader) in [(CaseScope.mine, actor), (.all, sam)] {
            for limit in [name, "level:3", "overdue"] {
                let query = CaseQuery(scope: scope, filter: try CaseFilter.parse(limit))
                _ = try store.casePage(query, .first, limit: 20, by: reader)
                _ = try store.caseCount(query, by: reader)
            }
        }

        let statements = Set(try String(contentsOfFile: trace, encoding: .utf8)
            .components(separatedBy: ";\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        let pages = statements.filter { $0.hasPrefix("SELECT") && $0.contains("sort_value") }
        #expect(pages.count >= 60, "the page statements were caught")
        try store.read { (db: Database) throws in
            for statement in pages {
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + statement)
                    .map { (id: $0["id"] as Int, parent: $0["parent"] as Int, detail: $0["detail"] as String) }
                let details = plan.map(\.detail)
                let limited = statement.contains("temp.limit_match")
                let handed = statement.contains("SELECT case_id FROM handover WHERE to_worker_id")
                // One part for open cases and one for inactive ones, each
                // through a list index by status; the cases handed to me
                // through the handovers. A word's matches lead a limited
                // list, which is sorted whatever its parts: its statuses are
                // one part, so the matches are walked once.
                if limited {
                    #expect(statement.contains("status IN ('open','inactive')"), "\(statement)")
                } else {
                    for status in ["open", "inactive"] {
                        #expect(statement.contains("status = '\(status)'"), "\(statement)")
                    }
                }
                let byStatus = details.filter { $0.hasPrefix("SEARCH c USING INDEX case_list_") && $0.contains("status=?") }
                #expect(limited || byStatus.count == 2, "\(statement)\nplan: \(details)")
                #expect(handed == details.contains { $0.contains("sqlite_autoindex_case_file_1 (id=?)") }, "\(statement)\nplan: \(details)")
                let merges = (limited ? 0 : 1) + (handed ? 1 : 0)
                #expect(details.filter { $0 == "MERGE (UNION ALL)" }.count == merges, "\(statement)\nplan: \(details)")
                // A sort only of the few rows a part finds from elsewhere:
                // the cases handed to me, or a word's matches.
                for step in plan where step.detail.contains("TEMP B-TREE") {
                    let part = plan.filter { $0.parent == step.parent }.map(\.detail)
                    #expect(limited || part.contains { $0.contains("sqlite_autoindex_case_file_1 (id=?)") },
                            "a part of the caseload is sorted: \(statement)\nplan: \(details)")
                }
            }
            // Counting the caseload needs no order: one count over both
            // statuses, within an index.
            let counts = statements.filter { $0.hasPrefix("SELECT count(*) FROM case_file c") && !$0.contains("limit_match") }
            #expect(counts.contains { $0.contains("status IN ('open','inactive')") })
            #expect(!counts.contains { $0.contains("status = 'inactive'") })
            for statement in counts where !statement.contains("to_worker_id") {
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + statement).map { $0["detail"] as String }
                #expect(plan.allSatisfy { $0.hasPrefix("SEARCH c USING ") && $0.contains("INDEX") && $0.contains("status=?") },
                        "\(statement)\nplan: \(plan)")
            }
        }
    }

    /// The table an alias names in a statement ("FROM case_file c" → case_file).
    static func table(for alias: String, in statement: String) -> String {
        if bigTables.contains(alias) { return alias }
        let words = statement.replacingOccurrences(of: "\n", with: " ").split(separator: " ").map(String.init)
        for index in words.indices.dropFirst() where words[index] == alias && bigTables.contains(words[index - 1]) {
            return words[index - 1]
        }
        return alias
    }
}
