import Foundation
import Testing

/// The real binary in a real terminal (tmux), used as a caseworker would.
@Suite(.serialized) struct EndToEndTests {
    /// A demo store and one of its caseworkers who holds open cases.
    private func demo(_ cli: CommandRunner) throws -> String {
        let made = try cli.run(["demo", "--cases", "300", "--seed", "5"], as: "boss")
        guard made.status == 0 else { throw CommandRunner.SetupFailure(message: made.stderr) }
        let workers = try cli.run(["worker", "list", "--json"], as: "boss")
        let list = try JSONSerialization.jsonObject(with: Data(workers.stdout.utf8)) as? [[String: Any]] ?? []
        let caseworker = list.first { $0["role"] as? String == "caseworker" && ($0["openCases"] as? Int ?? 0) > 5 }
        return try #require(caseworker?["login"] as? String)
    }


    @Test func aCaseworkerBrowsesSearchesLimitsResizesAndQuits() throws {
        let cli = try CommandRunner()
        let tmux = Tmux()
        defer { tmux.stop(); cli.remove() }
        let login = try demo(cli)
        try tmux.start(CommandRunner.binary.path, environment: cli.terminal(as: login))
        try tmux.waitFor("My caseload · 1 of")
        try tmux.press("j", "Enter")
        try tmux.waitFor("Timeline (newest first)")
        try tmux.press("Enter")
        try tmux.waitFor("▾ ")
        try tmux.press("q")
        try tmux.waitFor("My caseload · 2 of")

        try tmux.press("l")
        try tmux.waitFor("Limit:")
        try tmux.type("level:3")
        try tmux.press("Enter")
        let limited = try tmux.waitFor("limit: level:3")
        let rows = limited.split(separator: "\n").filter { $0.hasPrefix("C-") }
        #expect(!rows.isEmpty)
        try tmux.press("Escape")
        try tmux.waitUntil("the limit to clear") { !$0.contains("limit: level:3") }

        try tmux.press("/")
        try tmux.type("school")
        try tmux.press("Enter")
        try tmux.waitFor("Results for \"school\"")
        try tmux.press("q")
        try tmux.press("?")
        try tmux.waitFor("Tag or untag the case")
        try tmux.press("q")

        try tmux.resize(width: 70, height: 20)
        try tmux.waitFor("Please enlarge the window")
        try tmux.resize(width: 120, height: 35)
        try tmux.waitFor("My caseload · 1 of")
        try tmux.press("q")
        try tmux.waitFor("EXIT=0")
    }

    @Test func openingSomeoneElsesCaseAsksWhyAndRecordsIt() throws {
        let cli = try CommandRunner.withTeam()
        let tmux = Tmux()
        defer { tmux.stop(); cli.remove() }
        let reference = try cli.run(["case", "open", "--child", "Siobhán Ní Bhriain"], as: "ben").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try tmux.start(CommandRunner.binary.path, environment: cli.terminal(as: "amira"))
        try tmux.waitFor("My caseload · no cases")
        try tmux.press(":")
        try tmux.type("open \(reference)")
        try tmux.press("Enter")
        try tmux.waitFor("Why are you opening \(reference)?")
        try tmux.type("Mum rang while Ben is on leave")
        try tmux.press("Enter")
        try tmux.waitFor("Siobhán Ní Bhriain")
        try tmux.press("q", "q")
        try tmux.waitFor("EXIT=0")
        let trail = try cli.run(["audit", reference, "--json"], as: "sam")
        #expect(trail.stdout.contains("Mum rang while Ben is on leave"))
    }

    @Test func aContactLoggedElsewhereShowsUpWithoutAKeypress() throws {
        let cli = try CommandRunner.withTeam()
        let tmux = Tmux()
        defer { tmux.stop(); cli.remove() }
        let reference = try cli.run(["case", "open", "--child", "Rhys Evans"], as: "amira").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try tmux.start(CommandRunner.binary.path, environment: cli.terminal(as: "amira"))
        try tmux.waitFor("never")
        let logged = try cli.run(["contact", "add", reference, "--mode", "phone-in", "--summary", "Dad rang."], as: "amira")
        #expect(logged.status == 0)
        let started = Date()
        try tmux.waitUntil("the new contact", timeout: 5) { screen in
            screen.split(separator: "\n").contains { $0.hasPrefix(reference) && $0.contains("today") }
        }
        #expect(Date().timeIntervalSince(started) < 2.5)
        try tmux.press("q")
        try tmux.waitFor("EXIT=0")
    }

