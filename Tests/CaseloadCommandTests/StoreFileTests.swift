import Foundation
import Testing

/// No command writes to a file that is not a Caseload store, `init` makes a
/// store whole or not at all, and no message quotes SQL.
@Suite struct StoreFileTests {
    /// Words of SQL (and of GRDB's way of quoting it) that no message may hold.
    static let sqlWords = ["SELECT", "INSERT", "CREATE", "UPDATE", "PRAGMA", "while executing", "SQLite error"]

    /// Another program's database, with a table named as one of Caseload's:
    /// every command refuses it, and it is left byte for byte, time and
    /// journal mode as it was, with nothing made beside it.
    @Test func aCommandPointedAtAnotherProgramsDatabaseChangesNothing() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        _ = try cli.sql("CREATE TABLE worker (login TEXT); CREATE TABLE recipe (name TEXT); INSERT INTO recipe VALUES ('soup')")
        // An hour ago, so a write now could not keep the same time.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: cli.store)
        let before = try FileState(cli.store)
        for attempt in [["case", "list"], ["contact", "add", "C-2026-00001", "--mode", "phone-in", "--summary", "Mum rang."],
                        ["init", "--supervisor", "sam", "--name", "Sam Okafor"], ["demo", "--cases", "5"], [],
                        ["worker", "list"]] {
            let refused = try cli.run(attempt)
            #expect(refused.status == 7, "\(attempt): \(refused.stderr)")
            #expect(refused.stderr == "caseload: \(cli.store) is not a Caseload store (it is another program's SQLite database, "
                + "without Caseload's tables): nothing was changed; point --store or CASELOAD_STORE at a Caseload store, "
                + "or create one elsewhere with  caseload init\n")
        }
        #expect(try FileState(cli.store) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder.path) == ["store.sqlite"])
        #expect(try cli.sql("PRAGMA journal_mode") == "delete")
        #expect(try cli.sql("SELECT group_concat(name) FROM sqlite_master") == "worker,recipe")
    }

    /// A path to something that is not a file at all: refused saying what it
    /// is, never with SQLite's words (a device once gave an I/O error quoting
    /// the first migration).
    @Test func aPathThatIsNotAFileIsRefusedSayingWhatItIs() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        let pipe = cli.folder.appendingPathComponent("pipe").path
        #expect(mkfifo(pipe, 0o600) == 0)
        for (path, what) in [("/dev/null", "a device"), (cli.folder.path, "a folder"), (pipe, "a named pipe")] {
            for attempt in [["case", "list"], ["init", "--supervisor", "sam", "--name", "Sam Okafor"]] {
                let refused = try cli.run(attempt, environment: ["CASELOAD_STORE": path])
                #expect(refused.status == 7, "\(path) \(attempt): \(refused.stderr)")
                #expect(refused.stderr.hasPrefix("caseload: \(path) is not a Caseload store (it is \(what), not a file): "
                                                 + "nothing was changed; point --store"))
                for word in Self.sqlWords { #expect(!refused.stderr.contains(word), "\(word) in \(refused.stderr)") }
            }
        }
        #expect(try FileState("/dev/null").kind == S_IFCHR)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder.path) == ["pipe"])
    }

    @Test func anEmptyFileIsNotAStoreUntilInitMakesOne() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        #expect(FileManager.default.createFile(atPath: cli.store, contents: nil, attributes: [.posixPermissions: 0o600]))
        let refused = try cli.run(["case", "list"])
        #expect(refused.status == 7, "\(refused.stderr)")
        #expect(refused.stderr.contains("\(cli.store) is not a Caseload store (it is an empty file; caseload init or "
                                        + "caseload demo can make a store in it): nothing was changed"))
        #expect(try FileState(cli.store).size == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder.path) == ["store.sqlite"])

        let made = try cli.run(["init", "--supervisor", "sam", "--name", "Sam Okafor"])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try cli.run(["case", "list"]).status == 0)
        #expect(try cli.sql("PRAGMA application_id") == "1129532484")
    }

    /// An init that fails leaves nothing: no store, no log, no folder made
    /// for it; and it never removes a store it did not make.
    @Test func aFailedInitLeavesNothingBehindAndRemovesNothingItDidNotMake() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        let nested = cli.folder.appendingPathComponent("service/records/store.sqlite").path
        for path in [cli.store, nested] {
            let failed = try cli.run(["init", "--supervisor", "Sam Okafor", "--name", "Sam Okafor"],
                                     environment: ["CASELOAD_STORE": path])
            #expect(failed.status == 2, "\(failed.stderr)")
            #expect(failed.stderr.contains("Sam Okafor is not a login"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).isEmpty)
        }

        let made = try cli.run(["init", "--supervisor", "sam", "--name", "Sam Okafor"])
        #expect(made.status == 0, "\(made.stderr)")
        let again = try cli.run(["init", "--supervisor", "ann", "--name", "Ann Lee"])
        #expect(again.status == 5, "\(again.stderr)")
        #expect(again.stderr.contains("is already set up"))
        let demo = try cli.run(["demo", "--cases", "5"])
        #expect(demo.status == 5, "\(demo.stderr)")
        #expect(try cli.sql("SELECT group_concat(login) FROM worker") == "sam")
    }

    /// A store made before the mark existed opens as before, and is stamped.
    @Test func aStoreMadeBeforeTheMarkStillOpensAndIsStamped() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        _ = try cli.sql("PRAGMA application_id = 0; DELETE FROM grdb_migrations WHERE identifier = 'v10-caseload-mark'")
        #expect(try cli.sql("PRAGMA application_id") == "0")
        let list = try cli.run(["worker", "list"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("amira"))
        #expect(try cli.sql("PRAGMA application_id") == "1129532484")
        #expect(try cli.sql("SELECT count(*) FROM grdb_migrations WHERE identifier = 'v10-caseload-mark'") == "1")
    }
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
