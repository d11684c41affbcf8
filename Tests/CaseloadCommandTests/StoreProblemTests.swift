import Foundation
import Testing

/// A store that cannot be used as usual is told apart, each case with its
/// own words and exit status: not a Caseload store (7), read-only (8), disk
/// full (9), locked by another program (10), damaged (11).
@Suite struct StoreProblemTests {
    // MARK: Read-only

    /// A store closed cleanly on a file system then remounted read-only has
    /// no -shm or -wal file and none can be made: it is still read.
    @Test(.enabled(if: Tmpfs.usable, Tmpfs.why))
    func aStoreOnAReadOnlyFileSystemCanBeReadButNotChanged() throws {
        let (cli, mount) = try Tmpfs.storeWithTeam()
        defer { mount.unmount(); cli.remove() }
        let reference = try openCase(cli)
        try Tmpfs.remount(cli.folder, readOnly: true)

        let list = try cli.run(["case", "list", "--all"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains(reference))
        #expect(list.stderr.contains("read-only (its file system is mounted read-only), so this reading is not recorded"))
        let show = try cli.run(["case", "show", reference])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("Mum rang."))
        let search = try cli.run(["search", "Nguyen"])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains(reference))

        for change in [["contact", "add", reference, "--mode", "phone-in", "--summary", "Dad rang."],
                       ["worker", "add", "cara", "--name", "Cara Jones"]] {
            let refused = try cli.run(change)
            #expect(refused.status == 8, "\(refused.stderr)")
            #expect(refused.stderr.contains("the store at \(cli.store) is read-only (its file system is mounted read-only): "
                                            + "nothing was changed"))
            for word in StoreFileTests.sqlWords { #expect(!refused.stderr.contains(word), "\(word) in \(refused.stderr)") }
        }
        try Tmpfs.remount(cli.folder, readOnly: false)
        #expect(try cli.sql("SELECT count(*) FROM worker") == "2")
        #expect(try cli.sql("SELECT count(*) FROM contact") == "1")
    }

    /// A store made before the mark, on read-only media: it cannot be
    /// stamped, and needs nothing else, so it is still read.
    @Test(.enabled(if: Tmpfs.usable, Tmpfs.why))
    func aStoreMadeBeforeTheMarkCanStillBeReadWhereItCannotBeStamped() throws {
        let (cli, mount) = try Tmpfs.storeWithTeam()
        defer { mount.unmount(); cli.remove() }
        let reference = try openCase(cli)
        _ = try cli.sql("PRAGMA application_id = 0; DELETE FROM grdb_migrations WHERE identifier = 'v10-caseload-mark'")
        try Tmpfs.remount(cli.folder, readOnly: true)
        let show = try cli.run(["case", "show", reference])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("Mum rang."))
        try Tmpfs.remount(cli.folder, readOnly: false)
        #expect(try cli.sql("PRAGMA application_id") == "0")
    }

    /// A store whose file, or whose folder, the user may not write, run as
    /// another user (root may write anything).
    @Test(.enabled(if: AnotherUser.usable, AnotherUser.why))
    func aStoreTheUserMayNotWriteCanBeReadButNotChanged() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let reference = try openCase(cli)
        try AnotherUser.give(cli.folder)
        chmod(cli.store, 0o400)

        var list = try AnotherUser.run(cli, ["case", "list", "--all"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains(reference))
        var refused = try AnotherUser.run(cli, ["contact", "add", reference, "--mode", "phone-in", "--summary", "Dad rang."])
        #expect(refused.status == 8, "\(refused.stderr)")
        #expect(refused.stderr.contains("is read-only (you do not have permission to write to it): nothing was changed"))

        // The file may be written but its folder not, so SQLite has nowhere for its log.
        for log in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: cli.store + log) }
        chmod(cli.store, 0o600)
        chmod(cli.folder.path, 0o500)
        defer { chmod(cli.folder.path, 0o700) }
        list = try AnotherUser.run(cli, ["case", "show", reference])
        #expect(list.status == 0, "\(list.stderr)")
        refused = try AnotherUser.run(cli, ["contact", "add", reference, "--mode", "phone-in", "--summary", "Dad rang."])
        #expect(refused.status == 8, "\(refused.stderr)")
        #expect(refused.stderr.contains("is read-only (you do not have permission to write to its folder"))
    }

    // MARK: Disk full

    @Test(.enabled(if: Tmpfs.usable, Tmpfs.why))
    func aFullDiskSavesNothingAndLosesNothing() throws {
        let (cli, mount) = try Tmpfs.storeWithTeam()
        defer { mount.unmount(); cli.remove() }
        let reference = try openCase(cli)
        let filler = cli.folder.appendingPathComponent("filler").path
        try Tmpfs.fill(cli.folder, with: filler)

        for attempt in [["contact", "add", reference, "--mode", "phone-in", "--summary", "Dad rang."],
                        ["case", "list"]] {
            let full = try cli.run(attempt)
            #expect(full.status == 9, "\(full.stderr)")
            #expect(full.stderr.contains("the disk holding the store at \(cli.store) is full: nothing was saved "
                                         + "and nothing in the store was lost; free some space on it and try again"))
            for word in StoreFileTests.sqlWords { #expect(!full.stderr.contains(word), "\(word) in \(full.stderr)") }
        }
        try FileManager.default.removeItem(atPath: filler)
        let show = try cli.run(["case", "show", reference])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("Mum rang."))
        #expect(!show.stdout.contains("Dad rang."))
        let again = try cli.run(["contact", "add", reference, "--mode", "phone-in", "--summary", "Dad rang."])
        #expect(again.status == 0, "\(again.stderr)")
    }

    /// A store that cannot be made for want of space is not left half made.
    @Test(.enabled(if: Tmpfs.usable, Tmpfs.why))
    func anInitOrDemoOnAFullDiskLeavesNoFileBehind() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        try shell("/bin/mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", cli.folder.path)
        let mount = Tmpfs(folder: cli.folder)
        defer { mount.unmount() }
        try Tmpfs.fill(cli.folder, with: cli.folder.appendingPathComponent("filler").path)
        for attempt in [["init", "--supervisor", "sam", "--name", "Sam Okafor"], ["demo", "--cases", "5"]] {
            let full = try cli.run(attempt)
            #expect(full.status == 9, "\(attempt): \(full.stderr)")
            #expect(full.stderr.contains("the disk holding the store at \(cli.store) is full: nothing was saved"))
            for word in StoreFileTests.sqlWords { #expect(!full.stderr.contains(word), "\(word) in \(full.stderr)") }
            #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder.path) == ["filler"])
        }
    }

    // MARK: Locked

    @Test func aStoreLockedByAnotherProgramSaysSoAndToTryAgain() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let reference = try openCase(cli)
        // sqlite3 holds a write transaction until its input closes; it
        // touches a file once it has the lock.
        let locked = cli.folder.appendingPathComponent("locked").path
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        holder.arguments = [cli.store]
        let input = Pipe()
        holder.standardInput = input
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\n.system touch '\(locked)'\n".utf8))
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: locked), Date() < deadline { usleep(20_000) }
        #expect(FileManager.default.fileExists(atPath: locked), "sqlite3 did not take the lock")

        for attempt in [["contact", "add", reference, "--mode", "phone-in", "--summary", "Dad rang."],
                        ["case", "list"]] {
            let busy = try cli.run(attempt, environment: ["CASELOAD_BUSY_TIMEOUT_MS": "200"])
            #expect(busy.status == 10, "\(busy.stderr)")
            #expect(busy.stderr.contains("the store at \(cli.store) is locked by another program writing to it, "
                                         + "still after waiting 200 milliseconds: nothing was changed; try again in a moment"))
        }
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        let again = try cli.run(["contact", "add", reference, "--mode", "phone-in", "--summary", "Dad rang."])
        #expect(again.status == 0, "\(again.stderr)")
    }

    // MARK: Damaged

    @Test func aDamagedStoreSaysSoWithWhatSQLiteFound() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        _ = try openCase(cli)
        let page = try #require(Int(try cli.sql("SELECT rootpage FROM sqlite_master WHERE name = 'worker'")))
        let copy = cli.folder.appendingPathComponent("damaged.sqlite").path
        try FileManager.default.copyItem(atPath: cli.store, toPath: copy)
        try shell("/bin/dd", "if=/dev/zero", "of=\(copy)", "bs=4096", "seek=\(page - 1)", "count=3", "conv=notrunc")

        let damaged = try cli.run(["case", "list"], environment: ["CASELOAD_STORE": copy])
        #expect(damaged.status == 11, "\(damaged.stderr)")
        #expect(damaged.stderr.contains("the store at \(copy) is damaged (SQLite's integrity check says: Page \(page): "))
        #expect(damaged.stderr.contains("nothing was changed; keep a copy of the file as it is, and restore the store"))

        // Its first page gone, SQLite does not know it as a database at all,
        // but Caseload's tables are still in it.
        try FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: cli.store, toPath: copy)
        try shell("/bin/dd", "if=/dev/zero", "of=\(copy)", "bs=4096", "count=2", "conv=notrunc")
        let headless = try cli.run(["case", "list"], environment: ["CASELOAD_STORE": copy])
        #expect(headless.status == 11, "\(headless.stderr)")
        #expect(headless.stderr.contains("the store at \(copy) is damaged (SQLite cannot read it as a database)"))
    }

    // MARK: Not a Caseload store

    @Test func aFileThatIsNotACaseloadStoreIsRefusedAndLeftAlone() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        let text = cli.folder.appendingPathComponent("notes.txt").path
        try Data("Shopping: milk, bread\n".utf8).write(to: URL(fileURLWithPath: text))
        let notSQLite = try cli.run(["case", "list"], environment: ["CASELOAD_STORE": text])
        #expect(notSQLite.status == 7, "\(notSQLite.stderr)")
        #expect(notSQLite.stderr.contains("\(text) is not a Caseload store (it is not an SQLite database): nothing was changed"))

        // Another program's database: refused, not given Caseload's tables.
        try shell("/usr/bin/sqlite3", cli.store, "CREATE TABLE recipe (name TEXT)")
        for attempt in [["case", "list"], ["init", "--supervisor", "sam", "--name", "Sam Okafor"]] {
            let other = try cli.run(attempt)
            #expect(other.status == 7, "\(other.stderr)")
            #expect(other.stderr.contains("\(cli.store) is not a Caseload store (it is another program's SQLite database, "
                                          + "without Caseload's tables)"))
        }
        #expect(try cli.sql("SELECT group_concat(name) FROM sqlite_master") == "recipe")

        // A dump of a store holds its table definitions but is not one.
        let store = try CommandRunner.withTeam()
        defer { store.remove() }
        let dump = cli.folder.appendingPathComponent("dump.sql").path
        try Data(try store.sql(".dump").utf8).write(to: URL(fileURLWithPath: dump))
        let dumped = try cli.run(["case", "list"], environment: ["CASELOAD_STORE": dump])
        #expect(dumped.status == 7, "\(dumped.stderr)")
        #expect(dumped.stderr.contains("(it is not an SQLite database)"))
    }

    // MARK: Helpers

    /// Opens a case for sam with one contact, and returns its reference.
    private func openCase(_ cli: CommandRunner) throws -> String {
        let open = try cli.run(["case", "open", "--child", "Zoë Nguyen", "--dob", "03/04/2015"])
        guard open.status == 0 else { throw CommandRunner.SetupFailure(message: open.stderr) }
        let reference = open.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let contact = try cli.run(["contact", "add", reference, "--mode", "phone-in", "--summary", "Mum rang."])
        guard contact.status == 0 else { throw CommandRunner.SetupFailure(message: contact.stderr) }
        return reference
    }
}

