/// The hub's schema, as the store's: migrations applied in order, each in
/// one transaction with its record in `hub_migration`, never edited once
/// released (a change is a new migration). Each is a list of statements,
/// because PostgreSQL's extended protocol runs one statement at a time.
enum HubSchema {
    struct Migration: Sendable {
        let id: String
        let statements: [String]
    }

    static let bookkeeping = """
        CREATE TABLE IF NOT EXISTS hub_migration (
            id text PRIMARY KEY,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """

    static let migrations: [Migration] = [
        // What the hub is: the mark that says this database is a Caseload
        // hub, and (once a store has synced into it) the store it was seeded from.
        Migration(id: "h1-foundation", statements: [
            """
            CREATE TABLE hub_info (
                key text PRIMARY KEY,
                value text NOT NULL
            )
            """,
            "INSERT INTO hub_info (key, value) VALUES ('application', 'caseload-hub')",
        ]),
        // The stores' records, who may read and write them, and the rules
        // a push is held to: the files HubSchema+*.swift, in this order.
        Migration(id: "h2-records", statements: [recordTables, derivedTables, logins, grants, checks, rules, merge, push,
                                                 references, access].flatMap { $0 }),
    ]
}
