import CaseloadCore
import Foundation
import GRDB

extension Store {
    /// Makes a store at `path` (a new file, or an empty one) and runs `body`
    /// on it, for `init` and `demo`. If anything fails, the store is taken
    /// back to what was there before: a file it made is removed, with the
    /// log files beside it and any folders made for it, and an empty file it
    /// found is left empty. A file that is already a store is opened as it
    /// is and left as it is, whatever `body` does; anything else is refused,
    /// as by `open`. The store is closed when `body` returns.
    public static func create<T>(path: String, traceSQL: String? = nil, busyTimeout: TimeInterval = defaultBusyTimeout,
                                 _ body: (Store) throws -> T) throws -> T {
        let file = StoreOpening(path: path, busyTimeout: busyTimeout)
        let kind = try file.inspect()
        guard kind == .missing || kind == .empty else {
            return try using(open(path: path, traceSQL: traceSQL, busyTimeout: busyTimeout), body)
        }
        let made = try StoreLocation.prepare(path: path)
        // Without the claim the file is another process's to make (or made).
        let claim = try CreationClaim(file)
        defer { claim.release() }
        // Another init may have finished in the moment before the claim.
        guard try file.inspect() == .empty else {
            return try using(open(path: path, traceSQL: traceSQL, busyTimeout: busyTimeout), body)
        }
        var store: Store?
        do {
            store = try connect(file, traceSQL: traceSQL)
            let result = try body(store!)
            try store?.close()
            return result
        } catch {
            try? store?.close()
            file.unmake(made)
            throw error
        }
    }

    /// Runs `body` on a store, then closes it.
    private static func using<T>(_ store: Store, _ body: (Store) throws -> T) throws -> T {
        defer { try? store.close() }
        return try body(store)
    }

    /// Closes the connection; SQLite copies its log into the store and removes it.
    func close() throws {
        try translatingFailures { try queue.close() }
    }
}

/// The right to make a store in a file: one `init` or `demo` at a time, so
/// one never removes a store another has just made in the same file. An
/// advisory lock (`flock`), separate from SQLite's own locks; it is released
/// only after the store's connection is closed, because closing any file
/// descriptor of a file drops the process's SQLite locks on it.
struct CreationClaim {
    private let fd: Int32

    init(_ file: StoreOpening) throws {
        fd = open(file.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.cannotOpen(path: file.path, reason: StoreOpening.reason(opening: errno)) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw CaseloadError(.busy, """
                another caseload init or demo is making a store at \(file.path): nothing was changed; wait for it \
                to finish, then use that store
                """)
        }
    }

    func release() { close(fd) }
}

extension StoreOpening {
    /// Takes the file back to what it was before a store was made in it:
    /// removed if it was made, else empty; the log files SQLite made beside
    /// it removed (an empty file has none: see `inspect`).
    func unmake(_ made: StoreLocation.Made) {
        for log in ["-wal", "-shm", "-journal"] { unlink(path + log) }
        if made.file {
            unlink(path)
        } else {
            truncate(path, 0)
        }
        StoreLocation.remove(made)
    }
}