/// Runs a program and fails unless it succeeds.
@discardableResult
private func shell(_ program: String, _ arguments: String...) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw CommandRunner.SetupFailure(message: "\(program) \(arguments.joined(separator: " ")) failed")
    }
    return String(decoding: data, as: UTF8.self)
}

/// A small tmpfs mounted over a test's folder, to make a file system
/// read-only or full. Needs root (or the right to mount).
private struct Tmpfs {
    let folder: URL

    /// Whether a tmpfs can be mounted here: tried once.
    static let usable: Bool = {
        guard getuid() == 0 else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("caseload-mount-\(UUID().uuidString)")
        guard (try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)) != nil else { return false }
        defer { try? FileManager.default.removeItem(at: probe) }
        guard (try? shell("/bin/mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.path)) != nil else { return false }
        _ = try? shell("/bin/umount", probe.path)
        return true
    }()

    static let why: Comment = "skipped: mounting a small tmpfs (to make it read-only or full) needs root and the right to mount"

    /// A store with a team on a 2 MiB tmpfs mounted over the runner's folder.
    static func storeWithTeam() throws -> (CommandRunner, Tmpfs) {
        let cli = try CommandRunner()
        try shell("/bin/mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", cli.folder.path)
        let mount = Tmpfs(folder: cli.folder)
        for arguments in [["init", "--supervisor", "sam", "--name", "Sam Okafor", "--service", "Test SENDIASS"],
                          ["worker", "add", "ben", "--name", "Ben Evans"]] {
            let result = try cli.run(arguments)
            guard result.status == 0 else {
                mount.unmount()
                throw CommandRunner.SetupFailure(message: result.stderr)
            }
        }
        return (cli, mount)
    }

    static func remount(_ folder: URL, readOnly: Bool) throws {
        try shell("/bin/mount", "-o", readOnly ? "remount,ro" : "remount,rw", folder.path)
    }

    /// Fills the file system with one file of all the space left.
    static func fill(_ folder: URL, with path: String) throws {
        var info = statvfs()
        guard statvfs(folder.path, &info) == 0 else { throw CommandRunner.SetupFailure(message: "statvfs failed") }
        let free = Int(info.f_bavail) * Int(info.f_frsize)
        try Data(count: free).write(to: URL(fileURLWithPath: path))
        guard statvfs(folder.path, &info) == 0, info.f_bavail == 0 else {
            throw CommandRunner.SetupFailure(message: "the tmpfs still has room")
        }
    }

    func unmount() { _ = try? shell("/bin/umount", folder.path) }
}

/// Runs the binary as `nobody`, for a store the user may only read (root
/// may write any file whatever its mode).
private enum AnotherUser {
    static let uid: uid_t = 65534
    static let gid: gid_t = 65534

