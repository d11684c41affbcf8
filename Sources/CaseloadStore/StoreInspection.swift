import CaseloadCore
import Foundation
import GRDB

/// What the file named as the store is, found before anything is written to
/// it: SQLite's first write (switching to a write-ahead log) and the first
/// migration would otherwise change whatever file they are pointed at.
enum StoreFileKind: Equatable {
    /// Nothing there: only `init` and `demo` may make a store.
    case missing
    /// A file of no bytes: `init` and `demo` may make a store in it.
    case empty
    /// A file bearing Caseload's mark.
    case marked
    /// A store made before the mark: Caseload's tables without it; opening
    /// it stamps it.
    case unmarkedStore
}

extension StoreOpening {
    /// What the file is, reading it without writing or making anything
    /// beside it. A file that is not a store (another program's database,
    /// a folder, a device such as /dev/null) is refused here with
    /// `notAStore`; a store damaged beyond SQLite's header with `damaged`.
    func inspect() throws -> StoreFileKind {
        // Opened before it is looked at, so the file looked at is the file
        // read; without blocking, in case it is a named pipe.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return .missing }
            throw StoreError.cannotOpen(path: path, reason: Self.reason(opening: code))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        if let kind = Self.notAFile(info.st_mode) { throw notAStore("it is \(kind), not a file") }
        if info.st_size == 0 {
            // Empty, unless a log beside it holds a store not yet copied into it.
            return logHoldsChanges ? try inspectThroughSQLite() : .empty
        }
        var header = [UInt8](repeating: 0, count: 100)
        let read = pread(fd, &header, header.count, 0)
        if read < 0 { throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        guard read == header.count, header.starts(with: Array("SQLite format 3\0".utf8)) else {
            if bearsCaseloadTables(notADatabase: true) { throw damaged }
            throw notAStore("it is not an SQLite database")
        }
        let id = header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        if Int32(bitPattern: id) == StoreMark.applicationId { return .marked }
        guard id == 0 else { throw notAStore(anotherProgram) }
        // No mark in the header: a store made before the mark, or a store
        // whose mark is still only in its log (a writer has not copied it
        // into the file yet), or another program's database.
        return try inspectThroughSQLite()
    }

    /// Reads the mark and the tables through SQLite, read-only. With no log
    /// beside the file, it is read as immutable, so SQLite makes no -shm or
    /// -wal file beside another program's database; with one, that log is
    /// read too (SQLite only reads it).
    private func inspectThroughSQLite() throws -> StoreFileKind {
        var configuration = Configuration()
        configuration.readonly = true
        let live = logHoldsChanges && access(path + "-shm", F_OK) == 0
        do {
            let queue = try DatabaseQueue(path: live ? path : immutableURI, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                if try Int32.fetchOne(db, sql: "PRAGMA application_id") == StoreMark.applicationId { return .marked }
                let tables = try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
                guard !tables.isEmpty else {
                    throw notAStore("it is an SQLite database with nothing in it; Caseload makes a store only in a new "
                                    + "or empty file")
                }
                guard tables.isSuperset(of: ["grdb_migrations", "store_info", "case_file"]),
                      try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM grdb_migrations WHERE identifier = ?)",
                                        arguments: [StoreMark.firstMigration]) == true
                else { throw notAStore(anotherProgram) }
                return .unmarkedStore
            }
        } catch let error as CaseloadError {
            throw error
        } catch {
            throw openingProblem(error)
        }
    }

    var anotherProgram: String { "it is another program's SQLite database, without Caseload's tables" }

    /// What a file that is not a regular file is, in plain words, or nil.
    private static func notAFile(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFIFO: return "a named pipe"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }

    static func reason(opening code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "you do not have permission to read it or its folder"
        case ELOOP: return "its path has a loop of symbolic links"
        case ENAMETOOLONG: return "its path is too long"
        default: return String(cString: strerror(code))
        }
    }
}
