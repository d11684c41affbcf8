import CaseloadCore
import Foundation
import GRDB

extension Store {
    /// How far seeding a hub has got: the table and the last key sent.
    public struct SeedPosition: Sendable, Equatable {
        public let table: Int
        public let after: String

        public static let start = SeedPosition(table: 0, after: "")

        var text: String { "\(table)|\(after)" }

        init(table: Int, after: String) {
            self.table = table
            self.after = after
        }

        init?(_ text: String?) {
            guard let text, let bar = text.firstIndex(of: "|"), let table = Int(text[..<bar]) else { return nil }
            self.init(table: table, after: String(text[text.index(after: bar)...]))
        }
    }

    /// Starts seeding a hub with everything this store holds: from here on
    /// every change is recorded for the hub, and the outbox is cleared,
    /// since the whole store goes table by table. Returns where seeding has
    /// got, so a seed broken off resumes where it stopped.
    public func beginSeeding() throws -> SeedPosition {
        try write { db in
            if let position = SeedPosition(try cursor(db, "seed")) { return position }
            try db.execute(sql: "UPDATE sync_local SET recording = 1")
            try db.execute(sql: "DELETE FROM sync_outbox")
            try setCursor(db, "seed", SeedPosition.start.text)
            return .start
        }
    }

    /// The next page of the whole store after `position`, and where the page
    /// after it starts (nil when everything has been given).
    public func seedPage(after position: SeedPosition, limit: Int) throws -> (changes: [SyncChange], next: SeedPosition?) {
        try read { db in
            var position = position
            let tables = SyncCatalogue.tables.filter { $0.name != "sync_conflict" }
            while position.table < tables.count {
                let sql = try SyncStatements(db, tables[position.table])
                let rows = try Row.fetchAll(db, sql: sql.page, arguments: [position.after, limit])
                guard let last = rows.last else {
                    position = SeedPosition(table: position.table + 1, after: "")
                    continue
                }
                let changes = rows.map {
                    SyncChange(table: sql.table.name, id: $0[0], caseId: $0[1], json: $0[2], outbox: [])
                }
                return (changes, SeedPosition(table: position.table, after: last[0]))
            }
            return ([], nil)
        }
    }

    /// Records how far seeding got after the hub committed a page; nil when it is done.
    public func seeded(upTo position: SeedPosition?) throws {
        try write { db in
            if let position {
                try setCursor(db, "seed", position.text)
            } else {
                try setCursor(db, "seed", "done")
            }
        }
    }

    func cursor(_ db: Database, _ name: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM sync_cursor WHERE name = ?", arguments: [name])
    }

    func setCursor(_ db: Database, _ name: String, _ value: String) throws {
        try db.execute(sql: """
            INSERT INTO sync_cursor (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value
            """, arguments: [name, value])
    }
}