    @Test func escapeSequencesInNamesAreShownNotObeyed() throws {
        let cli = try CommandRunner.withTeam()
        let tmux = Tmux()
        defer { tmux.stop(); cli.remove() }
        try cli.run(["case", "open", "--child", "Mia \u{1B}[2J\u{1B}[31mRed"], as: "amira")
        try tmux.start(CommandRunner.binary.path, environment: cli.terminal(as: "amira"))
        try tmux.waitFor("Mia ^[[2J^[[31mRed")
        try tmux.press("q")
        try tmux.waitFor("EXIT=0")
    }

    @Test(arguments: ["xterm-256color", "screen-256color", "tmux-256color", "linux", "vt100"])
    func itWorksOnCommonTerminalTypes(term: String) throws {
        let cli = try CommandRunner.withTeam()
        let tmux = Tmux()
        defer { tmux.stop(); cli.remove() }
        try cli.run(["case", "open", "--child", "Zoë Nguyễn"], as: "amira")
        try tmux.start(CommandRunner.binary.path, environment: cli.terminal(as: "amira", term: term))
        try tmux.waitFor("Zoë Nguyễn")
        try tmux.press("q")
        try tmux.waitFor("EXIT=0")
    }

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func aCaseworkerTagsThreeCasesAndHandsThemOver() throws {
        let cli = try CommandRunner.withTeam()
        let tmux = Tmux()
        defer { tmux.stop(); cli.remove() }
        var references: [String] = []
        for name in ["Aoife Byrne", "Rhys Evans", "Zoë Nguyễn", "Yusuf Khan"] {
            references.append(try cli.run(["case", "open", "--child", name], as: "amira").stdout
                .trimmingCharacters(in: .whitespacesAndNewlines))
        }
        try tmux.start(CommandRunner.binary.path, environment: cli.terminal(as: "amira"))
        try tmux.waitFor("My caseload · 1 of 4")
        try tmux.press("t", "t", "t")
        try tmux.waitFor("3 tagged")
        try tmux.press("\\;", "h") // escaped: tmux reads a bare ; as its own command separator
        try tmux.waitFor("Hand 3 tagged cases over")
        try tmux.type("ben")
        try tmux.press("Enter")
        try tmux.type("Agency contract ends Friday; files up to date.")
        try tmux.press("F2")
        try tmux.waitFor("Handed over 3 of 3 to ben")
        try tmux.press("q")
        try tmux.waitFor("EXIT=0")
        #expect(try cli.run(["accept"] + references.prefix(3), as: "ben").status == 0)
        for (index, reference) in references.enumerated() {
            let detail = try json(try cli.run(["case", "show", reference, "--json"], as: "sam").stdout)
            #expect(detail["workerLogin"] as? String == (index < 3 ? "ben" : "amira"))
        }
    }

    @Test func aCaseworkerFlagsAFamilyWithConsentAfterTheSafeguardingQuestion() throws {
        let cli = try CommandRunner.withTeam()
        let tmux = Tmux()
        defer { tmux.stop(); cli.remove() }
        let reference = try cli.run(["case", "open", "--child", "Yusuf Khan"], as: "amira").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try tmux.start(CommandRunner.binary.path, width: 100, height: 40, environment: cli.terminal(as: "amira"))
        try tmux.waitFor("Yusuf Khan")
        try tmux.press("f")
        try tmux.waitFor("Is anyone at risk of significant harm?")
        try tmux.type("n")
        try tmux.waitFor("Flag \(reference) for family support")
        try tmux.type("debt")
        try tmux.press("Space", "Tab")
        try tmux.type("Debt advice; Mum agreed")
        try tmux.waitFor("Debt advice; Mum agreed")
        try tmux.press("Tab", "Tab")
        try tmux.type("Sana Khan")
        try tmux.press("F2")
        try tmux.waitFor("Choose who gave consent")
        try tmux.type("parent")
        try tmux.press("Enter")
        try tmux.type("verbal")
        try tmux.press("Enter", "C-s")
        try tmux.waitFor("Flagged \(reference)")
        try tmux.waitUntil("the F marker") { $0.split(separator: "\n").contains { $0.hasPrefix(reference) && $0.hasSuffix("F") } }
        try tmux.press("q")
        try tmux.waitFor("EXIT=0")
        let detail = try json(try cli.run(["case", "show", reference, "--json"], as: "amira").stdout)
        let referrals = try #require(detail["referrals"] as? [[String: Any]])
        #expect(referrals.first?["status"] as? String == "flagged")
        #expect(referrals.first?["reasons"] as? [String] == ["money"])
        let consents = try #require(detail["consents"] as? [[String: Any]])
        #expect(consents.first?["givenBy"] as? String == "Sana Khan")
        #expect(consents.first?["givenByRole"] as? String == "parent-carer")
        #expect(consents.first?["method"] as? String == "verbal")
    }

