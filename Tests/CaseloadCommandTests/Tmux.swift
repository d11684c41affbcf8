import Foundation

/// A real terminal for end-to-end tests: the binary runs inside a private
/// tmux server; tests type with send-keys and read the screen with
/// capture-pane, polling for what they expect rather than sleeping.
final class Tmux {
    let socket = "caseload-test-\(UUID().uuidString.prefix(8))"
    private(set) var started = false

    struct Timeout: Error, CustomStringConvertible {
        let expected: String
        let screen: String
        var description: String { "waited for \(expected) but the screen shows:\n\(screen)" }
    }

    /// Starts `command` in a detached session of the given size. After the
    /// command ends the pane stays, showing EXIT=<status>.
    func start(_ command: String, width: Int = 100, height: Int = 30, environment: [String: String]) throws {
        let exports = environment.map { "\($0.key)=\(shellQuote($0.value))" }.sorted().joined(separator: " ")
        let script = "env \(exports) \(command); echo EXIT=$?; sleep 600"
        try tmux(["new-session", "-d", "-x", String(width), "-y", String(height), script], output: false)
        started = true
    }

    func screen() -> String {
        (try? tmux(["capture-pane", "-p"], output: true)) ?? ""
    }

    /// Waits until the screen contains `text` (10 seconds at most) and returns it.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 10) throws -> String {
        try waitUntil("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    @discardableResult
    func waitUntil(_ what: String, timeout: TimeInterval = 10, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen()
            // A frame can be read while it is still being written: the screen
            // is returned once it holds and a second look finds it unchanged.
            if condition(last) {
                usleep(30_000)
                let again = screen()
                if again == last { return last }
                continue
            }
            usleep(50_000)
        }
        throw Timeout(expected: what, screen: last)
    }

    /// Named keys: "Enter", "Escape", "C-c", "Down" ...
    func press(_ keys: String...) throws {
        try tmux(["send-keys"] + keys, output: false)
    }

    /// Literal text, UTF-8 included.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-l", text], output: false)
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-x", String(width), "-y", String(height)], output: false)
    }

    func stop() {
        if started { _ = try? tmux(["kill-server"], output: false) }
    }

    /// Runs tmux through the shell and waits for it. Foundation's Process is
    /// not used here: the tmux server that new-session starts would inherit
    /// the descriptors Process watches and keep it waiting.
    @discardableResult
    private func tmux(_ arguments: [String], output: Bool) throws -> String {
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let command = (["tmux", "-L", socket] + arguments).map(shellQuote).joined(separator: " ")
            + " </dev/null >\(shellQuote(outputFile.path)) 2>/dev/null"
        _ = system(command)
        return output ? ((try? String(contentsOf: outputFile, encoding: .utf8)) ?? "") : ""
    }

    private func shellQuote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
