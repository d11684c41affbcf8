import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadHub
@testable import CaseloadStore

/// A team syncing through a real hub: seeding, joining, who holds what,
/// offline work on a case reassigned meanwhile, and conflicts.
@Suite(.serialized) struct SyncTeamTests {
    @Test func theOfficeSeedsTheHubAndEachLaptopHoldsOnlyItsWorkersCases() async throws {
        let t = try await SyncTeam.make()
        defer { Task { await t.finish() } }
        let caras = try t.openCase("Ava Stone", for: t.team.cara)
        let bobs = try t.openCase("Ben Hill", for: t.team.bob)
        let seeded = try await t.sync(t.office, as: t.team.supervisor)
        #expect(seeded.seeded && seeded.refused.isEmpty && seeded.complete)

        let cara = try await t.laptop(t.team.cara)
        #expect(try SyncTeam.count(cara, "SELECT count(*) FROM worker") == 3)
        #expect(try SyncTeam.count(cara, "SELECT count(*) FROM case_file WHERE reference = ?", [caras]) == 1)
        #expect(try SyncTeam.count(cara, "SELECT count(*) FROM case_file WHERE reference = ?", [bobs]) == 0)
        // Nothing of Bob's case: not its child, its parent, its assignment or its audit.
        #expect(try SyncTeam.count(cara, "SELECT count(*) FROM person WHERE full_name LIKE '%Ben Hill%'") == 0)
        #expect(try SyncTeam.count(cara, "SELECT count(*) FROM assignment") == 1)
        #expect(try SyncTeam.holder(cara, caras) == t.team.cara)
        // Bound to Cara: acting as Bob on her laptop is refused.
        #expect(throws: CaseloadError.self) { try t.actor(cara, t.team.bob) }

        // Cara works offline, then syncs; the office sees it.
        _ = try cara.addContact(to: caras, NewContact(mode: "phone-out", summary: "Talked about the EHC plan"),
                                by: try t.actor(cara, t.team.cara))
        let sent = try await t.sync(cara, as: t.team.cara)
        #expect(sent.pushed > 0 && sent.refused.isEmpty && sent.complete, "\(sent)")
        try await t.sync(t.office, as: t.team.supervisor)
        #expect(try SyncTeam.contacts(t.office, caras) == ["Talked about the EHC plan"])
        // A case she opens herself takes a number the hub leased her laptop.
        let hers = try cara.openCase(NewCase(child: "Cy Green"), by: try t.actor(cara, t.team.cara)).description
        #expect(![caras, bobs].contains(hers))
        try await t.sync(cara, as: t.team.cara)
        try await t.sync(t.office, as: t.team.supervisor)
        #expect(try SyncTeam.holder(t.office, hers) == t.team.cara)
    }

    @Test func contactsLoggedOfflineOnACaseReassignedMeanwhileAllArriveAndTheCaseLeavesOnlyAfter() async throws {
        let t = try await SyncTeam.make()
        defer { Task { await t.finish() } }
        let reference = try t.openCase("Ava Stone", for: t.team.cara)
        try await t.sync(t.office, as: t.team.supervisor)
        let cara = try await t.laptop(t.team.cara)
        let bob = try await t.laptop(t.team.bob)
        #expect(try SyncTeam.count(bob, "SELECT count(*) FROM case_file") == 0)

        // Offline, Cara logs three contacts; meanwhile the office reassigns the case to Bob.
        let caraActor = try t.actor(cara, t.team.cara)
        for n in 1...3 {
            _ = try cara.addContact(to: reference, NewContact(mode: "home-visit", summary: "Visit \(n)"), by: caraActor)
        }
        _ = try t.office.reassign([reference], toLogin: t.team.bob, reason: "Cara is moving team", by: t.sue)
        try await t.sync(t.office, as: t.team.supervisor)

        // Bob's next sync brings the case whole, though its records are older than his position.
        try await t.sync(bob, as: t.team.bob)
        #expect(try SyncTeam.holder(bob, reference) == t.team.bob)

        // Cara's contacts are taken by the hub although the case is no longer hers.
        let report = try await t.sync(cara, as: t.team.cara)
        #expect(report.refused.isEmpty, "\(report.refused)")
        #expect(report.released == [reference])
        #expect(try SyncTeam.count(cara, "SELECT count(*) FROM case_file") == 0)
        #expect(try SyncTeam.count(cara, "SELECT count(*) FROM contact") == 0)

        try await t.sync(bob, as: t.team.bob)
        try await t.sync(t.office, as: t.team.supervisor)
        for store in [bob, t.office] {
            #expect(try SyncTeam.contacts(store, reference).isSuperset(of: ["Visit 1", "Visit 2", "Visit 3"]))
            #expect(try SyncTeam.holder(store, reference) == t.team.bob)
        }
        // What the hub shows Cara of the case for a while does not come back to her laptop.
        _ = try bob.addContact(to: reference, NewContact(mode: "phone-out", summary: "Bob's first call"),
                               by: try t.actor(bob, t.team.bob))
        try await t.sync(bob, as: t.team.bob)
        try await t.sync(cara, as: t.team.cara)
        #expect(try SyncTeam.count(cara, "SELECT count(*) FROM contact") == 0)
    }

