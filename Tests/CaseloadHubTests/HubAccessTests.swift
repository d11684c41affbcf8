import CaseloadCore
import Foundation
import PostgresNIO
import Testing
@testable import CaseloadHub

/// Who may use the hub and what each login sees, against the real server:
/// logins made by hub_grant connect with their own password (SCRAM), a
/// revoked login is refused everywhere and sees nothing, the first
/// supervisor's laptop seeds the hub, and the server itself keeps a
/// caseworker's rows to the cases they may see.
@Suite struct HubAccessTests {
    @Test func aGrantedLoginConnectsWithItsPasswordUntilItIsRevoked() async throws {
        let team = try await HubTeam.make()
        try await team.seed()
        let whoami = try HubTeam.object(try await team.run("SELECT hub_whoami()::text", as: team.cara).first ?? "")
        #expect(whoami["role"] as? String == "caseworker" && whoami["granted"] as? Bool == true)
        #expect(whoami["login"] as? String == team.cara && whoami["worker_id"] as? String == HubTeam.caraId)
        await #expect {
            _ = try await team.server.rows("SELECT 1::text", database: team.address.database, login: team.cara,
                                           password: "not-her-password")
        } throws: { serverState($0) == "28P01" }
        #expect(try await team.run("SELECT count(*)::text FROM hub_record", as: team.cara) != ["0"])

