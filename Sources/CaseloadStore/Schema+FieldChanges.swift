import GRDB

extension Schema {
    /// Every change to a single-valued field of a case or a person is kept
    /// as its own append-only record: who, when, from what to what, and why.
    /// The current value stays on `case_file` or `person`, kept in step by
    /// the store in the same transaction, so lists read it directly; the
    /// records answer "what level was this case on 31/03?" and let a team
    /// hub later merge edits field by field rather than row by row.
    static func fieldChanges(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE field_change (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                case_id TEXT NOT NULL REFERENCES case_file(id),
                -- Set for a person's field (the child's school), null for the case's own.
                person_id TEXT REFERENCES person(id),
                field TEXT NOT NULL,
                old_value TEXT,
                new_value TEXT,
                reason TEXT,
                created_at TEXT NOT NULL,
                created_by TEXT REFERENCES worker(id),
                device_id TEXT NOT NULL
            );
            CREATE INDEX field_change_by_case ON field_change(case_id, field, created_at);
            """)
        try appendOnlyTriggers(db, "field_change")
    }
}
