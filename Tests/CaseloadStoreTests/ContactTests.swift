import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

@Suite struct ContactTests {
    @Test func badContactsAreRefusedWithAClearMessageAndNothingIsSaved() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        let before = try f.count("contact")
        let unknownMode = #expect(throws: CaseloadError.self) {
            try f.store.addContact(to: reference, NewContact(mode: "carrier-pigeon", summary: "x"), by: f.amira)
        }
        #expect(unknownMode?.message.hasPrefix("carrier-pigeon is not a contact mode; choose one of: phone-in, phone-out") == true)
        var meeting = NewContact(mode: "phone-in", summary: "x")
        meeting.meetingType = "senco"
        #expect(throws: CaseloadError.invalid("a meeting type only applies to a meeting; phone-in is not one")) {
            try f.store.addContact(to: reference, meeting, by: f.amira)
        }
        #expect(throws: CaseloadError.self) {
            try f.store.addContact(to: reference, NewContact(mode: "phone-in", summary: "   "), by: f.amira)
        }
        var future = NewContact(mode: "phone-in", summary: "x")
        future.occurredAt = Date().addingTimeInterval(86_400)
        #expect(throws: CaseloadError.self) { try f.store.addContact(to: reference, future, by: f.amira) }
        #expect(throws: CaseloadError.notFound("no case C-2026-00099")) {
            try f.store.addContact(to: "C-2026-00099", NewContact(mode: "phone-in", summary: "x"), by: f.amira)
        }
        #expect(try f.count("contact") == before)
        #expect(try f.count("action") == 0)
    }

    @Test func aOneMegabyteNoteIsKeptWholeAndALargerOneIsRefused() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        let big = String(repeating: "Parent explained the situation at school. ", count: 24_000) // ~1 MB
        #expect(big.utf8.count <= TextLimits.note)
        let id = try f.store.addContact(to: reference, NewContact(mode: "email-in", summary: big), by: f.amira).id
        let stored = try f.store.read { try String.fetchOne($0, sql: "SELECT summary FROM contact WHERE id = ?", arguments: [id]) }
        #expect(stored == big.trimmingCharacters(in: .whitespaces))
        let tooBig = String(repeating: "x", count: TextLimits.note + 1)
        let error = #expect(throws: CaseloadError.self) {
            try f.store.addContact(to: reference, NewContact(mode: "email-in", summary: tooBig), by: f.amira)
        }
        #expect(error?.message.contains("the most it can hold is 1048576 bytes") == true)
    }

    @Test func aFollowUpBecomesAnOpenActionForTheCasesWorker() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        var contact = NewContact(mode: "phone-out", summary: "Rang the SENCO.")
        contact.followUp = try f.store.today.adding(days: 3)
        contact.followUpText = "Check the SENCO sent the report"
        // Ben covers Amira's case, saying why; the action is still hers.
        try f.store.addContact(to: reference, contact, reason: "Covering while Amira is away", by: f.ben)
        let actions = try f.store.caseDetail(reference, by: f.supervisor).openActions
        #expect(actions.count == 1)
        #expect(actions.first?.ownerLogin == "amira")
        #expect(actions.first?.description == "Check the SENCO sent the report")
        #expect(try actions.first?.dueOn == f.store.today.adding(days: 3))
    }

    @Test func aKeyDateLearntInAContactIsSavedWithItInOneTransaction() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        var contact = NewContact(mode: "letter", summary: "The LA's decision letter arrived.")
        contact.parties = "Parent or carer"
        contact.keyDate = KeyDateEntry(subject: .event(.decisionLetter), on: Day(year: 2026, month: 3, day: 12)!)
        let logged = try f.store.addContact(to: reference, contact, by: f.amira)
        #expect(logged.keyDates?.deadlines.map(\.rule) == [.mediationAdviser, .tribunalAppeal])
        let detail = try f.store.caseDetail(reference, by: f.amira)
        #expect(detail.keyDates.map(\.ruleId) == ["mediation-adviser", "tribunal-appeal"])
        #expect(detail.keyDates.map(\.dueOn) == [Day(year: 2026, month: 5, day: 12)!, Day(year: 2026, month: 5, day: 12)!])
        #expect(detail.keyDates.allSatisfy { $0.event == "decision-letter" && $0.note == "Learnt in the contact of \(f.store.today)" })
        #expect(detail.timeline.first?.text == "The LA's decision letter arrived.\nPresent: Parent or carer")

        // Refused inside the transaction: a certificate dated before any
        // letter on the case has no letter to run from.
        var broken = NewContact(mode: "letter", summary: "A certificate.")
        broken.keyDate = KeyDateEntry(subject: .event(.certificateIssued), on: Day(year: 2026, month: 3, day: 1)!)
        #expect(throws: CaseloadError.self) { try f.store.addContact(to: reference, broken, by: f.amira) }
        #expect(try f.count("key_date") == 2, "a refused contact leaves no key date behind")
        #expect(try f.count("contact") == 1, "nor the contact itself")
    }

    @Test func textIsStoredExactlyAsGiven() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let name = "Mia \u{1B}[31mRed\u{1B}[0m 李明 🙂"
        let reference = try f.openCase(name)
        #expect(try f.store.caseDetail(reference, by: f.amira).child?.name == name)
    }

    @Test func levelsAndDatesOfBirthAreChecked() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        #expect(throws: CaseloadError.self) { try SupportLevel(validating: 7) }
        var new = NewCase(child: "Someone")
        new.dateOfBirth = try f.store.today.adding(days: 1)
        #expect(throws: CaseloadError.self) { try f.store.openCase(new, by: f.amira) }
        new.dateOfBirth = try f.store.today.adding(years: -30)
        #expect(throws: CaseloadError.self) { try f.store.openCase(new, by: f.amira) }
        new.dateOfBirth = nil
        new.issues = ["not-an-issue"]
        #expect(throws: CaseloadError.self) { try f.store.openCase(new, by: f.amira) }
        #expect(try f.count("case_file") == 0)
        #expect(try f.count("person") == 0)
    }

    @Test func referencesRunInOrderWithinAYear() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let year = f.store.today.year
        #expect(try f.openCase() == "C-\(year)-00001")
        #expect(try f.openCase() == "C-\(year)-00002")
    }
}