    /// A new laptop has nothing to send: a case its worker let go of last
    /// week (which the hub still lets them read) is not fetched, and what
    /// others add to it later does not arrive either.
    @Test func aLaptopJoiningLeavesOutACaseItsWorkerLetGoOfLately() async throws {
        let t = try await SyncTeam.make()
        defer { Task { await t.finish() } }
        let kept = try t.openCase("Ava Stone", for: t.team.cara)
        let moved = try t.openCase("Ben Moss", for: t.team.cara)
        try await t.sync(t.office, as: t.team.supervisor)
        _ = try t.office.reassign([moved], toLogin: t.team.bob, reason: "Cara's caseload is full", by: t.sue)
        try await t.sync(t.office, as: t.team.supervisor)
        #expect(try await t.team.admin("""
            SELECT count(*)::text FROM hub_access a JOIN hub_worker w ON w.id = a.worker_id
            WHERE w.login = '\(t.team.cara)' AND a.until > now()
            """) == ["1"], "the hub still lets Cara read the moved case")

        let cara = try Store.open(path: t.folder.appendingPathComponent("cara.sqlite").path, create: true)
        let joined = try await t.sync(cara, as: t.team.cara, joining: true)
        #expect(joined.released.isEmpty, "the moved case was never fetched, so there was nothing to let go")
        #expect(try SyncTeam.count(cara, "SELECT count(*) FROM case_file") == 1)
        #expect(try SyncTeam.holder(cara, kept) == t.team.cara)
        let bob = try await t.laptop(t.team.bob)
        _ = try bob.addContact(to: moved, NewContact(mode: "phone-out", summary: "Bob's first call"),
                               by: try t.actor(bob, t.team.bob))
        try await t.sync(bob, as: t.team.bob)
        let report = try await t.sync(cara, as: t.team.cara)
        #expect(report.released.isEmpty)
        #expect(try SyncTeam.count(cara, "SELECT count(*) FROM contact WHERE summary = ?", ["Bob's first call"]) == 0)
        #expect(try SyncTeam.count(cara, "SELECT count(*) FROM case_file") == 1)
    }

    @Test func theSameFieldChangedOnTwoLaptopsKeepsTheLaterAndShowsTheOtherUntilSettled() async throws {
        let t = try await SyncTeam.make()
        defer { Task { await t.finish() } }
        let reference = try t.openCase("Ava Stone", for: t.team.cara)
        try await t.sync(t.office, as: t.team.supervisor)
        let cara = try await t.laptop(t.team.cara)
        let parent = "Parent of Ava Stone"
        // The office first, then Cara later (a later clock), neither having seen the other.
        try t.office.editPerson(reference, person: parent, PersonEdit(fields: [.phone: "01632 960001"]), by: t.sue)
        try await Task.sleep(nanoseconds: 5_000_000)
        try cara.editPerson(reference, person: parent, PersonEdit(fields: [.phone: "07700 900002"]),
                            by: try t.actor(cara, t.team.cara))
        try await t.sync(t.office, as: t.team.supervisor)
        try await t.sync(cara, as: t.team.cara)
        try await t.sync(t.office, as: t.team.supervisor)
        let phone = "SELECT phone FROM person WHERE full_name = ?"
        for store in [cara, t.office] {
            #expect(try store.read { try String.fetchOne($0, sql: phone, arguments: [parent]) } == "07700 900002")
        }
        let conflicts = try cara.conflicts(by: try t.actor(cara, t.team.cara))
        #expect(conflicts.count == 1)
        #expect(conflicts.first?.fields == ["phone"] && conflicts.first?.kept == "07700 900002"
                && conflicts.first?.lost == "01632 960001")
        #expect(try cara.syncStatus().conflicts == 1)

        // Cara puts the office's number back: a change like any other, which syncs, and the conflict is settled everywhere.
        try cara.settleConflict(conflicts[0].id, takeLost: true, by: try t.actor(cara, t.team.cara))
        try await t.sync(cara, as: t.team.cara)
        try await t.sync(t.office, as: t.team.supervisor)
        #expect(try t.office.read { try String.fetchOne($0, sql: phone, arguments: [parent]) } == "01632 960001")
        #expect(try t.office.conflicts(by: t.sue).isEmpty)
        #expect(try t.office.conflicts(includeSettled: true, by: t.sue).first?.resolution == "took-lost")
    }

    @Test func aForgedSupervisorChangeIsRefusedAndShownOnTheLaptop() async throws {
        let t = try await SyncTeam.make()
        defer { Task { await t.finish() } }
        let reference = try t.openCase("Ava Stone", for: t.team.cara)
        try await t.sync(t.office, as: t.team.supervisor)
        let cara = try await t.laptop(t.team.cara)
        // A caseworker cannot reassign; forged straight into her store, it still goes to the hub, which refuses it.
        let caseId = try cara.read { try String.fetchOne($0, sql: "SELECT id FROM case_file WHERE reference = ?", arguments: [reference])! }
        let bobId = try cara.read { try String.fetchOne($0, sql: "SELECT id FROM worker WHERE login = ?", arguments: [t.team.bob])! }
        let caraActor = try t.actor(cara, t.team.cara)
        _ = try cara.addContact(to: reference, NewContact(mode: "phone-out", summary: "A real call"), by: caraActor)
        try cara.write { db in
            try cara.insertAssignment(db, caseId: caseId, workerId: bobId, kind: .reassignment, reason: "forged", by: caraActor, at: Date())
        }
        let report = try await t.sync(cara, as: t.team.cara)
        #expect(report.refused.count == 1 && report.refused.first?.table == "assignment")
        #expect(report.refused.first?.reason.contains("supervisor") == true)
        let refused = try cara.refusedChanges()
        #expect(refused.count == 1 && refused.first?.caseReference == reference)
        try await t.sync(t.office, as: t.team.supervisor)
        #expect(try SyncTeam.holder(t.office, reference) == t.team.cara)
        #expect(try SyncTeam.contacts(t.office, reference) == ["A real call"])
    }

    @Test func aPullFollowsTheHubsTransactionsInNumberOrderWhateverTheirDigits() async throws {
        let t = try await SyncTeam.make()
        defer { Task { await t.finish() } }
        let reference = try t.openCase("Ava Stone", for: t.team.cara)
        for n in 1...12 {
            _ = try t.office.addContact(to: reference, NewContact(mode: "phone-out", summary: "Call \(n)"), by: t.sue)
        }
        try await t.sync(t.office, as: t.team.supervisor)
        // Transaction numbers of one, two, three and four digits: read as text, "10" would come before "9".
        _ = try await t.team.admin("ALTER TABLE hub_record DISABLE TRIGGER USER")
        _ = try await t.team.admin("""
            UPDATE hub_record r SET change_xid = (ARRAY[9, 10, 99, 100, 999, 1000])[1 + n.k % 6]::text::xid8, change_seq = n.k
            FROM (SELECT id, row_number() OVER (ORDER BY id) AS k FROM hub_record WHERE tbl = 'contact') n
            WHERE r.tbl = 'contact' AND r.id = n.id
            """)
        _ = try await t.team.admin("ALTER TABLE hub_record ENABLE TRIGGER USER")
        // A second supervisor's laptop reads the whole stream, seven records a page.
        let laptop = try await t.laptop(t.team.supervisor, name: "second-office")
        #expect(try SyncTeam.contacts(laptop, reference).count == 12)
        #expect(try SyncTeam.count(laptop, "SELECT count(*) FROM case_file") == (try SyncTeam.count(t.office, "SELECT count(*) FROM case_file")))
    }

    @Test func aSeparateStoreIsRefusedAndARevokedWorkerCannotSync() async throws {
        let t = try await SyncTeam.make()
        defer { Task { await t.finish() } }
        try await t.sync(t.office, as: t.team.supervisor)
        let other = try Store.open(path: t.folder.appendingPathComponent("other.sqlite").path, create: true)
        _ = try other.initialise(service: nil, supervisor: NewWorker(login: t.team.supervisor, name: "Sue"), osUser: "tester")
        let error = await #expect(throws: CaseloadError.self) { try await t.sync(other, as: t.team.supervisor) }
        #expect(error?.message.contains("did not come from this hub") == true)

        let cara = try await t.laptop(t.team.cara)
        try await t.team.hub.revoke(login: t.team.cara, adminPassword: t.team.server.password)
        let revoked = await #expect(throws: CaseloadError.self) { try await t.sync(cara, as: t.team.cara) }
        #expect(revoked?.message.contains("ended") == true)
    }
}
