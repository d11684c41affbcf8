import Foundation
import Testing

/// The receiver's side of a handover, in the real binary in a real terminal
/// at 80×24: the case handed over waits in their caseload, marked, until
/// they read it and accept it.
@Suite(.serialized) struct HandoverEndToEndTests {

    @Test func theReceiverFindsTheCaseHandedToThemReadsItAndAcceptsIt() throws {
        let cli = try CommandRunner.withTeam()
        let tmux = Tmux()
        defer { tmux.stop(); cli.remove() }
        let reference = try cli.run(["case", "open", "--child", "Efa Morgan", "--parent", "Siân Morgan"], as: "amira").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let handed = try cli.run(["handover", reference, "--to", "ben", "--summary", "Annual review next month."], as: "amira")
        #expect(handed.status == 0, "\(handed.stderr)")

        try tmux.start(CommandRunner.binary.path, width: 80, height: 24, environment: cli.terminal(as: "ben"))
        let start = try tmux.waitFor("1 case handed to you to accept")
        let row = try #require(start.split(separator: "\n").first { $0.hasPrefix(reference) })
        #expect(row.contains("Efa Morgan") && row.contains("⇢amira"), "marked with who handed it over: \(row)")
        #expect(start.contains("My caseload · 1 of 1"))

        // Enter opens it without asking why: it is being handed to Ben.
        try tmux.press("Enter")
        let file = try tmux.waitFor("Timeline (newest first)")
        #expect(!file.contains("Why are you opening"))
        #expect(file.contains("Annual review next month."))
        try tmux.press("a")
        try tmux.waitFor("now held by ben")
        try tmux.press("q")
        let after = try tmux.waitFor("My caseload · 1 of 1")
        #expect(!after.contains("⇢amira"), "once accepted it is simply Ben's")
        try tmux.press("q")
        try tmux.waitFor("EXIT=0")

        let rows = try #require(try JSONSerialization.jsonObject(
            with: Data(try cli.run(["case", "list", "--mine", "--json"], as: "ben").stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["workerLogin"] as? String } == ["ben"])
        #expect(rows.first?["handedToYouAt"] == nil)
    }
}