    static var usable: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") && getpwuid(uid) != nil
    }

    static let why: Comment = "skipped: running as another user (nobody, through setpriv) needs root"

    /// Makes `nobody` the owner of the folder and everything in it.
    static func give(_ folder: URL) throws {
        try shell("/bin/chown", "-R", "\(uid):\(gid)", folder.path)
    }

    static func run(_ cli: CommandRunner, _ arguments: [String]) throws -> CommandRunner.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=\(uid)", "--regid=\(gid)", "--clear-groups", CommandRunner.binary.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["CASELOAD_STORE"] = cli.store
        environment["CASELOAD_USER"] = "sam"
        environment["TZ"] = "Europe/London"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errData = Data.Collector(err.fileHandleForReading)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandRunner.Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                                    stderr: String(decoding: errData.wait(), as: UTF8.self))
    }
}

private extension Data {
    /// Reads a pipe to its end on another thread, so two pipes never deadlock.
    final class Collector: @unchecked Sendable {
        private var data = Data()
        private let group = DispatchGroup()

        init(_ handle: FileHandle) {
            group.enter()
            DispatchQueue.global().async { [self] in
                data = handle.readDataToEndOfFile()
                group.leave()
            }
        }

        func wait() -> Data {
            group.wait()
            return data
        }
    }
}
