import Foundation
import PostgresNIO
import Testing
@testable import CaseloadHub

/// What hub_push holds a laptop to, whatever its store says: who holds a
/// case (by clock, not by arrival), what only a supervisor may do, the
/// team's rules about referrals and handovers, and case references.
@Suite struct HubRulesTests {
    func assignment(_ team: HubTeam, _ id: String, to worker: String, kind: String, by login: String,
                    case caseId: String = HubTeam.caraCase, handover: String? = nil, clock: Int) -> String {
        let author = [team.supervisor: HubTeam.supervisorId, team.cara: HubTeam.caraId, team.bob: HubTeam.bobId][login]
        return HubTeam.change("assignment", id, case: caseId, row: HubTeam.row(id, by: author, on: team.device(login), [
            "case_id": caseId, "worker_id": worker, "kind": kind, "reason": NSNull(), "handover_id": handover ?? NSNull()]),
                              clock: clock)
    }

    func contact(_ team: HubTeam, _ id: String, case caseId: String = HubTeam.caraCase, by worker: String = HubTeam.caraId,
                 on login: String, clock: Int) -> String {
        HubTeam.change("contact", id, case: caseId, row: HubTeam.row(id, by: worker, on: team.device(login), [
            "case_id": caseId, "worker_id": worker, "summary": "Home visit"]), clock: clock)
    }

    @Test func aCaseMovedLongAgoGivesItsFormerHolderNoGrace() async throws {
        let team = try await HubTeam.make()
        try await team.seed()
        _ = try await team.register(team.supervisor, store: "store-1")
        let reply = try await team.push([
            assignment(team, "as-30", to: HubTeam.bobId, kind: "reassignment", by: team.supervisor, clock: 100),
        ], as: team.supervisor)
        #expect(reply.applied == 1 && reply.refused.isEmpty)
        // Moved now: Cara may still send what she made for 30 days.
        #expect(try await team.run("SELECT id FROM hub_record WHERE tbl = 'case_file'", as: team.cara) == [HubTeam.caraCase])
        // Moved 60 days ago by its clock (a seed's history, or a laptop long offline): her 30 days are over.
        let sixtyDaysAgo = HubTeam.epoch - 60 * 86_400 * 1_000_000
        _ = try await team.admin("UPDATE hub_access SET until = NULL, demoted_at = NULL WHERE case_id = '\(HubTeam.caraCase)'")
        _ = try await team.admin("UPDATE hub_case SET holder_clock = \(sixtyDaysAgo) WHERE case_id = '\(HubTeam.caraCase)'")
        _ = try await team.admin("SELECT hub_refresh_access('\(HubTeam.caraCase)')::text")
        #expect(try await team.run("SELECT id FROM hub_record WHERE case_id = '\(HubTeam.caraCase)'", as: team.cara).isEmpty)
        let late = try await team.push([contact(team, "ct-late", on: team.cara, clock: 200)], as: team.cara)
        #expect(late.refused.count == 1)
        await team.finish()
    }

