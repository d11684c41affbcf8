import CaseloadCore
import Foundation
import GRDB

/// A damaged store told from a file that was never one, and what SQLite
/// finds wrong with it.
extension StoreOpening {
    var damaged: CaseloadError {
        let check = integrityCheck().map { "SQLite's integrity check says: \($0)" } ?? "SQLite cannot read it as a database"
        return CaseloadError(.damaged, """
            the store at \(path) is damaged (\(check)): nothing was changed; keep a copy of the file as it is, \
            and restore the store from your latest backup
            """)
    }

    /// The first line of `PRAGMA integrity_check` that names a problem, or
    /// nil when it cannot be run or finds none.
    func integrityCheck() -> String? {
        var configuration = Configuration()
        configuration.readonly = true
        guard let queue = try? openReadOnly(configuration, readOnly: "checking it"),
              let report = try? queue.read({ try String.fetchOne($0, sql: "PRAGMA integrity_check(1)") })
        else { return nil }
        let line = report.split(separator: "\n").first { !$0.hasPrefix("***") }.map(String.init)
        return line == "ok" ? nil : line.map { SafeText.inline($0) }
    }

    /// Whether a file SQLite cannot read holds the definitions of
    /// Caseload's own tables, so it is a damaged store rather than some
    /// other file. A file SQLite does not recognise at all must also be
    /// whole pages long, so a text file (an SQL dump of a store, say) that
    /// happens to hold the same words is not taken for a store.
    func bearsCaseloadTables(notADatabase: Bool) -> Bool {
        guard let file = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? file.close() }
        if notADatabase {
            var info = stat()
            guard stat(path, &info) == 0, info.st_size >= 512, info.st_size % 512 == 0 else { return false }
        }
        let marks = ["CREATE TABLE store_info", "CREATE TABLE case_file"].map { Data($0.utf8) }
        let overlap = marks.map(\.count).max()!
        var carried = Data()
        while let chunk = try? file.read(upToCount: 1 << 20), !chunk.isEmpty {
            let window = carried + chunk
            if marks.contains(where: { window.range(of: $0) != nil }) { return true }
            carried = window.suffix(overlap)
        }
        return false
    }
}
