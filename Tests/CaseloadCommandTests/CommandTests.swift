import Foundation
import Testing

@Suite struct CommandTests {
    @Test func aCaseworkersDayFromInitToShow() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let open = try cli.run(["case", "open", "--child", "Zoë Nguyễn", "--dob", "03/04/2015", "--parent", "Thảo Nguyễn",
                                "--school", "Elmfield Primary", "--level", "3", "--issue", "ehc-request"], as: "amira")
        #expect(open.status == 0, "\(open.stderr)")
        let reference = open.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(reference.range(of: #"^C-\d{4}-\d{5}$"#, options: .regularExpression) != nil)

        let contact = try cli.run(["contact", "add", reference, "--mode", "phone-in", "--summary", "Mum rang about the refusal.",
                                   "--minutes", "20", "--at", "20/11/2026 10:15", "--follow-up", "30/11/2026"], as: "amira")
        #expect(contact.status == 0, "\(contact.stderr)")
        #expect(contact.stdout.contains("Follow-up due 30/11/2026"))

        let list = try cli.run(["case", "list"], as: "amira")
        #expect(list.status == 0)
        #expect(list.stdout.contains(reference))
        #expect(list.stdout.contains("Zoë Nguyễn"))

        let show = try cli.run(["case", "show", reference], as: "amira")
        #expect(show.status == 0)
        #expect(show.stdout.contains("20/11/2026 10:15  Phone call in (amira, 20 min)"))
        #expect(show.stdout.contains("30/11/2026  Follow up the phone call in of 20/11/2026"))
        #expect(show.stdout.contains("Thảo Nguyễn, parental responsibility"))

        // The bare command prints my caseload until the full-screen front end arrives.
        let bare = try cli.run([], as: "amira")
        #expect(bare.status == 0)
        #expect(bare.stdout.contains(reference))
    }

    @Test func listingsPrintJSONArraysWithISODates() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        try cli.run(["case", "open", "--child", "Rhys Evans", "--dob", "01/09/2012"], as: "ben")
        let list = try cli.run(["case", "list", "--all", "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["dateOfBirth"] as? String == "2012-09-01")
        #expect(rows.first?["workerLogin"] as? String == "ben")
        let workers = try cli.run(["worker", "list", "--json"])
        let workerRows = try #require(try JSONSerialization.jsonObject(with: Data(workers.stdout.utf8)) as? [[String: Any]])
        #expect(workerRows.count == 3)
        #expect(workerRows.first { $0["login"] as? String == "amira" }?["endsOn"] as? String == "2027-03-31")
        let empty = try cli.run(["search", "nobody", "--json"])
        #expect(empty.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]" ||
                empty.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    /// A search finds names across caseloads, honours its limit, and names a
    /// login that does not exist.
    @Test func aSearchFindsNamesAndRefusesAStranger() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        try cli.run(["case", "open", "--child", "Mia Kowalski", "--dob", "01/09/2014"], as: "amira")
        try cli.run(["case", "open", "--child", "Mia Patel", "--dob", "02/10/2013"], as: "ben")
        let one = try cli.run(["search", "mia", "--limit", "1"])
        #expect(one.status == 0)
        #expect(one.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("C-") }.count == 1)
        #expect(try cli.run(["search", "mia", "--limit=1"]).stdout == one.stdout)
        let found = try cli.run(["search", "mia", "--json"])
        #expect(found.status == 0)
        #expect(found.stdout.contains("Mia Kowalski") && found.stdout.contains("Mia Patel"))
        let refused = try cli.run(["search", "mia", "--as", "nobody"])
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("no worker with the login nobody"))
    }

    @Test(arguments: [
        (["case", "open", "--child", "A", "--dob", "31/02/2026"], "31/02/2026 is not a date", Int32(2)),
        (["case", "open", "--child", "A", "--dob", "2026-02-01"], "is not a date in the form dd/mm/yyyy", Int32(2)),
        (["case", "open", "--child", "A", "--level", "7"], "level must be 1 to 4", Int32(2)),
        (["case", "open", "--child", "A", "--issue", "nonsense"], "nonsense is not a issue", Int32(2)),
        (["case", "show", "C-2026-00099"], "no case C-2026-00099", Int32(3)),
        (["case", "show", "X-1"], "is not a case reference", Int32(2)),
        (["contact", "add", "C-2026-00099", "--mode", "phone-in", "--summary", "x"], "no case C-2026-00099", Int32(3)),
        (["worker", "add", "Bad Login", "--name", "X"], "is not a login", Int32(2)),
        (["case", "list", "--worker", "nobody"], "no worker with the login nobody", Int32(3)),
        // The store names the input; the command line adds its flag.
        (["case", "open"], "a case needs the child or young person's name, unless it is an anonymous information-only enquiry "
            + "(--child \"NAME\", or --anonymous)", Int32(2)),
        (["worker", "add", "cara", "--name", " "], "a worker needs a name (--name \"FULL NAME\")", Int32(2)),
        (["demo", "--cases", "10"], "give a new path for a demo store (--store NEW_PATH)", Int32(5)),
    ])
    func badInputSaysWhatIsWrongAndChangesNothing(arguments: [String], message: String, status: Int32) throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let before = try cli.sql("SELECT (SELECT count(*) FROM case_file) || '/' || (SELECT count(*) FROM contact) || '/' || (SELECT count(*) FROM worker)")
        let result = try cli.run(arguments)
        #expect(result.status == status)
        #expect(result.stderr.contains(message), "stderr was: \(result.stderr)")
        #expect(try cli.sql("SELECT (SELECT count(*) FROM case_file) || '/' || (SELECT count(*) FROM contact) || '/' || (SELECT count(*) FROM worker)") == before)
    }

