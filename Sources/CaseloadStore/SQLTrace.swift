import Foundation
import GRDB

/// Writes each statement the store runs, values filled in, to a file (for
/// the benchmark's floor: the same SQL run by the sqlite3 shell). Several
/// connections may trace at once, so writes take a lock.
final class SQLTrace: @unchecked Sendable {
    private let handle: FileHandle?
    private let lock = NSLock()

    init(path: String) {
        if !FileManager.default.fileExists(atPath: path) {
            FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        handle = FileHandle(forWritingAtPath: path)
        _ = try? handle?.seekToEnd()
    }

    func attach(_ db: Database) {
        db.trace(options: .statement) { [self] event in
            guard case .statement(let statement) = event else { return }
            let line = Data((statement.expandedSQL.trimmingCharacters(in: .whitespacesAndNewlines) + ";\n").utf8)
            lock.lock()
            handle?.write(line)
            lock.unlock()
        }
    }
}
