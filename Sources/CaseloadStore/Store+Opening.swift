import CaseloadCore
import Foundation
import GRDB

extension Store {
    /// Opens the store at `path` and brings its schema up to date. Only a
    /// file bearing Caseload's mark (or a store made before the mark, which
    /// is then stamped) is opened; anything else is refused before a byte of
    /// it is written. With `create`, a missing or empty file is made into a
    /// store (owner-only); `create(path:)` also removes it again when making
    /// it fails. A store that cannot be written is opened read-only: it can
    /// be read and listed, and any change is refused saying so (see
    /// `readOnlyReason`).
    ///
    /// `traceSQL` names a file that receives every statement the store runs,
    /// with its values, one per line ending in ";": the benchmark replays
    /// them in the sqlite3 shell to time the same work without Caseload.
    /// `busyTimeout` is how long a write waits for another program's.
    public static func open(path: String, create: Bool = false, traceSQL: String? = nil,
                            busyTimeout: TimeInterval = defaultBusyTimeout) throws -> Store {
        let file = StoreOpening(path: path, busyTimeout: busyTimeout)
        switch try file.inspect() {
        case .missing:
            guard create else { throw StoreError.missing(path: path) }
            try StoreLocation.prepare(path: path)
        case .empty:
            guard create else {
                throw file.notAStore("it is an empty file; caseload init or caseload demo can make a store in it")
            }
        case .marked, .unmarkedStore:
            break
        }
        return try connect(file, traceSQL: traceSQL)
    }

    /// Connects to a file known to be a store, or to be made into one, and
    /// migrates it.
    static func connect(_ file: StoreOpening, traceSQL: String?) throws -> Store {
        let path = file.path
        let (queue, readOnly) = try file.connect { readOnly in
            var config = Configuration()
            config.foreignKeysEnabled = true
            config.readonly = readOnly
            // Two processes on one store wait for each other rather than fail.
            config.busyMode = .timeout(file.busyTimeout)
            if let traceSQL { config.prepareDatabase(SQLTrace(path: traceSQL).attach) }
            // A read-only connection reads the store in whatever mode it is in.
            guard !readOnly else { return config }
            // WAL, set here rather than through GRDB's journal mode option:
            // that option also makes sure a log file exists for a DatabasePool's read-only
            // connections, which a store never opens, by creating and dropping a
            // table at every start (and asking Foundation for the file's size,
            // which looks up users and groups). Every command paid for both.
            config.prepareDatabase { db in
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                    throw CaseloadError.conflict("\(path) cannot use a write-ahead log (is it on a network drive?)")
                }
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            return config
        }
        let migrator = Schema.migrator
        // One read answers the usual case (schema up to date, device known);
        // only a new or older store is written to here. Plain queries rather
        // than GRDB's migration checks, which read and parse the whole schema.
        let (applied, known): (Set<String>, String?)
        do {
            (applied, known) = try queue.read { db -> (Set<String>, String?) in
                let tables = try Set(String.fetchAll(db, sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('grdb_migrations', 'store_info')
                    """))
                return (tables.contains("grdb_migrations")
                            ? try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")) : [],
                        tables.contains("store_info")
                            ? try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = 'device_id'") : nil)
            }
        } catch {
            throw file.openingProblem(error, readOnly: readOnly)
        }
        if !applied.isSubset(of: migrator.migrations) {
            throw CaseloadError.conflict("\(path) was made by a newer version of Caseload; update Caseload to open it")
        }
        let missing = Set(migrator.migrations).subtracting(applied)
        if let readOnly {
            // A store made before the mark lacks only the mark, which reading does not need.
            guard !applied.isEmpty, missing.isSubset(of: [StoreMark.stampingMigration]), let known else {
                throw CaseloadError(.readOnly, """
                    the store at \(path) is read-only (\(readOnly)) and cannot be used until it is \
                    \(applied.isEmpty ? "set up" : "brought up to date for this version of Caseload"), which means \
                    writing to it: nothing was changed; open it once where it can be written
                    """)
            }
            return try Store(path: path, queue: queue, deviceId: known, file: file, readOnlyReason: readOnly)
        }
        do {
            if !missing.isEmpty { try migrator.migrate(queue) }
            if let known { return try Store(path: path, queue: queue, deviceId: known, file: file, readOnlyReason: nil) }
            let device: String = try queue.write { db in
                if let existing = try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = 'device_id'") {
                    return existing
                }
                let id = UUIDv7.make()
                try db.execute(sql: "INSERT INTO store_info (key, value) VALUES ('device_id', ?), ('store_id', ?)",
                               arguments: [id, UUIDv7.make()])
                return id
            }
            return try Store(path: path, queue: queue, deviceId: device, file: file, readOnlyReason: nil)
        } catch {
            throw file.problem(error, isStore: true)
        }
    }
}
