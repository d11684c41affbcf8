import Foundation
import Testing

/// `caseload case close` with the family's feedback: the answers in `case
/// show` and its JSON, a question left out recorded as not asked, and a bad
/// answer refused as bad input.
@Suite struct CaseCloseCommandTests {
    @Test func aCaseIsClosedWithTheFamilysFeedbackAndABadAnswerIsRefused() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let reference = try cli.run(["case", "open", "--child", "Aoife Byrne"], as: "amira")
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let bad = try cli.run(["case", "close", reference, "--reason", "resolved", "--feedback-helped", "maybe"], as: "amira")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("“maybe” is not an answer to “Did the support help?”: give yes, no, not-asked or declined")
                && bad.stderr.contains("--feedback-helped yes|no|not-asked|declined"), "\(bad.stderr)")
        #expect(try cli.run(["case", "show", reference, "--json"], as: "amira").stdout.contains(#""status" : "open""#),
                "a refused closure changes nothing")

        let closed = try cli.run(["case", "close", reference, "--reason", "resolved", "--outcome", "Plan issued.",
                                  "--feedback-useful", "yes", "--feedback-recommend", "declined"], as: "amira")
        #expect(closed.status == 0, "\(closed.stderr)")
        let shown = try cli.run(["case", "show", reference], as: "amira").stdout
        #expect(shown.contains("\nOutcome: Plan issued.\n"))
        #expect(shown.contains("""
            Feedback at closure:
              Was the information useful?       Yes
              Did the support help?             Not asked
              Would you recommend the service?  Declined
            """))
        #expect(shown.contains("Feedback: information useful – Yes (amira)"))
        let json = try cli.run(["case", "show", reference, "--json"], as: "amira").stdout
        let detail = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(detail?["feedback"] as? [String: String] == ["useful": "yes", "helped": "not-asked", "recommend": "declined"])
        #expect(detail?["outcome"] as? String == "Plan issued.")

        #expect(try cli.run(["case", "reopen", reference, "--reason", "Mum rang back."], as: "amira").status == 0)
        let reopened = try cli.run(["case", "show", reference, "--json"], as: "amira").stdout
        #expect(!reopened.contains(#""feedback" : {"#) && reopened.contains("Feedback: would recommend – Declined"))
    }
}