    @Test func aCaseworkerLogsAContactWithANoteFromTheirEditorAndAFollowUp() throws {
        let cli = try CommandRunner.withTeam()
        let tmux = Tmux()
        defer { tmux.stop(); cli.remove() }
        let reference = try cli.run(["case", "open", "--child", "Aoife Byrne"], as: "amira").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // A stand-in editor that writes a two-line note into the file it is given.
        let editor = cli.folder.appendingPathComponent("editor.sh")
        try "#!/bin/sh\nprintf 'Mum rang about the annual review.\\nSchool have not sent the paperwork.\\n' > \"$1\"\n"
            .write(to: editor, atomically: true, encoding: .utf8)
        chmod(editor.path, 0o700)
        var env = cli.terminal(as: "amira")
        env["EDITOR"] = editor.path
        env["VISUAL"] = ""
        try tmux.start(CommandRunner.binary.path, width: 100, height: 40, environment: env)
        try tmux.waitFor("Aoife Byrne")
        try tmux.press("c")
        try tmux.waitFor("Log a contact on \(reference)")
        try tmux.type("phone-in")
        try tmux.press("Enter", "Tab", "Tab")
        try tmux.type("15")
        try tmux.press("Tab", "Tab", "C-e")
        try tmux.waitFor("School have not sent the paperwork.")
        try tmux.press("Tab", "Tab")
        try tmux.type("Chase the school for the paperwork")
        try tmux.waitFor("Chase the school for the paperwork")
        try tmux.press("Tab")
        try tmux.waitFor("Follow-up due")
        try tmux.press("C-u")
        try tmux.type("+2w")
        try tmux.press("C-s")
        try tmux.waitFor("Logged the contact on \(reference); follow-up due")
        try tmux.press("q")
        try tmux.waitFor("EXIT=0")
        let detail = try json(try cli.run(["case", "show", reference, "--json"], as: "amira").stdout)
        let timeline = try #require(detail["timeline"] as? [[String: Any]])
        let contact = try #require(timeline.first { $0["kind"] as? String == "contact" })
        #expect(contact["text"] as? String == "Mum rang about the annual review.\nSchool have not sent the paperwork.")
        #expect(contact["minutes"] as? Int == 15)
        let actions = try #require(detail["openActions"] as? [[String: Any]])
        #expect(actions.map { $0["description"] as? String } == ["Chase the school for the paperwork"])
        #expect(try cli.sql("SELECT count(*) FROM draft") == "0", "the saved form's draft is gone")
    }

    @Test func aFormBeingTypedSurvivesADroppedConnection() throws {
        let cli = try CommandRunner.withTeam()
        let tmux = Tmux()
        defer { tmux.stop(); cli.remove() }
        let reference = try cli.run(["case", "open", "--child", "Rhys Evans"], as: "amira").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let pidFile = cli.folder.appendingPathComponent("pid").path
        let command = "sh -c 'echo $$ > \(pidFile); exec \(CommandRunner.binary.path)'"
        try tmux.start(command, width: 100, height: 40, environment: cli.terminal(as: "amira"))
        try tmux.waitFor("Rhys Evans")
        try tmux.press("c")
        try tmux.waitFor("Log a contact on \(reference)")
        try tmux.type("email-in")
        try tmux.press("Enter", "Tab", "Tab", "Tab", "Tab")
        try tmux.type("Dad emailed: the panel meets on Tuesday and he wants us there.")
        try tmux.waitFor("he wants us there.")
        let pid = try #require(Int32((try String(contentsOfFile: pidFile, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)))
        // The draft is written when typing pauses; the hang-up of a dropped SSH session comes any time after.
        let deadline = Date().addingTimeInterval(5)
        while try cli.sql("SELECT count(*) FROM draft") != "1", Date() < deadline { usleep(50_000) }
        kill(pid, SIGHUP)
        try tmux.waitFor("EXIT=129")
        tmux.stop()
        #expect(try cli.sql("SELECT count(*) FROM contact") == "0", "nothing half-typed was saved as a record")

        let again = Tmux()
        defer { again.stop() }
        try again.start(CommandRunner.binary.path, width: 100, height: 40, environment: cli.terminal(as: "amira"))
        try again.waitFor("You have 1 unsaved draft (\(reference))")
        try again.press("c")
        let screen = try again.waitFor("Your unsaved draft from")
        #expect(screen.contains("Dad emailed: the panel meets on Tuesday and he wants us there."))
        #expect(screen.contains("Email in"))
        #expect(try cli.sql("SELECT count(*) FROM draft WHERE worker_id = (SELECT id FROM worker WHERE login = 'ben')") == "0")
    }

