import CaseloadCore
import Foundation
import PostgresNIO

/// A connection to a team's hub, a PostgreSQL server. Only the commands
/// that sync (and `hub init`) open one.
public struct Hub: Sendable {
    public let address: HubAddress

    public init(address: HubAddress) {
        self.address = address
    }

    /// Creates the hub's schema in an empty database, or brings an older
    /// hub's up to date; returns the migrations it applied (none when the
    /// hub was current). Run by whoever owns the hub database. A database
    /// holding tables that are not a hub's, or made by a newer Caseload,
    /// is refused and left as it was.
    public func initialise(password: String?) async throws -> [String] {
        try await withConnection(password: password) { connection, logger in
            // One initialiser at a time (the key is the store mark, 0x43534C44): a
            // second waits, then finds the work done.
            try await connection.query("SELECT pg_advisory_lock(1129532484)", logger: logger)
            let tables = try await Self.strings(connection.query("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
                """, logger: logger))
            let known = Set(HubSchema.migrations.map(\.id))
            if !tables.isEmpty, !tables.contains("hub_migration") {
                throw CaseloadError.conflict("""
                    the database \(address.database) on \(address.host) already holds tables that are not a Caseload hub's \
                    (\(tables.sorted().prefix(3).joined(separator: ", "))); nothing was changed: give a new, empty database
                    """)
            }
            try await connection.query(PostgresQuery(unsafeSQL: HubSchema.bookkeeping), logger: logger)
            let applied = Set(try await Self.strings(connection.query("SELECT id FROM hub_migration", logger: logger)))
            if !applied.isSubset(of: known) {
                throw CaseloadError.conflict("the hub at \(address) was made by a newer version of Caseload; update Caseload to use it")
            }
            var done: [String] = []
            for migration in HubSchema.migrations where !applied.contains(migration.id) {
                try await connection.query("BEGIN", logger: logger)
                do {
                    for statement in migration.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query("INSERT INTO hub_migration (id) VALUES (\(migration.id))", logger: logger)
                    try await connection.query("COMMIT", logger: logger)
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
                done.append(migration.id)
            }
            return done
        }
    }

    /// The migrations a hub has, oldest first.
    public func migrations(password: String?) async throws -> [String] {
        try await withConnection(password: password) { connection, logger in
            try await Self.strings(connection.query("SELECT id FROM hub_migration ORDER BY applied_at, id", logger: logger))
        }
    }

    /// Runs `body` on a new connection as the address's login, closing it
    /// after; every failure comes out in plain words (`HubProblem`).
    func withConnection<T: Sendable>(password: String?,
                                             _ body: (PostgresConnection, Logger) async throws -> T) async throws -> T {
        var logger = Logger(label: "caseload.hub")
        logger.logLevel = .critical
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: try configuration(password: password), id: 1,
                                                              logger: logger)
        } catch {
            throw HubProblem.words(for: error, address: address)
        }
        do {
            let result = try await body(connection, logger)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw HubProblem.words(for: error, address: address)
        }
    }

    private func configuration(password: String?) throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch address.tls {
        case .disable:
            tls = .disable
        case .prefer, .require:
            // As libpq's prefer and require: the link is encrypted, the
            // server's certificate is not checked against an authority.
            var settings = TLSConfiguration.makeClientConfiguration()
            settings.certificateVerification = .none
            let context = try NIOSSLContext(configuration: settings)
            tls = address.tls == .prefer ? .prefer(context) : .require(context)
        }
        return PostgresConnection.Configuration(host: address.host, port: address.port, username: address.user,
                                                password: password, database: address.database, tls: tls)
    }

    private static func strings(_ rows: PostgresRowSequence) async throws -> [String] {
        var out: [String] = []
        for try await (value) in rows.decode(String.self) { out.append(value) }
        return out
    }
}
