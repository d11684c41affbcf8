import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

/// Only a file bearing Caseload's mark is used as a store; anything else is
/// refused before a byte of it is written, and making a store either
/// finishes or leaves nothing behind.
@Suite struct StoreMarkTests {
    @Test func aNewStoreBearsTheMarkInItsHeader() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("new.sqlite")
        try Store.create(path: path) { store in
            _ = try store.initialise(service: nil, supervisor: NewWorker(login: "sam", name: "Sam Okafor"), osUser: "tester")
        }
        let header = try #require(FileHandle(forReadingAtPath: path)?.readData(ofLength: 100))
        #expect(String(decoding: header[68..<72], as: UTF8.self) == "CSLD")
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "closed, with its log copied in")
    }

    /// Another program's database, in each shape it may come in: nothing
    /// opens it, whatever the command, and its bytes, time and journal
    /// mode stay as they were, with no file made beside it.
    @Test(arguments: ForeignDatabase.allCases)
    func anotherProgramsDatabaseIsRefusedAndLeftAsItWas(_ kind: ForeignDatabase) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("other.sqlite")
        try kind.make(at: path)
        let before = try FileState(path)

        for attempt: () throws -> Void in [{ _ = try Store.open(path: path) },
                                           { _ = try Store.open(path: path, create: true) },
                                           { try Store.create(path: path) { _ in } }] {
            let error = #expect(throws: CaseloadError.self) { try attempt() }
            #expect(error?.kind == .notAStore)
            #expect(error?.message == "\(path) is not a Caseload store (\(kind.reason)): nothing was changed; point --store "
                + "or CASELOAD_STORE at a Caseload store, or create one elsewhere with  caseload init")
        }
        #expect(try FileState(path) == before)
        #expect(folder.contents() == ["other.sqlite"])
        #expect(try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == kind.journalMode)
    }

    @Test func anEmptyFileIsMadeIntoAStoreOnlyByCreate() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("empty.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let error = #expect(throws: CaseloadError.self) { _ = try Store.open(path: path) }
        #expect(error?.kind == .notAStore)
        #expect(error?.message.contains("(it is an empty file; caseload init or caseload demo can make a store in it)") == true)
        #expect(try FileState(path).size == 0)
        #expect(folder.contents() == ["empty.sqlite"])

        try Store.create(path: path) { store in
            _ = try store.initialise(service: nil, supervisor: NewWorker(login: "sam", name: "Sam Okafor"), osUser: "tester")
        }
        #expect(try Store.open(path: path).workers().map(\.login) == ["sam"])
    }

    /// Not a file at all: refused with what it is.
    @Test func aFolderOrADeviceIsNotAStore() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for (path, what) in [(folder.url.path, "a folder"), ("/dev/null", "a device")] {
            let error = #expect(throws: CaseloadError.self) { try Store.create(path: path) { _ in } }
            #expect(error?.kind == .notAStore)
            #expect(error?.message.hasPrefix("\(path) is not a Caseload store (it is \(what), not a file): nothing was changed") == true)
        }
        #expect(try FileState("/dev/null").kind == S_IFCHR)
    }

    // MARK: Stores made before the mark

    /// A store made before the mark has Caseload's tables but no mark:
    /// opening it stamps it, and its records stay.
    @Test func aStoreMadeBeforeTheMarkIsStampedWhenOpened() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("old.sqlite")
        try Self.storeBeforeTheMark(at: path)
        #expect(try Self.mark(path) == 0)

        let store = try Store.open(path: path)
        #expect(try store.workers().map(\.login) == ["sam"])
        #expect(try store.read { try Int32.fetchOne($0, sql: "PRAGMA application_id") } == StoreMark.applicationId)
        #expect(try store.read { try Schema.migrator.appliedIdentifiers($0) } == Set(Schema.migrationNames))
        try store.close()
        #expect(try Self.mark(path) == StoreMark.applicationId)
    }

    /// A store just made, still open in another process, may have all of
    /// itself in its log, mark and tables, and nothing in its file yet: it
    /// is still known, through the log.
    @Test func aStoreWhoseMarkIsOnlyInItsLogIsStillKnown() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("live.sqlite")
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
        }
        let other = try DatabaseQueue(path: path, configuration: configuration)
        try Schema.migrator.migrate(other)
        try other.write { db in
            try db.execute(sql: """
                INSERT INTO worker (id, login, name, role, employment, starts_on, capacity, created_at, device_id, updated_at)
                VALUES ('w1', 'sam', 'Sam Okafor', 'supervisor', 'permanent', '2024-01-01', 60, '2024-01-01', 'd', '2024-01-01')
                """)
        }
        let inFile = try FileState(path).size < 100 ? 0 : try Self.mark(path)
        #expect(inFile == 0, "the test needs the mark to be only in the log")
        #expect(try Store.open(path: path).workers().map(\.login) == ["sam"])
        try other.close()
    }

    // MARK: A failed creation

    @Test func aStoreThatCannotBeMadeLeavesNothingBehind() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("nested/deeper/new.sqlite")
        let error = #expect(throws: CaseloadError.self) {
            try Store.create(path: path) { store in
                _ = try store.initialise(service: nil, supervisor: NewWorker(login: "Not A Login", name: "Sam"), osUser: "tester")
            }
        }
        #expect(error?.kind == .invalid)
        #expect(folder.contents().isEmpty, "no store, log or folder is left")

        // An empty file found there is left empty, and not removed.
        let empty = folder.file("empty.sqlite")
        #expect(FileManager.default.createFile(atPath: empty, contents: nil))
        #expect(throws: CaseloadError.self) {
            try Store.create(path: empty) { _ in throw CaseloadError.invalid("stopped") }
        }
        #expect(try FileState(empty).size == 0)
        #expect(folder.contents() == ["empty.sqlite"])
    }

    /// A store already there is never removed, whatever fails.
    @Test func aFailureOnAStoreAlreadyMadeRemovesNothing() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        try f.store.close()
        let refused = #expect(throws: CaseloadError.self) {
            try Store.create(path: f.path) { store in
                _ = try store.initialise(service: nil, supervisor: NewWorker(login: "ann", name: "Ann"), osUser: "tester")
            }
        }
        #expect(refused?.kind == .conflict)
        #expect(try Store.open(path: f.path).caseDetail(reference, by: f.amira).child?.name == "Zoë Nguyễn")
    }

    // MARK: Helpers

    /// A store as a version before the mark made it: the same tables, and
    /// no mark (the first migration now sets it, so it is taken away).
    static func storeBeforeTheMark(at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v9-corrections-are-not-new-contacts")
        try queue.write { db in
            try db.execute(sql: "PRAGMA application_id = 0")
            try db.execute(sql: """
                INSERT INTO worker (id, login, name, role, employment, starts_on, capacity, created_at, device_id, updated_at)
                VALUES ('w1', 'sam', 'Sam Okafor', 'supervisor', 'permanent', '2024-01-01', 60, '2024-01-01', 'd', '2024-01-01')
                """)
        }
        try queue.close()
    }

    /// The application id in the file's header, as another program reads it.
    static func mark(_ path: String) throws -> Int32 {
        let header = try #require(FileHandle(forReadingAtPath: path)?.readData(ofLength: 100))
        return Int32(bitPattern: header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
    }
}

