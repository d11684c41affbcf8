import CaseloadCore
import Foundation
import GRDB

/// Every failure SQLite reports, in plain words with the kind that gives it
/// its exit status. No message carries SQL: GRDB's own description of an
/// error quotes the statement (an audit entry's INSERT, a migration's
/// CREATE), which tells a caseworker nothing and can fill a screen.
extension StoreOpening {
    /// The plain-words error for a failure of the store's file or of SQLite;
    /// any other error as it is. `isStore` is true once the file has been
    /// read as a Caseload store; before that, a file SQLite cannot read is
    /// damaged only if it bears Caseload's tables.
    func problem(_ error: Error, isStore: Bool = false, readOnly: String? = nil) -> Error {
        guard let error = error as? DatabaseError else { return error }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return CaseloadError(.busy, """
                the store at \(path) is locked by another program writing to it, still after waiting \
                \(Self.duration(busyTimeout)): nothing was changed; try again in a moment (if it stays locked, \
                close other Caseload windows and programs using the store)
                """)
        case .SQLITE_FULL:
            return diskFull
        case .SQLITE_IOERR where diskIsNearlyFull:
            return diskFull
        case .SQLITE_IOERR:
            return CaseloadError(.damaged, """
                the store at \(path) could not be read or written (the disk reported an error): nothing was changed; \
                check that the disk holding it is attached and working, and try again; if it goes on, keep a copy \
                of the file as it is and restore the store from your latest backup
                """)
        case .SQLITE_READONLY, .SQLITE_PERM:
            return self.readOnly(readOnly ?? readOnlyReason() ?? folderReadOnlyReason() ?? "SQLite could not write to it")
        case .SQLITE_CANTOPEN:
            if let reason = readOnly ?? readOnlyReason() { return self.readOnly(reason) }
            return StoreError.cannotOpen(path: path, reason: """
                SQLite could not open it or a file it keeps beside it; check that it and its folder still exist \
                and that you may read and write them
                """)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            if isStore || bearsCaseloadTables(notADatabase: error.resultCode == .SQLITE_NOTADB) {
                return damaged
            }
            return notAStore(error.resultCode == .SQLITE_NOTADB
                             ? "it is not an SQLite database" : "it is a damaged SQLite database without Caseload's tables")
        case .SQLITE_CONSTRAINT:
            return CaseloadError.conflict("the store refused this change (\(refusal(error))): nothing was changed")
        case .SQLITE_TOOBIG:
            return CaseloadError.invalid("something given is too large for the store to hold: nothing was changed; shorten it")
        case .SQLITE_NOMEM:
            return CaseloadError.invalid("""
                there was not enough memory to do this on the store at \(path): nothing was changed; ask for less \
                at once (fewer words, a smaller limit), or close other programs, and try again
                """)
        case .SQLITE_ERROR where Self.isLimit(error):
            return CaseloadError.invalid("""
                what was asked is too large for the store to work out (\(sqliteSays(error))): nothing was changed; \
                ask with fewer words or values
                """)
        case .SQLITE_INTERRUPT, .SQLITE_SCHEMA:
            return CaseloadError(.busy, """
                the store at \(path) was changed or interrupted while this was being done: nothing was changed; \
                try again
                """)
        default:
            return CaseloadError(.damaged, """
                SQLite could not do this on the store at \(path) (\(sqliteSays(error))): nothing was changed; the \
                store may be damaged or changed by another program: keep a copy of the file as it is, and if this \
                happens again restore the store from your latest backup
                """)
        }
    }

    /// A failure to open or first read the store: as `problem`.
    func openingProblem(_ error: Error, readOnly: String? = nil) -> Error {
        problem(error, readOnly: readOnly)
    }

    /// Why a rule of the store's own refused a change. A trigger's message is
    /// written in plain words for this; SQLite's other messages name columns
    /// or quote a CHECK's expression, so they are said in the domain's words.
    private func refusal(_ error: DatabaseError) -> String {
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_TRIGGER: return sqliteSays(error)
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY: return "it would repeat something held only once"
        case .SQLITE_CONSTRAINT_FOREIGNKEY: return "it refers to something the store does not hold, or is referred to"
        case .SQLITE_CONSTRAINT_NOTNULL: return "something it needs is missing"
        default: return "a value breaks one of the store's rules"
        }
    }

    /// SQLite's own words for an error, on one line and never longer than a
    /// line of a terminal: the message alone, without the statement.
    private func sqliteSays(_ error: DatabaseError) -> String {
        let message = SafeText.inline(error.message ?? "SQLite error \(error.resultCode.rawValue)")
        return message.count > 160 ? String(message.prefix(159)) + "…" : message
    }

    /// SQLite's limits on the size of one statement, reached by a very long
    /// query (thousands of words): the request is too large, the store is fine.
    private static func isLimit(_ error: DatabaseError) -> Bool {
        let message = (error.message ?? "").lowercased()
        return ["too large", "too many", "too complex", "too big", "too deep"].contains { message.contains($0) }
    }

    func notAStore(_ reason: String) -> CaseloadError {
        CaseloadError(.notAStore, """
            \(path) is not a Caseload store (\(reason)): nothing was changed; point --store or CASELOAD_STORE at \
            a Caseload store, or create one elsewhere with  caseload init
            """)
    }

    var diskFull: CaseloadError {
        CaseloadError(.diskFull, """
            the disk holding the store at \(path) is full: nothing was saved and nothing in the store was lost; \
            free some space on it and try again
            """)
    }

    /// Less than a mebibyte free where the store is: an I/O error there is
    /// the disk filling up (SQLite reports a full disk as an I/O error when
    /// it cannot grow its shared-memory file).
    var diskIsNearlyFull: Bool {
        var info = statvfs()
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard statvfs(folder, &info) == 0 else { return false }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize) < 1 << 20
    }

    static func duration(_ seconds: TimeInterval) -> String {
        if seconds >= 1, seconds == seconds.rounded() {
            return seconds == 1 ? "1 second" : "\(Int(seconds)) seconds"
        }
        return "\(Int((seconds * 1000).rounded())) milliseconds"
    }
}
