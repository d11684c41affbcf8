import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

@Suite struct SearchTests {
    @Test func namesAreFoundWithoutTheirAccents() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase("Zoë Nguyễn")
        _ = try f.openCase("Łukasz Wójcik")
        let hits = try f.store.search("zoe nguyen", by: f.amira)
        #expect(hits.map(\.reference) == [reference, reference].prefix(hits.count).map { $0 })
        #expect(hits.first?.source == .name)
        #expect(hits.first?.snippet == "[Zoë] [Nguyễn]")
        #expect(try f.store.search("Łukasz", by: f.amira).count == 1)
        #expect(try f.store.search("lukasz", by: f.amira).first?.child == "Łukasz Wójcik")
        #expect(try f.store.search("lukasz", by: f.amira).first?.snippet == "Łukasz Wójcik",
                "found by its plain spelling, the name is still shown as written")
        #expect(try f.store.search("wojcik", by: f.amira).first?.snippet == "Łukasz [Wójcik]")
        #expect(try f.store.search("wojc", by: f.amira).count == 1, "a word matches any word it begins")
    }

    @Test func contactNotesAreFoundNewestFirstWithASnippet() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let first = try f.openCase("Aoife Byrne")
        let second = try f.openCase("Rhys Evans")
        try f.store.addContact(to: first, NewContact(mode: "phone-in", summary: "Discussed the refusal to assess letter."), by: f.amira)
        try f.store.addContact(to: second, NewContact(mode: "email-in", summary: "Asked about transport and the refusal."), by: f.amira)
        let hits = try f.store.search("refusal", by: f.amira)
        #expect(hits.map(\.reference) == [second, first])
        #expect(hits.allSatisfy { $0.source == .contact && $0.snippet?.contains("[refusal]") == true })
        let contact = try f.store.caseDetail(first, by: f.amira).timeline.first { $0.kind == .contact }
        #expect(hits.last?.contactId == contact?.id, "a hit in a note says which contact")
    }

    /// Names come first, so when names alone fill the limit the notes are
    /// not searched at all, and the hits are the same.
    @Test func namesThatFillTheLimitSpareTheSearchOfNotes() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let first = try f.openCase("Aoife Byrne")
        let second = try f.openCase("Aoife Kelly")
        try f.store.addContact(to: first, NewContact(mode: "phone-in", summary: "Aoife's mum rang."), by: f.amira)
        let trace = f.folder.appendingPathComponent("trace.sql").path
        let store = try Store.open(path: f.path, traceSQL: trace)
        let amira = try store.actingWorker(login: "amira", osUser: "tester")

        let two = try store.search("aoife", limit: 2, by: amira)
        #expect(Set(two.map(\.reference)) == [first, second])
        #expect(two.allSatisfy { $0.source == .name })
        #expect(!(try String(contentsOfFile: trace, encoding: .utf8)).contains("contact_fts MATCH"))

        let all = try store.search("aoife", limit: 50, by: amira)
        #expect(all.filter { $0.source == .contact }.map(\.reference) == [first], "with room left, notes are searched")
    }

    @Test func referencesAreSearchable() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        let hits = try f.store.search(reference, by: f.amira)
        #expect(hits.contains { $0.source == .reference && $0.reference == reference })
    }

    @Test func theIndexFollowsARenamedPerson() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        _ = try f.openCase("Maryam Hussain")
        try f.store.write { try $0.execute(sql: "UPDATE person SET full_name = 'Maryam Ali' WHERE full_name = 'Maryam Hussain'") }
        #expect(try f.store.search("hussain", by: f.amira).isEmpty)
        #expect(try f.store.search("ali", by: f.amira).count == 1)
    }

    @Test func searchSyntaxInTheInputIsNeverInterpreted() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        _ = try f.openCase("O'Brien")
        // Quotes, operators and column filters are just separators.
        #expect(try f.store.search("\"o'brien\"", by: f.amira).count == 1)
        #expect(try f.store.search("OR NEAR( brien", by: f.amira).isEmpty)
        #expect(throws: CaseloadError.self) { try f.store.search("  ** ", by: f.amira) }
        #expect(try SearchQuery.fts("full_name:zoe") == "\"full\"* \"name\"* \"zoe\"*")
    }

    @Test func searchingIsAudited() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        _ = try f.store.search("anything", by: f.amira)
        #expect(try f.store.auditTrail(by: f.supervisor).contains { $0.action == "search" && $0.workerLogin == "amira" })
    }
}
