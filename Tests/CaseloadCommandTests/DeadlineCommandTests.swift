import CaseloadCore
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

    @Test func anEventPrintsEveryDateThatFollowsWithItsSource() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        // A letter dated 15/06/2026: the adviser by 15/08/2026, the appeal by 01/09/2026.
        let result = try cli.run(["deadline", "decision-letter", "--from", "15/06/2026"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "LA decision letter, 15/06/2026:")
        #expect(lines.contains("Contact a mediation adviser (before appealing): due Saturday 15/08/2026 (SEND Regulations 2014, reg 33)"))
        #expect(lines.contains("Appeal to the SEND Tribunal: due Tuesday 01/09/2026 (Tribunal Procedure (HESC) Rules 2008, r 20(1)(c) and r 12)"))
        #expect(result.stdout.contains("by 5pm on Tuesday 01/09/2026"))

        let json = try cli.run(["deadline", "review-meeting", "--from", "10/03/2026", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["event"] as? String == "review-meeting")
        let dates = try #require(object["dates"] as? [[String: Any]])
        #expect(dates.map { $0["rule"] as? String } == ["annual-review-notice", "annual-review-report", "annual-review-decision",
                                                         "review-amended-plan", "annual-review"])
        #expect(dates.last?["due"] as? String == "2027-03-09")
        #expect(dates.allSatisfy { ($0["source"] as? String)?.isEmpty == false })

        // The draft plan's comments count the day of service as day 1.
        let draft = try cli.run(["deadline", "draft-plan-response", "--from", "18/12/2026", "--json"])
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(draft.stdout.utf8)) as? [String: Any])
        #expect(answer["due"] as? String == "2027-01-01")
        #expect(answer["source"] as? String == "SEND Regulations 2014, reg 13(1)(a)")
        #expect((answer["wording"] as? String)?.contains("beginning with the day on which the draft plan was served") == true)

        // A certificate needs the letter it runs from.
        let noLetter = try cli.run(["deadline", "certificate-issued", "--from", "20/07/2026"])
        #expect(noLetter.status == 2)
        #expect(noLetter.stderr.contains("--decision-letter"))
        let withLetter = try cli.run(["deadline", "certificate-issued", "--from", "10/09/2026", "--decision-letter", "15/06/2026"])
        #expect(withLetter.stdout.contains("Appeal to the SEND Tribunal: due Monday 12/10/2026"))
    }

    @Test func keyDatesRecordedOnACaseReplaceWhatTheyMove() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let reference = try cli.run(["case", "open", "--child", "Ffion Rees"], as: "amira").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let letter = try cli.run(["contact", "add", reference, "--mode", "letter", "--summary", "Refusal to assess arrived.",
                                  "--key-date", "decision-letter", "--key-date-from", "15/06/2026"], as: "amira")
        #expect(letter.status == 0, "\(letter.stderr)")
        #expect(letter.stdout.contains("Contact a mediation adviser (before appealing): due Saturday 15/08/2026"))
        #expect(letter.stdout.contains("Appeal to the SEND Tribunal: due Tuesday 01/09/2026"))

        let certificate = try cli.run(["keydate", "add", reference, "certificate-issued", "--from", "10/09/2026"], as: "amira")
        #expect(certificate.status == 0, "\(certificate.stderr)")
        #expect(certificate.stdout.contains("Using the decision letter of 15/06/2026 on the case."))
        #expect(certificate.stdout.contains("Appeal to the SEND Tribunal: due Monday 12/10/2026"))
        #expect(certificate.stdout.contains("Replaced: Appeal to the SEND Tribunal, due 01/09/2026 (kept on the case's history)."))
        #expect(try cli.sql("SELECT group_concat(status, ',') FROM (SELECT status FROM key_date ORDER BY rowid)")
                == "replaced,replaced,open")

        let show = try cli.run(["case", "show", reference], as: "amira").stdout
        #expect(show.contains("12/10/2026  Appeal to the SEND Tribunal"))
        #expect(show.contains("Tribunal Procedure (HESC) Rules 2008, r 20(1)(c) and r 12 · from the letter of 15/06/2026 and the certificate of 10/09/2026"))
        #expect(show.contains("Contact a mediation adviser (before appealing)  replaced, from 15/06/2026 (LA decision letter) · SEND Regulations 2014, reg 33"))
        #expect(show.contains("Contact a mediation adviser (before appealing)  replaced"))
        let detail = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["case", "show", reference, "--json"], as: "amira").stdout.utf8)) as? [String: Any])
        let keyDates = try #require(detail["keyDates"] as? [[String: Any]])
        #expect(keyDates.first?["source"] as? String == "Tribunal Procedure (HESC) Rules 2008, r 20(1)(c) and r 12")
        #expect(keyDates.first?["event"] as? String == "certificate-issued")

        let half = try cli.run(["contact", "add", reference, "--mode", "letter", "--summary", "x", "--key-date", "review-meeting"], as: "amira")
        #expect(half.status == 2)
        #expect(half.stderr.contains("--key-date-from"))
        let stray = try cli.run(["contact", "add", reference, "--mode", "letter", "--summary", "x", "--decision-letter", "15/06/2026"],
                                as: "amira")
        #expect(stray.status == 2)
        #expect(stray.stderr.contains("--decision-letter goes with --key-date certificate-issued"))
        #expect(try cli.sql("SELECT count(*) FROM contact") == "1", "refused contacts are not logged")

        // A date recorded wrongly is cancelled, with why, and kept.
        let cancel = try cli.run(["keydate", "cancel", reference, "tribunal-appeal", "--reason", "entered twice"], as: "amira")
        #expect(cancel.status == 0, "\(cancel.stderr)")
        #expect(cancel.stdout == "Cancelled: Appeal to the SEND Tribunal, due 12/10/2026 (kept on the case's history).\n")
        #expect(try cli.run(["keydate", "cancel", reference, "tribunal-appeal", "--reason", "again"], as: "amira").status == 3)
        // Met and missed, from the command line.
        try cli.run(["keydate", "add", reference, "first-response", "--from", "yesterday"], as: "amira")
        let met = try cli.run(["keydate", "met", reference, "first-response", "--note", "Rang Mum back"], as: "amira")
        #expect(met.status == 0, "\(met.stderr)")
        #expect(met.stdout.hasPrefix("Met: First response to an enquiry, due "))
        try cli.run(["keydate", "add", reference, "ehc-decision", "--from", "01/01/2026"], as: "amira")
        let missed = try cli.run(["keydate", "missed", reference, "ehc-decision", "--what", "The LA decided late"], as: "amira")
        #expect(missed.stdout == "Missed: Decision whether to assess, due 12/02/2026 (kept on the case's history).\n")
        #expect(try cli.run(["keydate", "missed", reference, "ehc-decision", "--what", ""], as: "amira").status == 2)
        #expect(try cli.run(["case", "show", reference], as: "amira").stdout.contains("cancelled on "))
    }

    @Test func aDateWithoutItsYearIsTheLastOneExceptForWhatIsToCome() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        // Yesterday written as dd/mm: a letter's date is this past one, a
        // review meeting's the next one, a year on.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        let yesterday = calendar.dateComponents([.day, .month, .year], from: Date().addingTimeInterval(-86_400))
        let typed = String(format: "%02d/%02d", yesterday.day!, yesterday.month!)
        let letter = try cli.run(["deadline", "decision-letter", "--from", typed, "--json"])
        let letterObject = try #require(try JSONSerialization.jsonObject(with: Data(letter.stdout.utf8)) as? [String: Any])
        #expect((letterObject["on"] as? String)?.hasPrefix("\(yesterday.year!)-") == true, "\(letter.stdout)")
        let meeting = try cli.run(["deadline", "review-meeting", "--from", typed, "--json"])
        let meetingObject = try #require(try JSONSerialization.jsonObject(with: Data(meeting.stdout.utf8)) as? [String: Any])
        #expect((meetingObject["on"] as? String)?.hasPrefix("\(yesterday.year! + 1)-") == true, "\(meeting.stdout)")
        // A year no statutory date is worked out for.
        let far = try cli.run(["deadline", "tribunal-appeal", "--from", "31/12/9999"])
        #expect(far.status == 2)
        #expect(far.stderr.contains("give a date from 01/01/1990 to 31/12/2100, checking the year"))
    }

    @Test func theReadmeTableGivesEveryRuleItsSourceAndEveryEvent() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let lines = try String(contentsOf: readme, encoding: .utf8).split(separator: "\n").map(String.init)
        for rule in DeadlineRule.allCases {
            let row = lines.first { $0.hasPrefix("| `\(rule.rawValue)` |") }
            #expect(row?.hasSuffix("| \(rule.source) |") == true, "README row for \(rule.rawValue)")
        }
        for event in KeyEvent.allCases {
            #expect(lines.contains { $0.hasPrefix("| `\(event.rawValue)`") || $0.contains(", `\(event.rawValue)`") },
                    "README row for \(event.rawValue)")
        }
    }

    @Test func helpListsTheRulesByName() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        let help = try cli.run(["deadline", "--help"])
        for rule in ["ehc-decision", "tribunal-appeal", "annual-review", "first-response", "subject-access",
                     "decision-letter", "review-meeting", "mediation-adviser", "amendment-response"] {
            #expect(help.stdout.contains(rule))
        }
        // Each rule with its source and the law's own words.
        #expect(help.stdout.contains("SEND Regulations 2014, reg 13(1)(a):\n    \"at least 15 days, beginning with the day on which the draft plan was"))
        #expect(help.stdout.contains("Children and Families Act 2014, s 44(1)"))
        #expect(try cli.run(["keydate", "add", "--help"]).stdout.contains("SEND Regulations 2014, reg 33"))
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