        try await team.hub.revoke(login: team.cara, adminPassword: team.server.password)
        let ended = "your access to this hub was ended on"
        await #expect { _ = try await team.register(team.cara, store: nil) } throws: { serverMessage($0).hasPrefix(ended) }
        let contact = HubTeam.change("contact", "ct-late", case: HubTeam.caraCase, row: HubTeam.row(
            "ct-late", by: HubTeam.caraId, on: team.device(team.cara), ["case_id": HubTeam.caraCase, "summary": "Late"]),
                                     clock: 100)
        await #expect { _ = try await team.push([contact], as: team.cara) } throws: { serverMessage($0).hasPrefix(ended) }
        for table in ["hub_record", "hub_case", "hub_access", "hub_person_case", "hub_worker", "hub_login", "hub_device"] {
            #expect(try await team.run(PostgresQuery(unsafeSQL: "SELECT count(*)::text FROM \(table)"), as: team.cara) == ["0"],
                    "\(table)")
        }
        let after = try HubTeam.object(try await team.run("SELECT hub_whoami()::text", as: team.cara).first ?? "")
        #expect(after["granted"] as? Bool == false && after["revoked_at"] is String)

        // Granted again, with a password of the administrator's choosing.
        let again = try await team.hub.grant(login: team.cara, role: .caseworker, password: "a-new-secret",
                                             adminPassword: team.server.password)
        #expect(again == "a-new-secret")
        #expect(try await team.server.rows("SELECT count(*)::text FROM hub_record", database: team.address.database,
                                           login: team.cara, password: again) != ["0"])
        await team.finish()
    }

    @Test func grantAndRevokeRefuseWhatTheyCannotDoInPlainWords() async throws {
        let team = try await HubTeam.make()
        let hub = team.hub, admin = team.server.password
        for bad in ["Cara", "pg_cara", "", "cara smith", String(repeating: "a", count: 64)] {
            await #expect(throws: CaseloadError.self, "\(bad)") {
                _ = try await hub.grant(login: bad, role: .caseworker, password: nil, adminPassword: admin)
            }
        }
        // The server's own administrator is never taken over.
        await #expect {
            _ = try await hub.grant(login: team.server.base.user, role: .supervisor, password: nil, adminPassword: admin)
        } throws: { ($0 as? CaseloadError)?.message.contains("administrative") == true }
        await #expect {
            try await hub.revoke(login: "nobody-" + team.cara, adminPassword: admin)
        } throws: { ($0 as? CaseloadError)?.message.contains("has no access to this hub") == true }
        // A worker's login may not grant.
        await #expect {
            _ = try await team.run("SELECT hub_grant('mallory', 'supervisor', 'password1')::text", as: team.cara)
        } throws: { serverState($0) == "42501" }
        #expect(Hub.newPassword().count == 20 && Hub.newPassword() != Hub.newPassword())
        #expect(Hub.newPassword().allSatisfy { $0.isLetter || $0.isNumber })
        await team.finish()
    }

    @Test func theFirstSupervisorSeedsTheHubAndOthersJoinIt() async throws {
        let team = try await HubTeam.make()
        // Nothing to join yet, and a caseworker cannot be the first.
        await #expect { _ = try await team.register(team.cara, store: nil) } throws: {
            serverMessage($0).contains("a supervisor's laptop must sync first")
        }
        await #expect { _ = try await team.register(team.cara, store: "store-1") } throws: {
            serverMessage($0).contains("a supervisor's laptop must sync first")
        }
        let seed = try await team.register(team.supervisor, store: "store-1")
        #expect(seed["store_id"] as? String == "store-1" && seed["seeding"] as? Bool == true)
        #expect(try await team.admin("SELECT value FROM hub_info WHERE key = 'store_id'") == ["store-1"])
        // Registering again (a retry) still says it is seeding, until it says it is done.
        #expect(try await team.register(team.supervisor, store: "store-1")["seeding"] as? Bool == true)
        _ = try await team.run("SELECT hub_seeded(\(team.device(team.supervisor)))::text", as: team.supervisor)
        #expect(try await team.register(team.supervisor, store: "store-1")["seeding"] as? Bool == false)

        await #expect { _ = try await team.register(team.bob, store: "store-2") } throws: {
            serverMessage($0).contains("did not come from this hub")
        }
        let joined = try await team.register(team.cara, store: nil)
        #expect(joined["store_id"] as? String == "store-1" && joined["seeding"] as? Bool == false)
        // A laptop belongs to one login.
        await #expect {
            _ = try await team.run("SELECT hub_register_device(\(team.device(team.cara)), NULL)::text", as: team.bob)
        } throws: { serverMessage($0).contains("under another login") }
        #expect(try await team.admin("SELECT login || ' ' || seeding FROM hub_device ORDER BY login")
                == ["\(team.cara) false", "\(team.supervisor) false"])
        await team.finish()
    }

    @Test func aCaseworkerSeesOnlyTheirCasesAndTheirPeopleOnEveryTable() async throws {
        let team = try await HubTeam.make()
        try await team.seed()
        let tables = Set(try await team.run("""
            SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND has_table_privilege(c.oid, 'SELECT')
            """, as: team.cara))
        #expect(tables == Set(HubSchema.workerReadable))
        let hidden = [HubTeam.bobCase, HubTeam.bobPerson]
        var seen = 0
        for table in tables.sorted() {
            let rows = try await team.run(PostgresQuery(unsafeSQL: "SELECT row_to_json(t)::text FROM \(table) t"), as: team.cara)
            seen += rows.count
            for row in rows {
                #expect(!hidden.contains { row.contains($0) }, "\(table): \(row)")
            }
        }
        #expect(seen > 0)
        // Her own case, its child and the worker list are there.
        #expect(try await team.run("SELECT id FROM hub_record WHERE tbl = 'worker' ORDER BY id", as: team.cara)
                == [HubTeam.bobId, HubTeam.caraId, HubTeam.supervisorId])
        #expect(try await team.run("SELECT id FROM hub_record WHERE tbl IN ('case_file', 'person') ORDER BY id", as: team.cara)
                == [HubTeam.caraCase, HubTeam.caraPerson])
        #expect(try await team.run("SELECT case_id FROM hub_reveal", as: team.cara) == [HubTeam.caraCase])
        // A supervisor sees both.
        #expect(try await team.run("SELECT id FROM hub_record WHERE tbl IN ('case_file', 'person') ORDER BY id",
                                   as: team.supervisor)
                == [HubTeam.caraCase, HubTeam.bobCase, HubTeam.caraPerson, HubTeam.bobPerson])
        #expect(try await team.run("SELECT count(*)::text FROM hub_login", as: team.supervisor) == ["3"])
        // Nothing is written but through hub_push.
        for statement in [
            "INSERT INTO hub_record (tbl, id, data, clock, device_id, login) VALUES ('contact', 'x', '{}', 1, 'd', 'l')",
            "UPDATE hub_record SET data = '{}' WHERE tbl = 'case_file'",
            "DELETE FROM hub_record",
            "INSERT INTO hub_access (case_id, worker_id) VALUES ('\(HubTeam.bobCase)', '\(HubTeam.caraId)')",
            "UPDATE hub_login SET role = 'supervisor'",
        ] {
            await #expect("\(statement)") {
                _ = try await team.run(PostgresQuery(unsafeSQL: statement), as: team.cara)
            } throws: { serverState($0) == "42501" }
        }
        await team.finish()
    }
}
