import Foundation
import Testing

/// The benchmark measures the right things: run on a small store it must
/// find the same rows through sqlite3 as through Caseload (it stops if not),
/// time every measure, and write every row of its table. Timings themselves
/// are not judged here: machines are noisy.
@Suite(.serialized) struct BenchmarkTests {
    @Test func theBenchmarkRunsEveryMeasureOnASmallStore() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("caseload-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let results = folder.appendingPathComponent("results.json").path
        let log = folder.appendingPathComponent("bench.log").path
        let script = root.appendingPathComponent("scripts/bench.py").path
        // Through the shell, not Process: the tmux servers the benchmark starts
        // would keep Process waiting on their inherited descriptors.
        let command = ["python3", script, "--binary", CommandRunner.binary.path, "--cases", "300", "--runs", "1",
                       "--browse-seconds", "3", "--out", results, "--cache", folder.appendingPathComponent("cache").path]
            .map { "'\($0)'" }.joined(separator: " ") + " </dev/null >'\(log)' 2>&1"
        let status = system(command)
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        try #require(status == 0, "the benchmark failed:\n\(output)")

        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: results)))
            as? [String: Any])
        let rows = try #require(json["rows"] as? [[String: Any]])
        let names = rows.compactMap { $0["measure"] as? String }
        for number in 1...16 {
            #expect(names.contains { $0.hasPrefix("\(number). ") }, "measure \(number) is in the table")
        }
        #expect(names.filter { $0.hasPrefix("3. ") }.count == 5, "scroll, page, open, back and limit")
        let list = try #require(rows.first { ($0["measure"] as? String)?.hasPrefix("1. ") == true })
        let counted = try #require(list["rows"] as? [String: Int])
        #expect(counted["caseload"] == counted["sqlite3"] && (counted["caseload"] ?? 0) > 0,
                "the floor lists the same cases as Caseload")
        let sql = try #require(list["sql"] as? [String])
        #expect(sql.contains { $0.contains("FROM case_file c") }, "the floor runs the list's own query")
        for row in rows {
            let caseload = try #require(row["caseload"] as? [String: Any], "\(row["measure"] ?? "?")")
            let figure = (caseload["median"] as? Double) ?? (caseload["p99"] as? Double) ?? -1
            #expect(figure > 0, "\(row["measure"] ?? "?") measured something")
        }
        let hostile = try #require(rows.first { ($0["measure"] as? String)?.hasPrefix("9. ") == true })
        #expect((hostile["each"] as? [String: Any])?.count == 6, "every hostile search and limit was timed")
        #expect(output.contains("| measure | caseload | floor | ratio | goal |"), "the table is printed")
    }
}
