import Foundation

/// Runs the built `caseload` binary as a person would, on a store in a
/// private temporary folder.
struct CommandRunner {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    let folder: URL
    var store: String { folder.appendingPathComponent("store.sqlite").path }

    static var binary: URL {
        if let custom = ProcessInfo.processInfo.environment["CASELOAD_BIN"] { return URL(fileURLWithPath: custom) }
        // The test bundle sits in the build folder beside the executable.
        var folder = Bundle.main.bundleURL
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("caseload")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        fatalError("caseload binary not found beside the tests: run `swift build` first (scripts/test does)")
    }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("caseload-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// Runs `caseload ARGS` as `user` with the store set through the environment.
    @discardableResult
    func run(_ arguments: [String], as user: String = "sam", stdin: Data? = nil,
             environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["CASELOAD_STORE"] = store
        environment["CASELOAD_USER"] = user
        environment["TZ"] = "Europe/London"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // Read both pipes while writing, so a large output or input never deadlocks.
        let outData = Collected(), errData = Collected()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outData.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if let stdin {
            // The command may stop reading early (input over its limit):
            // the rest is refused, not a reason for the test run to die.
            signal(SIGPIPE, SIG_IGN)
            try? input.fileHandleForWriting.write(contentsOf: stdin)
        }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData.data, as: UTF8.self),
                      stderr: String(decoding: errData.data, as: UTF8.self))
    }

    /// A store with supervisor sam and caseworkers amira (agency) and ben.
    /// The environment the binary runs in inside tmux, as a user at a terminal.
    func terminal(as user: String, term: String = "xterm-256color") -> [String: String] {
        ["TERM": term, "LANG": "C.UTF-8", "CASELOAD_STORE": store, "CASELOAD_USER": user, "TZ": "Europe/London"]
    }

    static func withTeam() throws -> CommandRunner {
        let runner = try CommandRunner()
        for arguments in [["init", "--supervisor", "sam", "--name", "Sam Okafor", "--service", "Test SENDIASS"],
                          ["worker", "add", "amira", "--name", "Amira Khan", "--agency", "--ends", "31/03/2027"],
                          ["worker", "add", "ben", "--name", "Ben Evans"]] {
            let result = try runner.run(arguments)
            guard result.status == 0 else { throw SetupFailure(message: result.stderr) }
        }
        return runner
    }

    struct SetupFailure: Error { let message: String }

    /// Filled by one reader thread, read after it has finished (the group's wait orders them).
    private final class Collected: @unchecked Sendable {
        var data = Data()
    }

    func sql(_ query: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [store, query]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
