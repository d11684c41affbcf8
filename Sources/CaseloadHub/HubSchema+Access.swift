/// What a worker's login may read and run. Workers read the hub's tables
/// directly (a pull is a SELECT), so the server itself limits the rows:
/// a caseworker sees the cases they may see and the people on them, a
/// supervisor sees everything, and a login whose access has ended sees
/// nothing. Nothing is written but through `hub_push`.
extension HubSchema {
    /// The tables a worker may read.
    static let workerReadable = ["hub_record", "hub_worker", "hub_case", "hub_access", "hub_reveal", "hub_person_case",
                                 "hub_referral", "hub_info", "hub_table", "hub_login", "hub_device"]

    /// The functions a worker may run; every other is the administrator's.
    static let workerFunctions = ["hub_me()", "hub_granted()", "hub_is_supervisor()", "hub_my_cases()", "hub_whoami()",
                                  "hub_register_device(text, text)", "hub_seeded(text)", "hub_push(text, jsonb)",
                                  "hub_lease_references(text, int, int)"]

    static let access: [String] = [
        // The policies ask who the session is once per query, not per row.
        "ALTER TABLE hub_record ENABLE ROW LEVEL SECURITY",
        """
        CREATE POLICY hub_record_seen ON hub_record FOR SELECT TO caseload_worker USING (
            (SELECT hub_is_supervisor())
            OR ((SELECT hub_granted()) AND tbl = 'worker')
            OR case_id IN (SELECT hub_my_cases())
            OR (tbl = 'person' AND id IN (SELECT person_id FROM hub_person_case WHERE case_id IN (SELECT hub_my_cases())))
        )
        """,
        "ALTER TABLE hub_case ENABLE ROW LEVEL SECURITY",
        """
        CREATE POLICY hub_case_seen ON hub_case FOR SELECT TO caseload_worker USING (
            (SELECT hub_is_supervisor()) OR case_id IN (SELECT hub_my_cases())
        )
        """,
        "ALTER TABLE hub_person_case ENABLE ROW LEVEL SECURITY",
        """
        CREATE POLICY hub_person_case_seen ON hub_person_case FOR SELECT TO caseload_worker USING (
            (SELECT hub_is_supervisor()) OR case_id IN (SELECT hub_my_cases())
        )
        """,
        "ALTER TABLE hub_referral ENABLE ROW LEVEL SECURITY",
        """
        CREATE POLICY hub_referral_seen ON hub_referral FOR SELECT TO caseload_worker USING (
            (SELECT hub_is_supervisor()) OR case_id IN (SELECT hub_my_cases())
        )
        """,
        "ALTER TABLE hub_access ENABLE ROW LEVEL SECURITY",
        """
        CREATE POLICY hub_access_seen ON hub_access FOR SELECT TO caseload_worker USING (
            (SELECT hub_is_supervisor()) OR ((SELECT hub_granted()) AND worker_id = (SELECT hub_me()))
        )
        """,
        "ALTER TABLE hub_reveal ENABLE ROW LEVEL SECURITY",
        """
        CREATE POLICY hub_reveal_seen ON hub_reveal FOR SELECT TO caseload_worker USING (
            (SELECT hub_is_supervisor()) OR ((SELECT hub_granted()) AND worker_id = (SELECT hub_me()))
        )
        """,
        "ALTER TABLE hub_device ENABLE ROW LEVEL SECURITY",
        """
        CREATE POLICY hub_device_seen ON hub_device FOR SELECT TO caseload_worker USING (
            (SELECT hub_is_supervisor()) OR ((SELECT hub_granted()) AND login = session_user)
        )
        """,
        "ALTER TABLE hub_login ENABLE ROW LEVEL SECURITY",
        """
        CREATE POLICY hub_login_seen ON hub_login FOR SELECT TO caseload_worker USING (
            (SELECT hub_is_supervisor()) OR ((SELECT hub_granted()) AND login = session_user)
        )
        """,
        // The team's names and roles are for the team: not for a login whose access has ended.
        "ALTER TABLE hub_worker ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY hub_worker_seen ON hub_worker FOR SELECT TO caseload_worker USING ((SELECT hub_granted()))",
        """
        DO $$
        BEGIN
            EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
            EXECUTE format('GRANT CONNECT ON DATABASE %I TO caseload_worker', current_database());
        END
        $$
        """,
        "GRANT USAGE ON SCHEMA public TO caseload_worker",
        "GRANT SELECT ON " + workerReadable.joined(separator: ", ") + " TO caseload_worker",
        "REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC",
        "ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC",
        "GRANT EXECUTE ON FUNCTION " + workerFunctions.joined(separator: ", ") + " TO caseload_worker",
    ]
}
