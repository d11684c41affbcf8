import GRDB

/// The store's hybrid logical clock: a number of microseconds that is at
/// least the wall clock and always greater than the last it gave or saw.
/// Two devices whose wall clocks disagree still order a change after one
/// it was made in answer to, because pulling raises the clock past it.
enum SyncClock {
    /// SQL for a moment column's microseconds since 1970 (for records made
    /// before clocks).
    static func microseconds(_ column: String) -> String {
        "CAST(round((julianday(\(column)) - 2440587.5) * 86400000000.0) AS INTEGER)"
    }

    /// SQL that moves the clock on, for triggers and for `tick`.
    static let advance = "UPDATE sync_local SET clock = max(clock + 1, \(microseconds("'now'")))"

    /// The next clock value, for a record that carries its own (an assignment,
    /// a referral's status change).
    static func tick(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: advance + " RETURNING clock")) ?? 0
    }

    /// Raises the clock past one seen on a pulled record.
    static func witness(_ db: Database, _ clock: Int64) throws {
        try db.execute(sql: "UPDATE sync_local SET clock = max(clock, ?)", arguments: [clock])
    }
}
