import CaseloadCore
import Foundation
import Testing
@testable import CaseloadHub

/// `hub init` against a real PostgreSQL server: the schema made once and
/// found current after, another program's database refused untouched, and
/// the failures said in plain words.
@Suite(.serialized) struct HubInitTests {
    @Test func anEmptyDatabaseBecomesAHubAndASecondInitChangesNothing() async throws {
        let server = try HubTestServer()
        let address = try await server.freshDatabase()
        let hub = Hub(address: address)
        #expect(try await hub.initialise(password: server.password) == HubSchema.migrations.map(\.id))
        #expect(try await hub.initialise(password: server.password).isEmpty)
        #expect(try await hub.migrations(password: server.password) == HubSchema.migrations.map(\.id))
        #expect(try await server.rows("SELECT value FROM hub_info WHERE key = 'application'", database: address.database)
                == ["caseload-hub"])
        await server.drop(address)
    }

    @Test func aHubMadeBeforeTheRecordsIsBroughtUpToDate() async throws {
        let server = try HubTestServer()
        let address = try await server.freshDatabase()
        // As the first release of hub init left it: h1 only.
        try await server.admin(HubSchema.bookkeeping, database: address.database)
        for statement in HubSchema.migrations[0].statements {
            try await server.admin(statement, database: address.database)
        }
        try await server.admin("INSERT INTO hub_migration (id) VALUES ('h1-foundation')", database: address.database)
        #expect(try await Hub(address: address).initialise(password: server.password) == ["h2-records"])
        #expect(try await server.rows("SELECT count(*)::text FROM hub_table", database: address.database) == ["19"])
        #expect(try await server.rows("SELECT value FROM hub_info ORDER BY key", database: address.database) == ["caseload-hub"])
        await server.drop(address)
    }

    @Test func twoInitsAtOnceApplyEachMigrationOnce() async throws {
        let server = try HubTestServer()
        let address = try await server.freshDatabase()
        let hub = Hub(address: address)
        async let first = hub.initialise(password: server.password)
        async let second = hub.initialise(password: server.password)
        let applied = try await first + second
        #expect(applied.sorted() == HubSchema.migrations.map(\.id).sorted())
        await server.drop(address)
    }

    @Test func anotherProgramsDatabaseIsRefusedAndLeftAsItWas() async throws {
        let server = try HubTestServer()
        let address = try await server.freshDatabase()
        try await server.admin("CREATE TABLE invoices (id int)", database: address.database)
        await #expect(throws: CaseloadError.self) { try await Hub(address: address).initialise(password: server.password) }
        let tables = try await server.rows("""
            SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1
            """, database: address.database)
        #expect(tables == ["invoices"])
        await server.drop(address)
    }

    @Test func aHubFromANewerCaseloadIsRefused() async throws {
        let server = try HubTestServer()
        let address = try await server.freshDatabase()
        _ = try await Hub(address: address).initialise(password: server.password)
        try await server.admin("INSERT INTO hub_migration (id) VALUES ('h99-from-the-future')", database: address.database)
        await #expect {
            try await Hub(address: address).initialise(password: server.password)
        } throws: { ($0 as? CaseloadError)?.message.contains("newer version of Caseload") == true }
        await server.drop(address)
    }

    @Test func failuresAreSaidInPlainWords() async throws {
        let server = try HubTestServer()
        await #expect {
            try await Hub(address: server.base).initialise(password: "not the password")
        } throws: { error in
            let e = error as? CaseloadError
            return e?.kind == .notAllowed && e?.message.contains("refused the password for \(server.base.user)") == true
        }
        let missing = try HubAddress(parsing: "postgresql://\(server.base.user)@\(server.base.host):\(server.base.port)/nosuch?sslmode=disable",
                                     defaultUser: "x")
        await #expect {
            try await Hub(address: missing).initialise(password: server.password)
        } throws: { ($0 as? CaseloadError)?.kind == .notFound }
    }
}

/// Reading a hub's address and finding its password, as PostgreSQL's own tools do.
@Suite struct HubAddressTests {
    @Test func anAddressIsReadAndShownWithoutItsPassword() throws {
        let address = try HubAddress(parsing: "postgresql://ceri:s3cret@hub.example.org:6432/team?sslmode=require", defaultUser: "me")
        #expect(address.host == "hub.example.org" && address.port == 6432 && address.user == "ceri")
        #expect(address.database == "team" && address.tls == .require && address.password == "s3cret")
        #expect(address.description == "postgresql://ceri@hub.example.org:6432/team?sslmode=require")
        let plain = try HubAddress(parsing: "postgres://hub/caseload", defaultUser: "me")
        #expect(plain.user == "me" && plain.port == 5432 && plain.tls == .prefer)
        for bad in ["mysql://hub/db", "postgresql://hub", "postgresql:///db", "postgresql://hub/db?sslmode=maybe",
                    "postgresql://hub/db?timeout=3"] {
            #expect(throws: CaseloadError.self, "\(bad)") { try HubAddress(parsing: bad, defaultUser: "me") }
        }
    }

    @Test func thePasswordComesFromTheEnvironmentOrAPrivatePgpass() throws {
        let address = try HubAddress(parsing: "postgresql://ceri@hub:5432/team", defaultUser: "me")
        #expect(HubPassword.find(for: address, environment: ["PGPASSWORD": "from-env"]) == "from-env")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pgpass").path
        try "# team hub\nother:5432:*:*:no\nhub:*:team:ceri:pa\\:ss\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        #expect(HubPassword.find(for: address, environment: ["PGPASSFILE": file]) == "pa:ss")
        // One that others can read is ignored, as libpq ignores it.
        chmod(file, 0o644)
        #expect(HubPassword.find(for: address, environment: ["PGPASSFILE": file]) == nil)
    }
}
