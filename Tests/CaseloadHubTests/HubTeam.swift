import CaseloadCore
import Foundation
import PostgresNIO
import Testing
@testable import CaseloadHub

/// A hub in a database of its own with a team on it: a supervisor and two
/// caseworkers, Cara and Bob, each a real login with a password. Logins
/// belong to the whole server, which every test's database shares, so
/// each team's are its own (a short random ending).
struct HubTeam {
    let server: HubTestServer
    let address: HubAddress
    let supervisor: String
    let cara: String
    let bob: String
    let passwords: [String: String]

    // The seeded team: what `seed()` puts on the hub.
    static let supervisorId = "w-sup", caraId = "w-cara", bobId = "w-bob"
    static let caraCase = "c-0001", bobCase = "c-0002"
    static let caraPerson = "p-0001", bobPerson = "p-0002"

    static func make() async throws -> HubTeam {
        let server = try HubTestServer()
        let address = try await server.freshDatabase()
        let hub = Hub(address: address)
        _ = try await hub.initialise(password: server.password)
        let ending = String(UUID().uuidString.lowercased().prefix(8))
        let logins = ["sup-" + ending, "cara-" + ending, "bob-" + ending]
        var passwords: [String: String] = [:]
        for (login, role) in zip(logins, [WorkerRole.supervisor, .caseworker, .caseworker]) {
            passwords[login] = try await hub.grant(login: login, role: role, password: nil, adminPassword: server.password)
        }
        return HubTeam(server: server, address: address, supervisor: logins[0], cara: logins[1], bob: logins[2],
                       passwords: passwords)
    }

    /// Drops the database and the team's logins.
    func finish() async {
        await server.drop(address)
        for login in passwords.keys { try? await server.admin("DROP ROLE IF EXISTS \"\(login)\"") }
    }

    var hub: Hub { Hub(address: address) }

    func device(_ login: String) -> String { "dev-" + login.prefix { $0 != "-" } }

    /// One statement as `login`, connecting with their password.
    func run(_ query: PostgresQuery, as login: String) async throws -> [String] {
        try await server.rows(query, database: address.database, login: login, password: passwords[login] ?? "")
    }

    /// One statement as the hub's owner.
    func admin(_ sql: String) async throws -> [String] {
        try await server.rows(sql, database: address.database)
    }

    func register(_ login: String, store: String?) async throws -> [String: Any] {
        let reply = try await run("SELECT hub_register_device(\(device(login)), \(store))::text", as: login)
        return try Self.object(reply.first ?? "{}")
    }

    func push(_ changes: [String], as login: String) async throws -> PushReply {
        let list = "[" + changes.joined(separator: ",") + "]"
        let reply = try await run("SELECT hub_push(\(device(login)), \(list)::jsonb)::text", as: login)
        return try PushReply(try Self.object(reply.first ?? "{}"))
    }

    /// The supervisor's laptop seeds the hub with the team and a case each
    /// for Cara and Bob (a child on each, a contact on each), then the
    /// caseworkers' laptops join.
    func seed() async throws {
        _ = try await register(supervisor, store: "store-1")
        let by = Self.supervisorId, on = "dev-old"
        let changes: [String] = [
            Self.change("worker", Self.supervisorId, case: nil, row: Self.row(Self.supervisorId, by: nil, on: on, [
                "login": supervisor, "name": "Sue Supervisor", "role": "supervisor"]), clock: 1),
            Self.change("worker", Self.caraId, case: nil, row: Self.row(Self.caraId, by: by, on: on, [
                "login": cara, "name": "Cara Caseworker", "role": "caseworker"]), clock: 2),
            Self.change("worker", Self.bobId, case: nil, row: Self.row(Self.bobId, by: by, on: on, [
                "login": bob, "name": "Bob Caseworker", "role": "caseworker"]), clock: 3),
        ] + seedCase(Self.caraCase, Self.caraPerson, Self.caraId, 1) + seedCase(Self.bobCase, Self.bobPerson, Self.bobId, 2)
        let reply = try await push(changes, as: supervisor)
        #expect(reply.refused.isEmpty, "\(reply.refusals)")
        _ = try await run("SELECT hub_seeded(\(device(supervisor)))::text", as: supervisor)
        _ = try await register(cara, store: nil)
        _ = try await register(bob, store: nil)
    }

