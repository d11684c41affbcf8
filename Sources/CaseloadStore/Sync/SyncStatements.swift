import GRDB

/// The SQL each travelling table needs, made from its columns: a record as
/// JSON (the shape the hub keeps), its case, its clock, and the upsert that
/// writes a pulled record.
struct SyncStatements {
    let table: SyncCatalogue.Table
    let columns: [String]

    /// The statements run once per record, made once per table.
    private(set) var current = "", inserted = "", upsert = ""

    init(_ db: Database, _ table: SyncCatalogue.Table) throws {
        self.table = table
        columns = try SyncColumns.travelling(db, table.name)
        current = currentSQL
        inserted = insertedSQL
        upsert = upsertSQL
    }

    /// Assignments and referral status changes keep their clock in a column.
    var carriesClock: Bool { table.name == "assignment" || table.name == "referral_status_change" }

    var rowJSON: String { "json_object(" + columns.map { "'\($0)', r.\($0)" }.joined(separator: ", ") + ")" }

    /// The record's clock when it goes whole (seeding): its own where it
    /// carries one, else its last change's or its making's moment.
    var clock: String {
        if carriesClock { return "r.clock" }
        let moment = columns.contains("updated_at") ? "coalesce(r.updated_at, r.created_at)"
            : columns.contains("created_at") ? "r.created_at" : "r.at"
        return SyncClock.microseconds(moment)
    }

    /// Matches a record by its travelling id (`?1`).
    var byKey: String {
        table.name == "case_issue"
            ? "r.case_id = substr(?1, 1, instr(?1, '|') - 1) AND r.issue = substr(?1, instr(?1, '|') + 1)"
            : "r.id = ?1"
    }

    /// One record, now: its JSON, its case and its clock.
    private var currentSQL: String {
        "SELECT \(rowJSON), \(table.caseId), \(clock) FROM \(table.name) r WHERE \(byKey)"
    }

    /// A record made here as the change that sends it whole, written by
    /// SQLite itself: a seed or a push of thousands of new records spends
    /// no time taking JSON apart and putting it back together.
    func insertChange(clock: String) -> String {
        "json_object('t', '\(table.name)', 'id', \(SyncCatalogue.key(table.name)), 'case', \(table.caseId), 'op', 'insert', "
            + "'row', \(rowJSON), 'clock', \(clock))"
    }

    /// A page of the whole table in key order, after a key (`?1`), for
    /// seeding: each record's key, case and change.
    var page: String {
        let key = SyncCatalogue.key(table.name)
        let after = table.name == "case_issue"
            ? "(r.case_id, r.issue) > (substr(?1, 1, instr(?1, '|') - 1), substr(?1, instr(?1, '|') + 1))"
            : "r.id > ?1"
        let order = table.name == "case_issue" ? "r.case_id, r.issue" : "r.id"
        return "SELECT \(key), \(table.caseId), \(insertChange(clock: clock)) FROM \(table.name) r WHERE \(after) "
            + "ORDER BY \(order) LIMIT ?2"
    }

    /// One record made here (`?1`), as its change with the clock of its
    /// last change here (`?2`), or its own where it keeps one.
    private var insertedSQL: String {
        "SELECT \(table.caseId), \(insertChange(clock: carriesClock ? "r.clock" : "?2")) FROM \(table.name) r WHERE \(byKey)"
    }

    /// Writes a pulled record (`?1` its JSON, `?2` its clock): a history's
    /// record once, a changing record's fields over what is here, except
    /// those set once when it was made.
    private var upsertSQL: String {
        var names = columns
        var values = columns.map { "json_extract(?1, '$.\($0)')" }
        if carriesClock {
            names.append("clock")
            values.append("?2")
        }
        // A referral's status stays here, but a row needs one: its status
        // changes put it right (a trigger), whichever arrives first.
        if table.name == "referral" {
            names.append("status")
            values.append("'flagged'")
        }
        let insert = "INSERT INTO \(table.name) (\(names.joined(separator: ", "))) SELECT \(values.joined(separator: ", ")) WHERE true"
        let target = table.name == "case_issue" ? "(case_id, issue)" : "(id)"
        let changing = columns.filter { !SyncCatalogue.madeOnce.contains($0) }
        if table.history || changing.isEmpty { return insert + " ON CONFLICT \(target) DO NOTHING" }
        // Only a record that differs is written, so a record pulled back
        // unchanged costs nothing and is not counted as received.
        return insert + " ON CONFLICT \(target) DO UPDATE SET " + changing.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
            + " WHERE NOT (" + changing.map { "\($0) IS excluded.\($0)" }.joined(separator: " AND ") + ")"
    }

    /// Writes some of a pulled record's fields, leaving those changed here and not yet pushed.
    func update(_ fields: [String]) -> String {
        "UPDATE \(table.name) AS r SET " + fields.map { "\($0) = json_extract(?2, '$.\($0)')" }.joined(separator: ", ")
            + " WHERE \(byKey)"
    }

    static func all(_ db: Database) throws -> [String: SyncStatements] {
        var out: [String: SyncStatements] = [:]
        for table in SyncCatalogue.tables { out[table.name] = try SyncStatements(db, table) }
        return out
    }
}
