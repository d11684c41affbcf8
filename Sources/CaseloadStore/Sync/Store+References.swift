import CaseloadCore
import Foundation
import GRDB

/// A block of case reference numbers the hub leased to this device.
public struct ReferenceBlock: Sendable, Equatable {
    public let year: Int
    public let first: Int
    public let last: Int
    public let reserve: Bool

    public init(year: Int, first: Int, last: Int, reserve: Bool) {
        self.year = year
        self.first = first
        self.last = last
        self.reserve = reserve
    }
}

extension Store {
    /// The next case number for a year. A store on its own counts them
    /// itself; a store that syncs takes them from the blocks the hub leased
    /// it, so two laptops offline never issue the same reference, and from
    /// its reserve block only when the others have run out.
    func nextReferenceNumber(_ db: Database, year: Int) throws -> Int {
        let syncing = try Int.fetchOne(db.cachedStatement(sql: "SELECT recording FROM sync_local")) == 1
        guard syncing else {
            return try Int.fetchOne(db.cachedStatement(sql: """
                INSERT INTO reference_counter (year, last) VALUES (?, 1)
                ON CONFLICT (year) DO UPDATE SET last = last + 1
                RETURNING last
                """), arguments: [year])!
        }
        guard let number = try Int.fetchOne(db.cachedStatement(sql: """
            UPDATE reference_block SET next = next + 1
            WHERE rowid = (SELECT rowid FROM reference_block WHERE year = ? AND next <= last ORDER BY reserve, first LIMIT 1)
            RETURNING next - 1
            """), arguments: [year]) else {
            throw CaseloadError.conflict("""
                this laptop has no case reference numbers left for \(year): sync with the hub (caseload sync) to be given more, \
                then open the case
                """)
        }
        return number
    }

    /// Numbers left for a year, and whether the reserve is being used.
    public func referenceNumbersLeft(year: Int) throws -> (left: Int, inReserve: Bool) {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT reserve, sum(last - next + 1) FROM reference_block WHERE year = ? AND next <= last GROUP BY reserve
                """, arguments: [year])
            let regular = rows.first { $0[0] == 0 }.map { $0[1] as Int } ?? 0
            let reserve = rows.first { $0[0] == 1 }.map { $0[1] as Int } ?? 0
            return (regular + reserve, regular == 0 && reserve > 0)
        }
    }

    /// What a sync should ask the hub for: a regular block when fewer than
    /// `low` are left for the year, and the reserve when there is none.
    public func referenceBlocksWanted(year: Int, low: Int = 20) throws -> (regular: Bool, reserve: Bool) {
        try read { db in
            let regular = try Int.fetchOne(db, sql: """
                SELECT coalesce(sum(last - next + 1), 0) FROM reference_block WHERE year = ? AND reserve = 0 AND next <= last
                """, arguments: [year]) ?? 0
            let reserve = try Bool.fetchOne(db, sql: "SELECT 1 FROM reference_block WHERE year = ? AND reserve = 1 AND next <= last",
                                            arguments: [year]) ?? false
            return (regular < low, !reserve)
        }
    }

    public func addReferenceBlock(_ block: ReferenceBlock) throws {
        try write { db in
            try db.execute(sql: """
                INSERT INTO reference_block (year, first, last, next, reserve) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (year, first) DO NOTHING
                """, arguments: [block.year, block.first, block.last, block.first, block.reserve])
        }
    }
}