    @Test func aSupervisorMovesALeavingAgencyWorkersCaseloadToTwoReceiversAndEndsThem() throws {
        let cli = try CommandRunner.withTeam()
        let tmux = Tmux()
        defer { tmux.stop(); cli.remove() }
        try cli.run(["worker", "add", "cara", "--name", "Cara Jones"])
        var references: [String] = []
        for (name, level) in [("Aoife Byrne", "4"), ("Rhys Evans", "3"), ("Zoë Nguyễn", "2"), ("Yusuf Khan", "1")] {
            references.append(try cli.run(["case", "open", "--child", name, "--level", level], as: "amira").stdout
                .trimmingCharacters(in: .whitespacesAndNewlines))
        }
        try tmux.start(CommandRunner.binary.path, width: 100, height: 30, environment: cli.terminal(as: "sam"))
        try tmux.waitFor("My caseload")
        try tmux.press("w")
        try tmux.waitFor("Team:")
        try tmux.type(":leaving amira")
        try tmux.press("Enter")
        let step1 = try tmux.waitFor("Step 1 of 3")
        // Tick Ben and Cara wherever they are listed.
        let rows = step1.split(separator: "\n").filter { $0.contains("[ ]") }
        for (index, row) in rows.enumerated() {
            if index > 0 { try tmux.press("Down") }
            if row.contains("(ben)") || row.contains("(cara)") { try tmux.press("Space") }
        }
        try tmux.waitUntil("two receivers ticked") { $0.components(separatedBy: "[x]").count == 3 }
        try tmux.press("Enter")
        try tmux.waitFor("Step 2 of 3")
        try tmux.press("Enter")
        // The whole preview, not the first capture that shows its heading
        // (tmux may be read while the frame is still being written).
        try tmux.waitUntil("the preview names both receivers, each with cases before and after") {
            $0.contains("Step 3 of 3") && $0.contains("Ben Evans (ben)") && $0.contains("Cara Jones (cara)") && $0.contains("0 → ")
        }
        try tmux.press("Enter")
        try tmux.waitFor("amira's last day is 31/03/2027")
        try tmux.press("q", "q")
        try tmux.waitFor("EXIT=0")
        var holders: Set<String> = []
        for reference in references {
            let detail = try json(try cli.run(["case", "show", reference, "--json"]).stdout)
            let holder = try #require(detail["workerLogin"] as? String)
            #expect(["ben", "cara"].contains(holder))
            holders.insert(holder)
        }
        #expect(holders.count == 2, "the caseload is split between both receivers")
        let workers = try cli.run(["worker", "list", "--all", "--json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(workers.stdout.utf8)) as? [[String: Any]])
        let amira = list.first { $0["login"] as? String == "amira" }
        #expect(amira?["endsOn"] as? String == "2027-03-31")
        #expect(amira?["active"] as? Bool == true, "ended on her agency end date, still to come: she works until then")
    }

    @Test func theTerminalIsGivenBackWhenCaseloadIsTerminated() throws {
        let cli = try CommandRunner.withTeam()
        let tmux = Tmux()
        defer { tmux.stop(); cli.remove() }
        let pidFile = cli.folder.appendingPathComponent("pid").path
        try tmux.start("sh -c 'echo $$ > \(pidFile); exec \(CommandRunner.binary.path)'",
                       environment: cli.terminal(as: "amira"))
        try tmux.waitFor("My caseload")
        let pid = try #require(Int32((try String(contentsOfFile: pidFile, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)))
        kill(pid, SIGTERM)
        // Back on the normal screen, with the exit status of a terminated process.
        let screen = try tmux.waitFor("EXIT=143")
        #expect(!screen.contains("My caseload"))
    }
}
