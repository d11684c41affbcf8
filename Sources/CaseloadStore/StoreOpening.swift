import CaseloadCore
import Foundation
import GRDB

/// What can go wrong with the store's file itself, as opposed to what was
/// asked of it, told apart and said plainly: a file that is not a Caseload
/// store, a store that cannot be written, a full disk, a store another
/// program keeps locked, and a damaged store. Each has its own error kind,
/// so the command line gives each its own exit status.
struct StoreOpening {
    let path: String
    /// How long a write waits for another program's write to finish.
    let busyTimeout: TimeInterval

    // MARK: Connecting

    /// Opens the one connection: read-write when the store can be written,
    /// otherwise read-only, so that reading and listing still work on a
    /// read-only file system or a file you may only read. Returns why the
    /// store is read-only, or nil.
    func connect(_ configuration: (_ readOnly: Bool) -> Configuration) throws -> (DatabaseQueue, readOnly: String?) {
        var reason = readOnlyReason()
        if reason == nil {
            do {
                return (try DatabaseQueue(path: path, configuration: configuration(false)), nil)
            } catch let error as DatabaseError
                        where [.SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM].contains(error.resultCode) {
                // Made read-only since it was looked at.
                guard let now = readOnlyReason() else { throw openingProblem(error) }
                reason = now
            } catch {
                throw openingProblem(error)
            }
        }
        let readOnly = reason ?? "it cannot be written"
        do {
            return (try openReadOnly(configuration(true), readOnly: readOnly), readOnly)
        } catch let error as CaseloadError {
            throw error
        } catch {
            throw openingProblem(error, readOnly: readOnly)
        }
    }

