import Foundation
import Testing

/// A caseworker's reach and closed cases, as a person meets them on the
/// command line: exit statuses and what the messages tell them to do.
@Suite struct ReachCommandTests {
    private func amirasCase(_ cli: CommandRunner) throws -> String {
        try cli.run(["case", "open", "--child", "Aoife Byrne"], as: "amira").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func anotherWorkersCaseTakesAContactOnlyWithAReason() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let reference = try amirasCase(cli)
        let bare = try cli.run(["contact", "add", reference, "--mode", "phone-in", "--summary", "Mum rang."], as: "ben")
        #expect(bare.status == 4)
        #expect(bare.stderr.contains("not in your caseload; say why you are acting on it, which is recorded (--reason TEXT)"))
        let given = try cli.run(["contact", "add", reference, "--mode", "phone-in", "--summary", "Mum rang.",
                                 "--reason", "Duty call"], as: "ben")
        #expect(given.status == 0, "\(given.stderr)")
        let trail = try cli.run(["audit", reference], as: "sam").stdout
        #expect(trail.contains("contact.add: Duty call"))

        let flag = try cli.run(["flag", reference, "--reason", "Housing"], as: "ben")
        #expect(flag.status == 4)
        #expect(flag.stderr.contains("(--why TEXT)"))
        #expect(try cli.run(["flag", reference, "--reason", "Housing", "--why", "Duty call"], as: "ben").status == 0)
    }

    /// The letter names the family, so outside the caseload it takes the
    /// reason it tells the worker to give, and the reading is recorded.
    @Test func theLetterToTheFamilyTakesTheReasonItAsksFor() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let reference = try amirasCase(cli)
        #expect(try cli.run(["handover", reference, "--to", "sam", "--summary", "Over to you."], as: "amira").status == 0)
        let bare = try cli.run(["letter", reference], as: "ben")
        #expect(bare.status == 4 && bare.stderr.contains("(--reason TEXT)"))
        let given = try cli.run(["letter", reference, "--reason", "Mum asked for it again"], as: "ben")
        #expect(given.status == 0, "\(given.stderr)")
        #expect(given.stdout.contains("Aoife Byrne"))
        #expect(try cli.run(["audit", reference], as: "sam").stdout.contains("Mum asked for it again"))
    }

    @Test func theCaseCourseIsTheWorkersOrASupervisorsAndSafeguardingIsNeverRefused() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let reference = try amirasCase(cli)
        try cli.run(["flag", reference, "--reason", "Housing", "--consent-by", "Mum", "--consent-role", "parent-carer",
                     "--consent-method", "verbal"], as: "amira")
        for status in ["sent", "declined", "closed"] {
            let moved = try cli.run(["referral", reference, "--status", status], as: "ben")
            #expect(moved.status == 4, "\(status)")
            #expect(moved.stderr.contains("only Amira Khan (amira), the case's worker, or a supervisor can move on the referral"))
        }
        let completing = try cli.run(["contact", "add", reference, "--mode", "phone-in", "--summary", "x", "--complete-actions",
                                      "--reason", "Duty call"], as: "ben")
        #expect(completing.status == 4)
        let dryRun = try cli.run(["handover", "--from", "amira", "--to", "ben", "--all", "--dry-run"], as: "ben")
        #expect(dryRun.status == 4)
        #expect(dryRun.stdout.isEmpty)
        let concern = try cli.run(["safeguarding", reference, "--told", "children's front door"], as: "ben")
        #expect(concern.status == 0, "\(concern.stderr)")
    }

    @Test func aClosedCaseRefusesChangesWithExit5AndSaysHowToReopen() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let reference = try amirasCase(cli)
        #expect(try cli.run(["case", "close", reference, "--reason", "resolved"], as: "amira").status == 0)
        let changes: [[String]] = [
            ["contact", "add", reference, "--mode", "phone-in", "--summary", "x"],
            ["keydate", "add", reference, "assessment-request", "--from", "today"],
            ["flag", reference, "--reason", "Housing"],
        ]
        for change in changes {
            let refused = try cli.run(change, as: "amira")
            #expect(refused.status == 5, "\(change[0])")
            #expect(refused.stderr.contains("\(reference) is closed; reopen it first, saying why "
                + "(caseload case reopen \(reference) --reason TEXT, or R in its case file)"), "\(change[0])")
        }
        let shown = try cli.run(["case", "show", reference, "--json"], as: "amira").stdout
        let file = try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
        #expect((file["keyDates"] as? [Any])?.isEmpty == true && (file["referrals"] as? [Any])?.isEmpty == true)
        #expect(try cli.run(["safeguarding", reference, "--told", "children's front door"], as: "amira").status == 0)
        #expect(try cli.run(["case", "reopen", reference, "--reason", "Mum rang back"], as: "amira").status == 0)
        #expect(try cli.run(changes[0], as: "amira").status == 0)
    }
}
