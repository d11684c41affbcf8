import Foundation
import Testing

/// Searching and limiting from the command line: what is refused and how,
/// what a caseworker sees of others' cases, and that no search keeps the
/// rest of the team waiting.
@Suite struct SearchCommandTests {
    /// A search as the issue found it (300 × "a" took 3.8 s inside the
    /// write lock on 3,000 cases), and one that is allowed but reads hard,
    /// each in its own process, while the caseload is listed in another.
    @Test func aPathologicalSearchNeverKeepsTheCaseloadWaiting() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        let demo = try cli.run(["demo", "--cases", "2000", "--seed", "7"])
        try #require(demo.status == 0, "\(demo.stderr)")
        let worker = try cli.sql("""
            SELECT w.login FROM case_file c JOIN worker w ON w.id = c.worker_id
            WHERE w.role = 'caseworker' AND c.status = 'open' GROUP BY w.id ORDER BY count(*) DESC LIMIT 1
            """)
        // A list waits this long for a lock before giving up: long enough
        // that only the time it took can fail the test.
        let patient = ["CASELOAD_BUSY_TIMEOUT_MS": "10000"]
        let searches: [[String]] = [
            ["search"] + Array(repeating: "a", count: 300),
            ["search", "the", "con", "pro", "par", "sch", "req", "mee", "wit", "and", "sup"],
        ]
        let group = DispatchGroup()
        let results = Results()
        for (index, arguments) in searches.enumerated() {
            group.enter()
            DispatchQueue.global().async {
                results.set(index, try? cli.run(arguments, as: worker, environment: patient))
                group.leave()
            }
        }
        Thread.sleep(forTimeInterval: 0.05)
        for _ in 0..<3 {
            let started = Date()
            let list = try cli.run(["case", "list", "--mine"], as: worker, environment: patient)
            let took = Date().timeIntervalSince(started)
            #expect(list.status == 0, "\(list.stderr)")
            #expect(took < 1, "the caseload took \(took) s to list while a search ran")
        }
        group.wait()
        let pathological = try #require(results.get(0))
        #expect(pathological.status == 2)
        #expect(pathological.stderr.contains("the search is 599 bytes long; the most is 200"))
        let hard = try #require(results.get(1))
        #expect(hard.status == 0 || hard.stderr.contains("the search was stopped after"), "\(hard.stderr)")
    }

    @Test func whatCannotBeSearchedIsRefusedSayingWhy() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let refusals: [([String], String)] = [
            (["case", "list", "--filter", "!!!"], "found no words to search for in !!!"),
            (["case", "list", "--all", "--filter", String(repeating: "a ", count: 5000)], "the limit is 10000 bytes long"),
            (["search", "--", "?!", "--", "**"], "found no words to search for"),
            (["search"] + (1...11).map { "word\($0)" }, "the search has 11 different words; the most is 10"),
        ]
        for (arguments, message) in refusals {
            let result = try cli.run(arguments, as: "amira")
            #expect(result.status == 2, "\(arguments.prefix(3))")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(!result.stderr.contains("Expression tree"))
        }
    }

    @Test func hitsOutsideMyCaseloadShowNoTextAndWhatWasShownIsAudited() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let amiras = try cli.run(["case", "open", "--child", "Aoife Byrne"], as: "amira").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let bens = try cli.run(["case", "open", "--child", "Rhys Evans"], as: "ben").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try cli.run(["contact", "add", amiras, "--mode", "phone-in", "--summary", "Mum fears the tribunal."], as: "amira")
        try cli.run(["contact", "add", bens, "--mode", "phone-in", "--summary", "Tribunal bundle sent."], as: "ben")

        let text = try cli.run(["search", "tribunal"], as: "ben")
        #expect(text.status == 0)
        #expect(!text.stdout.contains("fears"), "no text of Amira's note")
        #expect(text.stdout.contains("\(amiras)  Aoife Byrne"))
        #expect(text.stdout.contains("outside your caseload: caseload case show \(amiras) --reason TEXT"))
        #expect(text.stdout.contains("[Tribunal] bundle sent."))

        let json = try cli.run(["search", "tribunal", "--json"], as: "ben")
        let hits = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let outside = try #require(hits.first { $0["reference"] as? String == amiras })
        #expect(outside["outsideCaseload"] as? Bool == true && outside["snippet"] == nil)
        #expect(outside["child"] as? String == "Aoife Byrne")
        #expect(hits.first { $0["reference"] as? String == bens }?["outsideCaseload"] as? Bool == false)

        #expect(try cli.run(["audit", bens]).stdout.contains("search.shown"))
        #expect(try !cli.run(["audit", amiras]).stdout.contains("search.shown"))
    }

    /// What the reader threads found, read once they have finished.
    private final class Results: @unchecked Sendable {
        private var found: [Int: CommandRunner.Result] = [:]
        private let lock = NSLock()

        func set(_ index: Int, _ result: CommandRunner.Result?) {
            lock.lock()
            found[index] = result
            lock.unlock()
        }

        func get(_ index: Int) -> CommandRunner.Result? {
            lock.lock()
            defer { lock.unlock() }
            return found[index]
        }
    }
}
