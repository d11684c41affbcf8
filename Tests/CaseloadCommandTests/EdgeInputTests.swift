import CaseloadCore
import Foundation
import Testing

/// Input at the edges, through the built binary as a person types it.
@Suite struct EdgeInputTests {
    private func open(_ cli: CommandRunner, _ child: String = "Ffion Rees", as user: String = "amira") throws -> String {
        try cli.run(["case", "open", "--child", child], as: user).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aDateAtTheEdgeIsRefusedWithItsRangeNeverWrappedOrTrapped() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        // Once a trap (SIGILL) and "due 11/02/0000".
        for rule in ["annual-review", "ehc-decision", "tribunal-appeal", "review-meeting"] {
            let result = try cli.run(["deadline", rule, "--from", "31/12/9999"])
            #expect(result.status == 2, "\(rule): \(result.stderr)")
            #expect(result.stderr.contains("is after 31/12/2100; give a date from 01/01/1990 to 31/12/2100, checking the year (--from DD/MM/YYYY)"),
                    "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        let early = try cli.run(["deadline", "ehc-decision", "--from", "01/01/1900"])
        #expect(early.status == 2)
        #expect(early.stderr == "caseload: the event's date 01/01/1900 is before 01/01/1990; give a date from 01/01/1990 to 31/12/2100, checking the year (--from DD/MM/YYYY)\n")
        let certificate = try cli.run(["deadline", "tribunal-appeal", "--from", "15/06/2026", "--mediation-certificate", "01/01/2200"])
        #expect(certificate.status == 2)
        #expect(certificate.stderr.hasSuffix("(--mediation-certificate DD/MM/YYYY)\n"))
        let phrase = try cli.run(["deadline", "ehc-decision", "--from", "+3650y"])
        #expect(phrase.status == 2, "a phrase is held to the range too")
    }

    @Test func everyTypedDateOnACaseIsHeldToItsRange() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let reference = try open(cli)
        let followUp = try cli.run(["contact", "add", reference, "--mode", "phone-in", "--summary", "Rang.",
                                    "--follow-up", "31/12/9999"], as: "amira")
        #expect(followUp.status == 2)
        #expect(followUp.stderr.hasSuffix("checking the year (--follow-up DD/MM/YYYY)\n"))
        let old = try cli.run(["contact", "add", reference, "--mode", "phone-in", "--summary", "Rang.", "--at", "01/01/1900 10:00"],
                              as: "amira")
        #expect(old.status == 2)
        #expect(old.stderr.contains("the contact time 01/01/1900 10:00 is before 01/01/1990"))
        let keyDate = try cli.run(["keydate", "add", reference, "ehc-decision", "--from", "31/12/2999"], as: "amira")
        #expect(keyDate.status == 2, "once stored, due in the year 3000")
        let consent = try cli.run(["flag", reference, "--reason", "Housing", "--consent-by", "Mum", "--consent-role", "parent-carer",
                                   "--consent-method", "verbal", "--consent-date", "01/01/0026"], as: "amira")
        #expect(consent.status == 2)
        #expect(consent.stderr.contains("the consent date 01/01/0026 is before 01/01/1990"))
        // Once accepted: contacts refuse a time still to come, and now so does a concern.
        let future = Moment.format(Date().addingTimeInterval(86_400 * 2), in: TimeZone(identifier: "Europe/London") ?? .current)
        let concern = try cli.run(["safeguarding", reference, "--told", "Front door", "--at", future], as: "amira")
        #expect(concern.status == 2)
        #expect(concern.stderr.contains("the time of the call \(future) is in the future; record it once it has happened"))
        #expect(try cli.sql("SELECT (SELECT count(*) FROM contact) + (SELECT count(*) FROM key_date) + (SELECT count(*) FROM safeguarding) + (SELECT count(*) FROM referral)") == "0")
    }

    @Test func aWorkerActsFromTheirStartUntilTheirLastDayIsOver() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        // Once a last day still to come locked Ben out at once.
        let end = try cli.run(["worker", "end", "ben", "--on", "+1m"])
        #expect(end.status == 0, "\(end.stderr)")
        #expect(end.stdout.hasPrefix("ben's last day is "))
        #expect(try cli.run(["case", "list"], as: "ben").status == 0, "Ben works until then")
        let beforeStart = try cli.run(["worker", "add", "cara", "--name", "Cara Lloyd", "--starts", "01/09/2026"])
        #expect(beforeStart.status == 0, "\(beforeStart.stderr)")
        let early = try cli.run(["worker", "end", "cara", "--on", "31/08/2026"])
        #expect(early.status == 2)
        #expect(early.stderr == "caseload: the last day 31/08/2026 is before cara's start date, 01/09/2026; give a day from 01/09/2026 on\n")
        // Once a worker starting years ahead could act the day they were added.
        #expect(try cli.run(["worker", "add", "dev", "--name", "Dev Patel", "--starts", "04/01/2100"]).status == 0)
        let notYet = try cli.run(["case", "list"], as: "dev")
        #expect(notYet.status == 4)
        #expect(notYet.stderr == "caseload: dev starts on 04/01/2100 and can use this store from that day\n")
        #expect(try cli.run(["worker", "add", "eve", "--name", "Eve", "--starts", "01/01/9999"]).status == 2)
    }

    @Test func reassigningToTheHolderSaysTheCaseIsTheirsAlready() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let amiras = try open(cli)
        let bens = try open(cli, "Zoë Nguyễn", as: "ben")
        let same = try cli.run(["reassign", amiras, "--to", "amira", "--reason", "Cover"])
        #expect(same.status == 5)
        #expect(same.stderr == "caseload: \(amiras) is already amira's case; nothing was reassigned\n")
        let mixed = try cli.run(["reassign", amiras, bens, "--to", "ben", "--reason", "Cover"])
        #expect(mixed.status == 0, "\(mixed.stderr)")
        #expect(mixed.stdout == "Reassigned 1 case to ben; \(bens) was already theirs.\n")
    }

    @Test func aLimitOfNoRowsIsRefusedTheSameWayEverywhere() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        _ = try open(cli)
        for command in [["case", "list", "--all"], ["search", "Ffion"], ["audit"]] {
            for limit in ["0", "-3"] {
                let result = try cli.run(command + ["--limit=" + limit])
                #expect(result.status == 2, "\(command) --limit \(limit): \(result.stderr)")
                #expect(result.stderr == "caseload: --limit \(limit) is not a number of rows: give 1 or more, or leave --limit out for the default\n")
            }
            #expect(try cli.run(command + ["--limit", "1"]).status == 0)
        }
    }

    @Test func jsonEscapesEveryControlTheTextOutputReplaces() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let hostile = "Mia \u{9B}31m\u{7F}\u{202E}Red\u{1B}[2J"
        let reference = try open(cli, hostile)
        for command in [["case", "list", "--all", "--json"], ["case", "show", reference, "--json"], ["search", "Mia", "--json"]] {
            let result = try cli.run(command)
            #expect(result.status == 0, "\(result.stderr)")
            let raw = result.stdout.unicodeScalars.filter { SafeText.isControl($0) && $0 != "\n" }
            #expect(raw.isEmpty, "\(command): raw \(raw.map { String($0.value, radix: 16) })")
            #expect(result.stdout.contains(#"Mia \u009b31m\u007f\u202eRed\u001b[2J"#), "\(command)")
        }
    }
}