    @Test func theHolderIsTheAssignmentWithTheLatestClockWhateverOrderTheyArriveIn() async throws {
        let team = try await HubTeam.make()
        try await team.seed()
        _ = try await team.register(team.supervisor, store: "store-1")
        let reply = try await team.push([
            assignment(team, "as-20", to: HubTeam.bobId, kind: "reassignment", by: team.supervisor, clock: 300),
            assignment(team, "as-21", to: HubTeam.caraId, kind: "reassignment", by: team.supervisor, clock: 250),
        ], as: team.supervisor)
        #expect(reply.applied == 2 && reply.refused.isEmpty)
        #expect(try await team.admin("SELECT holder || ' ' || holder_clock FROM hub_case WHERE case_id = '\(HubTeam.caraCase)'")
                == ["\(HubTeam.bobId) \(HubTeam.epoch + 300)"])
        #expect(try await team.admin("""
            SELECT worker_id || ' ' || coalesce((until BETWEEN now() + interval '29 days' AND now() + interval '31 days')::text, 'held')
            FROM hub_access WHERE case_id = '\(HubTeam.caraCase)' ORDER BY worker_id
            """) == ["\(HubTeam.bobId) held", "\(HubTeam.caraId) true"])
        #expect(try await team.run("SELECT case_id FROM hub_reveal ORDER BY change_seq", as: team.bob)
                == [HubTeam.bobCase, HubTeam.caraCase])
        #expect(try await team.run("SELECT id FROM hub_record WHERE tbl = 'case_file' ORDER BY id", as: team.bob)
                == [HubTeam.caraCase, HubTeam.bobCase])
        // For her 30 days she may still send what she wrote while she held it.
        let late = try await team.push([contact(team, "ct-late", on: team.cara, clock: 260)], as: team.cara)
        #expect(late.applied == 1 && late.refused.isEmpty)
        // But taking the case back is a supervisor's reassignment.
        let back = try await team.push([assignment(team, "as-22", to: HubTeam.caraId, kind: "allocation", by: team.cara,
                                                   clock: 400)], as: team.cara)
        #expect(back.reason(for: "as-22") == "only a supervisor can allocate a case someone else holds")
        await team.finish()
    }

    @Test func aCaseworkerOpensACaseAndHoldsItInOnePush() async throws {
        let team = try await HubTeam.make()
        try await team.seed()
        let device = team.device(team.cara)
        let newCase = "c-0003"
        let reply = try await team.push([
            HubTeam.change("case_file", newCase, case: newCase, row: HubTeam.row(newCase, by: HubTeam.caraId, on: device, [
                "reference": "C-2026-00003", "status": "open", "level": 1]), clock: 100),
            assignment(team, "as-30", to: HubTeam.caraId, kind: "allocation", by: team.cara, case: newCase, clock: 101),
            contact(team, "ct-30", case: newCase, on: team.cara, clock: 102),
        ], as: team.cara)
        #expect(reply.applied == 3 && reply.refused.isEmpty, "\(reply.refusals)")
        #expect(try await team.admin("SELECT holder FROM hub_case WHERE case_id = '\(newCase)'") == [HubTeam.caraId])
        // Bob sees none of it.
        #expect(try await team.run("SELECT count(*)::text FROM hub_record WHERE case_id = '\(newCase)'", as: team.bob) == ["0"])
        await team.finish()
    }

    @Test func aCaseworkersForgedChangesAreRefusedAndTheRestOfTheBatchApplies() async throws {
        let team = try await HubTeam.make()
        try await team.seed()
        let device = team.device(team.cara)
        let reply = try await team.push([
            assignment(team, "as-40", to: HubTeam.bobId, kind: "reassignment", by: team.cara, clock: 100),
            HubTeam.change("worker", "w-new", case: nil, row: HubTeam.row("w-new", by: HubTeam.caraId, on: device, [
                "login": "mallory", "name": "Mallory", "role": "supervisor"]), clock: 101),
            HubTeam.change("worker", HubTeam.caraId, case: nil, op: "update", row: ["id": HubTeam.caraId, "role": "supervisor"],
                           base: ["role": "caseworker"], clock: 102),
            assignment(team, "as-41", to: HubTeam.bobId, kind: "allocation", by: team.cara, clock: 103),
            contact(team, "ct-40", on: team.cara, clock: 104),
            contact(team, "ct-41", by: HubTeam.bobId, on: team.cara, clock: 105),
            contact(team, "ct-42", case: HubTeam.bobCase, on: team.cara, clock: 106),
            HubTeam.change("safeguarding_review", "sr-1", case: HubTeam.caraCase, row: HubTeam.row(
                "sr-1", by: HubTeam.caraId, on: device, ["safeguarding_id": "sg-1", "note": "Reviewed"]), clock: 107),
            HubTeam.change("audit_event", "ae-1", case: nil, op: "update", row: ["id": "ae-1"], base: [:], clock: 108),
            HubTeam.change("unknown_table", "x-1", case: nil, row: [:], clock: 109),
        ], as: team.cara)
        #expect(reply.applied == 1 && reply.refused.count == 9)
        #expect(reply.reason(for: "as-40") == "only a supervisor can reassign a case")
        #expect(reply.reason(for: "w-new") == "only a supervisor can add or change a worker")
        #expect(reply.reason(for: HubTeam.caraId) == "only a supervisor can add or change a worker")
        #expect(reply.reason(for: "as-41") == "only a supervisor can allocate a case to someone else")
        #expect(reply.reason(for: "ct-41") == "it names another worker as the one who made it")
        #expect(reply.reason(for: "ct-42") == "you do not hold this case, so the hub cannot take changes to it")
        #expect(reply.reason(for: "sr-1") == "only a supervisor can review a safeguarding entry")
        #expect(reply.reason(for: "ae-1") == "audit_event is a history: its entries are never changed")
        #expect(reply.reason(for: "x-1") == "unknown_table is not a table the hub keeps")
        #expect(try await team.admin("SELECT holder FROM hub_case WHERE case_id = '\(HubTeam.caraCase)'") == [HubTeam.caraId])
        #expect(try await team.admin("SELECT id FROM hub_record WHERE id IN ('w-new', 'as-40', 'as-41', 'ct-40', 'ct-41')")
                == ["ct-40"])
        #expect(try await team.admin("SELECT role FROM hub_worker WHERE id = '\(HubTeam.caraId)'") == ["caseworker"])
        await team.finish()
    }

    func referral(_ team: HubTeam, _ id: String, _ fields: [String: Any] = [:]) -> [String: Any] {
        HubTeam.row(id, by: HubTeam.caraId, on: team.device(team.cara), [
            "case_id": HubTeam.caraCase, "reasons": "housing", "narrative": "Needs support", "urgency": "routine",
            "consent_id": NSNull(), "override_reason": NSNull(), "override_by": NSNull(), "override_at": NSNull(),
        ].merging(fields) { _, new in new })
    }

    func move(_ team: HubTeam, _ id: String, of referralId: String, to status: String, clock: Int) -> String {
        HubTeam.change("referral_status_change", id, case: HubTeam.caraCase, row: HubTeam.row(
            id, by: HubTeam.caraId, on: team.device(team.cara), ["referral_id": referralId, "status": status]), clock: clock)
    }

    /// New history entries on a worker's own cases go in together, in one
    /// statement; one that only looks like them is still checked alone and
    /// refused with its reason.
    @Test func entriesTakenTogetherAreHeldToTheSameChecksAsTheRest() async throws {
        let team = try await HubTeam.make()
        try await team.seed()
        let device = team.device(team.cara)
        func entry(_ table: String, _ id: String, _ fields: [String: Any], case caseId: String = HubTeam.caraCase,
                   author: String = "created_by") -> String {
            var row = HubTeam.row(id, by: HubTeam.caraId, on: device, ["case_id": caseId].merging(fields) { _, new in new })
            if author != "created_by", let maker = row.removeValue(forKey: "created_by"), row[author] == nil {
                row[author] = maker
            }
            return HubTeam.change(table, id, case: HubTeam.caraCase, row: row, clock: 100)
        }
        let reply = try await team.push([
            contact(team, "ct-50", on: team.cara, clock: 100),
            contact(team, "ct-50", on: team.cara, clock: 100),
            entry("consent", "cn-50", ["purpose": "referral"]),
            entry("audit_event", "ae-50", ["action": "read"], author: "worker_id"),
            entry("contact", "ct-51", ["device_id": "dev-bob"]),
            entry("contact", "ct-52", ["id": "ct-other"]),
            entry("contact", "ct-53", [:], case: HubTeam.bobCase),
            entry("audit_event", "ae-51", ["worker_id": HubTeam.bobId], author: "worker_id"),
        ], as: team.cara)
        #expect(reply.applied == 3 && reply.unchanged == 1 && reply.refused.count == 4, "\(reply.refusals)")
        #expect(reply.reason(for: "ct-51") == "it was made on another laptop, not this one")
        #expect(reply.reason(for: "ct-52") == "the id in its row is not the id it was sent as")
        #expect(reply.reason(for: "ct-53") == "it was sent for another case than its own")
        #expect(reply.reason(for: "ae-51") == "it names another worker as the one who made it")
        #expect(try await team.admin("SELECT id FROM hub_record WHERE id LIKE '%-5_' ORDER BY id") == ["ae-50", "cn-50", "ct-50"])
        await team.finish()
    }

    @Test func theTeamsRulesAboutReferralsAndHandoversHold() async throws {
        let team = try await HubTeam.make()
        try await team.seed()
        let first = try await team.push([
            HubTeam.change("referral", "r-1", case: HubTeam.caraCase, row: referral(team, "r-1"), clock: 100),
            HubTeam.change("referral", "r-2", case: HubTeam.caraCase, row: referral(team, "r-2"), clock: 101),
            move(team, "rs-1", of: "r-1", to: "accepted", clock: 102),
            move(team, "rs-2", of: "r-1", to: "sent", clock: 103),
            HubTeam.change("referral", "r-1", case: HubTeam.caraCase, op: "update",
                           row: referral(team, "r-1", ["override_by": HubTeam.caraId, "override_reason": "urgent"]),
                           base: ["override_by": NSNull(), "override_reason": NSNull()], clock: 104),
        ], as: team.cara)
        #expect(first.applied == 1 && first.refused.count == 4)
        #expect(first.reason(for: "r-2") == "the case already has an open referral; close it before flagging another")
        #expect(first.reason(for: "rs-1") == "a flagged referral cannot become accepted; it can move to sent, closed")
        #expect(first.reason(for: "rs-2")?.hasPrefix("a referral is sent only once the family's consent is recorded") == true)
        #expect(first.reason(for: "r-1") == "only a supervisor can send a referral without the family's consent")
        let consented = try await team.push([
            HubTeam.change("referral", "r-1", case: HubTeam.caraCase, op: "update",
                           row: referral(team, "r-1", ["consent_id": "cn-1"]), base: ["consent_id": NSNull()], clock: 110),
            move(team, "rs-3", of: "r-1", to: "sent", clock: 111),
            move(team, "rs-4", of: "r-1", to: "flagged", clock: 112),
        ], as: team.cara)
        #expect(consented.applied == 2 && consented.reason(for: "rs-4")?.hasPrefix("a sent referral cannot become flagged") == true)
        #expect(try await team.run("SELECT status FROM hub_referral", as: team.cara) == ["sent"])

        // One pending handover a case; its receiver may see the case while it waits.
        func handover(_ id: String, clock: Int) -> String {
            HubTeam.change("handover", id, case: HubTeam.caraCase, row: HubTeam.row(id, by: HubTeam.caraId, on: team.device(team.cara), [
                "case_id": HubTeam.caraCase, "from_worker_id": HubTeam.caraId, "to_worker_id": HubTeam.bobId,
                "summary": "Over to Bob", "status": "pending", "accepted_by": NSNull(), "signed_off_by": NSNull()]), clock: clock)
        }
        let handing = try await team.push([handover("h-1", clock: 120), handover("h-2", clock: 121)], as: team.cara)
        #expect(handing.applied == 1 && handing.reason(for: "h-2") == "the case already has a handover waiting to be accepted")
        #expect(try await team.run("SELECT case_id FROM hub_reveal ORDER BY change_seq", as: team.bob)
                == [HubTeam.bobCase, HubTeam.caraCase])
        // Bob takes it by accepting: the handover marked accepted first, then his assignment.
        let accepting = try await team.push([
            HubTeam.change("handover", "h-1", case: HubTeam.caraCase, op: "update", row: [
                "id": "h-1", "status": "accepted", "accepted_by": HubTeam.bobId], base: ["status": "pending", "accepted_by": NSNull()],
                           clock: 130),
            assignment(team, "as-50", to: HubTeam.bobId, kind: "handover", by: team.bob, handover: "h-1", clock: 131),
            assignment(team, "as-51", to: HubTeam.bobId, kind: "handover", by: team.bob, handover: "h-1", clock: 132),
        ], as: team.bob)
        #expect(accepting.applied == 2 && accepting.reason(for: "as-51") == "no handover of this case to you is waiting")
        #expect(try await team.admin("SELECT holder FROM hub_case WHERE case_id = '\(HubTeam.caraCase)'") == [HubTeam.bobId])
        #expect(try await team.admin("SELECT count(*)::text FROM hub_reveal WHERE worker_id = '\(HubTeam.bobId)'") == ["2"])
        await team.finish()
    }

    @Test func twoLaptopsLeaseReferenceBlocksThatNeverOverlap() async throws {
        let team = try await HubTeam.make()
        try await team.seed()
        async let forCara = team.run("SELECT hub_lease_references(\(team.device(team.cara)), 2026, 10)::text", as: team.cara)
        async let forBob = team.run("SELECT hub_lease_references(\(team.device(team.bob)), 2026, 10)::text", as: team.bob)
        let blocks = try await [forCara, forBob].map { try HubTeam.object($0.first ?? "") }
        let ranges = blocks.map { ($0["first"] as? Int ?? 0)...($0["last"] as? Int ?? 0) }
        #expect(ranges.allSatisfy { $0.count == 10 && $0.lowerBound >= 3 })  // after the seed's C-2026-00002
        #expect(!ranges[0].overlaps(ranges[1]))
        let next = try HubTeam.object(try await team.run(
            "SELECT hub_lease_references(\(team.device(team.cara)), 2027, 5)::text", as: team.cara).first ?? "")
        #expect(next["first"] as? Int == 1 && next["last"] as? Int == 5)
        #expect(try await team.admin("SELECT count(*)::text FROM hub_reference_lease") == ["3"])
        // A reference beyond every block (made before the hub knew the
        // laptop) is never handed out again either.
        let reply = try await team.push([
            HubTeam.change("case_file", "c-0040", case: "c-0040", row: HubTeam.row("c-0040", by: HubTeam.caraId,
                on: team.device(team.cara), ["reference": "C-2026-00040", "status": "open", "level": 1]), clock: 100),
        ], as: team.cara)
        #expect(reply.applied == 1, "\(reply.refusals)")
        let after = try HubTeam.object(try await team.run(
            "SELECT hub_lease_references(\(team.device(team.cara)), 2026, 10)::text", as: team.cara).first ?? "")
        #expect(after["first"] as? Int == 41)
        // A laptop leases only for itself.
        await #expect {
            _ = try await team.run("SELECT hub_lease_references(\(team.device(team.cara)), 2026, 10)::text", as: team.bob)
        } throws: { serverMessage($0).contains("is not registered with the hub as \(team.bob)") }
        await team.finish()
    }
}
