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
}