/// The shapes another program's database comes in.
enum ForeignDatabase: CaseIterable, CustomTestStringConvertible {
    /// A rollback-journal database, as most programs keep.
    case plain
    /// Tables named as Caseload names its own (a clash once filled the screen with SQL).
    case sameTableNames
    /// A database in WAL mode, closed cleanly: reading it must not make a log beside it.
    case writeAheadLog
    /// A database carrying another program's application id (GeoPackage's).
    case otherMark
    /// An SQLite database with nothing in it.
    case nothingInIt

    func make(at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            switch self {
            case .plain: try db.execute(sql: "CREATE TABLE recipe (name TEXT); INSERT INTO recipe VALUES ('soup')")
            case .sameTableNames: try db.execute(sql: "CREATE TABLE worker (login TEXT); CREATE TABLE grdb_migrations (identifier TEXT)")
            case .writeAheadLog:
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "CREATE TABLE recipe (name TEXT); INSERT INTO recipe VALUES ('soup')")
            case .otherMark: try db.execute(sql: "PRAGMA application_id = 1196444487; CREATE TABLE gpkg_contents (t TEXT)")
            case .nothingInIt: try db.execute(sql: "PRAGMA user_version = 1")
            }
        }
        try queue.close()
    }

    var reason: String {
        switch self {
        case .nothingInIt:
            return "it is an SQLite database with nothing in it; Caseload makes a store only in a new or empty file"
        default:
            return "it is another program's SQLite database, without Caseload's tables"
        }
    }

    var journalMode: String { self == .writeAheadLog ? "wal" : "delete" }

    var testDescription: String { "\(self)" }
}

/// A file's bytes, size, kind and modification time.
struct FileState: Equatable {
    let bytes: Data
    let size: Int
    let kind: mode_t
    let modified: timespec

    init(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { throw CocoaError(.fileNoSuchFile) }
        kind = info.st_mode & S_IFMT
        size = Int(info.st_size)
        modified = info.st_mtim
        bytes = kind == S_IFREG ? try Data(contentsOf: URL(fileURLWithPath: path)) : Data()
    }

    static func == (a: FileState, b: FileState) -> Bool {
        a.bytes == b.bytes && a.size == b.size && a.kind == b.kind
            && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
    }
}

/// A private temporary folder for one test.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("caseload-mark-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    func contents() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
