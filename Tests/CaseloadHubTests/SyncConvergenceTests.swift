import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadHub
@testable import CaseloadStore

/// Many random interleavings of work offline and syncs on three stores (the
/// office and two caseworkers' laptops): contacts, field edits,
/// reassignments and handovers. However they fall, once everyone has synced
/// the stores agree and every record made anywhere is there.
@Suite(.serialized) struct SyncConvergenceTests {
    @Test(arguments: [3, 17, 29]) func threeStoresConvergeWithEveryRecordPresent(seed: UInt64) async throws {
        let t = try await SyncTeam.make()
        defer { Task { await t.finish() } }
        for n in 0..<4 { _ = try t.openCase("Child \(n)", for: n % 2 == 0 ? t.team.cara : t.team.bob) }
        try await t.sync(t.office, as: t.team.supervisor)
        let laptops = [t.team.cara: try await t.laptop(t.team.cara), t.team.bob: try await t.laptop(t.team.bob)]
        let logins = [t.team.cara, t.team.bob]
        var random = SeededRandom(seed: seed)
        var made: Set<String> = []

        func held(_ store: Store, by login: String) throws -> [String] {
            try store.read {
                try String.fetchAll($0, sql: """
                    SELECT c.reference FROM case_file c JOIN worker w ON w.id = c.worker_id WHERE w.login = ? ORDER BY c.reference
                    """, arguments: [login])
            }
        }

        for step in 0..<40 {
            let login = random.pick(logins), laptop = laptops[login]!
            let actor = try t.actor(laptop, login)
            let mine = try held(laptop, by: login)
            switch random.below(7) {
            case 0, 1:
                guard let reference = mine.isEmpty ? nil : random.pick(mine) else { continue }
                made.insert(try laptop.addContact(to: reference, NewContact(mode: "phone-out", summary: "Step \(step)"),
                                                  by: actor).id)
            case 2:
                guard let reference = mine.isEmpty ? nil : random.pick(mine) else { continue }
                _ = try? laptop.editPerson(reference, person: "child", PersonEdit(fields: [.language: "Language \(step)"]), by: actor)
            case 3:
                let all = try t.office.read { try String.fetchAll($0, sql: "SELECT reference FROM case_file ORDER BY reference") }
                _ = try? t.office.editPerson(random.pick(all), person: "child", PersonEdit(fields: [.language: "Office \(step)"]),
                                             by: t.sue)
            case 4:
                let all = try t.office.read { try String.fetchAll($0, sql: "SELECT reference FROM case_file ORDER BY reference") }
                _ = try? t.office.reassign([random.pick(all)], toLogin: random.pick(logins), reason: "Step \(step)", by: t.sue)
            case 5:
                guard let reference = mine.isEmpty ? nil : random.pick(mine) else { continue }
                let other = logins.first { $0 != login }!
                _ = try? laptop.handOver([reference], toLogin: other, summary: "Handing over at step \(step)", by: actor)
            default:
                let waiting = try laptop.read { db in
                    try String.fetchAll(db, sql: """
                        SELECT c.reference FROM handover h JOIN case_file c ON c.id = h.case_id JOIN worker w ON w.id = h.to_worker_id
                        WHERE h.status = 'pending' AND w.login = ?
                        """, arguments: [login])
                }
                if !waiting.isEmpty { _ = try? laptop.acceptHandover(waiting, by: actor) }
            }
            // Now and then a store syncs.
            if random.chance(0.4) {
                if random.chance(0.3) {
                    try await t.sync(t.office, as: t.team.supervisor)
                } else {
                    try await t.sync(laptop, as: login)
                }
            }
        }
        // Everyone syncs until nothing moves.
        for _ in 0..<3 {
            for login in logins { try await t.sync(laptops[login]!, as: login) }
            try await t.sync(t.office, as: t.team.supervisor)
        }

        // The walk did real work: contacts, and cases that changed hands.
        #expect(made.count >= 5)
        #expect(try SyncTeam.count(t.office, "SELECT count(*) FROM assignment WHERE kind IN ('reassignment', 'handover')") >= 2)
        let officeContacts = Set(try t.office.read { try String.fetchAll($0, sql: "SELECT id FROM contact") })
        #expect(officeContacts.isSuperset(of: made))
        let hubContacts = try await t.team.admin("SELECT id FROM hub_record WHERE tbl = 'contact'")
        #expect(Set(hubContacts) == officeContacts && hubContacts.count == officeContacts.count)
        let summary = """
            SELECT c.reference, w.login, c.level, c.status, p.language,
                   (SELECT count(*) FROM contact t WHERE t.case_id = c.id),
                   (SELECT count(*) FROM assignment a WHERE a.case_id = c.id)
            FROM case_file c LEFT JOIN worker w ON w.id = c.worker_id LEFT JOIN person p ON p.id = c.subject_id
            WHERE c.reference = ?
            """
        let references = try t.office.read { try String.fetchAll($0, sql: "SELECT reference FROM case_file ORDER BY reference") }
        for reference in references {
            let office = try t.office.read { try Row.fetchOne($0, sql: summary, arguments: [reference]) }
            let holder: String? = office?[1]
            guard let holder, let laptop = laptops[holder] else { continue }
            let theirs = try laptop.read { try Row.fetchOne($0, sql: summary, arguments: [reference]) }
            #expect(theirs == office, "\(reference) held by \(holder): office \(String(describing: office)), laptop \(String(describing: theirs))")
        }
        // A laptop holds no case of the other worker's but those it keeps for a refused change.
        for login in logins {
            let laptop = laptops[login]!
            let others = try laptop.read { db in
                try String.fetchAll(db, sql: """
                    SELECT c.reference FROM case_file c JOIN worker w ON w.id = c.worker_id
                    WHERE w.login != ? AND NOT EXISTS (SELECT 1 FROM sync_refused r WHERE r.case_id = c.id)
                      AND NOT EXISTS (SELECT 1 FROM handover h JOIN worker x ON x.id = h.to_worker_id
                                      WHERE h.case_id = c.id AND h.status = 'pending' AND x.login = ?)
                    """, arguments: [login, login])
            }
            #expect(others.isEmpty, "\(login)'s laptop still holds \(others)")
        }
    }
}
