import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

@Suite struct DraftTests {
    @Test func aDraftIsOfferedBackAndEachSaveReplacesTheLast() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        try f.store.saveDraft(kind: "contact", reference: reference, fields: ["summary": "Mum rang ab"], by: f.amira)
        try f.store.saveDraft(kind: "contact", reference: reference, fields: ["summary": "Mum rang about transport", "mode": "phone-in"],
                              by: f.amira)
        let draft = try #require(try f.store.draft(kind: "contact", reference: reference, by: f.amira))
        #expect(draft.fields == ["summary": "Mum rang about transport", "mode": "phone-in"])
        #expect(draft.reference == reference)
        #expect(try f.store.draft(kind: "flag", reference: reference, by: f.amira) == nil)
        #expect(try f.count("draft") == 1)
    }

    @Test func aFormWithNoCaseKeepsOneDraftToo() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        // SQLite's UNIQUE lets NULLs repeat; the store must not.
        try f.store.saveDraft(kind: "case", reference: nil, fields: ["child": "Zo"], by: f.amira)
        try f.store.saveDraft(kind: "case", reference: nil, fields: ["child": "Zoë"], by: f.amira)
        #expect(try f.count("draft") == 1)
        #expect(try f.store.draft(kind: "case", reference: nil, by: f.amira)?.fields == ["child": "Zoë"])
        #expect(try f.store.draft(kind: "case", reference: nil, by: f.amira)?.reference == nil)
        try f.store.discardDraft(kind: "case", reference: nil, by: f.amira)
        #expect(try f.store.draft(kind: "case", reference: nil, by: f.amira) == nil)
        try f.store.discardDraft(kind: "case", reference: nil, by: f.amira) // a second discard is harmless
    }

    @Test func draftsAreListedNewestFirst() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let first = try f.openCase("First")
        let second = try f.openCase("Second")
        f.setClock(2026, 11, 20)
        try f.store.saveDraft(kind: "contact", reference: first, fields: ["summary": "a"], by: f.amira)
        f.setClock(2026, 11, 21)
        try f.store.saveDraft(kind: "flag", reference: second, fields: ["reason": "b"], by: f.amira)
        f.setClock(2026, 11, 22)
        try f.store.saveDraft(kind: "contact", reference: first, fields: ["summary": "a, later"], by: f.amira)
        let drafts = try f.store.drafts(by: f.amira)
        #expect(drafts.map(\.kind) == ["contact", "flag"])
        #expect(drafts.first?.updatedAt == f.store.now())
    }

    @Test func draftsArePrivateToTheirAuthorEvenFromASupervisor() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        try f.store.saveDraft(kind: "contact", reference: reference, fields: ["summary": "Amira's typing"], by: f.amira)
        #expect(try f.store.draft(kind: "contact", reference: reference, by: f.supervisor) == nil)
        #expect(try f.store.drafts(by: f.supervisor).isEmpty)
        #expect(try f.store.drafts(by: f.ben).isEmpty)
        // The supervisor's own draft of the same form is a separate one, and
        // their discard touches only their own.
        try f.store.saveDraft(kind: "contact", reference: reference, fields: ["summary": "Sam's typing"], by: f.supervisor)
        try f.store.discardDraft(kind: "contact", reference: reference, by: f.supervisor)
        #expect(try f.store.draft(kind: "contact", reference: reference, by: f.amira)?.fields == ["summary": "Amira's typing"])
        #expect(try f.count("draft") == 1)
    }

    @Test func aDraftForACaseThatDoesNotExistIsNotFound() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let missing = #expect(throws: CaseloadError.self) {
            try f.store.saveDraft(kind: "contact", reference: "C-2026-09999", fields: ["summary": "x"], by: f.amira)
        }
        #expect(missing?.kind == .notFound)
        #expect(throws: CaseloadError.self) {
            try f.store.saveDraft(kind: " ", reference: nil, fields: ["summary": "x"], by: f.amira)
        }
        #expect(try f.count("draft") == 0)
    }

    @Test func aDraftHoldsAFullNoteButNotMoreThanItsLimit() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        let fullNote = String(repeating: "x", count: TextLimits.note)
        let fullForm = ["summary": fullNote, "advice": fullNote, "mode": "phone-in", "parties": String(repeating: "p", count: 1000)]
        try f.store.saveDraft(kind: "contact", reference: reference, fields: fullForm, by: f.amira)
        #expect(try f.store.draft(kind: "contact", reference: reference, by: f.amira)?.fields["summary"] == fullNote)
        let tooBig = String(repeating: "x", count: Store.draftLimit - "summary".utf8.count + 1)
        let refused = #expect(throws: CaseloadError.self) {
            try f.store.saveDraft(kind: "contact", reference: reference, fields: ["summary": tooBig], by: f.amira)
        }
        #expect(refused?.kind == .invalid)
        #expect(refused?.message.contains("the most a draft can hold is \(Store.draftLimit) bytes") == true)
        #expect(try f.store.draft(kind: "contact", reference: reference, by: f.amira)?.fields["summary"] == fullNote,
                "a refused save leaves the last draft alone")
    }

    @Test func savingADraftWritesNothingToTheAuditTrail() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        let before = try f.count("audit_event")
        try f.store.saveDraft(kind: "contact", reference: reference, fields: ["summary": "typing"], by: f.amira)
        _ = try f.store.drafts(by: f.amira)
        try f.store.discardDraft(kind: "contact", reference: reference, by: f.amira)
        #expect(try f.count("audit_event") == before)
    }

    /// A form's save and the end of its draft are one transaction: a crash
    /// between two would offer the saved form again, to be saved twice. A
    /// save the store refuses leaves the draft as it was.
    @Test func aSavedFormEndsItsDraftInTheSameTransactionAndARefusedOneKeepsIt() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        let trace = f.folder.appendingPathComponent("trace.sql").path
        let store = try Store.open(path: f.path, traceSQL: trace)
        let amira = try store.actingWorker(login: "amira", osUser: "tester")
        try store.saveDraft(kind: "contact", reference: reference, fields: ["summary": "Mum rang"], by: amira)

        let form = FormDraft(kind: "contact", reference: reference)
        #expect(throws: CaseloadError.self) {
            try store.addContact(to: reference, NewContact(mode: "carrier-pigeon", summary: "Mum rang"), by: amira, endingDraft: form)
        }
        #expect(try store.draft(kind: "contact", reference: reference, by: amira) != nil, "a refused save keeps the draft")
        // Refused inside the transaction (no such case to amend), too.
        var amendsNothing = NewContact(mode: "phone-in", summary: "Mum rang")
        amendsNothing.amends = "no-such-contact"
        #expect(throws: CaseloadError.self) {
            try store.addContact(to: reference, amendsNothing, by: amira, endingDraft: form)
        }
        #expect(try store.draft(kind: "contact", reference: reference, by: amira) != nil, "a save refused in its transaction keeps the draft")

        try store.addContact(to: reference, NewContact(mode: "phone-in", summary: "Mum rang"), by: amira, endingDraft: form)
        #expect(try store.draft(kind: "contact", reference: reference, by: amira) == nil)
        // In the trace, the contact and the draft's end share one transaction.
        let statements = try String(contentsOfFile: trace, encoding: .utf8).components(separatedBy: ";\n")
        let insert = try #require(statements.lastIndex { $0.contains("INSERT INTO contact") })
        let delete = try #require(statements.lastIndex { $0.contains("DELETE FROM draft") })
        #expect(insert < delete)
        #expect(!statements[insert..<delete].contains { $0.hasPrefix("COMMIT") || $0.hasPrefix("BEGIN") })

        // Later writes leave drafts alone.
        try store.saveDraft(kind: "contact", reference: reference, fields: ["summary": "Second call"], by: amira)
        try store.addContact(to: reference, NewContact(mode: "phone-in", summary: "Second call"), by: amira)
        #expect(try store.draft(kind: "contact", reference: reference, by: amira) != nil)
    }

    /// A save ends only the draft it names: the same worker's other forms and
    /// another worker's draft of the same form stay.
    @Test func aSavedFormEndsOnlyItsOwnDraft() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        let other = try f.openCase("Rhys Evans")
        try f.store.saveDraft(kind: "contact", reference: reference, fields: ["summary": "Mum rang"], by: f.amira)
        try f.store.saveDraft(kind: "contact", reference: other, fields: ["summary": "Dad rang"], by: f.amira)
        try f.store.saveDraft(kind: "flag", reference: reference, fields: ["narrative": "Housing"], by: f.amira)
        try f.store.saveDraft(kind: "contact", reference: reference, fields: ["summary": "Sam's note"], by: f.supervisor)
        try f.store.addContact(to: reference, NewContact(mode: "phone-in", summary: "Mum rang"), by: f.amira,
                               endingDraft: FormDraft(kind: "contact", reference: reference))
        #expect(try f.store.draft(kind: "contact", reference: reference, by: f.amira) == nil)
        #expect(try f.store.draft(kind: "contact", reference: other, by: f.amira) != nil)
        #expect(try f.store.draft(kind: "flag", reference: reference, by: f.amira) != nil)
        #expect(try f.store.draft(kind: "contact", reference: reference, by: f.supervisor) != nil)
    }
}
