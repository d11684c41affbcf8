/// The administrator's side of access: a worker's login made (or its
/// password reset) and ended. Neither is granted to workers.
extension HubSchema {
    static let grants: [String] = [
        // A login is the worker's login in the store and a role on the
        // server, which may serve other databases: an administrative role
        // is never taken over, and a login made by another hub on the same
        // server (or at this moment by another session) is reused.
        """
        CREATE FUNCTION hub_grant(login text, role text, password text) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        #variable_conflict use_column
        DECLARE
            who text := $1;
            kind text := $2;
            secret text := $3;
            powerful boolean;
            made boolean := false;
        BEGIN
            IF who IS NULL OR who !~ '^[a-z0-9._-]{1,63}$' THEN
                RAISE EXCEPTION '"%" cannot be a hub login: use 1 to 63 lowercase letters, digits, dots, hyphens or underscores',
                    coalesce(who, '');
            END IF;
            IF left(who, 3) = 'pg_' OR who = 'caseload_worker' THEN
                RAISE EXCEPTION '"%" cannot be a hub login: the name is kept for the server''s own use', who;
            END IF;
            IF kind IS NULL OR kind NOT IN ('caseworker', 'supervisor') THEN
                RAISE EXCEPTION '"%" is not a role on the hub; use caseworker or supervisor', coalesce(kind, '');
            END IF;
            IF secret IS NULL OR length(secret) < 8 THEN
                RAISE EXCEPTION 'a hub password needs at least 8 characters';
            END IF;
            SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls OR rolname = current_user
            INTO powerful FROM pg_roles WHERE rolname = who;
            IF powerful THEN
                RAISE EXCEPTION '% is one of the server''s administrative logins; give the worker a login of their own', who;
            END IF;
            IF powerful IS NULL THEN
                BEGIN
                    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE caseload_worker', who, secret);
                    made := true;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN
                    NULL;
                END;
            END IF;
            IF NOT made THEN
                EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', who, secret);
                IF NOT pg_has_role(who, 'caseload_worker', 'MEMBER') THEN
                    EXECUTE format('GRANT caseload_worker TO %I', who);
                END IF;
            END IF;
            INSERT INTO hub_login (login, role, granted_at, revoked_at) VALUES (who, kind, now(), NULL)
            ON CONFLICT (login) DO UPDATE SET role = EXCLUDED.role, granted_at = now(), revoked_at = NULL;
        END
        $$
        """,
        // The server's role is left as it is (another hub on the server may
        // still grant it): this hub refuses the login everywhere through
        // hub_login, and its open sessions here are ended.
        """
        CREATE FUNCTION hub_revoke(login text) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        #variable_conflict use_column
        DECLARE
            who text := $1;
        BEGIN
            UPDATE hub_login SET revoked_at = coalesce(revoked_at, now()) WHERE login = who;
            IF NOT FOUND THEN
                RAISE EXCEPTION '% has no access to this hub, so there is none to end', coalesce(who, 'that login');
            END IF;
            BEGIN
                PERFORM pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE usename = who AND datname = current_database() AND pid <> pg_backend_pid();
            EXCEPTION WHEN insufficient_privilege THEN
                -- Their next call is refused anyway.
                NULL;
            END;
        END
        $$
        """,
    ]
}
