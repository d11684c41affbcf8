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

    /// A case made inactive stays on the worker's caseload, listed with its
    /// status, until it is closed; `--status` still picks out one status.
    @Test func anInactiveCaseStaysOnTheListedCaseload() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        var references: [String] = []
        for child in ["Aoife Byrne", "Quiet Child", "Closed Child"] {
            references.append(try cli.run(["case", "open", "--child", child], as: "amira").stdout
                .trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let (open, inactive, closed) = (references[0], references[1], references[2])
        let made = try cli.run(["case", "edit", inactive, "--status", "inactive", "--reason", "Waiting for the LA's decision"],
                               as: "amira")
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try cli.run(["case", "close", closed, "--reason", "resolved"], as: "amira").status == 0)
        func listed(_ arguments: [String]) throws -> [String] {
            try cli.run(arguments, as: "amira").stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("C-") }
        }
        let caseload = try listed(["case", "list"])
        #expect(caseload.count == 2 && caseload.contains { $0.hasPrefix(open) && $0.contains(" open ") })
        #expect(caseload.contains { $0.hasPrefix(inactive) && $0.contains(" inactive ") })
        #expect(try listed(["case", "list", "--status", "current"]) == caseload)
        #expect(try listed(["case", "list", "--status", "open"]).map { String($0.prefix(12)) } == [open])
        #expect(try listed(["case", "list", "--filter", "status:inactive"]).map { String($0.prefix(12)) } == [inactive])
        #expect(try listed(["case", "list", "--status", "closed"]).map { String($0.prefix(12)) } == [closed])
        #expect(try listed(["case", "list", "--status", "any"]).count == 3)
        // Run from a pipe, caseload prints the same caseload.
        let piped = try cli.run([], as: "amira").stdout
        #expect(piped.hasPrefix("Cases for Amira Khan, open and inactive\n"))
        #expect(piped.contains(inactive) && piped.contains(open) && !piped.contains(closed))
        let help = try cli.run(["case", "list", "--help"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("current is the caseload: open and inactive cases. (values: current, open, inactive, closed, any; default: current)"))
    }
}
