import CaseloadHub
import Foundation
import PostgresNIO
import Testing

/// The hub server scripts/test starts (scripts/hub): its address and the
/// owner's password come in CASELOAD_TEST_HUB and CASELOAD_TEST_HUB_PASSWORD.
/// Each test gets a database of its own, dropped afterwards.
struct HubTestServer {
    let base: HubAddress
    let password: String

    init() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["CASELOAD_TEST_HUB"], let password = environment["CASELOAD_TEST_HUB_PASSWORD"] else {
            throw Missing()
        }
        base = try HubAddress(parsing: url, defaultUser: "caseload_admin")
        self.password = password
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "no test hub: run the tests with scripts/test, which starts one (scripts/hub start)" }
    }

    /// A new, empty database on the server, and its address.
    func freshDatabase() async throws -> HubAddress {
        let name = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await admin("CREATE DATABASE \(name)")
        return try HubAddress(parsing: "postgresql://\(base.user)@\(base.host):\(base.port)/\(name)?sslmode=disable",
                              defaultUser: base.user)
    }

    func drop(_ address: HubAddress) async {
        try? await admin("DROP DATABASE IF EXISTS \(address.database) WITH (FORCE)")
    }

    /// Runs one statement on a database as the server's owner.
    func admin(_ sql: String, database: String = "postgres") async throws {
        _ = try await rows(sql, database: database)
    }

    func rows(_ sql: String, database: String) async throws -> [String] {
        try await rows(PostgresQuery(unsafeSQL: sql), database: database, login: base.user, password: password)
    }

    /// Runs one statement on a database as `login` (a real SCRAM login)
    /// and returns its rows' first column as text.
    func rows(_ query: PostgresQuery, database: String, login: String, password: String) async throws -> [String] {
        let logger = Logger(label: "caseload.hub.tests")
        let connection = try await PostgresConnection.connect(
            configuration: .init(host: base.host, port: base.port, username: login, password: password,
                                 database: database, tls: .disable),
            id: 1, logger: logger)
        do {
            var out: [String] = []
            for try await value in try await connection.query(query, logger: logger).decode(String?.self) {
                out.append(value ?? "NULL")
            }
            try? await connection.close()
            return out
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
