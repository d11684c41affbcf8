import Foundation
import Testing

/// A supervisor moves a leaving worker's caseload that has handovers waiting
/// on it (one the leaver made, one made to them) and an inactive case: in
/// the front end at 80×24, and on the command line the same way.
@Suite(.serialized) struct LeavingEndToEndTests {

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func open(_ cli: CommandRunner, _ child: String, level: String, as user: String) throws -> String {
        try cli.run(["case", "open", "--child", child, "--level", level], as: user).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Amira (agency, last day 31/03/2027) holds three open cases and one
    /// inactive; she has handed one to Ben and it waits; Ben has handed her
    /// one of his. Cara, with room for little, is the receiver.
    private func team() throws -> (CommandRunner, mine: [String], handedOn: String, inactive: String, bens: String) {
        let cli = try CommandRunner.withTeam()
        try cli.run(["worker", "add", "cara", "--name", "Cara Jones", "--capacity", "4"])
        let mine = try [("Aoife Byrne", "3"), ("Rhys Evans", "2"), ("Yusuf Khan", "1")].map { try open(cli, $0.0, level: $0.1, as: "amira") }
        let inactive = try open(cli, "Quiet Child", level: "1", as: "amira")
        _ = try cli.sql("UPDATE case_file SET status = 'inactive' WHERE reference = '\(inactive)'")
        #expect(try cli.run(["handover", mine[0], "--to", "ben", "--summary", "Ben knows the school."], as: "amira").status == 0)
        let bens = try open(cli, "Zoë Nguyễn", level: "2", as: "ben")
        #expect(try cli.run(["handover", bens, "--to", "amira", "--summary", "Amira speaks Urdu with Mum."], as: "ben").status == 0)
        return (cli, mine, mine[0], inactive, bens)
    }

    private func handoverStatuses(_ cli: CommandRunner, _ reference: String) throws -> String {
        try cli.sql("SELECT group_concat(h.status, ',') FROM (SELECT h.status FROM handover h JOIN case_file c ON c.id = h.case_id "
                    + "WHERE c.reference = '\(reference)' ORDER BY h.rowid) h")
    }

    private func checkOutcome(_ cli: CommandRunner, mine: [String], handedOn: String, inactive: String, bens: String) throws {
        for reference in mine + [inactive] {
            #expect(try json(try cli.run(["case", "show", reference, "--json"]).stdout)["workerLogin"] as? String == "cara")
        }
        let stayed = try json(try cli.run(["case", "show", bens, "--json"]).stdout)
        #expect(stayed["workerLogin"] as? String == "ben", "a case handed to the leaver stays with who handed it")
        let timeline = try #require(stayed["timeline"] as? [[String: Any]])
        #expect(timeline.contains { ($0["text"] as? String)?.contains("amira is leaving; the case stays with ben") == true })
        #expect(try handoverStatuses(cli, bens) == "cancelled")
        #expect(try handoverStatuses(cli, handedOn) == "cancelled,accepted")
        let workers = try cli.run(["worker", "list", "--all", "--json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(workers.stdout.utf8)) as? [[String: Any]])
        let amira = try #require(list.first { $0["login"] as? String == "amira" })
        #expect(amira["active"] as? Bool == true, "she works until her agency end date is over")
        #expect(amira["endsOn"] as? String == "2027-03-31", "ended on the agency end date")
    }

    @Test func theWizardAt80By24SaysWhatItWillDoAndCompletes() throws {
        let (cli, mine, handedOn, inactive, bens) = try team()
        let tmux = Tmux()
        defer { tmux.stop(); cli.remove() }
        try tmux.start(CommandRunner.binary.path, width: 80, height: 24, environment: cli.terminal(as: "sam"))
        try tmux.waitFor("My caseload")
        try tmux.press("w")
        try tmux.waitFor("Team:")
        try tmux.type(":leaving amira")
        try tmux.press("Enter")
        let step1 = try tmux.waitFor("Step 1 of 3")
        #expect(step1.contains("is leaving: 4 cases (3 open, 1 inactive)"))
        #expect(step1.contains("1 handover amira made is still waiting"))
        #expect(step1.contains("1 case handed to amira waits for acceptance"))
        let rows = step1.split(separator: "\n").filter { $0.contains("[ ]") }
        let cara = try #require(rows.firstIndex { $0.contains("(cara)") })
        for _ in 0..<cara { try tmux.press("Down") }
        try tmux.press("Space")
        try tmux.waitUntil("cara ticked") { $0.contains("[x] Cara Jones (cara)") }
        try tmux.press("Enter")
        try tmux.waitFor("Step 2 of 3")
        try tmux.press("Enter")
        // The whole preview, not the first capture that shows its heading
        // (tmux may be read while the frame is still being written).
        try tmux.waitUntil("the preview warns of the load, the end date and the withdrawn handover") {
            $0.contains("Step 3 of 3") && $0.contains("Over capacity: cara goes from 0% to")
                && $0.contains("end amira on 31/03/2027 (their agency end date)") && $0.contains("will be withdrawn")
        }
        try tmux.press("Enter")
        try tmux.waitFor("amira's last day is 31/03/2027")
        try tmux.press("q", "q")
        try tmux.waitFor("EXIT=0")
        try checkOutcome(cli, mine: mine, handedOn: handedOn, inactive: inactive, bens: bens)
    }

    @Test func theCommandLineSaysTheSameAndMovesTheSameWay() throws {
        let (cli, mine, handedOn, inactive, bens) = try team()
        defer { cli.remove() }
        let preview = try cli.run(["handover", "--from", "amira", "--to", "cara", "--all", "--dry-run"])
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(preview.stdout.contains("Proposed split of amira's 4 cases (3 open, 1 inactive) (nothing changed):"))
        #expect(preview.stdout.contains("Over capacity: cara goes from 0% to"))
        #expect(preview.stdout.contains("1 handover amira made is still waiting: it will be withdrawn"))
        #expect(preview.stdout.contains("1 case handed to amira waits for acceptance"))
        #expect(try handoverStatuses(cli, bens) == "pending", "a dry run changes nothing")
        let refused = try cli.run(["handover", "--from", "amira", "--to", "cara", "--all", "--end"])
        #expect(refused.status != 0 && refused.stderr.contains("--end needs --sign-off"))
        let moved = try cli.run(["handover", "--from", "amira", "--to", "cara", "--all", "--sign-off", "--end"])
        #expect(moved.status == 0, "\(moved.stderr)")
        try checkOutcome(cli, mine: mine, handedOn: handedOn, inactive: inactive, bens: bens)
    }
}
