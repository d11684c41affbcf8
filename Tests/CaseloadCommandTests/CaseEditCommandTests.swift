import Foundation
import Testing

/// `caseload case edit` as a caseworker meets it: what changed in words,
/// the history in `case show`, and the refusals with their exit statuses.
@Suite struct CaseEditCommandTests {
    @Test func aCaseworkerRaisesALevelAndTheCaseFileKeepsTheHistory() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let reference = try cli.run(["case", "open", "--child", "Aoife Byrne", "--level", "2", "--school", "Moseley Park"],
                                    as: "amira").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let bare = try cli.run(["case", "edit", reference, "--level", "4"], as: "amira")
        #expect(bare.status == 2 && bare.stderr.contains("needs a reason") && bare.stderr.contains("--reason TEXT"))
        let raised = try cli.run(["case", "edit", reference, "--level", "4", "--reason", "Appeal lodged",
                                  "--school", "Kings Heath Primary"], as: "amira")
        #expect(raised.status == 0, "\(raised.stderr)")
        #expect(raised.stdout == "Changed \(reference): Level 2 (advice) → 4 (tribunal or complex legal); "
                + "School changed from Moseley Park to Kings Heath Primary.\n")
        let shown = try cli.run(["case", "show", reference], as: "amira").stdout
        #expect(shown.contains("Level 2 → 4 on ") && shown.contains(" by Amira Khan: Appeal lodged"))
        let json = try cli.run(["case", "show", reference, "--json"], as: "amira").stdout
        #expect(json.contains("\"levelHistory\"") && json.contains("\"reason\" : \"Appeal lodged\""))
        #expect(try cli.run(["case", "list", "--filter", "level:4"], as: "amira").stdout.contains(reference))

        let other = try cli.run(["case", "edit", reference, "--school", "Elsewhere"], as: "ben")
        #expect(other.status == 4)
        let same = try cli.run(["case", "edit", reference, "--school", "Kings Heath Primary"], as: "amira")
        #expect(same.status == 5 && same.stderr.contains("nothing was changed"))
        let closing = try cli.run(["case", "edit", reference, "--status", "closed", "--reason", "Done"], as: "amira")
        #expect(closing.status == 2 && closing.stderr.contains("caseload case close REF --reason ID"))
        #expect(try cli.run(["case", "close", reference, "--reason", "resolved"], as: "amira").status == 0)
        let closed = try cli.run(["case", "edit", reference, "--school", "Elsewhere"], as: "amira")
        #expect(closed.status == 5 && closed.stderr.contains("case reopen"))
    }
}
