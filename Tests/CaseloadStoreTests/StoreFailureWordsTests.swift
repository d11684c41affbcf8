import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

/// Whatever SQLite reports, the store says it in plain words with the kind
/// that gives its exit status, and never quotes a statement.
@Suite struct StoreFailureWordsTests {
    /// SQLite's own limit on the store's size gives a real SQLITE_FULL, as a
    /// full disk does, wherever the test runs.
    @Test func aFullStoreSavesNothingAndSaysSoWithoutSQL() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        try f.store.withoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count")!
            _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = \(pages)")
        }
        let long = String(repeating: "Mum rang about the bus to school. ", count: 20_000)
        let error = #expect(throws: CaseloadError.self) {
            try f.store.addContact(to: reference, NewContact(mode: "phone-in", summary: long), by: f.amira)
        }
        #expect(error?.kind == .diskFull)
        #expect(error?.message == "the disk holding the store at \(f.path) is full: nothing was saved and nothing in the "
            + "store was lost; free some space on it and try again")
        #expect(try f.count("contact") == 0)
    }

    /// Each kind of SQLite failure, raised for real on a store, and the kind
    /// of error it becomes.
    @Test(arguments: [
        ("UPDATE contact SET summary = 'x'", CaseloadError.Kind.conflict,
         "the store refused this change (contact is append-only history: add a correcting entry instead): nothing was changed"),
        ("UPDATE case_file SET level = 9", .conflict,
         "the store refused this change (a value breaks one of the store's rules): nothing was changed"),
        ("INSERT INTO worker SELECT * FROM worker", .conflict,
         "the store refused this change (it would repeat something held only once): nothing was changed"),
        ("SELECT * FROM no_such_table", .damaged, "SQLite could not do this on the store at"),
        ("SELECT " + Array(repeating: "1", count: 2_000).joined(separator: " + "), .invalid,
         "what was asked is too large for the store to work out (Expression tree is too large"),
    ])
    func aFailureIsSaidInPlainWords(_ sql: String, _ kind: CaseloadError.Kind, _ words: String) throws {
        let f = try StoreFixture()
        defer { f.remove() }
        _ = try f.openCase()
        try f.store.addContact(to: try f.openCase("Ada Obi"), NewContact(mode: "phone-in", summary: "Rang."), by: f.amira)
        let error = #expect(throws: CaseloadError.self) { try f.store.write { try $0.execute(sql: sql) } }
        #expect(error?.kind == kind)
        #expect(error?.message.hasPrefix(words) == true, "\(error?.message ?? "")")
        for word in ["SELECT", "INSERT", "UPDATE", "CREATE", "while executing", "SQLite error", "level"] {
            #expect(error?.message.contains(word) == false, "\(word) in \(error?.message ?? "")")
        }
    }
}
