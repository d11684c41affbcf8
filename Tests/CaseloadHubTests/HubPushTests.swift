import Foundation
import PostgresNIO
import Testing
@testable import CaseloadHub

/// How hub_push merges a laptop's changes with what the hub has: a batch
/// sent again changes nothing, an edit from what the hub has is taken, two
/// laptops' edits of one field keep the later and record the other as a
/// conflict, and fields that go together are compared and taken together.
@Suite struct HubPushTests {
    static let closure = ["status", "closed_on", "closure_reason", "outcome"]

    func action(_ team: HubTeam, _ id: String, _ fields: [String: Any]) -> [String: Any] {
        HubTeam.row(id, by: HubTeam.caraId, on: team.device(team.cara), [
            "case_id": HubTeam.caraCase, "description": "Ring school", "status": "open", "due_on": NSNull(),
        ].merging(fields) { _, new in new })
    }

    func field(_ team: HubTeam, _ table: String, _ id: String, _ name: String) async throws -> String {
        try await team.admin("SELECT coalesce(data->>'\(name)', 'NULL') FROM hub_record WHERE tbl = '\(table)' AND id = '\(id)'")
            .first ?? "missing"
    }

    func conflicts(_ team: HubTeam) async throws -> [[String: Any]] {
        try await team.admin("SELECT data::text FROM hub_record WHERE tbl = 'sync_conflict' ORDER BY data->>'created_at', id")
            .map { try HubTeam.object($0) }
    }

    @Test func aBatchSentTwiceChangesNothingTheSecondTime() async throws {
        let team = try await HubTeam.make()
        try await team.seed()
        let device = team.device(team.cara)
        let batch = [
            HubTeam.change("contact", "ct-10", case: HubTeam.caraCase, row: HubTeam.row("ct-10", by: HubTeam.caraId, on: device, [
                "case_id": HubTeam.caraCase, "worker_id": HubTeam.caraId, "summary": "Phoned mum"]), clock: 100),
            HubTeam.change("action", "act-1", case: HubTeam.caraCase, row: action(team, "act-1", [:]), clock: 101),
            HubTeam.change("case_file", HubTeam.caraCase, case: HubTeam.caraCase, op: "update",
                           row: ["id": HubTeam.caraCase, "level": 3], base: ["level": 2], clock: 102),
        ]
        let first = try await team.push(batch, as: team.cara)
        #expect(first.applied == 3 && first.refused.isEmpty && first.conflicts == 0, "\(first.refusals)")
        let stamps = "SELECT tbl || ' ' || id || ' ' || change_seq FROM hub_record ORDER BY tbl, id"
        let before = try await team.admin(stamps)
        let second = try await team.push(batch, as: team.cara)
        #expect(second.applied == 0 && second.unchanged == 3 && second.conflicts == 0 && second.refused.isEmpty)
        #expect(try await team.admin(stamps) == before)
        #expect(try await field(team, "case_file", HubTeam.caraCase, "level") == "3")
        await team.finish()
    }

    @Test func twoLaptopsEditingOneFieldKeepTheLaterAndRecordTheOther() async throws {
        let team = try await HubTeam.make()
        try await team.seed()
        _ = try await team.register(team.supervisor, store: "store-1")
        _ = try await team.push([HubTeam.change("action", "act-1", case: HubTeam.caraCase, row: action(team, "act-1", [:]),
                                                clock: 100)], as: team.cara)
        // The supervisor's edit is the later (clock 300) but reaches the hub first.
        let theirs = try await team.push([HubTeam.change(
            "action", "act-1", case: HubTeam.caraCase, op: "update", row: action(team, "act-1", ["description": "Ring the head"]),
            base: ["description": "Ring school"], clock: 300)], as: team.supervisor)
        #expect(theirs.applied == 1 && theirs.conflicts == 0)
        let mine = HubTeam.change("action", "act-1", case: HubTeam.caraCase, op: "update",
                                  row: action(team, "act-1", ["description": "Email school"]),
                                  base: ["description": "Ring school"], clock: 200)
        let reply = try await team.push([mine], as: team.cara)
        #expect(reply.applied == 0 && reply.unchanged == 1 && reply.conflicts == 1)
        #expect(try await field(team, "action", "act-1", "description") == "Ring the head")
        let recorded = try await conflicts(team)
        #expect(recorded.count == 1)
        let conflict = try #require(recorded.first)
        #expect(conflict["table_name"] as? String == "action" && conflict["record_id"] as? String == "act-1")
        #expect(conflict["case_id"] as? String == HubTeam.caraCase && conflict["fields"] as? String == "description")
        #expect(conflict["kept"] as? String == "\"Ring the head\"" && conflict["lost"] as? String == "\"Email school\"")
        #expect(conflict["kept_clock"] as? Int == HubTeam.epoch + 300 && conflict["lost_clock"] as? Int == HubTeam.epoch + 200)
        #expect(conflict["kept_device"] as? String == team.device(team.supervisor))
        #expect(conflict["lost_device"] as? String == team.device(team.cara))
        #expect(conflict["lost_by"] as? String == HubTeam.caraId && conflict["resolved_at"] is NSNull)
        // Sent again (its reply lost): the conflict is not recorded twice.
        #expect(try await team.push([mine], as: team.cara).conflicts == 0)
        #expect(try await conflicts(team).count == 1)
        // The caseworker sees the conflict: it is on her case.
        #expect(try await team.run("SELECT count(*)::text FROM hub_record WHERE tbl = 'sync_conflict'", as: team.cara) == ["1"])

        // Now the later edit arrives last: it wins, and the supervisor's is the one kept aside.
        _ = try await team.push([HubTeam.change(
            "action", "act-1", case: HubTeam.caraCase, op: "update", row: action(team, "act-1", ["due_on": "2026-04-01"]),
            base: ["due_on": NSNull()], clock: 400)], as: team.supervisor)
        let later = try await team.push([HubTeam.change(
            "action", "act-1", case: HubTeam.caraCase, op: "update", row: action(team, "act-1", ["due_on": "2026-05-01"]),
            base: ["due_on": NSNull()], clock: 500)], as: team.cara)
        #expect(later.applied == 1 && later.conflicts == 1)
        #expect(try await field(team, "action", "act-1", "due_on") == "2026-05-01")
        let second = try #require(try await conflicts(team).last)
        #expect(second["kept"] as? String == "\"2026-05-01\"" && second["lost"] as? String == "\"2026-04-01\"")
        #expect(second["lost_by"] as? String == HubTeam.supervisorId && second["lost_clock"] as? Int == HubTeam.epoch + 400)
        await team.finish()
    }

