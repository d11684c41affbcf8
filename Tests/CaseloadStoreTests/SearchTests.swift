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

/// What a search may show and what it costs: repeated words, its maximum,
/// its deadline, and the text of cases outside the caseload.
@Suite struct SearchReachTests {
    @Test func repeatedWordsAreLookedForOnceAndTheAuditKeepsABoundedQuery() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase("Zoë Nguyễn")
        let typed = String(repeating: "zoe Zoë ZOE ", count: 15)
        #expect(typed.utf8.count <= SearchWords.maximumBytes)
        #expect(try f.store.search(typed, by: f.amira).map(\.reference).contains(reference))
        let entry = try f.store.auditTrail(by: f.supervisor).first { $0.action == "search" }
        #expect(entry?.detail == "zoe (1 results)", "the distinct words, not all that was typed")
    }

    @Test func aSearchOverItsMaximumIsRefusedBeforeItReadsOrRecordsAnything() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let before = try f.count("audit_event")
        for text in [String(repeating: "a ", count: 300), (1...11).map { "word\($0)" }.joined(separator: " "), "!!!"] {
            let error = #expect(throws: CaseloadError.self) { try f.store.search(text, by: f.amira) }
            #expect(error?.kind == .invalid)
        }
        #expect(try f.count("audit_event") == before)
    }

    @Test func aSearchIsStoppedAtItsDeadlineAndTheStoreCarriesOn() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase("Zoë Nguyễn")
        // Enough for the reading to pass SQLite's progress handler at least once.
        for number in 1...40 { _ = try f.openCase("Zoë Smith \(number)", for: f.ben) }
        f.store.queryBudget = 0
        let error = #expect(throws: CaseloadError.self) { try f.store.search("zoe", by: f.amira) }
        #expect(error?.kind == .invalid)
        #expect(error?.message.contains("the search was stopped after 0 ms") == true)
        var filter = CaseFilter()
        filter.words = ["zoe"]
        let limit = #expect(throws: CaseloadError.self) {
            try f.store.casePage(CaseQuery(scope: .all, filter: filter), .first, limit: 10, by: f.amira)
        }
        #expect(limit?.message.contains("the limit was stopped") == true)
        f.store.queryBudget = Store.defaultQueryBudget
        #expect(try f.store.search("zoe", by: f.amira).count == 41, "no deadline left behind")
        #expect(try f.store.casePage(CaseQuery(scope: .mine, filter: filter), .first, limit: 10, by: f.amira)
                    .rows.map(\.reference) == [reference], "a stopped limit keeps no half-found words")
        try f.store.addContact(to: reference, NewContact(mode: "phone-in", summary: "Rang back."), by: f.amira)
    }

    @Test func aCaseworkerSeesTheTextOfTheirOwnCasesOnly() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let amiras = try f.openCase("Aoife Byrne")
        let bens = try f.openCase("Rhys Evans", for: f.ben)
        try f.store.addContact(to: amiras, NewContact(mode: "phone-in", summary: "Mum fears the tribunal hearing."), by: f.amira)
        try f.store.addContact(to: bens, NewContact(mode: "phone-in", summary: "Tribunal bundle sent."), by: f.ben)

        let hits = try f.store.search("tribunal", by: f.ben)
        let outside = try #require(hits.first { $0.reference == amiras })
        #expect(outside.outsideCaseload && outside.snippet == nil)
        #expect(outside.child == "Aoife Byrne", "the reference and the child's name are shown")
        let own = try #require(hits.first { $0.reference == bens })
        #expect(!own.outsideCaseload && own.snippet == "[Tribunal] bundle sent.")

        let search = try f.store.auditTrail(by: f.supervisor).first { $0.action == "search" }
        #expect(search?.detail == "tribunal (2 results, 1 outside the caseload, shown without their text)")
        #expect(try f.store.auditTrail(caseReference: bens, by: f.supervisor).contains {
            $0.action == "search.shown" && $0.workerLogin == "ben" && $0.detail == "shown by the search for tribunal"
        })
        #expect(try !f.store.auditTrail(caseReference: amiras, by: f.supervisor).contains { $0.action == "search.shown" })

        // Once Ben has opened the case, saying why, its text shows.
        _ = try f.store.caseDetail(amiras, reason: "Family rang; Amira is off", by: f.ben)
        #expect(try f.store.search("tribunal", by: f.ben).first { $0.reference == amiras }?.snippet?.contains("[tribunal]") == true)
        #expect(try f.store.auditTrail(caseReference: amiras, by: f.supervisor).contains { $0.action == "search.shown" })
    }

    /// The front end reads one hit more than it shows, to say there are
    /// more: that hit is not recorded as shown.
    @Test func aHitReadOnlyToKnowThereAreMoreIsNotRecordedAsShown() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let references = try (1...3).map { try f.openCase("Zoë Smith \($0)") }
        let hits = try f.store.search("zoe", limit: 2, lookAhead: true, by: f.supervisor)
        #expect(hits.count == 3)
        let trail = try f.store.auditTrail(by: f.supervisor)
        #expect(trail.filter { $0.action == "search.shown" }.count == 2)
        #expect(trail.first { $0.action == "search" }?.detail == "zoe (2 results shown, more found)")
        let unseen = try #require(references.first { reference in !hits.prefix(2).contains { $0.reference == reference } })
        #expect(try !f.store.auditTrail(caseReference: unseen, by: f.supervisor).contains { $0.action == "search.shown" })
    }

    /// A duty worker who logged a family's call on another worker's case
    /// gave a reason to act on it, so may find their own note afterwards.
    @Test func aReasonGivenToWriteOnACaseLetsTheWriterSeeItsText() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let amiras = try f.openCase("Aoife Byrne")
        try f.store.addContact(to: amiras, NewContact(mode: "phone-in", summary: "Mum fears the tribunal hearing."), by: f.amira)
        #expect(try f.store.search("tribunal", by: f.ben).first?.outsideCaseload == true)

        try f.store.addContact(to: amiras, NewContact(mode: "phone-in", summary: "Duty call: tribunal date moved."),
                               reason: "Mum rang the duty line", by: f.ben)
        let hits = try f.store.search("tribunal", by: f.ben)
        #expect(hits.count == 2 && hits.allSatisfy { !$0.outsideCaseload && $0.snippet != nil })
    }

    /// A supervisor may read any case without a reason, so sees every
    /// hit's text; each reading is still recorded on the case.
    @Test func aSupervisorSeesEveryHitsTextAndEachIsRecorded() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let amiras = try f.openCase("Aoife Byrne")
        let bens = try f.openCase("Rhys Evans", for: f.ben)
        try f.store.addContact(to: amiras, NewContact(mode: "phone-in", summary: "Tribunal date set."), by: f.amira)
        try f.store.addContact(to: bens, NewContact(mode: "phone-in", summary: "Tribunal bundle sent."), by: f.ben)
        let hits = try f.store.search("tribunal", by: f.supervisor)
        #expect(hits.count == 2 && hits.allSatisfy { !$0.outsideCaseload && $0.snippet != nil })
        for reference in [amiras, bens] {
            #expect(try f.store.auditTrail(caseReference: reference, by: f.supervisor).contains {
                $0.action == "search.shown" && $0.workerLogin == "sam"
            })
        }
    }

    @Test func aShortWordInNotesMatchesOnlyItself() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase("Aoife Byrne")
        try f.store.addContact(to: reference, NewContact(mode: "phone-in", summary: "Year 11 options; to do."), by: f.amira)
        #expect(try f.store.search("to", by: f.amira).map(\.source) == [.contact])
        #expect(try f.store.search("11", by: f.amira).map(\.source) == [.contact])
        #expect(try f.store.search("op", by: f.amira).isEmpty, "two letters are a whole word in notes")
        #expect(try f.store.search("opt", by: f.amira).map(\.source) == [.contact])
        #expect(try f.store.search("ao", by: f.amira).map(\.source) == [.name], "names still match what a word begins")
    }
}
