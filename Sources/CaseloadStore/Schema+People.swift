import GRDB

extension Schema {
    /// People kept current: the warnings a safe contact needs, a party who
    /// is no longer involved kept on the case as removed, and the family's
    /// feedback when a case is closed.
    ///
    /// - `no_voicemail`, `do_not_write` (letters must not go to the address
    ///   on file) and `do_not_share` (a parent fleeing domestic abuse: their
    ///   details are never passed on) travel with the person, so every case
    ///   they are on shows them.
    /// - A removed party keeps its row with who removed it, when and why; the
    ///   change is on the case's history too (`field_change`). Re-adding the
    ///   same person in the same role brings the row back.
    /// - Feedback at closure: the three questions a service asks, each
    ///   answered yes or no, or recorded as not asked or declined.
    static func people(_ db: Database) throws {
        let answer = "IN ('yes', 'no', 'not-asked', 'declined')"
        try db.execute(sql: """
            ALTER TABLE person ADD COLUMN no_voicemail INTEGER NOT NULL DEFAULT 0 CHECK (no_voicemail IN (0, 1));
            ALTER TABLE person ADD COLUMN do_not_write INTEGER NOT NULL DEFAULT 0 CHECK (do_not_write IN (0, 1));
            ALTER TABLE person ADD COLUMN do_not_share INTEGER NOT NULL DEFAULT 0 CHECK (do_not_share IN (0, 1));

            ALTER TABLE case_party ADD COLUMN removed_at TEXT;
            ALTER TABLE case_party ADD COLUMN removed_by TEXT REFERENCES worker(id);
            ALTER TABLE case_party ADD COLUMN removed_reason TEXT;

            ALTER TABLE case_file ADD COLUMN feedback_useful TEXT CHECK (feedback_useful \(answer));
            ALTER TABLE case_file ADD COLUMN feedback_helped TEXT CHECK (feedback_helped \(answer));
            ALTER TABLE case_file ADD COLUMN feedback_recommend TEXT CHECK (feedback_recommend \(answer));

            -- Finding the same family when a case is opened: a parent's phone
            -- (spaces ignored) or email (case ignored), or a child's date of birth.
            CREATE INDEX person_by_phone ON person(replace(phone, ' ', '')) WHERE phone IS NOT NULL;
            CREATE INDEX person_by_email ON person(lower(email)) WHERE email IS NOT NULL;
            CREATE INDEX person_by_birth ON person(date_of_birth) WHERE date_of_birth IS NOT NULL;
            """)
    }
}
