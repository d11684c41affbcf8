import Foundation
import Testing

@Suite struct DeadlineCommandTests {
    @Test func theCalculatorPrintsTheDueDateWithItsReasons() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        // 2 months from 30/06/2026 is 30/08/2026, in August: moves to the first working day of September.
        let result = try cli.run(["deadline", "tribunal-appeal", "--from", "30/06/2026"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Appeal to the SEND Tribunal: due Tuesday 01/09/2026"))
        #expect(result.stdout.contains("August"))
        let json = try cli.run(["deadline", "ehc-decision", "--from", "12/01/2026", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["due"] as? String == "2026-02-23")
    }

    @Test func helpListsTheRulesByName() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        let help = try cli.run(["deadline", "--help"])
        for rule in ["ehc-decision", "tribunal-appeal", "annual-review", "first-response", "subject-access"] {
            #expect(help.stdout.contains(rule))
        }
        let contactHelp = try cli.run(["contact", "add", "--help"])
        #expect(contactHelp.stdout.contains("phone-in"))
        #expect(contactHelp.stdout.contains("home-visit"))
    }

    @Test func aMissingMediationCertificateRuleIsExplained() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        let result = try cli.run(["deadline", "ehc-decision", "--from", "12/01/2026", "--mediation-certificate", "01/02/2026"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("mediation certificate"))
        let bad = try cli.run(["deadline", "ehc-decision", "--from", "31/02/2026"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("31/02/2026 is not a date"))
    }
}
