import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadHub
@testable import CaseloadStore

/// A sync killed (SIGKILL, no chance to tidy up) at random points while it
/// pushes and while it pulls, then run again until it finishes: nothing is
/// lost, nothing is there twice, and the hub and the stores agree.
@Suite(.serialized) struct SyncKillTests {
    static var binary: URL {
        var folder = Bundle.main.bundleURL
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("caseload")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        fatalError("caseload binary not found beside the tests: run `swift build` first (scripts/test does)")
    }

    /// Runs `caseload sync` on a store as a login, killing it after `killAfter`
    /// seconds if it has not finished; returns its exit status, or nil if killed.
    static func sync(_ t: SyncTeam, store: Store, as login: String, killAfter: Double?) throws -> Int32? {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["sync", "--store", store.path]
        var environment = ProcessInfo.processInfo.environment
        environment["CASELOAD_USER"] = login
        environment["PGPASSWORD"] = t.team.passwords[login]
        environment["CASELOAD_SYNC_BATCH"] = "4"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        if let killAfter {
            let deadline = Date().addingTimeInterval(killAfter)
            while process.isRunning, Date() < deadline { usleep(2_000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return nil
            }
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Syncs with kills at random moments until a run finishes by itself.
    static func syncThroughKills(_ t: SyncTeam, store: Store, as login: String, seed: UInt64) throws -> Int {
        var random = SeededRandom(seed: seed)
        var kills = 0
        for _ in 0..<40 {
            let after = Double(20 + random.below(250)) / 1000
            if let status = try sync(t, store: store, as: login, killAfter: after) {
                #expect(status == 0)
                return kills
            }
            kills += 1
        }
        #expect(try sync(t, store: store, as: login, killAfter: nil) == 0)
        return kills
    }

    @Test func aSyncKilledMidPushAndMidPullLosesNothingAndRepeatsNothing() async throws {
        let t = try await SyncTeam.make()
        defer { Task { await t.finish() } }
        let reference = try t.openCase("Ava Stone", for: t.team.cara)
        try await t.sync(t.office, as: t.team.supervisor)
        let cara = try await t.laptop(t.team.cara)
        let actor = try t.actor(cara, t.team.cara)
        var made: Set<String> = []
        for n in 1...150 {
            made.insert(try cara.addContact(to: reference, NewContact(mode: "phone-out", summary: "Call \(n)"), by: actor).id)
        }
        let pushKills = try Self.syncThroughKills(t, store: cara, as: t.team.cara, seed: 7)
        try await t.sync(cara, as: t.team.cara)
        #expect(try cara.syncStatus().waiting == 0)
        let onHub = try await t.team.admin("SELECT id FROM hub_record WHERE tbl = 'contact' AND case_id = (SELECT case_id FROM hub_record WHERE tbl = 'case_file' AND data->>'reference' = '\(reference)')")
        #expect(Set(onHub).isSuperset(of: made) && onHub.count == Set(onHub).count)

        let pullKills = try Self.syncThroughKills(t, store: t.office, as: t.team.supervisor, seed: 11)
        try await t.sync(t.office, as: t.team.supervisor)
        let office = try t.office.read { try String.fetchAll($0, sql: "SELECT id FROM contact") }
        #expect(Set(office).isSuperset(of: made) && office.count == Set(office).count)
        #expect(try SyncTeam.count(t.office, "SELECT count(*) FROM contact") == onHub.count)
        #expect(try t.office.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
        #expect(try t.office.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }.isEmpty)
        // The case's last contact is the newest, however the pages fell.
        #expect(try t.office.read { try String.fetchOne($0, sql: "SELECT last_contact_at FROM case_file WHERE reference = ?",
                                                      arguments: [reference]) }
                == (try cara.read { try String.fetchOne($0, sql: "SELECT max(occurred_at) FROM contact") }))
        // The kills did land mid-sync, more than once each way.
        #expect(pushKills > 1 && pullKills > 1, "push killed \(pushKills) times, pull \(pullKills)")
    }
}
