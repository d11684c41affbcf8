/// What the hub works out from the records, kept in step by a trigger on
/// `hub_record` so it is right whatever order the records arrive in: who
/// each worker is, who holds each case and who may see it, which cases a
/// person is on, and where each referral stands.
extension HubSchema {
    static let derivedTables: [String] = [
        "CREATE TABLE hub_worker (id text PRIMARY KEY, login text UNIQUE, role text, ended_at text)",
        "CREATE TABLE hub_case (case_id text PRIMARY KEY, holder text, holder_clock bigint, holder_device text)",
        """
        CREATE TABLE hub_access (
            case_id text,
            worker_id text,
            until timestamptz,
            demoted_at timestamptz,
            PRIMARY KEY (case_id, worker_id)
        )
        """,
        "CREATE INDEX hub_access_by_worker ON hub_access (worker_id)",
        """
        CREATE TABLE hub_reveal (
            worker_id text NOT NULL,
            case_id text NOT NULL,
            change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
            change_seq bigint NOT NULL DEFAULT nextval('hub_change_seq')
        )
        """,
        "CREATE INDEX hub_reveal_by_change ON hub_reveal (change_xid, change_seq)",
        "CREATE TABLE hub_person_case (person_id text, case_id text, PRIMARY KEY (person_id, case_id))",
        "CREATE INDEX hub_person_case_by_case ON hub_person_case (case_id)",
        "CREATE TABLE hub_referral (id text PRIMARY KEY, case_id text, status text, status_clock bigint, status_device text)",
        "CREATE INDEX hub_referral_by_case ON hub_referral (case_id)",
        // Who may see a case: its holder and the receiver of a pending
        // handover, from now on; anyone who stops being either, for 30 days
        // from when the case moved (by the clock of the assignment that moved
        // it, never later than now), so what they made while they held it
        // still reaches the hub. A seed's old assignments moved their cases
        // long ago and give no one a grace. Someone who gains it is revealed
        // the whole case. A row demoted in this same transaction (now() is
        // the transaction's start) was active a moment ago: accepting a
        // handover passes through it, and is no reason to fetch the case twice.
        """
        CREATE FUNCTION hub_refresh_access(case_ref text) RETURNS void
        LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
        DECLARE
            active text[];
        BEGIN
            IF case_ref IS NULL THEN
                RETURN;
            END IF;
            SELECT coalesce(array_agg(DISTINCT w), '{}') INTO active FROM (
                SELECT holder AS w FROM hub_case WHERE case_id = case_ref AND holder IS NOT NULL
                UNION
                SELECT data->>'to_worker_id' FROM hub_record
                WHERE tbl = 'handover' AND case_id = case_ref AND data->>'status' = 'pending'
                  AND data->>'to_worker_id' IS NOT NULL
            ) AS s;
            INSERT INTO hub_reveal (worker_id, case_id)
            SELECT w, case_ref FROM unnest(active) AS w
            WHERE NOT EXISTS (SELECT 1 FROM hub_access a
                              WHERE a.case_id = case_ref AND a.worker_id = w
                                AND (a.until IS NULL OR a.demoted_at = now()));
            INSERT INTO hub_access (case_id, worker_id, until)
            SELECT case_ref, w, NULL FROM unnest(active) AS w
            ON CONFLICT (case_id, worker_id) DO UPDATE SET until = NULL, demoted_at = NULL WHERE hub_access.until IS NOT NULL;
            UPDATE hub_access SET demoted_at = now(), until = least(now(), coalesce(
                    (SELECT to_timestamp(c.holder_clock / 1000000.0) FROM hub_case c WHERE c.case_id = case_ref), now()))
                + interval '30 days'
            WHERE case_id = case_ref AND until IS NULL AND worker_id <> ALL (active);
        END
        $$
        """,
        """
        CREATE FUNCTION hub_record_derive() RETURNS trigger
        LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
        BEGIN
            CASE NEW.tbl
            WHEN 'worker' THEN
                INSERT INTO hub_worker (id, login, role, ended_at)
                VALUES (NEW.id, NEW.data->>'login', NEW.data->>'role', NEW.data->>'ended_at')
                ON CONFLICT (id) DO UPDATE SET login = EXCLUDED.login, role = EXCLUDED.role, ended_at = EXCLUDED.ended_at;
            WHEN 'assignment' THEN
                -- The holder is the assignment with the latest clock, not the last to arrive.
                INSERT INTO hub_case AS c (case_id, holder, holder_clock, holder_device)
                VALUES (NEW.case_id, NEW.data->>'worker_id', NEW.clock, coalesce(NEW.data->>'device_id', NEW.device_id))
                ON CONFLICT (case_id) DO UPDATE
                SET holder = EXCLUDED.holder, holder_clock = EXCLUDED.holder_clock, holder_device = EXCLUDED.holder_device
                WHERE hub_later(EXCLUDED.holder_clock, EXCLUDED.holder_device, c.holder_clock, c.holder_device);
                PERFORM hub_refresh_access(NEW.case_id);
            WHEN 'handover' THEN
                PERFORM hub_refresh_access(NEW.case_id);
            WHEN 'case_file' THEN
                -- A reference made anywhere (a seed's, or from a laptop's
                -- block) is never leased again.
                IF NEW.data->>'reference' ~ '^C-[0-9]{4}-[0-9]{1,9}$'
                   AND (TG_OP = 'INSERT' OR NEW.data->'reference' IS DISTINCT FROM OLD.data->'reference') THEN
                    INSERT INTO hub_reference_next AS n (year, next)
                    VALUES (substring(NEW.data->>'reference', 3, 4)::int, substring(NEW.data->>'reference' FROM 8)::int + 1)
                    ON CONFLICT (year) DO UPDATE SET next = EXCLUDED.next WHERE n.next < EXCLUDED.next;
                END IF;
            WHEN 'case_party' THEN
                IF NEW.data->>'person_id' IS NOT NULL AND NEW.case_id IS NOT NULL THEN
                    INSERT INTO hub_person_case (person_id, case_id) VALUES (NEW.data->>'person_id', NEW.case_id)
                    ON CONFLICT DO NOTHING;
                END IF;
            WHEN 'referral' THEN
                INSERT INTO hub_referral (id, case_id, status) VALUES (NEW.id, NEW.case_id, 'flagged')
                ON CONFLICT (id) DO UPDATE SET case_id = EXCLUDED.case_id;
            WHEN 'referral_status_change' THEN
                -- A move may arrive before its referral (a seed sends table by
                -- table): the referral's row is made by whichever comes first.
                INSERT INTO hub_referral AS r (id, case_id, status, status_clock, status_device)
                VALUES (NEW.data->>'referral_id', NEW.case_id, NEW.data->>'status', NEW.clock,
                        coalesce(NEW.data->>'device_id', NEW.device_id))
                ON CONFLICT (id) DO UPDATE
                SET status = EXCLUDED.status, status_clock = EXCLUDED.status_clock, status_device = EXCLUDED.status_device
                WHERE hub_later(EXCLUDED.status_clock, EXCLUDED.status_device, r.status_clock, r.status_device);
            ELSE
                NULL;
            END CASE;
            RETURN NULL;
        END
        $$
        """,
        "CREATE TRIGGER hub_record_derive AFTER INSERT OR UPDATE ON hub_record FOR EACH ROW EXECUTE FUNCTION hub_record_derive()",
    ]
}