    @Test func anEditFromWhatTheHubHasIsTakenWithoutAConflict() async throws {
        let team = try await HubTeam.make()
        try await team.seed()
        _ = try await team.register(team.supervisor, store: "store-1")
        _ = try await team.push([HubTeam.change("action", "act-1", case: HubTeam.caraCase, row: action(team, "act-1", [:]),
                                                clock: 100)], as: team.cara)
        _ = try await team.push([HubTeam.change(
            "action", "act-1", case: HubTeam.caraCase, op: "update", row: action(team, "act-1", ["due_on": "2026-04-01"]),
            base: ["due_on": NSNull()], clock: 150)], as: team.supervisor)
        // Her laptop has not seen the due date yet: her row still says none,
        // but she changed only the description, so the due date stands.
        let reply = try await team.push([HubTeam.change(
            "action", "act-1", case: HubTeam.caraCase, op: "update", row: action(team, "act-1", ["description": "Visit"]),
            base: ["description": "Ring school"], clock: 120)], as: team.cara)
        #expect(reply.applied == 1 && reply.conflicts == 0)
        #expect(try await field(team, "action", "act-1", "description") == "Visit")
        #expect(try await field(team, "action", "act-1", "due_on") == "2026-04-01")
        #expect(try await team.admin("SELECT clocks->>'description' FROM hub_record WHERE id = 'act-1'")
                == ["[\(HubTeam.epoch + 120), \"\(team.device(team.cara))\"]"])
        #expect(try await conflicts(team).isEmpty)
        await team.finish()
    }

    @Test func aClosuresFieldsAreComparedAndTakenAsOne() async throws {
        let team = try await HubTeam.make()
        try await team.seed()
        _ = try await team.register(team.supervisor, store: "store-1")
        let open: [String: Any] = ["status": "open", "closed_on": NSNull(), "closure_reason": NSNull(), "outcome": NSNull()]
        let closed: [String: Any] = ["id": HubTeam.caraCase, "status": "closed", "closed_on": "2026-03-10",
                                     "closure_reason": "moved away", "outcome": "transferred", "level": 2]
        let closing = try await team.push([HubTeam.change(
            "case_file", HubTeam.caraCase, case: HubTeam.caraCase, op: "update", row: closed, base: open,
            groups: [Self.closure], clock: 600)], as: team.supervisor)
        #expect(closing.applied == 1 && closing.conflicts == 0)
        // Meanwhile (earlier by the clock) she made it inactive and raised its level.
        let inactive: [String: Any] = ["id": HubTeam.caraCase, "status": "inactive", "closed_on": NSNull(),
                                       "closure_reason": NSNull(), "outcome": NSNull(), "level": 3]
        let reply = try await team.push([HubTeam.change(
            "case_file", HubTeam.caraCase, case: HubTeam.caraCase, op: "update", row: inactive,
            base: ["status": "open", "level": 2], groups: [Self.closure], clock: 550)], as: team.cara)
        #expect(reply.applied == 1 && reply.conflicts == 1)
        let data = try HubTeam.object(try await team.admin(
            "SELECT data::text FROM hub_record WHERE tbl = 'case_file' AND id = '\(HubTeam.caraCase)'").first ?? "")
        #expect(data["status"] as? String == "closed" && data["closed_on"] as? String == "2026-03-10")
        #expect(data["closure_reason"] as? String == "moved away" && data["outcome"] as? String == "transferred")
        #expect(data["level"] as? Int == 3)
        let conflict = try #require(try await conflicts(team).first)
        #expect(conflict["fields"] as? String == Self.closure.joined(separator: ","))
        let kept = try HubTeam.object(conflict["kept"] as? String ?? "")
        let lost = try HubTeam.object(conflict["lost"] as? String ?? "")
        #expect(kept["status"] as? String == "closed" && kept["outcome"] as? String == "transferred")
        #expect(lost["status"] as? String == "inactive" && lost["closed_on"] is NSNull && lost.count == 4)
        await team.finish()
    }
}
