/// Who may sync with the hub and from which laptops: the administrator
/// grants and ends a worker's access; each laptop registers before its
/// first push, and the first (a supervisor's) seeds the hub with its store.
/// Every check is of `session_user`, the login that connected, which a
/// function running as the hub's owner cannot change.
extension HubSchema {
    static let logins: [String] = [
        // Roles belong to the whole server, which may hold several hubs (or
        // the tests' many databases, made at once): the group may already
        // be there, or be being made by another session this moment.
        """
        DO $$
        BEGIN
            CREATE ROLE caseload_worker NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END
        $$
        """,
        """
        CREATE FUNCTION hub_me() RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
            SELECT id FROM hub_worker WHERE login = session_user
        $$
        """,
        """
        CREATE FUNCTION hub_granted() RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
            SELECT EXISTS (SELECT 1 FROM hub_login WHERE login = session_user AND revoked_at IS NULL)
        $$
        """,
        """
        CREATE FUNCTION hub_is_supervisor() RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
            SELECT EXISTS (SELECT 1 FROM hub_login WHERE login = session_user AND role = 'supervisor' AND revoked_at IS NULL)
        $$
        """,
        // The cases the session's worker may see now: held, handed to them
        // and waiting, or let go of less than 30 days ago.
        """
        CREATE FUNCTION hub_my_cases() RETURNS SETOF text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
            SELECT case_id FROM hub_access
            WHERE worker_id = hub_me() AND (until IS NULL OR until > now()) AND hub_granted()
        $$
        """,
        """
        CREATE FUNCTION hub_check_login() RETURNS hub_login
        LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
        DECLARE
            who hub_login;
        BEGIN
            SELECT * INTO who FROM hub_login WHERE login = session_user;
            IF NOT FOUND THEN
                RAISE EXCEPTION '% has no access to this hub; ask your supervisor to run caseload hub grant', session_user;
            END IF;
            IF who.revoked_at IS NOT NULL THEN
                RAISE EXCEPTION 'your access to this hub was ended on %; ask your supervisor',
                    to_char(who.revoked_at AT TIME ZONE 'Europe/London', 'DD/MM/YYYY');
            END IF;
            RETURN who;
        END
        $$
        """,
        """
        CREATE FUNCTION hub_caller(device text) RETURNS hub_device
        LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
        DECLARE
            known hub_device;
        BEGIN
            PERFORM hub_check_login();
            SELECT * INTO known FROM hub_device WHERE id = device;
            IF NOT FOUND OR known.login <> session_user THEN
                RAISE EXCEPTION 'this laptop (device %) is not registered with the hub as %; sync again to register it',
                    coalesce(device, 'none'), session_user;
            END IF;
            RETURN known;
        END
        $$
        """,
        """
        CREATE FUNCTION hub_whoami() RETURNS jsonb
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
            SELECT jsonb_build_object(
                'login', session_user::text,
                'role', l.role,
                'worker_id', hub_me(),
                'revoked_at', to_char(l.revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                'granted', coalesce(l.login IS NOT NULL AND l.revoked_at IS NULL, false))
            FROM (SELECT 1) AS one LEFT JOIN hub_login l ON l.login = session_user
        $$
        """,
        // The first laptop to sync seeds the hub with its store (only a
        // supervisor's: it carries the team's whole history); every other
        // laptop must hold that store, or a new one (store NULL) that fills
        // from the hub.
        """
        CREATE FUNCTION hub_register_device(device text, store text) RETURNS jsonb
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        DECLARE
            who hub_login;
            hub_store text;
            known hub_device;
        BEGIN
            who := hub_check_login();
            IF device IS NULL OR btrim(device) = '' THEN
                RAISE EXCEPTION 'a laptop registers with the hub by its device id, and none was sent';
            END IF;
            SELECT value INTO hub_store FROM hub_info WHERE key = 'store_id';
            IF hub_store IS NULL THEN
                IF store IS NULL OR who.role <> 'supervisor' THEN
                    RAISE EXCEPTION 'nothing has been synced into this hub yet; a supervisor''s laptop must sync first';
                END IF;
                INSERT INTO hub_info (key, value) VALUES ('store_id', store) ON CONFLICT (key) DO NOTHING;
                IF FOUND THEN
                    INSERT INTO hub_device (id, login, store_id, seeding, last_seen_at)
                    VALUES (device, session_user, store, true, now());
                    RETURN jsonb_build_object('store_id', store, 'seeding', true);
                END IF;
                -- Another supervisor seeded it this moment: join theirs.
                SELECT value INTO hub_store FROM hub_info WHERE key = 'store_id';
            END IF;
            IF store IS NOT NULL AND store <> hub_store THEN
                RAISE EXCEPTION 'this laptop''s store did not come from this hub';
            END IF;
            SELECT * INTO known FROM hub_device WHERE id = device FOR UPDATE;
            IF FOUND THEN
                IF known.login <> session_user THEN
                    RAISE EXCEPTION 'this laptop (device %) is registered with the hub under another login', device;
                END IF;
                UPDATE hub_device SET last_seen_at = now() WHERE id = device;
                RETURN jsonb_build_object('store_id', hub_store, 'seeding', known.seeding);
            END IF;
            INSERT INTO hub_device (id, login, store_id, last_seen_at) VALUES (device, session_user, hub_store, now());
            RETURN jsonb_build_object('store_id', hub_store, 'seeding', false);
        END
        $$
        """,
        """
        CREATE FUNCTION hub_seeded(device text) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        BEGIN
            PERFORM hub_caller(device);
            UPDATE hub_device SET seeding = false, last_seen_at = now() WHERE id = device;
        END
        $$
        """,
    ]
}
