import CaseloadCore
import Dispatch
import GRDB
import GRDBSQLite

/// A moment after which SQLite is asked to stop, checked from its progress
/// handler. A handler rather than an interrupt from a timer: an interrupt
/// that lands between two statements is lost, and the next may run on.
private final class Deadline {
    let at: UInt64

    init(seconds: Double) {
        at = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, seconds) * 1_000_000_000)
    }

    var passed: Bool { DispatchTime.now().uptimeNanoseconds >= at }
}

extension Store {
    /// How long the reading of a search or a limit's words may take. A word
    /// that begins thousands of others (such as "the") makes the word index
    /// gather every one of their matches: on the city store that can take
    /// seconds, and no search may keep a worker waiting longer than one.
    /// The rest of the second is the process starting and printing.
    static let defaultQueryBudget = 0.8

    /// Runs `body`, stopping any statement it runs once `queryBudget` has
    /// passed, and then refusing with a message that says how to narrow the
    /// query. Nothing is written in `body`, so stopping it loses nothing.
    func withinBudget<T>(_ db: Database, _ what: String, _ body: () throws -> T) throws -> T {
        let deadline = Deadline(seconds: queryBudget)
        let connection = db.sqliteConnection
        // Every thousand steps of SQLite's machine: the word index's own
        // reads run through it too, so a long gathering of matches is stopped.
        sqlite3_progress_handler(connection, 1000, { context in
            guard let context else { return 0 }
            return Unmanaged<Deadline>.fromOpaque(context).takeUnretainedValue().passed ? 1 : 0
        }, Unmanaged.passUnretained(deadline).toOpaque())
        defer { sqlite3_progress_handler(connection, 0, nil, nil) }
        do {
            return try withExtendedLifetime(deadline) { try body() }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT && deadline.passed {
            throw CaseloadError.invalid("""
                \(what) was stopped after \(Self.budgetText(queryBudget)): one of its words begins so many others \
                (as "the" begins "there", "they", "them" ...) that looking for them all would keep you waiting; \
                type more of each word, or leave out the common ones
                """)
        }
    }

    private static func budgetText(_ seconds: Double) -> String {
        seconds >= 1 ? "\(Int(seconds)) s" : "\(Int((seconds * 1000).rounded())) ms"
    }
}
