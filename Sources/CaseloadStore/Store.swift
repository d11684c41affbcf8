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
    /// The service's value lists, read the first time something needs them:
    /// a listing or a search never does, and reading them at every start
    /// cost a millisecond.
    public var vocabulary: Vocabulary {
        get throws { try Self.installedVocabulary }
    }

    /// The value lists as installed (or under `CASELOAD_RESOURCES`), read
    /// once per process: the command line's help texts name their ids too.
    public static var installedVocabulary: Vocabulary {
        get throws { try sharedVocabulary.get() }
    }

    private static let sharedVocabulary = Result {
        try Vocabulary.parse(ResourceFiles.data("vocabulary.json"))
    }
    /// The statutory calendar, with the bank holidays read the first time a
    /// deadline is worked out rather than every time a command starts.
    public var deadlines: DeadlineCalculator {
        get throws { DeadlineCalculator(calendar: try Self.calendar.get()) }
    }

    private static let calendar = Result {
        try WorkingCalendar.englandAndWales(json: ResourceFiles.data("bank-holidays.json"))
    }
    /// The clock; tests set it to make times predictable.
    public var now: @Sendable () -> Date = { Date() }
    /// How long a search, or finding a limit's words, may read for (see
    /// `withinBudget`); tests shorten it to see a search stopped.
    var queryBudget = Store.defaultQueryBudget
    /// The service's time zone, for turning moments into calendar days.
    public lazy var timeZone: TimeZone = .current

    /// One connection in WAL mode: readers in other processes never block
    /// it, and a command opens one connection (and reads the schema once)
    /// rather than a writer and a reader.
    let queue: DatabaseQueue

    /// How long a write waits for another program's write by default.
    public static let defaultBusyTimeout: TimeInterval = 15

    /// Watches this connection's own commits once a limit keeps matches on
    /// it: see `keepWordMatches`.
    var matchChanges: MatchChanges?

    /// The store's file, which turns its failures into plain words.
    let file: StoreOpening

    /// Why the store cannot be written (a read-only file system, a file you
    /// may only read), or nil when it can. A read-only store can be read and
    /// listed but changes nothing, so readings are not recorded in the audit
    /// trail: see `unrecordedReadings`.
    public let readOnlyReason: String?

    /// How many audit entries a read-only store could not record.
    public private(set) var unrecordedReadings = 0

    init(path: String, queue: DatabaseQueue, deviceId: String, file: StoreOpening, readOnlyReason: String?) throws {
        self.path = path
        self.queue = queue
        self.deviceId = deviceId
        self.file = file
        self.readOnlyReason = readOnlyReason
    }

    /// Warnings about the store file's permissions, to print on opening.
    public var permissionWarnings: [String] { StoreLocation.permissionWarnings(path: path) }

    public var today: Day { Day(now(), in: timeZone) }

    // MARK: Service settings

    public func serviceName() throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = 'service_name'")
        }
    }

    /// A number that changes whenever another connection (another process,
    /// or this process's readers) commits to the store: poll it to notice
    /// changes made elsewhere. Read on the writer connection, so this
    /// process's own writes do not count.
    public func changeCounter() throws -> Int {
        try withoutTransaction { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
    }

    /// For the full-screen front end: SQLite copies the write-ahead log back
    /// into the store (and waits for the disk) on the commit that fills it,
    /// which could be any keypress; the front end does it when idle instead.
    public func checkpointWhenIdle() throws {
        try withoutTransaction { try $0.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
    }

    /// For the full-screen front end: 8 MiB of pages rather than SQLite's 2,
    /// because a limit counts and then pages through the same cases, and the
    /// second pass should find them in memory. A one-shot command keeps the
    /// small cache: its pages are read once, and a larger cache only means
    /// fresh memory (a page fault) for each of them instead of reusing buffers.
    public func keepMorePagesInMemory() throws {
        try withoutTransaction { try $0.execute(sql: "PRAGMA cache_size = -8192") }
    }

    /// Copies what the log holds into the store, without waiting for readers.
    public func checkpoint() throws {
        guard readOnlyReason == nil else { return }
        try withoutTransaction { _ = try $0.checkpoint(.passive) }
    }

    /// SQL for the caseload weight of a case `c`: points by its level (from
    /// the value lists, written in as integers) plus the safeguarding
    /// modifier. The one definition, so the team view, the worker list and a
    /// leaving worker's split always agree.
    var caseWeightSQL: String {
        get throws {
            let vocabulary = try vocabulary
            return "(CASE c.level " + SupportLevel.allCases.map { "WHEN \($0.rawValue) THEN \(vocabulary.weight(of: $0))" }
                .joined(separator: " ") + " END"
                + " + CASE WHEN EXISTS (SELECT 1 FROM safeguarding s WHERE s.case_id = c.id) THEN \(CaseloadLoad.safeguardingModifier) ELSE 0 END)"
        }
    }

    // MARK: Transactions

    /// One write transaction (IMMEDIATE, so a second process waits its turn).
    ///
    /// `endingDraft` is the draft of the form whose record `body` saves: it
    /// is deleted in the same transaction, after `body`, so a crash can never
    /// offer a saved form again and a refused save keeps everything typed.
    func write<T>(endingDraft draft: DraftKey? = nil, _ body: (Database) throws -> T) throws -> T {
        try translatingFailures {
            try queue.write { db in
                let result = try body(db)
                if let draft { try deleteDraft(db, draft) }
                return result
            }
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try translatingFailures { try queue.read(body) }
    }

    /// Work on the connection outside a transaction (pragmas, a page of a
    /// list that keeps matches in a temporary table, a checkpoint).
    func withoutTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        try translatingFailures { try queue.writeWithoutTransaction(body) }
    }

    /// Failures of the store's file (locked, full, read-only, damaged) in
    /// plain words; any other error as it is.
    func translatingFailures<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw file.problem(error, isStore: true, readOnly: readOnlyReason)
        }
    }

    /// The audit trail: who did what to which case, from which OS account and device.
    func audit(_ db: Database, _ actor: ActingWorker, _ action: String, caseId: String? = nil, detail: String? = nil) throws {
        // A read-only store can be read but can record nothing; the command
        // line says so (and a change fails at its own write, saying why).
        guard readOnlyReason == nil else {
            unrecordedReadings += 1
            return
        }
        let at = now()
        // Prepared once per connection: every read writes one of these.
        try db.cachedStatement(sql: """
            INSERT INTO audit_event (id, at, worker_id, os_user, device_id, action, case_id, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [UUIDv7.make(at: at), StoreTime.text(at), actor.workerId, actor.osUser, deviceId, action, caseId, detail])
    }
}