@Suite struct ClosureTests {
    @Test func aCaseIsClosedWithAReasonAndReopened() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        #expect(throws: CaseloadError.self) { try f.store.closeCase(reference, reason: "bored", outcome: nil, by: f.amira) }
        let notHers = #expect(throws: CaseloadError.self) {
            try f.store.closeCase(reference, reason: "resolved", outcome: nil, by: f.ben)
        }
        #expect(notHers?.kind == .notAllowed)
        try f.store.closeCase(reference, reason: "resolved", outcome: "Plan issued with the right school named.", by: f.amira)
        var detail = try f.store.caseDetail(reference, by: f.amira)
        #expect(detail.status == .closed)
        #expect(detail.closedOn == f.store.today)
        #expect(detail.closureReason == "resolved")
        #expect(try f.store.cases(scope: .mine, by: f.amira).isEmpty)
        #expect(try f.store.cases(scope: .mine, status: .closed, by: f.amira).count == 1)
        #expect(throws: CaseloadError.conflict("\(reference) is already closed")) {
            try f.store.closeCase(reference, reason: "resolved", outcome: nil, by: f.amira)
        }
        try f.store.reopenCase(reference, by: f.supervisor)
        detail = try f.store.caseDetail(reference, by: f.amira)
        #expect(detail.status == .open && detail.closedOn == nil)
        #expect(detail.outcome == "Plan issued with the right school named.")
    }
}

@Suite struct ActionCompletionTests {
    @Test func aContactCanCompleteTheOpenActionsButNotItsOwnFollowUp() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        var first = NewContact(mode: "phone-in", summary: "Asked for the model letter.")
        first.followUp = try f.store.today.adding(days: 3)
        try f.store.addContact(to: reference, first, by: f.amira)
        var second = NewContact(mode: "email-out", summary: "Sent the model letter.")
        second.completesActions = true
        second.followUp = try f.store.today.adding(days: 14)
        second.followUpText = "Check the LA replied"
        let id = try f.store.addContact(to: reference, second, by: f.amira).id
        let open = try f.store.caseDetail(reference, by: f.amira).openActions
        #expect(open.map(\.description) == ["Check the LA replied"])
        let closedBy = try f.store.read {
            try String.fetchOne($0, sql: "SELECT closed_by_contact_id FROM action WHERE status = 'done'")
        }
        #expect(closedBy == id)
    }
}
