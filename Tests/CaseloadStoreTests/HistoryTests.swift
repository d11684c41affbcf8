import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

@Suite struct HistoryTests {
    @Test(arguments: Schema.appendOnlyTables)
    func appendOnlyTablesRefuseUpdatesAndDeletes(table: String) throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        try f.store.addContact(to: reference, NewContact(mode: "phone-in", summary: "A call."), by: f.amira)
        try f.store.write { db in
            let caseId = try String.fetchOne(db, sql: "SELECT id FROM case_file")!
            let common = "'2026-01-01', 'device'"
            try db.execute(sql: """
                INSERT INTO consent (id, case_id, given_by, given_by_role, scope, method, status, given_on, created_at, device_id)
                VALUES ('c1', '\(caseId)', 'Mum', 'parent-carer', 'sharing', 'verbal', 'given', '2026-01-01', \(common));
                INSERT INTO referral (id, case_id, reasons, narrative, urgency, status, created_at, device_id, updated_at)
                VALUES ('r1', '\(caseId)', '[]', 'n', 'routine', 'flagged', \(common), '2026-01-01');
                INSERT INTO referral_status_change (id, referral_id, status, created_at, device_id) VALUES ('s1', 'r1', 'flagged', \(common));
                INSERT INTO safeguarding (id, case_id, occurred_at, told, created_at, device_id) VALUES ('g1', '\(caseId)', '2026-01-01', 'front door', \(common));
                INSERT INTO handover_note (id, case_id, text, created_at, device_id) VALUES ('n1', '\(caseId)', 'note', \(common));
                INSERT INTO safeguarding_review (id, safeguarding_id, created_at, device_id) VALUES ('v1', 'g1', \(common));
                INSERT INTO field_change (id, case_id, field, old_value, new_value, created_at, device_id)
                VALUES ('f1', '\(caseId)', 'level', '2', '4', \(common));
                """)
        }
        #expect(try f.count(table) > 0, "the test needs a row in \(table)")
        // The database itself refuses, whoever writes the SQL.
        let update = #expect(throws: CaseloadError.self) {
            try f.store.write { try $0.execute(sql: "UPDATE \(table) SET device_id = device_id") }
        }
        #expect(update?.kind == .conflict && update?.message.contains("is append-only history") == true)
        #expect(throws: CaseloadError.self) {
            try f.store.write { try $0.execute(sql: "DELETE FROM \(table)") }
        }
    }

    @Test func aContactCannotBeEditedInPlaceButCanBeAmended() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        let original = try f.store.addContact(to: reference, NewContact(mode: "phone-in", summary: "Mum called about transport."),
                                              by: f.amira).id
        let error = #expect(throws: CaseloadError.self) {
            try f.store.write { try $0.execute(sql: "UPDATE contact SET summary = 'rewritten' WHERE id = ?", arguments: [original]) }
        }
        #expect(error?.message.contains("contact is append-only history: add a correcting entry instead") == true)
        var amendment = NewContact(mode: "phone-in", summary: "Correction: it was Dad who called.")
        amendment.amends = original
        try f.store.addContact(to: reference, amendment, by: f.amira)
        let timeline = try f.store.caseDetail(reference, by: f.amira).timeline.filter { $0.kind == .contact }
        #expect(timeline.count == 2)
        #expect(timeline.contains { $0.text == "Mum called about transport." })
        #expect(timeline.contains { $0.amends == original && $0.title.contains("correcting the contact of") })
        #expect(timeline.contains { $0.id == original && $0.title.contains("(corrected on") }, "the original points to its correction")
    }

    @Test func aHandoverSummaryIsNeverRewritten() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        try f.store.write { db in
            let caseId = try String.fetchOne(db, sql: "SELECT id FROM case_file WHERE reference = ?", arguments: [reference])!
            try db.execute(sql: """
                INSERT INTO handover (id, case_id, from_worker_id, to_worker_id, summary, status, created_at, device_id, updated_at)
                VALUES ('h1', ?, ?, ?, 'Original summary', 'pending', '2026-01-01', 'd', '2026-01-01')
                """, arguments: [caseId, f.amira.workerId, f.ben.workerId])
        }
        #expect(throws: CaseloadError.self) {
            try f.store.write { try $0.execute(sql: "UPDATE handover SET summary = 'changed' WHERE id = 'h1'") }
        }
        // Its status may still move on.
        try f.store.write { try $0.execute(sql: "UPDATE handover SET status = 'accepted' WHERE id = 'h1'") }
    }

    @Test func everyRowRecordsWhoWhenAndWhichDevice() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        var contact = NewContact(mode: "email-in", summary: "Email from school.")
        contact.followUp = try f.store.today.adding(days: 7)
        try f.store.addContact(to: reference, contact, by: f.amira)
        try f.store.read { db in
            for table in ["case_file", "person", "case_party", "contact", "action", "assignment", "audit_event"] {
                let column = table == "audit_event" ? "worker_id" : "created_by"
                let time = table == "audit_event" ? "at" : "created_at"
                let missing = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM \(table) WHERE \(column) IS NULL OR \(time) IS NULL OR device_id != ?
                    """, arguments: [f.store.deviceId])
                #expect(missing == 0, "\(table) has rows without provenance")
            }
        }
    }

    @Test func idsAreTimeOrderedUUIDs() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        _ = try f.openCase()
        let ids = try f.store.read { try String.fetchAll($0, sql: "SELECT id FROM audit_event ORDER BY seq") }
        #expect(ids.count >= 4)
        for id in ids {
            #expect(id.count == 36)
            #expect(Array(id)[14] == "7", "\(id) is not a version 7 UUID")
        }
        #expect(ids == ids.sorted())
    }

    @Test func derivedColumnsFollowContactsAndKeyDates() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        f.store.now = { Date(timeIntervalSince1970: 1_790_000_000) } // 22/09/2026
        var early = NewContact(mode: "phone-in", summary: "First call.")
        early.occurredAt = Date(timeIntervalSince1970: 1_780_000_000)
        try f.store.addContact(to: reference, early, by: f.amira)
        var late = NewContact(mode: "phone-out", summary: "Second call.")
        late.occurredAt = Date(timeIntervalSince1970: 1_785_000_000)
        try f.store.addContact(to: reference, late, by: f.amira)
        try f.store.addKeyDate(to: reference, rule: .ehcFinalPlan, from: Day(year: 2026, month: 9, day: 1)!, by: f.amira)
        try f.store.addKeyDate(to: reference, rule: .ehcDecision, from: Day(year: 2026, month: 9, day: 1)!, by: f.amira)
        let row = try #require(try f.store.cases(scope: .mine, by: f.amira).first)
        #expect(row.lastContactAt == Date(timeIntervalSince1970: 1_785_000_000))
        #expect(row.nextDueOn == Day(year: 2026, month: 10, day: 13)) // 6 weeks after 01/09/2026
    }
}