    @Test func aRefusalAboutOneInputEndsWithItsFlag() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let reference = try cli.run(["case", "open", "--child", "Aoife Byrne"], as: "amira").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let contact = try cli.run(["contact", "add", reference, "--mode", "phone-in", "--summary", "  "], as: "amira")
        #expect(contact.status == 2)
        #expect(contact.stderr == "caseload: a contact needs a summary of what was said (--summary TEXT)\n")
        let forBen = try cli.run(["case", "open", "--child", "Rhys Evans", "--worker", "ben"], as: "amira")
        #expect(forBen.status == 4)
        #expect(forBen.stderr.contains("only a supervisor can open a case for another worker; open it as your own instead (without --worker)"))
    }

    @Test func aCaseworkerCannotReassignAndASupervisorCan() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let reference = try cli.run(["case", "open", "--child", "Aoife Byrne"], as: "amira").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let refused = try cli.run(["reassign", reference, "--to", "ben", "--reason", "cover"], as: "ben")
        #expect(refused.status == 4)
        #expect(refused.stderr.contains("only a supervisor can reassign"))
        let done = try cli.run(["reassign", reference, "--to", "ben", "--reason", "Amira leaving"], as: "sam")
        #expect(done.status == 0)
        #expect(try cli.sql("SELECT w.login FROM case_file c JOIN worker w ON w.id = c.worker_id") == "ben")
    }

    @Test func anUnknownUserIsToldHowToGetAccess() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let result = try cli.run(["case", "list"], as: "stranger")
        #expect(result.status == 3)
        #expect(result.stderr.contains("no worker with the login stranger"))
        #expect(result.stderr.contains("caseload worker add stranger"))
    }

    /// The value lists are read when a command needs them, not at every
    /// start: a listing works without them, and a command that needs them
    /// says which file is wrong and saves nothing.
    @Test func valueListsThatCannotBeReadAreExplainedWhenNeeded() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("caseload-resources-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = ["CASELOAD_RESOURCES": folder.path]

        let list = try cli.run(["case", "list", "--all", "--json"], environment: missing)
        #expect(list.status == 0, "\(list.stderr)")
        let open = try cli.run(["case", "open", "--child", "Ada Lovelace", "--issue", "ehc-request"], as: "amira", environment: missing)
        #expect(open.status != 0)
        #expect(open.stderr.contains("cannot read the data file \(folder.appendingPathComponent("vocabulary.json").path)"), "\(open.stderr)")
        let workers = try cli.run(["worker", "list"], environment: missing)
        #expect(workers.status != 0)
        #expect(workers.stderr.contains("vocabulary.json"), "\(workers.stderr)")

        try Data("{ not json".utf8).write(to: folder.appendingPathComponent("vocabulary.json"))
        let malformed = try cli.run(["case", "open", "--child", "Ada Lovelace", "--issue", "ehc-request"], as: "amira", environment: missing)
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("the value lists (vocabulary.json) cannot be read"), "\(malformed.stderr)")

        let after = try cli.run(["case", "list", "--all", "--json"])
        #expect(!after.stdout.contains("Ada Lovelace"), "nothing was saved")
    }

    @Test func aMissingStoreIsExplainedNotCreated() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        let result = try cli.run(["case", "list"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no store at \(cli.store)"))
        #expect(!FileManager.default.fileExists(atPath: cli.store))
    }

    @Test func controlCharactersNeverReachTheTerminal() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let name = "Mia \u{1B}]0;pwned\u{07}\u{1B}[2J Ali"
        let reference = try cli.run(["case", "open", "--child", name], as: "amira").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try cli.run(["contact", "add", reference, "--mode", "email-in", "--summary", "Line one\nLine \u{1B}[31mtwo"], as: "amira")
        for output in [try cli.run(["case", "list"], as: "amira").stdout,
                       try cli.run(["case", "show", reference], as: "amira").stdout,
                       try cli.run(["search", "Mia"], as: "amira").stdout] {
            #expect(!output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        }
        let show = try cli.run(["case", "show", reference], as: "amira").stdout
        #expect(show.contains("Mia ^[]0;pwned^G^[[2J Ali"))
        #expect(show.contains("      Line ^[[31mtwo"))
        // Stored exactly as given.
        #expect(try cli.sql("SELECT hex(full_name) FROM person") == Data(name.utf8).map { String(format: "%02X", $0) }.joined())
    }

    @Test func aOneMegabyteNoteFromStandardInputIsKeptAndALargerOneRefused() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let reference = try cli.run(["case", "open", "--child", "Long Note"], as: "amira").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let note = String(repeating: "The family explained what happened at the annual review. ", count: 18_000)
        let accepted = try cli.run(["contact", "add", reference, "--mode", "email-in", "--summary", "-"], as: "amira",
                                   stdin: Data(note.utf8))
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(try cli.sql("SELECT length(summary) FROM contact") == String(note.trimmingCharacters(in: .whitespaces).count))
        let refused = try cli.run(["contact", "add", reference, "--mode", "email-in", "--summary", "-"], as: "amira",
                                  stdin: Data(String(repeating: "x", count: 2_000_000).utf8))
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("standard input holds more than 1048576 bytes, the most a note can hold"))
        #expect(try cli.sql("SELECT count(*) FROM contact") == "1")
    }

    /// An endless stream is refused after the limit, not read into memory;
    /// a NUL byte or bytes that are not UTF-8 are refused, naming where,
    /// rather than cutting or altering the note.
    @Test func standardInputIsReadNoFurtherThanTheLimitAndNeverAltered() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let reference = try cli.run(["case", "open", "--child", "Piped Note"], as: "amira").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = ["contact", "add", reference, "--mode", "email-in", "--summary", "-"]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["CASELOAD_STORE": cli.store, "CASELOAD_USER": "amira", "TZ": "Europe/London"]) { $1 }
        process.standardInput = try #require(FileHandle(forReadingAtPath: "/dev/zero"))
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 2, "refused at the limit rather than reading /dev/zero for ever")

        var withNul = Data("Mum rang".utf8)
        withNul.insert(0, at: 3)
        let nul = try cli.run(["contact", "add", reference, "--mode", "email-in", "--summary", "-"], as: "amira", stdin: withNul)
        #expect(nul.status == 2 && nul.stderr.contains("a NUL byte at byte 4"), "\(nul.stderr)")
        let latin1 = Data([0x53, 0x69, 0xE2, 0x6E]) // "Sin" with â in Latin-1
        let notUTF8 = try cli.run(["contact", "add", reference, "--mode", "email-in", "--summary", "-"], as: "amira",
                                  stdin: latin1)
        #expect(notUTF8.status == 2 && notUTF8.stderr.contains("not UTF-8 text at byte 3"), "\(notUTF8.stderr)")
        #expect(try cli.sql("SELECT count(*) FROM contact") == "0", "nothing saved")
        let accented = try cli.run(["contact", "add", reference, "--mode", "email-in", "--summary", "-"], as: "amira",
                                   stdin: Data("Siân rang about Zoë.\n".utf8))
        #expect(accented.status == 0, "\(accented.stderr)")
        #expect(try cli.sql("SELECT summary FROM contact") == "Siân rang about Zoë.")
    }

    @Test func twoProcessesWritingAtOnceBothSucceed() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let reference = try cli.run(["case", "open", "--child", "Busy Case"], as: "amira").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let perWriter = 15
        let failures = LockedCounter()
        DispatchQueue.concurrentPerform(iterations: 2) { writer in
            for index in 0..<perWriter {
                // Ben covers Amira's case, so says why.
                let cover = writer == 0 ? [] : ["--reason", "Covering the duty line"]
                let result = try? cli.run(["contact", "add", reference, "--mode", "phone-in",
                                           "--summary", "Writer \(writer) call \(index)"] + cover, as: writer == 0 ? "amira" : "ben")
                if result?.status != 0 { failures.add() }
            }
        }
        #expect(failures.value == 0)
        #expect(try cli.sql("SELECT count(*) FROM contact") == String(2 * perWriter))
    }

    @Test func theStoreIsPrivateToItsOwner() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        var info = stat()
        stat(cli.store, &info)
        #expect(info.st_mode & 0o777 == 0o600)
        chmod(cli.store, 0o644)
        let warned = try cli.run(["worker", "list"])
        #expect(warned.status == 0)
        #expect(warned.stderr.contains("can be read by other users"))
        #expect(warned.stderr.contains("chmod 600"))
    }

    @Test func theAuditTrailRecordsTheWorkerAndTheOSUser() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        try cli.run(["case", "open", "--child", "Audit Me"], as: "amira")
        let trail = try cli.run(["audit", "--json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(trail.stdout.utf8)) as? [[String: Any]])
        let opened = try #require(entries.first { $0["action"] as? String == "case.open" })
        #expect(opened["workerLogin"] as? String == "amira")
        #expect((opened["osUser"] as? String)?.isEmpty == false)
        let denied = try cli.run(["audit"], as: "amira")
        #expect(denied.status == 4)
    }
}

final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
