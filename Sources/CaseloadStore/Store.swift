import CaseloadCore
import CaseloadResources
import Foundation
import GRDB

/// The store: one SQLite file owned by one device. Each public method that
/// writes is one transaction, checks the acting worker's role itself and
/// writes its audit entry in the same transaction, so the command line, the
/// terminal front end and a future sync path all obey the same rules.
public final class Store: @unchecked Sendable {
    public let path: String
    public let deviceId: String
    public let vocabulary: Vocabulary
    public let deadlines: DeadlineCalculator
    /// The clock; tests set it to make times predictable.
    public var now: @Sendable () -> Date = { Date() }
    /// The service's time zone, for turning moments into calendar days.
    public var timeZone: TimeZone = .current

    let pool: DatabasePool

    /// Opens the store at `path`, creating it (owner-only) when `create` is true,
    /// and brings its schema up to date.
    public static func open(path: String, create: Bool = false) throws -> Store {
        if !FileManager.default.fileExists(atPath: path) {
            guard create else { throw StoreError.missing(path: path) }
            try StoreLocation.prepare(path: path)
        }
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Two processes on one store wait for each other rather than fail.
        config.busyMode = .timeout(15)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch {
            throw CaseloadError.invalid("\(path) is not a Caseload store: \(error)")
        }
        let migrator = Schema.migrator
        if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
            throw CaseloadError.conflict("\(path) was made by a newer version of Caseload; update Caseload to open it")
        }
        try migrator.migrate(pool)
        let device: String = try pool.write { db in
            if let existing = try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = 'device_id'") {
                return existing
            }
            let id = UUIDv7.make()
            try db.execute(sql: "INSERT INTO store_info (key, value) VALUES ('device_id', ?), ('store_id', ?)",
                           arguments: [id, UUIDv7.make()])
            return id
        }
        return try Store(path: path, pool: pool, deviceId: device)
    }

    private init(path: String, pool: DatabasePool, deviceId: String) throws {
        self.path = path
        self.pool = pool
        self.deviceId = deviceId
        self.vocabulary = try Vocabulary.parse(ResourceFiles.data("vocabulary.json"))
        let calendar = try WorkingCalendar.englandAndWales(json: ResourceFiles.data("bank-holidays.json"))
        self.deadlines = DeadlineCalculator(calendar: calendar)
    }

    /// Warnings about the store file's permissions, to print on opening.
    public var permissionWarnings: [String] { StoreLocation.permissionWarnings(path: path) }

    public var today: Day { Day(now(), in: timeZone) }

    // MARK: Service settings

    public func serviceName() throws -> String? {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = 'service_name'")
        }
    }

    /// A number that changes whenever another connection (another process,
    /// or this process's readers) commits to the store: poll it to notice
    /// changes made elsewhere. Read on the writer connection, so this
    /// process's own writes do not count.
    public func changeCounter() throws -> Int {
        try pool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
    }

    /// SQL for the caseload weight of a case `c`: points by its level (from
    /// the value lists, written in as integers) plus the safeguarding
    /// modifier. The one definition, so the team view, the worker list and a
    /// leaving worker's split always agree.
    var caseWeightSQL: String {
        "(CASE c.level " + SupportLevel.allCases.map { "WHEN \($0.rawValue) THEN \(vocabulary.weight(of: $0))" }
            .joined(separator: " ") + " END"
            + " + CASE WHEN EXISTS (SELECT 1 FROM safeguarding s WHERE s.case_id = c.id) THEN \(CaseloadLoad.safeguardingModifier) ELSE 0 END)"
    }

    // MARK: Transactions

    /// One write transaction (IMMEDIATE, so a second process waits its turn).
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw CaseloadError.conflict("the store is busy (another Caseload is writing for too long); try again")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    /// The audit trail: who did what to which case, from which OS account and device.
    func audit(_ db: Database, _ actor: ActingWorker, _ action: String, caseId: String? = nil, detail: String? = nil) throws {
        let at = now()
        try db.execute(
            sql: """
                INSERT INTO audit_event (id, at, worker_id, os_user, device_id, action, case_id, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [UUIDv7.make(at: at), at, actor.workerId, actor.osUser, deviceId, action, caseId, detail])
    }
}
