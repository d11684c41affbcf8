import GRDB

/// Every schema change, in order. A released migration is never edited:
/// change the schema by appending a new one (and a test that migrates a store
/// made by the one before it).
///
/// Conventions, chosen so a later sync with a team server needs no rewrite:
/// - Anything that travels has a UUIDv7 text `id`. Tables searched through
///   FTS5 also carry a local `seq INTEGER PRIMARY KEY`, which is a stable rowid
///   (VACUUM keeps it) for the external-content index; `seq` never leaves the device.
/// - Every row says who made it, when and on which device (`created_by`,
///   `created_at`, `device_id`); rows that may change also keep `updated_*`.
/// - Histories are append-only, enforced by triggers: a correction is a new
///   row pointing at the one it corrects.
/// - Calendar dates are `yyyy-mm-dd` text; moments are UTC text as GRDB writes them.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        // The mark goes in the same transaction as the first tables: a file
        // with Caseload's tables and no mark was made before the mark existed.
        migrator.registerMigration(StoreMark.firstMigration) { db in
            try StoreMark.stamp(db)
            try foundation(db)
        }
        migrator.registerMigration("v2-case-list-indexes", migrate: caseListIndexes)
        migrator.registerMigration("v3-school-in-person-search", migrate: schoolInPersonSearch)
        migrator.registerMigration("v4-drafts-and-reviews", migrate: draftsAndReviews)
        // Only an index: no table is rebuilt, so the whole-store foreign key
        // check after it (minutes on a city store) has nothing to find.
        migrator.registerMigration("v5-caseload-weight-index", foreignKeyChecks: .immediate, migrate: caseloadWeightIndex)
        migrator.registerMigration("v6-party-cases-by-person", foreignKeyChecks: .immediate, migrate: partyCasesByPerson)
        migrator.registerMigration("v7-person-case-map", foreignKeyChecks: .immediate, migrate: personCaseMap)
        migrator.registerMigration("v8-key-date-events", foreignKeyChecks: .immediate, migrate: keyDateEvents)
        migrator.registerMigration("v9-corrections-are-not-new-contacts", foreignKeyChecks: .immediate,
                                   migrate: correctionsAreNotNewContacts)
        // Stores made before the mark get it here (a store made since has it already).
        migrator.registerMigration(StoreMark.stampingMigration, foreignKeyChecks: .immediate, migrate: StoreMark.stamp)
        migrator.registerMigration("v11-field-changes", foreignKeyChecks: .immediate, migrate: fieldChanges)
        migrator.registerMigration("v12-people", foreignKeyChecks: .immediate, migrate: people)
        migrator.registerMigration("v13-sync", foreignKeyChecks: .immediate, migrate: sync)
        return migrator
    }

    /// Names of all migrations in order, for tests that replay them one by one.
    static var migrationNames: [String] { migrator.migrations }

    /// Tables whose rows may never be updated or deleted.
    static let appendOnlyTables = foundationAppendOnlyTables + ["safeguarding_review", "field_change"]

    /// The append-only tables v1 made triggers for. Frozen with v1: a later
    /// history table gets its triggers in the migration that creates it.
    private static let foundationAppendOnlyTables = [
        "contact", "consent", "referral_status_change", "safeguarding", "assignment",
        "handover_note", "audit_event",
    ]

    /// Triggers that make the database itself refuse edits to a history
    /// table, so no code path (command line, terminal, a future sync) can rewrite it.
    static func appendOnlyTriggers(_ db: Database, _ table: String) throws {
        try db.execute(sql: """
            CREATE TRIGGER \(table)_is_append_only_update BEFORE UPDATE ON \(table)
            BEGIN SELECT RAISE(ABORT, '\(table) is append-only history: add a correcting entry instead'); END;
            CREATE TRIGGER \(table)_is_append_only_delete BEFORE DELETE ON \(table)
            BEGIN SELECT RAISE(ABORT, '\(table) is append-only history: add a correcting entry instead'); END;
            """)
    }

    /// Letters that carry no decomposable accent, with the plain spelling a
    /// caseworker types for them.
    static let unfoldedLetters: [(String, String)] = [
        ("ł", "l"), ("Ł", "L"), ("ø", "o"), ("Ø", "O"), ("đ", "d"), ("Đ", "D"), ("ð", "d"), ("Ð", "D"),
        ("ß", "ss"), ("æ", "ae"), ("Æ", "AE"), ("œ", "oe"), ("Œ", "OE"), ("ı", "i"), ("þ", "th"), ("Þ", "TH"),
        ("ħ", "h"), ("Ħ", "H"),
    ]

    /// SQL for a person's names with those letters spelt plainly.
    static func foldedNames(_ row: String) -> String {
        unfoldedLetters.reduce("(\(row).full_name || ' ' || coalesce(\(row).known_as, ''))") { sql, pair in
            "replace(\(sql), '\(pair.0)', '\(pair.1)')"
        }
    }

    /// Case lists are paged by keyset on (scope, status, sort value, seq): one
    /// index per sort order, with and without a worker, so every page of
    /// every list is a range scan. The sort expressions match `CaseSort.sql`.
    private static func caseListIndexes(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX case_by_worker;
            DROP INDEX case_by_status;
            """)
        let sorts = [
            ("due", "coalesce(next_due_on, '9999-12-31')"), ("contact", "coalesce(last_contact_at, '')"),
            ("opened", "opened_on"), ("reference", "reference"),
        ]
        for (name, expression) in sorts {
            try db.execute(sql: """
                CREATE INDEX case_list_worker_\(name) ON case_file(worker_id, status, \(expression));
                CREATE INDEX case_list_status_\(name) ON case_file(status, \(expression));
                """)
        }
        try db.execute(sql: "CREATE INDEX case_list_any_due ON case_file(coalesce(next_due_on, '9999-12-31'))")
    }

    /// Schools join names in the person index, so limiting a list by a word
    /// ("elmfield", "zoe") is an index look-up rather than a scan of every case.
    private static func schoolInPersonSearch(_ db: Database) throws {
        let tokenizer = "tokenize = \"unicode61 remove_diacritics 2\""
        try db.execute(sql: """
            DROP TRIGGER person_fts_insert;
            DROP TRIGGER person_fts_delete;
            DROP TRIGGER person_fts_update;
            DROP TABLE person_fts;
            DROP VIEW person_search;
            CREATE VIEW person_search AS
            SELECT seq, full_name, known_as, \(foldedNames("person")) AS folded, school FROM person;
            CREATE VIRTUAL TABLE person_fts USING fts5(
                full_name, known_as, folded, school, content = 'person_search', content_rowid = 'seq', \(tokenizer));
            CREATE TRIGGER person_fts_insert AFTER INSERT ON person BEGIN
                INSERT INTO person_fts(rowid, full_name, known_as, folded, school)
                SELECT seq, full_name, known_as, folded, school FROM person_search WHERE seq = NEW.seq;
            END;
            CREATE TRIGGER person_fts_delete AFTER DELETE ON person BEGIN
                INSERT INTO person_fts(person_fts, rowid, full_name, known_as, folded, school)
                VALUES ('delete', OLD.seq, OLD.full_name, OLD.known_as, \(foldedNames("OLD")), OLD.school);
            END;
            CREATE TRIGGER person_fts_update AFTER UPDATE OF full_name, known_as, school ON person BEGIN
                INSERT INTO person_fts(person_fts, rowid, full_name, known_as, folded, school)
                VALUES ('delete', OLD.seq, OLD.full_name, OLD.known_as, \(foldedNames("OLD")), OLD.school);
                INSERT INTO person_fts(rowid, full_name, known_as, folded, school)
                SELECT seq, full_name, known_as, folded, school FROM person_search WHERE seq = NEW.seq;
            END;
            INSERT INTO person_fts(person_fts) VALUES ('rebuild');
            """)
    }

    /// Drafts: a form saved as it is typed, so a crash or a dropped SSH
    /// session loses nothing. One per worker, form and case; a form with no
    /// case (a new case, say) is keyed by '' through coalesce, because a
    /// UNIQUE constraint treats NULLs as distinct and would let them pile up.
    /// Drafts are a device's scratch space, not records: they never travel.
    ///
    /// Safeguarding reviews: a supervisor's record of having read a
    /// safeguarding entry, kept as history so the review itself is never
    /// rewritten; an entry with no review is waiting for one.
    private static func draftsAndReviews(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE draft (
                id TEXT PRIMARY KEY NOT NULL,
                worker_id TEXT NOT NULL REFERENCES worker(id),
                kind TEXT NOT NULL,
                case_id TEXT REFERENCES case_file(id),
                fields TEXT NOT NULL CHECK (json_valid(fields) AND json_type(fields) = 'object'),
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                device_id TEXT NOT NULL
            );
            CREATE UNIQUE INDEX draft_one_per_form ON draft(worker_id, kind, coalesce(case_id, ''));

            CREATE TABLE safeguarding_review (
                id TEXT PRIMARY KEY NOT NULL,
                safeguarding_id TEXT NOT NULL REFERENCES safeguarding(id),
                note TEXT,
                created_at TEXT NOT NULL,
                created_by TEXT REFERENCES worker(id),
                device_id TEXT NOT NULL
            );
            CREATE INDEX safeguarding_review_by_entry ON safeguarding_review(safeguarding_id);
            """)
        try appendOnlyTriggers(db, "safeguarding_review")
    }

    /// Weighted caseloads (the worker list, the team view, a leaving
    /// worker's split) sum every open case a worker holds: an index that
    /// holds the level and id answers them without reading the cases.
    private static func caseloadWeightIndex(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX case_file_weight ON case_file(worker_id, status, level, id)")
    }

    /// A limit by name goes from every person of that name to their cases:
    /// with the case in the index, without reading each party's row (a
    /// quarter of the pages a common first name reads at city scale). It
    /// serves every lookup by person the old index did.
    private static func partyCasesByPerson(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX case_party_person_case ON case_party(person_id, case_id);
            DROP INDEX case_party_by_person;
            """)
    }

    /// Each person's cases by their local seqs, kept by triggers in step
    /// with `case_party`. A limit by name goes from the name index (whose
    /// rowid is the person's seq) straight to the cases' seqs, instead of
    /// reading the person table and the party index for every person of
    /// that name (docs/performance.md has the figures).
    ///
    /// Two rules for anything that writes parties (a future sync included):
    /// write the person and the case before their party row (the insert
    /// trigger looks both up, so a party written first under deferred
    /// foreign keys gets no pair), and never `INSERT OR REPLACE` a party
    /// (a replace fires no delete trigger, and would leave a stale pair).
    private static func personCaseMap(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE person_case (
                person_seq INTEGER NOT NULL,
                case_seq INTEGER NOT NULL,
                PRIMARY KEY (person_seq, case_seq)
            ) WITHOUT ROWID;

            INSERT OR IGNORE INTO person_case (person_seq, case_seq)
            SELECT p.seq, c.seq FROM case_party cp JOIN person p ON p.id = cp.person_id JOIN case_file c ON c.id = cp.case_id;

            CREATE TRIGGER person_case_on_party_insert AFTER INSERT ON case_party BEGIN
                INSERT OR IGNORE INTO person_case (person_seq, case_seq)
                SELECT p.seq, c.seq FROM person p, case_file c WHERE p.id = NEW.person_id AND c.id = NEW.case_id;
            END;

            -- A person may be party to a case in two roles: the pair goes
            -- only with the last of them.
            CREATE TRIGGER person_case_on_party_delete AFTER DELETE ON case_party
            WHEN NOT EXISTS (SELECT 1 FROM case_party WHERE person_id = OLD.person_id AND case_id = OLD.case_id) BEGIN
                DELETE FROM person_case
                WHERE person_seq = (SELECT seq FROM person WHERE id = OLD.person_id)
                  AND case_seq = (SELECT seq FROM case_file WHERE id = OLD.case_id);
            END;

            CREATE TRIGGER person_case_on_party_update AFTER UPDATE OF person_id, case_id ON case_party BEGIN
                DELETE FROM person_case
                WHERE NOT EXISTS (SELECT 1 FROM case_party WHERE person_id = OLD.person_id AND case_id = OLD.case_id)
                  AND person_seq = (SELECT seq FROM person WHERE id = OLD.person_id)
                  AND case_seq = (SELECT seq FROM case_file WHERE id = OLD.case_id);
                INSERT OR IGNORE INTO person_case (person_seq, case_seq)
                SELECT p.seq, c.seq FROM person p, case_file c WHERE p.id = NEW.person_id AND c.id = NEW.case_id;
            END;
            """)
    }

    /// Key dates remember the event they follow from (a decision letter, a
    /// review meeting), and a date replaced by a later event stays on the
    /// case as `replaced`, pointing at the date that replaced it. SQLite
    /// cannot change a CHECK in place, so the table is rebuilt (SQLite's
    /// twelve steps; nothing else refers to key_date), its index and
    /// triggers made again as v1 made them.
    private static func keyDateEvents(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE key_date_v8 (
                id TEXT PRIMARY KEY NOT NULL,
                case_id TEXT NOT NULL REFERENCES case_file(id),
                rule TEXT NOT NULL,
                event TEXT,
                anchor_on TEXT NOT NULL,
                mediation_certificate_on TEXT,
                due_on TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('open', 'met', 'missed', 'cancelled', 'replaced')),
                replaced_by TEXT REFERENCES key_date(id),
                note TEXT,
                -- When and why a date stopped being open: met on a day,
                -- missed with what happened, cancelled with why.
                settled_on TEXT,
                settlement TEXT,
                created_at TEXT NOT NULL,
                created_by TEXT REFERENCES worker(id),
                device_id TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                updated_by TEXT REFERENCES worker(id),
                CHECK ((status = 'replaced') = (replaced_by IS NOT NULL))
            );
            INSERT INTO key_date_v8 (id, case_id, rule, anchor_on, mediation_certificate_on, due_on, status, note,
                                     created_at, created_by, device_id, updated_at, updated_by)
            SELECT id, case_id, rule, anchor_on, mediation_certificate_on, due_on, status, note,
                   created_at, created_by, device_id, updated_at, updated_by FROM key_date;
            -- Before the drop: dropping the old table checks each of its rows
            -- against replaced_by, a scan of the new table per row without this.
            CREATE INDEX key_date_replaced_by ON key_date_v8(replaced_by) WHERE replaced_by IS NOT NULL;
            DROP TABLE key_date;
            ALTER TABLE key_date_v8 RENAME TO key_date;

            CREATE INDEX key_date_by_case ON key_date(case_id, status, due_on);
            CREATE TRIGGER key_date_insert_sets_next_due AFTER INSERT ON key_date
            BEGIN
                UPDATE case_file SET next_due_on =
                    (SELECT min(due_on) FROM key_date WHERE case_id = NEW.case_id AND status = 'open')
                WHERE id = NEW.case_id;
            END;
            CREATE TRIGGER key_date_update_sets_next_due AFTER UPDATE OF due_on, status ON key_date
            BEGIN
                UPDATE case_file SET next_due_on =
                    (SELECT min(due_on) FROM key_date WHERE case_id = NEW.case_id AND status = 'open')
                WHERE id = NEW.case_id;
            END;
            """)
    }

    /// A correction is a new contact row pointing at the one it corrects,
    /// but it is not a new contact with the family: it no longer moves the
    /// case's last contact, and cases a correction had moved are put back.
    private static func correctionsAreNotNewContacts(_ db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER contact_sets_last_contact;
            CREATE TRIGGER contact_sets_last_contact AFTER INSERT ON contact
            WHEN NEW.amends_id IS NULL
            BEGIN
                UPDATE case_file SET last_contact_at = NEW.occurred_at
                WHERE id = NEW.case_id AND (last_contact_at IS NULL OR last_contact_at < NEW.occurred_at);
            END;
            UPDATE case_file SET last_contact_at =
                (SELECT max(occurred_at) FROM contact WHERE case_id = case_file.id AND amends_id IS NULL)
            WHERE id IN (SELECT case_id FROM contact WHERE amends_id IS NOT NULL);
            """)
    }

    private static func foundation(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE store_info (
                key TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL
            );

            CREATE TABLE worker (
                id TEXT PRIMARY KEY NOT NULL,
                login TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('caseworker', 'supervisor')),
                employment TEXT NOT NULL CHECK (employment IN ('permanent', 'agency', 'volunteer')),
                starts_on TEXT NOT NULL,
                ends_on TEXT,
                ended_at TEXT,
                capacity INTEGER NOT NULL CHECK (capacity > 0),
                created_at TEXT NOT NULL,
                created_by TEXT REFERENCES worker(id),
                device_id TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                updated_by TEXT REFERENCES worker(id)
            );

            CREATE TABLE person (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL CHECK (kind IN ('child', 'young-person', 'adult', 'professional')),
                full_name TEXT NOT NULL,
                known_as TEXT,
                date_of_birth TEXT,
                school TEXT,
                year_group TEXT,
                primary_need TEXT,
                language TEXT,
                interpreter INTEGER NOT NULL DEFAULT 0,
                contact_preferences TEXT,
                phone TEXT,
                email TEXT,
                address TEXT,
                organisation TEXT,
                professional_role TEXT,
                -- Special-category data (UK GDPR article 9): kept out of exports unless asked for.
                ethnicity TEXT,
                religion TEXT,
                health_notes TEXT,
                created_at TEXT NOT NULL,
                created_by TEXT REFERENCES worker(id),
                device_id TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                updated_by TEXT REFERENCES worker(id)
            );

            CREATE TABLE reference_counter (
                year INTEGER PRIMARY KEY NOT NULL,
                last INTEGER NOT NULL
            );

            CREATE TABLE case_file (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                reference TEXT NOT NULL UNIQUE,
                subject_id TEXT REFERENCES person(id),
                anonymous INTEGER NOT NULL DEFAULT 0,
                status TEXT NOT NULL CHECK (status IN ('open', 'inactive', 'closed')),
                level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
                referral_source TEXT,
                first_route TEXT,
                opened_on TEXT NOT NULL,
                closed_on TEXT,
                closure_reason TEXT,
                outcome TEXT,
                -- Derived, kept in step by the store: the allocation from the
                -- assignment history, the newest contact, the earliest open key date.
                worker_id TEXT REFERENCES worker(id),
                last_contact_at TEXT,
                next_due_on TEXT,
                created_at TEXT NOT NULL,
                created_by TEXT REFERENCES worker(id),
                device_id TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                updated_by TEXT REFERENCES worker(id),
                CHECK ((status = 'closed') = (closed_on IS NOT NULL))
            );
            CREATE INDEX case_by_worker ON case_file(worker_id, status, next_due_on);
            CREATE INDEX case_by_status ON case_file(status, next_due_on);
            CREATE INDEX case_by_subject ON case_file(subject_id);

            CREATE TABLE case_issue (
                case_id TEXT NOT NULL REFERENCES case_file(id),
                issue TEXT NOT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT REFERENCES worker(id),
                device_id TEXT NOT NULL,
                PRIMARY KEY (case_id, issue)
            ) WITHOUT ROWID;

            CREATE TABLE case_party (
                id TEXT PRIMARY KEY NOT NULL,
                case_id TEXT NOT NULL REFERENCES case_file(id),
                person_id TEXT NOT NULL REFERENCES person(id),
                role TEXT NOT NULL CHECK (role IN ('subject', 'parent-carer', 'professional', 'other')),
                parental_responsibility INTEGER NOT NULL DEFAULT 0,
                main_contact INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL,
                created_by TEXT REFERENCES worker(id),
                device_id TEXT NOT NULL,
                UNIQUE (case_id, person_id, role)
            );
            CREATE INDEX case_party_by_person ON case_party(person_id);

            CREATE TABLE contact (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                case_id TEXT NOT NULL REFERENCES case_file(id),
                occurred_at TEXT NOT NULL,
                worker_id TEXT NOT NULL REFERENCES worker(id),
                minutes INTEGER CHECK (minutes >= 0),
                mode TEXT NOT NULL,
                meeting_type TEXT,
                parties TEXT,
                summary TEXT NOT NULL,
                advice TEXT,
                amends_id TEXT REFERENCES contact(id),
                created_at TEXT NOT NULL,
                created_by TEXT REFERENCES worker(id),
                device_id TEXT NOT NULL
            );
            CREATE INDEX contact_by_case ON contact(case_id, occurred_at);
            CREATE INDEX contact_by_amended ON contact(amends_id) WHERE amends_id IS NOT NULL;

            CREATE TABLE action (
                id TEXT PRIMARY KEY NOT NULL,
                case_id TEXT NOT NULL REFERENCES case_file(id),
                description TEXT NOT NULL,
                owner_id TEXT REFERENCES worker(id),
                due_on TEXT,
                status TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
                from_contact_id TEXT REFERENCES contact(id),
                closed_at TEXT,
                closed_by TEXT REFERENCES worker(id),
                closed_by_contact_id TEXT REFERENCES contact(id),
                created_at TEXT NOT NULL,
                created_by TEXT REFERENCES worker(id),
                device_id TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                updated_by TEXT REFERENCES worker(id)
            );
            CREATE INDEX action_by_case ON action(case_id, status, due_on);
            CREATE INDEX action_open_by_owner ON action(owner_id, due_on) WHERE status = 'open';

            CREATE TABLE key_date (
                id TEXT PRIMARY KEY NOT NULL,
                case_id TEXT NOT NULL REFERENCES case_file(id),
                rule TEXT NOT NULL,
                anchor_on TEXT NOT NULL,
                mediation_certificate_on TEXT,
                due_on TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('open', 'met', 'missed', 'cancelled')),
                note TEXT,
                created_at TEXT NOT NULL,
                created_by TEXT REFERENCES worker(id),
                device_id TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                updated_by TEXT REFERENCES worker(id)
            );
            CREATE INDEX key_date_by_case ON key_date(case_id, status, due_on);

            CREATE TABLE consent (
                id TEXT PRIMARY KEY NOT NULL,
                case_id TEXT NOT NULL REFERENCES case_file(id),
                person_id TEXT REFERENCES person(id),
                given_by TEXT NOT NULL,
                given_by_role TEXT NOT NULL,
                scope TEXT NOT NULL,
                method TEXT NOT NULL CHECK (method IN ('verbal', 'written', 'electronic')),
                status TEXT NOT NULL CHECK (status IN ('given', 'refused', 'not-sought', 'withdrawn')),
                given_on TEXT NOT NULL,
                supersedes_id TEXT REFERENCES consent(id),
                created_at TEXT NOT NULL,
                created_by TEXT REFERENCES worker(id),
                device_id TEXT NOT NULL
            );
            CREATE INDEX consent_by_case ON consent(case_id);

            CREATE TABLE referral (
                id TEXT PRIMARY KEY NOT NULL,
                case_id TEXT NOT NULL REFERENCES case_file(id),
                reasons TEXT NOT NULL,
                narrative TEXT NOT NULL,
                urgency TEXT NOT NULL CHECK (urgency IN ('routine', 'priority')),
                family_agreed TEXT,
                consent_id TEXT REFERENCES consent(id),
                -- Derived from referral_status_change, kept in step by the store.
                status TEXT NOT NULL CHECK (status IN ('flagged', 'sent', 'acknowledged', 'accepted', 'declined', 'closed')),
                external_reference TEXT,
                override_reason TEXT,
                override_by TEXT REFERENCES worker(id),
                override_at TEXT,
                created_at TEXT NOT NULL,
                created_by TEXT REFERENCES worker(id),
                device_id TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                updated_by TEXT REFERENCES worker(id)
            );
            CREATE INDEX referral_by_case ON referral(case_id);
            CREATE INDEX referral_by_status ON referral(status, created_at);

            CREATE TABLE referral_status_change (
                id TEXT PRIMARY KEY NOT NULL,
                referral_id TEXT NOT NULL REFERENCES referral(id),
                status TEXT NOT NULL,
                external_reference TEXT,
                note TEXT,
                created_at TEXT NOT NULL,
                created_by TEXT REFERENCES worker(id),
                device_id TEXT NOT NULL
            );
            CREATE INDEX referral_status_change_by_referral ON referral_status_change(referral_id, created_at);

            CREATE TABLE safeguarding (
                id TEXT PRIMARY KEY NOT NULL,
                case_id TEXT NOT NULL REFERENCES case_file(id),
                occurred_at TEXT NOT NULL,
                told TEXT NOT NULL,
                reference TEXT,
                note TEXT,
                created_at TEXT NOT NULL,
                created_by TEXT REFERENCES worker(id),
                device_id TEXT NOT NULL
            );
            CREATE INDEX safeguarding_by_case ON safeguarding(case_id);

            CREATE TABLE handover (
                id TEXT PRIMARY KEY NOT NULL,
                case_id TEXT NOT NULL REFERENCES case_file(id),
                from_worker_id TEXT REFERENCES worker(id),
                to_worker_id TEXT NOT NULL REFERENCES worker(id),
                summary TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'cancelled')),
                family_told_at TEXT,
                family_told_how TEXT,
                accepted_at TEXT,
                accepted_by TEXT REFERENCES worker(id),
                signed_off_at TEXT,
                signed_off_by TEXT REFERENCES worker(id),
                created_at TEXT NOT NULL,
                created_by TEXT REFERENCES worker(id),
                device_id TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                updated_by TEXT REFERENCES worker(id)
            );
            CREATE INDEX handover_by_case ON handover(case_id, created_at);
            CREATE INDEX handover_pending_by_receiver ON handover(to_worker_id) WHERE status = 'pending';
            CREATE TRIGGER handover_keeps_its_summary BEFORE UPDATE OF case_id, from_worker_id, to_worker_id, summary ON handover
            BEGIN
                SELECT RAISE(ABORT, 'a handover summary is never rewritten: add a handover note instead');
            END;

            CREATE TABLE handover_note (
                id TEXT PRIMARY KEY NOT NULL,
                handover_id TEXT REFERENCES handover(id),
                case_id TEXT NOT NULL REFERENCES case_file(id),
                text TEXT NOT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT REFERENCES worker(id),
                device_id TEXT NOT NULL
            );
            CREATE INDEX handover_note_by_case ON handover_note(case_id, created_at);

            CREATE TABLE assignment (
                id TEXT PRIMARY KEY NOT NULL,
                case_id TEXT NOT NULL REFERENCES case_file(id),
                worker_id TEXT REFERENCES worker(id),
                kind TEXT NOT NULL CHECK (kind IN ('allocation', 'reassignment', 'handover', 'unallocation')),
                reason TEXT,
                handover_id TEXT REFERENCES handover(id),
                created_at TEXT NOT NULL,
                created_by TEXT REFERENCES worker(id),
                device_id TEXT NOT NULL
            );
            CREATE INDEX assignment_by_case ON assignment(case_id, created_at);

            CREATE TABLE audit_event (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                at TEXT NOT NULL,
                worker_id TEXT REFERENCES worker(id),
                os_user TEXT NOT NULL,
                device_id TEXT NOT NULL,
                action TEXT NOT NULL,
                case_id TEXT REFERENCES case_file(id),
                detail TEXT
            );
            CREATE INDEX audit_by_case ON audit_event(case_id, at) WHERE case_id IS NOT NULL;
            CREATE INDEX audit_by_worker ON audit_event(worker_id, at);
            """)

        // Append-only histories: the database itself refuses edits, so no
        // code path (command line, terminal, a future sync) can rewrite history.
        for table in foundationAppendOnlyTables {
            try appendOnlyTriggers(db, table)
        }

        // Derived columns on case_file, kept in step here rather than in Swift
        // so every writer (demo, command line, sync) gets them right.
        try db.execute(sql: """
            CREATE TRIGGER contact_sets_last_contact AFTER INSERT ON contact
            BEGIN
                UPDATE case_file SET last_contact_at = NEW.occurred_at
                WHERE id = NEW.case_id AND (last_contact_at IS NULL OR last_contact_at < NEW.occurred_at);
            END;
            CREATE TRIGGER key_date_insert_sets_next_due AFTER INSERT ON key_date
            BEGIN
                UPDATE case_file SET next_due_on =
                    (SELECT min(due_on) FROM key_date WHERE case_id = NEW.case_id AND status = 'open')
                WHERE id = NEW.case_id;
            END;
            CREATE TRIGGER key_date_update_sets_next_due AFTER UPDATE OF due_on, status ON key_date
            BEGIN
                UPDATE case_file SET next_due_on =
                    (SELECT min(due_on) FROM key_date WHERE case_id = NEW.case_id AND status = 'open')
                WHERE id = NEW.case_id;
            END;
            CREATE TRIGGER assignment_sets_worker AFTER INSERT ON assignment
            BEGIN
                UPDATE case_file SET worker_id = NEW.worker_id WHERE id = NEW.case_id;
            END;
            """)

        // Full-text search: names, case references and contact notes.
        // External content keeps one copy of the text; triggers keep the index in step.
        // Names are also indexed with the letters unicode61 does not fold
        // (Ł, ø, ß ...) spelt in plain Latin, so "lukasz" finds "Łukasz".
        let tokenizer = "tokenize = \"unicode61 remove_diacritics 2\""
        try db.execute(sql: """
            CREATE VIEW person_search AS
            SELECT seq, full_name, known_as, \(foldedNames("person")) AS folded FROM person;
            CREATE VIRTUAL TABLE person_fts USING fts5(
                full_name, known_as, folded, content = 'person_search', content_rowid = 'seq', \(tokenizer));
            CREATE TRIGGER person_fts_insert AFTER INSERT ON person BEGIN
                INSERT INTO person_fts(rowid, full_name, known_as, folded)
                SELECT seq, full_name, known_as, folded FROM person_search WHERE seq = NEW.seq;
            END;
            CREATE TRIGGER person_fts_delete AFTER DELETE ON person BEGIN
                INSERT INTO person_fts(person_fts, rowid, full_name, known_as, folded)
                VALUES ('delete', OLD.seq, OLD.full_name, OLD.known_as, \(foldedNames("OLD")));
            END;
            CREATE TRIGGER person_fts_update AFTER UPDATE OF full_name, known_as ON person BEGIN
                INSERT INTO person_fts(person_fts, rowid, full_name, known_as, folded)
                VALUES ('delete', OLD.seq, OLD.full_name, OLD.known_as, \(foldedNames("OLD")));
                INSERT INTO person_fts(rowid, full_name, known_as, folded)
                SELECT seq, full_name, known_as, folded FROM person_search WHERE seq = NEW.seq;
            END;

            CREATE VIRTUAL TABLE case_fts USING fts5(
                reference, content = 'case_file', content_rowid = 'seq', \(tokenizer));
            CREATE TRIGGER case_fts_insert AFTER INSERT ON case_file BEGIN
                INSERT INTO case_fts(rowid, reference) VALUES (NEW.seq, NEW.reference);
            END;
            CREATE TRIGGER case_fts_delete AFTER DELETE ON case_file BEGIN
                INSERT INTO case_fts(case_fts, rowid, reference) VALUES ('delete', OLD.seq, OLD.reference);
            END;
            CREATE TRIGGER case_fts_update AFTER UPDATE OF reference ON case_file BEGIN
                INSERT INTO case_fts(case_fts, rowid, reference) VALUES ('delete', OLD.seq, OLD.reference);
                INSERT INTO case_fts(rowid, reference) VALUES (NEW.seq, NEW.reference);
            END;

            CREATE VIRTUAL TABLE contact_fts USING fts5(
                summary, advice, content = 'contact', content_rowid = 'seq', \(tokenizer));
            CREATE TRIGGER contact_fts_insert AFTER INSERT ON contact BEGIN
                INSERT INTO contact_fts(rowid, summary, advice) VALUES (NEW.seq, NEW.summary, NEW.advice);
            END;
            """)
    }
}
