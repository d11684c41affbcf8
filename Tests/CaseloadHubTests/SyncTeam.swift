import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadHub
@testable import CaseloadStore

/// A team on real stores and a real hub: the office store (the
/// supervisor's, which seeds the hub) and a laptop per caseworker, each a
/// SQLite file of its own, syncing as its own login with its password.
struct SyncTeam {
    let team: HubTeam
    let folder: URL
    let office: Store
    let sue: ActingWorker

    static func make() async throws -> SyncTeam {
        let team = try await HubTeam.make()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("caseload-sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let office = try Store.open(path: folder.appendingPathComponent("office.sqlite").path, create: true)
        let sue = try office.initialise(service: "Test SENDIASS", supervisor: NewWorker(login: team.supervisor, name: "Sue Supervisor"),
                                        osUser: "tester")
        try office.addWorker(NewWorker(login: team.cara, name: "Cara Caseworker"), by: sue)
        try office.addWorker(NewWorker(login: team.bob, name: "Bob Caseworker"), by: sue)
        return SyncTeam(team: team, folder: folder, office: office, sue: sue)
    }

    func finish() async {
        await team.finish()
        try? FileManager.default.removeItem(at: folder)
    }

    func address(_ login: String) throws -> HubAddress {
        try HubAddress(parsing: "postgresql://\(login)@\(team.address.host):\(team.address.port)/\(team.address.database)?sslmode=disable",
                       defaultUser: login)
    }

    /// Syncs a store as a login (`joining` for a laptop's first sync) until
    /// nothing is left either way. A pull reads only below the oldest
    /// transaction running on the server, and the server's other test
    /// databases have theirs: a sync may end with changes still arriving,
    /// as it would on a busy hub, and is run again.
    @discardableResult
    func sync(_ store: Store, as login: String, joining: Bool = false) async throws -> SyncReport {
        var total = SyncReport()
        for attempt in 0..<100 {
            var sync = HubSync(hub: Hub(address: try address(login)), store: store, password: team.passwords[login],
                               joining: joining && attempt == 0)
            sync.batch = 7
            let report = try await sync.run()
            total.seeded = total.seeded || report.seeded
            total.joined = total.joined || report.joined
            total.pushed += report.pushed
            total.pulled += report.pulled
            total.refused += report.refused
            total.released += report.released
            total.stillArriving = report.stillArriving
            total.stillWaiting = report.stillWaiting
            if report.stillArriving == 0 { break }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        return total
    }

    /// A caseworker's laptop joins: a new store, synced once.
    func laptop(_ login: String, name: String? = nil) async throws -> Store {
        let store = try Store.open(path: folder.appendingPathComponent("\(name ?? login).sqlite").path, create: true)
        try await sync(store, as: login, joining: true)
        return store
    }

    func actor(_ store: Store, _ login: String) throws -> ActingWorker {
        try store.actingWorker(login: login, osUser: "tester")
    }

    func openCase(_ child: String, for login: String) throws -> String {
        var new = NewCase(child: child)
        new.parent = "Parent of \(child)"
        new.workerLogin = login
        return try office.openCase(new, by: sue).description
    }

    static func count(_ store: Store, _ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try store.read { try Int.fetchOne($0, sql: sql, arguments: arguments) ?? -1 }
    }

    static func holder(_ store: Store, _ reference: String) throws -> String? {
        try store.read {
            try String.fetchOne($0, sql: "SELECT w.login FROM case_file c JOIN worker w ON w.id = c.worker_id WHERE c.reference = ?",
                                arguments: [reference])
        }
    }

    static func contacts(_ store: Store, _ reference: String) throws -> Set<String> {
        try store.read {
            Set(try String.fetchAll($0, sql: """
                SELECT t.summary FROM contact t JOIN case_file c ON c.id = t.case_id WHERE c.reference = ?
                """, arguments: [reference]))
        }
    }
}
