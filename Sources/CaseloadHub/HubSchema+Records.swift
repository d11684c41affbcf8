/// The hub's copy of the stores' records (migration h2-records): every
/// synced row of every store, as JSON, with the clock of the change that
/// last set each field. Clients never write these tables; `hub_push` does.
extension HubSchema {
    /// The tables that sync, as the store names them. A history's entries
    /// are never changed once written; a mutable table's fields are.
    static let histories = ["contact", "consent", "referral_status_change", "safeguarding", "safeguarding_review",
                            "assignment", "handover_note", "audit_event", "field_change", "case_issue"]
    static let mutables = ["worker", "person", "case_file", "case_party", "action", "referral", "handover", "key_date",
                           "sync_conflict"]

    static let recordTables: [String] = [
        """
        CREATE TABLE hub_login (
            login text PRIMARY KEY,
            role text NOT NULL CHECK (role IN ('caseworker', 'supervisor')),
            granted_at timestamptz NOT NULL DEFAULT now(),
            revoked_at timestamptz
        )
        """,
        """
        CREATE TABLE hub_device (
            id text PRIMARY KEY,
            login text NOT NULL REFERENCES hub_login (login),
            store_id text NOT NULL,
            seeding boolean NOT NULL DEFAULT false,
            registered_at timestamptz NOT NULL DEFAULT now(),
            last_seen_at timestamptz
        )
        """,
        """
        CREATE TABLE hub_table (
            name text PRIMARY KEY,
            history boolean NOT NULL
        )
        """,
        "INSERT INTO hub_table (name, history) VALUES "
            + (histories.map { "('\($0)', true)" } + mutables.map { "('\($0)', false)" }).joined(separator: ", "),
        "CREATE SEQUENCE hub_change_seq",
        """
        CREATE TABLE hub_record (
            tbl text NOT NULL,
            id text NOT NULL,
            case_id text,
            data jsonb NOT NULL,
            clocks jsonb NOT NULL DEFAULT '{}'::jsonb,
            clock bigint NOT NULL,
            device_id text NOT NULL,
            login text NOT NULL,
            deleted boolean NOT NULL DEFAULT false,
            change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
            change_seq bigint NOT NULL DEFAULT nextval('hub_change_seq'),
            PRIMARY KEY (tbl, id)
        )
        """,
        "CREATE INDEX hub_record_by_change ON hub_record (change_xid, change_seq)",
        "CREATE INDEX hub_record_by_case ON hub_record (case_id)",
        // A pull reads what changed after the last (transaction, sequence) it
        // saw: a changed record must sort after it again.
        """
        CREATE FUNCTION hub_record_moves() RETURNS trigger
        LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
        BEGIN
            NEW.change_xid := pg_current_xact_id();
            NEW.change_seq := nextval('hub_change_seq');
            RETURN NEW;
        END
        $$
        """,
        "CREATE TRIGGER hub_record_moves BEFORE UPDATE ON hub_record FOR EACH ROW EXECUTE FUNCTION hub_record_moves()",
        """
        CREATE TABLE hub_reference_next (
            year int PRIMARY KEY,
            next int NOT NULL
        )
        """,
        """
        CREATE TABLE hub_reference_lease (
            device_id text,
            year int,
            first int,
            last int,
            leased_at timestamptz DEFAULT now()
        )
        """,
        // Which of two changes is the later: the greater clock, then the
        // greater device id, compared byte by byte whatever the server's
        // collation, as every laptop compares them.
        """
        CREATE FUNCTION hub_later(clock bigint, device text, than_clock bigint, than_device text) RETURNS boolean
        LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp AS $$
            SELECT than_clock IS NULL OR clock > than_clock
                OR (clock = than_clock AND device COLLATE "C" > coalesce(than_device, '') COLLATE "C")
        $$
        """,
        // The clocks of a record just made: each field set by this change.
        // A history's entries never change, so they need none.
        """
        CREATE FUNCTION hub_clocks(data jsonb, clock bigint, device text) RETURNS jsonb
        LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp AS $$
            SELECT coalesce(jsonb_object_agg(key, jsonb_build_array(clock, device)), '{}'::jsonb)
            FROM jsonb_object_keys(data) AS key
        $$
        """,
    ]
}