    /// A read-only connection. A store in WAL mode can be read read-only
    /// only beside its -shm and -wal files, which a store closed cleanly no
    /// longer has and which cannot be made on read-only media. Then, if
    /// there is no log holding changes not yet in the store, the file is
    /// opened as immutable: SQLite reads it without locks or the log. That
    /// is safe because nothing can change it (read-only media, or a file no
    /// one is writing: a writer would have made the log). The `immutable`
    /// option is a URI parameter, which SQLite honours when built to read
    /// URI filenames (as Debian's is); elsewhere the store cannot be read
    /// and says so.
    func openReadOnly(_ configuration: Configuration, readOnly: String) throws -> DatabaseQueue {
        do {
            return try DatabaseQueue(path: path, configuration: configuration)
        } catch let error as DatabaseError
                    where error.resultCode == .SQLITE_CANTOPEN || error.resultCode == .SQLITE_READONLY {
            // Cannot open or make the -shm file (SQLITE_READONLY_DIRECTORY
            // when the folder cannot be written).
            if logHoldsChanges {
                throw CaseloadError(.readOnly, """
                    the store at \(path) is read-only (\(readOnly)) and its log \(path)-wal holds changes not yet \
                    written into the store, which cannot be read without writing: nothing was changed; make it writable \
                    and run any caseload command once, and it can then be read while read-only
                    """)
            }
            do {
                return try DatabaseQueue(path: immutableURI, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CANTOPEN {
                throw CaseloadError(.readOnly, """
                    the store at \(path) is read-only (\(readOnly)) and this build of SQLite cannot read it without \
                    writing beside it: nothing was changed; copy the store somewhere it can be written to read it
                    """)
            }
        }
    }

    /// The store as an SQLite URI that opens it immutable.
    var immutableURI: String {
        let absolute = URL(fileURLWithPath: path).path
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute
        return "file://" + encoded + "?immutable=1"
    }

    /// A -wal file with something in it: changes a writer has not yet
    /// copied into the store (a store closed cleanly has none).
    var logHoldsChanges: Bool {
        var info = stat()
        return stat(path + "-wal", &info) == 0 && info.st_size > 0
    }

    // MARK: Read-only

    /// Why the store cannot be written, or nil when it can: its file, or
    /// the log files SQLite keeps beside it (-wal and -shm), or the folder
    /// where they would be made.
    func readOnlyReason() -> String? {
        guard access(path, W_OK) == 0 else { return Self.reason(errno, for: "it") }
        var logMissing = false
        for log in [path + "-wal", path + "-shm"] {
            if access(log, F_OK) != 0 {
                logMissing = true
            } else if access(log, W_OK) != 0 {
                return Self.reason(errno, for: "its log file \(log)")
            }
        }
        return logMissing ? folderReadOnlyReason() : nil
    }

    /// Why the store's folder cannot be written, or nil when it can.
    func folderReadOnlyReason() -> String? {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard access(folder, W_OK) != 0 else { return nil }
        return Self.reason(errno, for: "its folder") + ", where SQLite keeps its log"
    }

    private static func reason(_ code: Int32, for item: String) -> String {
        switch code {
        case EROFS: return "its file system is mounted read-only"
        case EACCES, EPERM: return "you do not have permission to write to \(item)"
        default: return "\(item) cannot be written: \(String(cString: strerror(code)))"
        }
    }

    func readOnly(_ reason: String) -> CaseloadError {
        CaseloadError(.readOnly, """
            the store at \(path) is read-only (\(reason)): nothing was changed; you can still read and list cases, \
            but to change anything use the store where it can be written
            """)
    }

    // MARK: Telling problems apart

    /// The plain-words error for a failure of the store's file, or the
    /// error itself when it is not one. `isStore` is true once the file
    /// has been read as a Caseload store; before that, a file SQLite
    /// cannot read is damaged only if it bears Caseload's tables.
    func problem(_ error: Error, isStore: Bool = false, readOnly: String? = nil) -> Error {
        guard let error = error as? DatabaseError else { return error }
        switch error.resultCode {
        case .SQLITE_BUSY:
            return CaseloadError(.busy, """
                the store at \(path) is locked by another program writing to it, still after waiting \
                \(Self.duration(busyTimeout)): nothing was changed; try again in a moment (if it stays locked, \
                close other Caseload windows and programs using the store)
                """)
        case .SQLITE_FULL:
            return diskFull
        case .SQLITE_IOERR where diskIsNearlyFull:
            return diskFull
        case .SQLITE_READONLY:
            return self.readOnly(readOnly ?? readOnlyReason() ?? folderReadOnlyReason() ?? "SQLite could not write to it")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            if isStore || bearsCaseloadTables(notADatabase: error.resultCode == .SQLITE_NOTADB) {
                return damaged
            }
            return notAStore(error.resultCode == .SQLITE_NOTADB
                             ? "it is not an SQLite database" : "it is a damaged SQLite database without Caseload's tables")
        default:
            return error
        }
    }

    /// A failure to open or first read the store: as `problem`, and any
    /// other SQLite failure named as one rather than passed on bare.
    func openingProblem(_ error: Error, readOnly: String? = nil) -> Error {
        let problem = problem(error, readOnly: readOnly)
        guard let error = problem as? DatabaseError else { return problem }
        return CaseloadError.invalid("cannot open the store at \(path): \(error)")
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

    var damaged: CaseloadError {
        let check = integrityCheck().map { "SQLite's integrity check says: \($0)" } ?? "SQLite cannot read it as a database"
        return CaseloadError(.damaged, """
            the store at \(path) is damaged (\(check)): nothing was changed; keep a copy of the file as it is, \
            and restore the store from your latest backup
            """)
    }

    /// The first line of `PRAGMA integrity_check` that names a problem, or
    /// nil when it cannot be run or finds none.
    func integrityCheck() -> String? {
        var configuration = Configuration()
        configuration.readonly = true
        guard let queue = try? openReadOnly(configuration, readOnly: "checking it"),
              let report = try? queue.read({ try String.fetchOne($0, sql: "PRAGMA integrity_check(1)") })
        else { return nil }
        let line = report.split(separator: "\n").first { !$0.hasPrefix("***") }.map(String.init)
        return line == "ok" ? nil : line.map { SafeText.inline($0) }
    }

    /// Whether a file SQLite cannot read holds the definitions of
    /// Caseload's own tables, so it is a damaged store rather than some
    /// other file. A file SQLite does not recognise at all must also be
    /// whole pages long, so a text file (an SQL dump of a store, say) that
    /// happens to hold the same words is not taken for a store.
    func bearsCaseloadTables(notADatabase: Bool) -> Bool {
        guard let file = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? file.close() }
        if notADatabase {
            var info = stat()
            guard stat(path, &info) == 0, info.st_size >= 512, info.st_size % 512 == 0 else { return false }
        }
        let marks = ["CREATE TABLE store_info", "CREATE TABLE case_file"].map { Data($0.utf8) }
        let overlap = marks.map(\.count).max()!
        var carried = Data()
        while let chunk = try? file.read(upToCount: 1 << 20), !chunk.isEmpty {
            let window = carried + chunk
            if marks.contains(where: { window.range(of: $0) != nil }) { return true }
            carried = window.suffix(overlap)
        }
        return false
    }

    static func duration(_ seconds: TimeInterval) -> String {
        if seconds >= 1, seconds == seconds.rounded() {
            return seconds == 1 ? "1 second" : "\(Int(seconds)) seconds"
        }
        return "\(Int((seconds * 1000).rounded())) milliseconds"
    }
}