    /// A case as the supervisor's store has it: its child, the child as its
    /// subject, its worker's allocation and a first contact.
    private func seedCase(_ caseId: String, _ person: String, _ worker: String, _ n: Int) -> [String] {
        let by = Self.supervisorId, on = "dev-old"
        let child: [String: Any] = ["kind": "child", "full_name": "Child \(n)"]
        let file: [String: Any] = ["reference": "C-2026-0000\(n)", "subject_id": person, "status": "open", "level": 2,
                                   "closed_on": NSNull(), "closure_reason": NSNull(), "outcome": NSNull()]
        let party: [String: Any] = ["case_id": caseId, "person_id": person, "role": "subject"]
        let allocation: [String: Any] = ["case_id": caseId, "worker_id": worker, "kind": "allocation"]
        let visit: [String: Any] = ["case_id": caseId, "worker_id": worker, "summary": "First visit"]
        return [
            Self.change("person", person, case: nil, row: Self.row(person, by: by, on: on, child), clock: 10 * n),
            Self.change("case_file", caseId, case: caseId, row: Self.row(caseId, by: by, on: on, file), clock: 10 * n + 1),
            Self.change("case_party", "cp-\(n)", case: caseId, row: Self.row("cp-\(n)", by: by, on: on, party), clock: 10 * n + 2),
            Self.change("assignment", "as-\(n)", case: caseId, row: Self.row("as-\(n)", by: by, on: on, allocation),
                        clock: 10 * n + 3),
            Self.change("contact", "ct-\(n)", case: caseId, row: Self.row("ct-\(n)", by: by, on: on, visit), clock: 10 * n + 4),
        ]
    }

    // MARK: building changes

    /// A synced row as a store sends it: its id, who made it, on which laptop.
    static func row(_ id: String, by worker: String?, on device: String, _ fields: [String: Any]) -> [String: Any] {
        fields.merging(["id": id, "created_by": worker ?? NSNull(), "device_id": device,
                        "created_at": "2026-03-01 09:00:00.000"]) { mine, _ in mine }
    }

    /// One change of a push, as JSON.
    /// Clocks in these tests count from when the tests started, as a
    /// store's do (microseconds since 1970), so a case's move is dated now.
    static let epoch = Int(Date().timeIntervalSince1970 * 1_000_000)

    static func change(_ table: String, _ id: String, case caseId: String?, op: String = "insert", row: [String: Any],
                       base: [String: Any]? = nil, groups: [[String]]? = nil, clock: Int) -> String {
        var object: [String: Any] = ["t": table, "id": id, "case": caseId ?? NSNull(), "op": op, "row": row,
                                     "clock": epoch + clock]
        if let base { object["base"] = base }
        if let groups { object["groups"] = groups }
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static func object(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }
}

/// What `hub_push` answers.
struct PushReply {
    let applied: Int
    let unchanged: Int
    let conflicts: Int
    /// Each refused change: table, id and the reason.
    let refused: [(t: String, id: String, reason: String)]

    init(_ object: [String: Any]) throws {
        applied = object["applied"] as? Int ?? -1
        unchanged = object["unchanged"] as? Int ?? -1
        conflicts = object["conflicts"] as? Int ?? -1
        refused = (object["refused"] as? [[String: Any]] ?? []).map {
            ($0["t"] as? String ?? "", $0["id"] as? String ?? "", $0["reason"] as? String ?? "")
        }
    }

    func reason(for id: String) -> String? { refused.first { $0.id == id }?.reason }

    var refusals: String { refused.map { "\($0.t) \($0.id): \($0.reason)" }.joined(separator: "; ") }
}

/// The server's words for a failure, as PostgreSQL gave them.
func serverMessage(_ error: any Error) -> String {
    (error as? PSQLError)?.serverInfo?[.message] ?? String(describing: error)
}

func serverState(_ error: any Error) -> String {
    (error as? PSQLError)?.serverInfo?[.sqlState] ?? ""
}