/// Recording the event that meets a date on the command line: without
/// --meets it says which date is not marked met; with it, marks it met.
@Suite struct MeetsCommandTests {
    @Test func keydateAddSaysWhatTheEventMayMeetAndMeetsMarksIt() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        func open() throws -> String {
            let reference = try cli.run(["case", "open", "--child", "Zoë Nguyễn"], as: "amira").stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
            _ = try cli.run(["keydate", "add", reference, "plan-issued", "--from", CaseworkEndToEndTests.daysAgo(375)], as: "amira")
            return reference
        }
        let first = try open()
        let meeting = CaseworkEndToEndTests.daysAgo(1)
        let asked = try cli.run(["keydate", "add", first, "review-meeting", "--from", meeting], as: "amira")
        #expect(asked.status == 0, "\(asked.stderr)")
        #expect(asked.stdout.contains("Not marked met: Annual review, due ")
                && asked.stdout.contains("(give --meets with the event to mark it met on \(meeting))"))

        let second = try open()
        let marked = try cli.run(["keydate", "add", second, "review-meeting", "--from", meeting, "--meets"], as: "amira")
        #expect(marked.status == 0, "\(marked.stderr)")
        #expect(marked.stdout.contains("Met: Annual review, due ") && marked.stdout.contains(", on \(meeting) "))
        let shown = try cli.run(["case", "show", second, "--json"], as: "amira").stdout
        let detail = try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
        let reviews = (detail["keyDates"] as? [[String: Any]] ?? []).filter { $0["rule"] as? String == "annual-review" }
        #expect(Set(reviews.compactMap { $0["status"] as? String }) == ["met", "open"])

        let contact = try cli.run(["contact", "add", second, "--mode", "phone-out", "--summary", "x", "--meets"], as: "amira")
        #expect(contact.status != 0 && contact.stderr.contains("--meets goes with --key-date"))
    }
}
