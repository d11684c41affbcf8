import GRDB

extension Schema {
    /// Ready to sync with a team's hub (v13).
    ///
    /// - `sync_local` holds the store's hybrid logical clock: every change
    ///   takes a number greater than any it has made or pulled, and at least
    ///   the wall clock in microseconds, so clocks order changes across
    ///   devices whose wall clocks disagree.
    /// - The outbox is filled by triggers on every table that travels: one
    ///   row per insert, update (with the changed record's values before it)
    ///   or delete. They record only once the store syncs (`recording`), and
    ///   not while pulled records are written, so nothing is sent back and
    ///   a store that never syncs keeps no outbox. What a store held before
    ///   its first sync goes whole, table by table, when it seeds a hub.
    /// - A change the hub refuses is kept, with its reason, in `sync_refused`;
    ///   a value that lost a merge is kept in `sync_conflict` until its worker
    ///   confirms or puts it right.
    /// - Assignments and referral status changes carry their clock: a case's
    ///   holder and a referral's status follow the clock order of their
    ///   history, not the order its records arrived in.
    static func sync(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sync_local (
                one INTEGER PRIMARY KEY CHECK (one = 1),
                clock INTEGER NOT NULL,
                recording INTEGER NOT NULL DEFAULT 0 CHECK (recording IN (0, 1)),
                -- Set only while a case moved to another worker leaves this laptop.
                releasing INTEGER NOT NULL DEFAULT 0 CHECK (releasing IN (0, 1))
            );
            INSERT INTO sync_local (one, clock, recording, releasing) VALUES (1, 0, 0, 0);

            -- Cases that left this laptop when they moved to another worker:
            -- their changes, which the hub shows their last holder for a
            -- while, are not taken in again.
            CREATE TABLE sync_released (
                case_id TEXT PRIMARY KEY NOT NULL,
                released_at TEXT NOT NULL
            );

            CREATE TABLE sync_outbox (
                seq INTEGER PRIMARY KEY,
                tbl TEXT NOT NULL,
                record_id TEXT NOT NULL,
                op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
                -- An update's record as it was before the change.
                base TEXT,
                clock INTEGER NOT NULL
            );
            CREATE INDEX sync_outbox_by_record ON sync_outbox(tbl, record_id);

            CREATE TABLE sync_refused (
                seq INTEGER PRIMARY KEY,
                tbl TEXT NOT NULL,
                record_id TEXT NOT NULL,
                case_id TEXT,
                op TEXT NOT NULL,
                reason TEXT NOT NULL,
                refused_at TEXT NOT NULL,
                change TEXT NOT NULL
            );
            -- A case file shows the changes made on it that the hub refused.
            CREATE INDEX sync_refused_by_case ON sync_refused(case_id);

            -- How far this store has read the hub's changes, as the hub numbers them.
            CREATE TABLE sync_cursor (
                name TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL
            );

            CREATE TABLE sync_conflict (
                id TEXT PRIMARY KEY NOT NULL,
                table_name TEXT NOT NULL,
                record_id TEXT NOT NULL,
                case_id TEXT,
                fields TEXT NOT NULL,
                kept TEXT,
                lost TEXT,
                kept_clock INTEGER,
                lost_clock INTEGER,
                kept_device TEXT,
                lost_device TEXT,
                lost_by TEXT,
                created_at TEXT NOT NULL,
                resolved_at TEXT,
                resolved_by TEXT,
                resolution TEXT
            );
            CREATE INDEX sync_conflict_by_case ON sync_conflict(case_id) WHERE resolved_at IS NULL;
            -- A person belongs to the cases their parties name, not to one:
            -- a case file finds the conflicts on its people by their ids.
            CREATE INDEX sync_conflict_by_record ON sync_conflict(record_id) WHERE resolved_at IS NULL;

            -- Case reference numbers the hub leased to this device: two
            -- laptops offline never issue the same one. The reserve block is
            -- used only when the others run out before the next sync.
            CREATE TABLE reference_block (
                year INTEGER NOT NULL,
                first INTEGER NOT NULL,
                last INTEGER NOT NULL,
                next INTEGER NOT NULL,
                reserve INTEGER NOT NULL DEFAULT 0 CHECK (reserve IN (0, 1)),
                PRIMARY KEY (year, first)
            );

            ALTER TABLE assignment ADD COLUMN clock INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE referral_status_change ADD COLUMN clock INTEGER NOT NULL DEFAULT 0;
            """)
        // Histories made before clocks take their time as their clock.
        for table in ["assignment", "referral_status_change"] {
            try db.execute(sql: """
                DROP TRIGGER \(table)_is_append_only_update;
                UPDATE \(table) SET clock = \(SyncClock.microseconds("created_at"));
                """)
            try db.execute(sql: """
                CREATE TRIGGER \(table)_is_append_only_update BEFORE UPDATE ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(table) is append-only history: add a correcting entry instead'); END;
                """)
        }
        try db.execute(sql: """
            CREATE INDEX assignment_by_case_clock ON assignment(case_id, clock);
            CREATE INDEX referral_status_change_by_clock ON referral_status_change(referral_id, clock);
            """)
        // A history leaves a laptop only with its case, once pushed.
        for table in appendOnlyTables {
            try db.execute(sql: """
                DROP TRIGGER \(table)_is_append_only_delete;
                CREATE TRIGGER \(table)_is_append_only_delete BEFORE DELETE ON \(table)
                WHEN (SELECT releasing FROM sync_local) = 0
                BEGIN SELECT RAISE(ABORT, '\(table) is append-only history: add a correcting entry instead'); END;
                """)
        }
        try orderFreeDerivedValues(db)
        try SyncTriggers.create(db)
    }

    /// Values derived from histories, kept by triggers that give the same
    /// result whatever order the records arrive in: a pulled contact may
    /// come before its case, a party before its person, and an older
    /// assignment after a newer one.
    private static func orderFreeDerivedValues(_ db: Database) throws {
        let holder = """
            (SELECT a.worker_id FROM assignment a WHERE a.case_id = case_file.id
             ORDER BY a.clock DESC, a.device_id DESC, a.id DESC LIMIT 1)
            """
        let referralStatus = """
            coalesce((SELECT s.status FROM referral_status_change s WHERE s.referral_id = referral.id
                      ORDER BY s.clock DESC, s.device_id DESC, s.id DESC LIMIT 1), 'flagged')
            """
        try db.execute(sql: """
            DROP TRIGGER assignment_sets_worker;
            CREATE TRIGGER assignment_sets_worker AFTER INSERT ON assignment
            BEGIN
                UPDATE case_file SET worker_id = \(holder) WHERE id = NEW.case_id;
            END;

            CREATE TRIGGER referral_status_change_sets_status AFTER INSERT ON referral_status_change
            BEGIN
                UPDATE referral SET status = \(referralStatus) WHERE id = NEW.referral_id;
            END;
            CREATE TRIGGER referral_status_on_insert AFTER INSERT ON referral
            WHEN EXISTS (SELECT 1 FROM referral_status_change WHERE referral_id = NEW.id)
            BEGIN
                UPDATE referral SET status = \(referralStatus) WHERE id = NEW.id;
            END;

            -- A case that arrives after its contacts, key dates, assignments or parties.
            CREATE TRIGGER case_file_derived_on_insert AFTER INSERT ON case_file
            WHEN EXISTS (SELECT 1 FROM assignment WHERE case_id = NEW.id)
              OR EXISTS (SELECT 1 FROM contact WHERE case_id = NEW.id)
              OR EXISTS (SELECT 1 FROM key_date WHERE case_id = NEW.id)
            BEGIN
                UPDATE case_file SET
                    worker_id = \(holder),
                    last_contact_at = (SELECT max(occurred_at) FROM contact WHERE case_id = NEW.id AND amends_id IS NULL),
                    next_due_on = (SELECT min(due_on) FROM key_date WHERE case_id = NEW.id AND status = 'open')
                WHERE seq = NEW.seq;
            END;
            -- An upsert's conflict handling overrides OR IGNORE in the
            -- triggers it fires, so these say NOT EXISTS instead.
            DROP TRIGGER person_case_on_party_insert;
            CREATE TRIGGER person_case_on_party_insert AFTER INSERT ON case_party BEGIN
                INSERT INTO person_case (person_seq, case_seq)
                SELECT p.seq, c.seq FROM person p, case_file c WHERE p.id = NEW.person_id AND c.id = NEW.case_id
                  AND NOT EXISTS (SELECT 1 FROM person_case pc WHERE pc.person_seq = p.seq AND pc.case_seq = c.seq);
            END;
            CREATE TRIGGER person_case_on_case_insert AFTER INSERT ON case_file BEGIN
                INSERT INTO person_case (person_seq, case_seq)
                SELECT DISTINCT p.seq, NEW.seq FROM case_party cp JOIN person p ON p.id = cp.person_id WHERE cp.case_id = NEW.id
                  AND NOT EXISTS (SELECT 1 FROM person_case pc WHERE pc.person_seq = p.seq AND pc.case_seq = NEW.seq);
            END;
            CREATE TRIGGER person_case_on_person_insert AFTER INSERT ON person BEGIN
                INSERT INTO person_case (person_seq, case_seq)
                SELECT DISTINCT NEW.seq, c.seq FROM case_party cp JOIN case_file c ON c.id = cp.case_id WHERE cp.person_id = NEW.id
                  AND NOT EXISTS (SELECT 1 FROM person_case pc WHERE pc.person_seq = NEW.seq AND pc.case_seq = c.seq);
            END;
            """)
    }
}
