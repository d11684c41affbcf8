import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

/// Recording what happened on a case: each event adds every date that
/// follows, and a later event replaces the open dates it settles while met,
/// missed and replaced dates stay on the case.
@Suite struct KeyDateTests {
    private func day(_ text: String) -> Day { try! Day.parse(text) }

    private func entry(_ subject: KeyDateSubject, _ on: String, letter: String? = nil) -> KeyDateEntry {
        KeyDateEntry(subject: subject, on: day(on), decisionLetter: letter.map(day))
    }

    private func dates(_ f: StoreFixture, _ reference: String) throws -> [(rule: String, status: String, due: String, event: String?)] {
        try f.store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT k.rule, k.status, k.due_on, k.event FROM key_date k JOIN case_file c ON c.id = k.case_id
                WHERE c.reference = ? ORDER BY k.rowid
                """, arguments: [reference]).map { ($0["rule"], $0["status"], $0["due_on"], $0["event"]) }
        }
    }

    @Test func aDecisionLetterAddsTheAdviserAndTheAppeal() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        let recorded = try f.store.recordKeyDates(on: reference, entry(.event(.decisionLetter), "15/06/2026"), by: f.amira)
        #expect(recorded.deadlines.map(\.due) == [day("15/08/2026"), day("01/09/2026")])
        #expect(recorded.replaced.isEmpty)
        let detail = try f.store.caseDetail(reference, by: f.amira)
        #expect(detail.keyDates.map(\.ruleId) == ["mediation-adviser", "tribunal-appeal"])
        #expect(detail.keyDates.map(\.source) == ["SEND Regulations 2014, reg 33",
                                                   "Tribunal Procedure (HESC) Rules 2008, r 20(1)(c) and r 12"])
        #expect(detail.keyDates.allSatisfy { $0.event == "decision-letter" && $0.status == .open })
        // The case's next key date is the nearer of the two.
        #expect(try f.store.cases(scope: .mine, by: f.amira).first?.nextDueOn == day("15/08/2026"))
        let audit = try f.store.read { db in
            try String.fetchAll(db, sql: "SELECT detail FROM audit_event WHERE action = 'keydate.add' ORDER BY detail")
        }
        #expect(audit == ["mediation-adviser due 2026-08-15", "tribunal-appeal due 2026-09-01"])
    }

    @Test func aCertificateReplacesTheAppealAndSettlesTheAdviserUsingTheLetterOnFile() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        try f.store.recordKeyDates(on: reference, entry(.event(.decisionLetter), "15/06/2026"), by: f.amira)
        // Certificate 10/09/2026: 1 month is Saturday 10/10/2026, so Monday 12/10/2026.
        let recorded = try f.store.recordKeyDates(on: reference, entry(.event(.certificateIssued), "10/09/2026"), by: f.amira)
        #expect(recorded.decisionLetterOnFile == day("15/06/2026"))
        #expect(recorded.deadlines.map(\.due) == [day("12/10/2026")])
        #expect(recorded.replaced.map(\.ruleId).sorted() == ["mediation-adviser", "tribunal-appeal"])

        let rows = try dates(f, reference)
        #expect(rows.filter { $0.status == "open" }.map(\.due) == ["2026-10-12"])
        #expect(rows.filter { $0.status == "replaced" }.count == 2)
        // Replaced dates point at the date that replaced them; nothing is deleted.
        let pointers = try f.store.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM key_date old JOIN key_date new ON new.id = old.replaced_by
                WHERE old.status = 'replaced' AND new.rule = 'tribunal-appeal' AND new.status = 'open'
                """)
        }
        #expect(pointers == 2)
        #expect(try f.store.cases(scope: .mine, by: f.amira).first?.nextDueOn == day("12/10/2026"))
        let detail = try f.store.caseDetail(reference, by: f.amira)
        #expect(detail.keyDates.first?.status == .open, "open dates are listed first")
        #expect(detail.keyDates.filter { $0.status == .replaced }.allSatisfy { $0.replacedBy != nil })
    }

    @Test func aCertificateWithNoLetterOnFileIsRefusedAndChangesNothing() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        do {
            try f.store.recordKeyDates(on: reference, entry(.event(.certificateIssued), "10/09/2026"), by: f.amira)
            Issue.record("a certificate with no decision letter should be refused")
        } catch let error as CaseloadError {
            #expect(error.message.contains("give the date the letter was sent"))
            #expect(error.field == .decisionLetter)
        }
        #expect(try f.count("key_date") == 0)
        // Given the letter, it is recorded.
        let recorded = try f.store.recordKeyDates(on: reference, entry(.event(.certificateIssued), "10/09/2026", letter: "15/06/2026"),
                                                  by: f.amira)
        #expect(recorded.decisionLetterOnFile == nil)
        #expect(recorded.deadlines.first?.anchor == day("15/06/2026"))
    }

    @Test func metAndMissedDatesStayWhenALaterEventComes() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        try f.store.recordKeyDates(on: reference, entry(.event(.planIssued), "15/03/2025"), by: f.amira)
        try f.store.recordKeyDates(on: reference, entry(.event(.reviewMeeting), "10/03/2026"), by: f.amira)
        // The first annual review was replaced by the meeting's next one.
        #expect(try dates(f, reference).filter { $0.rule == "annual-review" }.map(\.status) == ["replaced", "open"])
        // Say the LA decision was met; a new meeting replaces only the open dates.
        try f.store.write { db in
            try db.execute(sql: "UPDATE key_date SET status = 'met' WHERE rule = 'annual-review-decision'")
        }
        let again = try f.store.recordKeyDates(on: reference, entry(.event(.reviewMeeting), "17/03/2026"), by: f.amira)
        #expect(!again.replaced.contains { $0.ruleId == "annual-review-decision" })
        #expect(again.replaced.map(\.ruleId).sorted() == ["annual-review", "annual-review-notice", "annual-review-report",
                                                          "review-amended-plan"])
        let decisions = try dates(f, reference).filter { $0.rule == "annual-review-decision" }
        #expect(decisions.map(\.status) == ["met", "open"])
        let open = try dates(f, reference).filter { $0.status == "open" }
        #expect(open.count == 5)
        #expect(open.allSatisfy { $0.event == "review-meeting" })
        #expect(open.first { $0.rule == "annual-review" }?.due == "2027-03-16")
    }

    @Test func anEarlierEventRecordedLateGoesStraightToTheHistory() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        try f.store.recordKeyDates(on: reference, entry(.event(.reviewMeeting), "20/01/2027"), by: f.amira)
        // The plan of 15/03/2026 is recorded afterwards: its annual review
        // (14/03/2027) is older than the meeting's (19/01/2028), which stays.
        let late = try f.store.recordKeyDates(on: reference, entry(.event(.planIssued), "15/03/2026"), by: f.amira)
        #expect(late.replaced.isEmpty)
        #expect(late.alreadyLater.map(\.due) == [day("19/01/2028")])
        let reviews = try dates(f, reference).filter { $0.rule == "annual-review" }
        #expect(reviews.map(\.status) == ["open", "replaced"])
        #expect(reviews.map(\.due) == ["2028-01-19", "2027-03-14"])
        // A certificate does not settle an adviser's date from a later letter.
        try f.store.recordKeyDates(on: reference, entry(.event(.decisionLetter), "01/12/2026"), by: f.amira)
        let certificate = try f.store.recordKeyDates(on: reference, entry(.event(.certificateIssued), "20/11/2026", letter: "01/10/2026"),
                                                     by: f.amira)
        #expect(certificate.replaced.isEmpty, "the open appeal and adviser dates follow the later letter of 01/12/2026")
        #expect(certificate.alreadyLater.map(\.ruleId) == ["tribunal-appeal"])
        #expect(try dates(f, reference).filter { $0.rule == "mediation-adviser" }.map(\.status) == ["open"])
    }

    @Test func mediationEventsSettleTheDatesTheyEnd() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        try f.store.recordKeyDates(on: reference, entry(.event(.decisionLetter), "15/06/2026"), by: f.amira)
        try f.store.recordKeyDates(on: reference, entry(.event(.mediationRequested), "20/06/2026"), by: f.amira)
        // Mediation ended: no adviser or meeting date is still awaited; the certificate is.
        let ended = try f.store.recordKeyDates(on: reference, entry(.event(.mediationEnded), "10/07/2026"), by: f.amira)
        #expect(ended.replaced.map(\.ruleId).sorted() == ["mediation-meeting"], "the adviser's date went with the request")
        let open = Set(try dates(f, reference).filter { $0.status == "open" }.map(\.rule))
        #expect(open == ["tribunal-appeal", "mediation-certificate"])
        // The certificate ends the wait for itself and moves the appeal.
        let certificate = try f.store.recordKeyDates(on: reference, entry(.event(.certificateIssued), "14/07/2026"), by: f.amira)
        #expect(certificate.replaced.map(\.ruleId).sorted() == ["mediation-certificate", "tribunal-appeal"])
        // Mediation that could not be arranged settles the adviser and the meeting too.
        let other = try f.openCase("Ada Lovelace", for: f.amira)
        try f.store.recordKeyDates(on: other, entry(.event(.mediationRequested), "01/06/2026"), by: f.amira)
        let notArranged = try f.store.recordKeyDates(on: other, entry(.event(.mediationNotArranged), "01/07/2026"), by: f.amira)
        #expect(notArranged.replaced.map(\.ruleId) == ["mediation-meeting"])
    }

    @Test func aCertificateTakesTheLatestLetterNotAfterIt() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        try f.store.recordKeyDates(on: reference, entry(.event(.decisionLetter), "15/06/2026"), by: f.amira)
        try f.store.recordKeyDates(on: reference, entry(.event(.decisionLetter), "01/12/2026"), by: f.amira)
        // A certificate of 20/07/2026 belongs to the June letter, not December's.
        let recorded = try f.store.recordKeyDates(on: reference, entry(.event(.certificateIssued), "20/07/2026"), by: f.amira)
        #expect(recorded.decisionLetterOnFile == day("15/06/2026"))
        #expect(recorded.deadlines.first?.due == day("01/09/2026"))
        #expect(recorded.alreadyLater.map(\.ruleId) == ["tribunal-appeal"], "December's appeal date stays open")
    }

    @Test func aWrongDateIsCancelledWithWhyAndKeptOnTheHistory() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        // Entered with next year by mistake; the right letter, recorded after it, is earlier.
        try f.store.recordKeyDates(on: reference, entry(.event(.decisionLetter), "15/06/2027"), by: f.amira)
        #expect(throws: CaseloadError.self) {
            try f.store.cancelKeyDates(on: reference, rule: .tribunalAppeal, reason: "  ", by: f.amira)
        }
        #expect(throws: CaseloadError.self) {
            try f.store.cancelKeyDates(on: reference, rule: .annualReview, reason: "wrong year", by: f.amira)
        }
        let cancelled = try f.store.cancelKeyDates(on: reference, rule: .tribunalAppeal, reason: "entered with the wrong year",
                                                   by: f.amira)
        #expect(cancelled == [day("01/09/2027")])
        try f.store.cancelKeyDates(on: reference, rule: .mediationAdviser, reason: "entered with the wrong year", by: f.amira)
        let right = try f.store.recordKeyDates(on: reference, entry(.event(.decisionLetter), "15/06/2026"), by: f.amira)
        #expect(right.alreadyLater.isEmpty && right.replaced.isEmpty)
        let detail = try f.store.caseDetail(reference, by: f.amira)
        let gone = detail.keyDates.filter { $0.status == .cancelled }
        #expect(gone.count == 2)
        #expect(gone.allSatisfy { $0.settlement == "entered with the wrong year" && $0.settledOn == f.store.today })
        #expect(detail.keyDates.filter { $0.status == .open }.map(\.dueOn) == [day("15/08/2026"), day("01/09/2026")])
    }

    @Test func aSingleRuleReplacesItsOwnOpenDateOnly() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        try f.store.addKeyDate(to: reference, rule: .firstResponse, from: day("09/03/2026"), by: f.amira)
        try f.store.addKeyDate(to: reference, rule: .ehcDecision, from: day("09/03/2026"), by: f.amira)
        try f.store.addKeyDate(to: reference, rule: .ehcDecision, from: day("16/03/2026"), by: f.amira)
        let rows = try dates(f, reference)
        #expect(rows.map(\.status) == ["open", "replaced", "open"])
        #expect(rows.allSatisfy { $0.event == nil })
    }

    @Test func aStoreFromBeforeEventsKeepsItsKeyDates() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("caseload-v7-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("v7.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v7-person-case-map")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO worker (id, login, name, role, employment, starts_on, capacity, created_at, device_id, updated_at)
                VALUES ('w1', 'amira', 'Amira Khan', 'caseworker', 'agency', '2024-01-01', 60, '2024-01-01', 'd', '2024-01-01');
                INSERT INTO person (id, kind, full_name, created_at, device_id, updated_at)
                VALUES ('p1', 'child', 'Ada', '2024-01-01', 'd', '2024-01-01');
                INSERT INTO case_file (id, reference, subject_id, status, level, opened_on, worker_id, created_at, device_id, updated_at)
                VALUES ('c1', 'C-2024-00001', 'p1', 'open', 3, '2024-01-02', 'w1', '2024-01-02', 'd', '2024-01-02');
                INSERT INTO key_date (id, case_id, rule, anchor_on, mediation_certificate_on, due_on, status, created_at,
                                      created_by, device_id, updated_at, updated_by)
                VALUES ('k1', 'c1', 'tribunal-appeal', '2026-03-12', '2026-04-20', '2026-05-20', 'open', '2026-03-12', 'w1', 'd', '2026-03-12', 'w1'),
                       ('k2', 'c1', 'annual-review', '2025-03-15', NULL, '2026-03-15', 'missed', '2025-03-15', 'w1', 'd', '2026-03-16', 'w1');
                """)
        }
        try queue.close()
        let store = try Store.open(path: path)
        let amira = try store.actingWorker(login: "amira", osUser: "tester")
        let detail = try store.caseDetail("C-2024-00001", by: amira)
        #expect(detail.keyDates.map(\.id) == ["k1", "k2"])
        #expect(detail.keyDates.map(\.status) == [.open, .missed])
        #expect(detail.keyDates.allSatisfy { $0.event == nil && $0.replacedBy == nil })
        // The rebuilt table keeps next_due_on in step, and refuses a replaced date with nothing replacing it.
        #expect(try store.cases(scope: .mine, by: amira).first?.nextDueOn == Day(year: 2026, month: 5, day: 20))
        try store.recordKeyDates(on: "C-2024-00001", KeyDateEntry(subject: .event(.certificateIssued), on: Day(year: 2026, month: 5, day: 1)!),
                                 by: amira)
        #expect(try store.cases(scope: .mine, by: amira).first?.nextDueOn == Day(year: 2026, month: 6, day: 1))
        #expect(throws: (any Error).self) {
            try store.write { db in try db.execute(sql: "UPDATE key_date SET status = 'replaced' WHERE id = 'k2'") }
        }
        // Dropping or checking a replaced date finds what points at it through an index.
        let detailColumn = try store.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT 1 FROM key_date WHERE replaced_by = 'k1'").map { $0["detail"] as String }
        }
        #expect(detailColumn.contains { $0.contains("key_date_replaced_by") }, "\(detailColumn)")
    }
}

@Suite struct CorrectionMigrationTests {
    /// Before v9 a correction moved the case's last contact; upgrading puts it back.
    @Test func aCaseWhoseLastContactACorrectionMovedIsPutBack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("caseload-v8-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("v8.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v8-key-date-events")
        try queue.write { (db: Database) throws in
            try db.execute(sql: """
                INSERT INTO worker (id, login, name, role, employment, starts_on, capacity, created_at, device_id, updated_at)
                VALUES ('w1', 'amira', 'Amira Khan', 'caseworker', 'agency', '2024-01-01', 60, '2024-01-01', 'd', '2024-01-01');
                INSERT INTO person (id, kind, full_name, created_at, device_id, updated_at)
                VALUES ('p1', 'child', 'Ada', '2024-01-01', 'd', '2024-01-01');
                INSERT INTO case_file (id, reference, subject_id, status, level, opened_on, worker_id, created_at, device_id, updated_at)
                VALUES ('c1', 'C-2024-00001', 'p1', 'open', 3, '2024-01-02', 'w1', '2024-01-02', 'd', '2024-01-02');
                INSERT INTO contact (id, case_id, occurred_at, worker_id, mode, summary, created_at, device_id)
                VALUES ('k1', 'c1', '2025-10-20 09:40:00.000', 'w1', 'phone-in', 'Mum rang', '2025-10-20 09:40:00.000', 'd');
                INSERT INTO contact (id, case_id, occurred_at, worker_id, mode, summary, amends_id, created_at, device_id)
                VALUES ('k2', 'c1', '2026-11-20 10:00:00.000', 'w1', 'phone-in', 'Dad rang', 'k1', '2026-11-20 10:00:00.000', 'd');
                """)
            #expect(try String.fetchOne(db, sql: "SELECT last_contact_at FROM case_file") == "2026-11-20 10:00:00.000")
        }
        try Schema.migrator.migrate(queue)
        try queue.read { (db: Database) throws in
            #expect(try String.fetchOne(db, sql: "SELECT last_contact_at FROM case_file") == "2025-10-20 09:40:00.000")
        }
    }
}

/// A key date can be met (on a day), missed (with what happened) or no
/// longer needed (with why), and a contact can meet one; each stays on the
/// case's history and stops counting as due.
@Suite struct KeyDateOutcomeTests {
    private func day(_ text: String) -> Day { try! Day.parse(text) }

    @Test func anOverdueReviewIsMetAndStopsBeingOverdue() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        try f.store.addKeyDate(to: reference, rule: .annualReview, from: f.store.today.adding(years: -1).adding(days: -10), by: f.amira)
        let overdue = try CaseFilter.parse("overdue")
        #expect(try f.store.cases(CaseQuery(scope: .mine, filter: overdue), by: f.amira).count == 1)
        #expect(throws: CaseloadError.self) {
            try f.store.settleKeyDates(on: reference, rule: .annualReview, as: .met(on: f.store.today.adding(days: 1), note: nil), by: f.amira)
        }
        let met = try f.store.settleKeyDates(on: reference, rule: .annualReview,
                                             as: .met(on: f.store.today.adding(days: -3), note: "Meeting held at school"), by: f.amira)
        #expect(met.count == 1)
        #expect(try f.store.cases(CaseQuery(scope: .mine, filter: overdue), by: f.amira).isEmpty, "met dates are not overdue")
        let date = try #require(try f.store.caseDetail(reference, by: f.amira).keyDates.first)
        #expect(try date.status == .met && date.settledOn == f.store.today.adding(days: -3) && date.settlement == "Meeting held at school")
        // Nothing open is left to settle.
        #expect(throws: CaseloadError.self) {
            try f.store.settleKeyDates(on: reference, rule: .annualReview, as: .missed(what: "x"), by: f.amira)
        }
    }

    @Test func aMissedDateSaysWhatHappened() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        try f.store.addKeyDate(to: reference, rule: .ehcDecision, from: f.store.today.adding(weeks: -8), by: f.amira)
        #expect(throws: CaseloadError.self) {
            try f.store.settleKeyDates(on: reference, rule: .ehcDecision, as: .missed(what: "  "), by: f.amira)
        }
        try f.store.settleKeyDates(on: reference, rule: .ehcDecision, as: .missed(what: "LA decided two weeks late"), by: f.amira)
        let date = try #require(try f.store.caseDetail(reference, by: f.amira).keyDates.first)
        #expect(date.status == .missed && date.settlement == "LA decided two weeks late" && date.settledOn == f.store.today)
    }

    @Test func aContactMeetsAKeyDateInTheSameTransaction() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        try f.store.addKeyDate(to: reference, rule: .firstResponse, from: f.store.today.adding(days: -2), by: f.amira)
        let id = try #require(try f.store.caseDetail(reference, by: f.amira).keyDates.first?.id)
        var refused = NewContact(mode: "phone-out", summary: "Called back.")
        refused.meetsKeyDate = id
        refused.keyDate = KeyDateEntry(subject: .event(.certificateIssued), on: day("01/01/2026"))
        #expect(throws: CaseloadError.self) { try f.store.addContact(to: reference, refused, by: f.amira) }
        #expect(try f.store.caseDetail(reference, by: f.amira).keyDates.first?.status == .open, "a refused contact meets nothing")
        var contact = NewContact(mode: "phone-out", summary: "Called back.")
        contact.meetsKeyDate = id
        try f.store.addContact(to: reference, contact, by: f.amira)
        let date = try #require(try f.store.caseDetail(reference, by: f.amira).keyDates.first)
        #expect(date.status == .met && date.settledOn == f.store.today)
        #expect(date.settlement?.hasPrefix("by the contact of ") == true)
    }
}
