import Foundation
import Testing

@Suite struct CaseworkCommandTests {
    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func aFamilyIsFlaggedWithConsentAndTheReferralSent() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let reference = try cli.run(["case", "open", "--child", "Aoife Byrne"], as: "amira").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let partial = try cli.run(["flag", reference, "--reason", "Housing", "--consent-by", "Mum"], as: "amira")
        #expect(partial.status == 2)
        #expect(partial.stderr.contains("consent needs all three"))
        let flagged = try cli.run(["flag", reference, "--reason", "Eviction notice; Mum agreed", "--category", "housing",
                                   "--urgency", "priority", "--consent-by", "Siobhán Byrne", "--consent-role", "parent-carer",
                                   "--consent-method", "verbal"], as: "amira")
        #expect(flagged.status == 0, "\(flagged.stderr)")
        let sent = try cli.run(["referral", reference, "--status", "sent", "--reference", "CT-991"], as: "amira")
        #expect(sent.status == 0, "\(sent.stderr)")
        let list = try cli.run(["referrals", "--status", "sent", "--json"], as: "sam")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["externalReference"] as? String == "CT-991")
        let detail = try json(try cli.run(["case", "show", reference, "--json"], as: "amira").stdout)
        let consents = try #require(detail["consents"] as? [[String: Any]])
        #expect(consents.first?["givenBy"] as? String == "Siobhán Byrne")
    }

    @Test func theReceiverSeesCasesHandedToThemAndCanReadThem() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let reference = try cli.run(["case", "open", "--child", "Efa Morgan"], as: "amira").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try cli.run(["handover", reference, "--to", "ben", "--summary", "Over to Ben."], as: "amira")
        let list = try cli.run(["case", "list", "--mine"], as: "ben").stdout
        #expect(list.contains("Handed to you, waiting for you to accept"))
        #expect(list.contains("\(reference)  Efa Morgan  from amira"))
        #expect(list.split(separator: "\n").contains { $0.hasPrefix(reference) && $0.contains("Efa Morgan") },
                "the case is a row of Ben's caseload too")
        let rows = try #require(try JSONSerialization.jsonObject(
            with: Data(try cli.run(["case", "list", "--mine", "--json"], as: "ben").stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["reference"] as? String } == [reference])
        #expect(rows.first?["handedToYouAt"] is String, "the field that says it waits for Ben to accept it")
        #expect(try cli.run(["case", "show", reference], as: "ben").status == 0, "no reason needed to read it")
        #expect(try cli.run(["accept", reference], as: "ben").status == 0)
        #expect(!(try cli.run(["case", "list", "--mine"], as: "ben").stdout.contains("Handed to you")))
        let accepted = try cli.run(["case", "list", "--mine", "--json"], as: "ben").stdout
        #expect(accepted.contains(reference) && !accepted.contains("handedToYouAt"))
    }

    @Test func consentRecordedAfterFlaggingLetsTheReferralBeSent() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let reference = try cli.run(["case", "open", "--child", "Tomos Rhys"], as: "amira").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let flagged = try cli.run(["flag", reference, "--reason", "Housing; Mum to think about it"], as: "amira")
        #expect(flagged.stdout.contains("caseload consent \(reference)"))
        #expect(try cli.run(["referral", reference, "--status", "sent"], as: "amira").status == 5)
        let consent = try cli.run(["consent", reference, "--by", "Mum", "--role", "parent-carer", "--method", "verbal"], as: "amira")
        #expect(consent.status == 0, "\(consent.stderr)")
        #expect(consent.stdout.contains("the referral can be sent"))
        #expect(try cli.run(["referral", reference, "--status", "sent", "--reference", "CT-9"], as: "amira").status == 0)
        let withdrawn = try cli.run(["consent", reference, "--by", "Mum", "--role", "parent-carer", "--method", "written",
                                     "--withdrawn"], as: "amira")
        #expect(withdrawn.stdout.contains("cannot be sent"))
    }

    @Test func aSupervisorMovesALeavingAgencyWorkersCaseloadToTwoReceiversAndEndsThem() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        try cli.run(["worker", "add", "cara", "--name", "Cara Jones"])
        var references: [String] = []
        for level in ["4", "3", "2", "1"] {
            references.append(try cli.run(["case", "open", "--child", "Child \(level)", "--level", level], as: "amira").stdout
                .trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let early = try cli.run(["worker", "end", "amira"])
        #expect(early.status == 5)
        #expect(early.stderr.contains("still holds 4 cases"))
        let preview = try cli.run(["handover", "--from", "amira", "--to", "ben,cara", "--all", "--dry-run"])
        #expect(preview.stdout.contains("Proposed split"))
        #expect(try cli.sql("SELECT count(*) FROM handover") == "0", "a dry run changes nothing")
        let moved = try cli.run(["handover", "--from", "amira", "--to", "ben,cara", "--all", "--json"])
        #expect(moved.status == 0, "\(moved.stderr)")
        let outcomes = try #require(try JSONSerialization.jsonObject(with: Data(moved.stdout.utf8)) as? [[String: Any]])
        #expect(outcomes.count == 4)
        for receiver in ["ben", "cara"] {
            let mine = outcomes.filter { $0["to"] as? String == receiver }.compactMap { $0["reference"] as? String }
            #expect(!mine.isEmpty)
            #expect(try cli.run(["accept"] + mine, as: receiver).status == 0)
        }
        #expect(try cli.run(["worker", "end", "amira"]).status == 0)
        for reference in references {
            let detail = try json(try cli.run(["case", "show", reference, "--json"]).stdout)
            #expect(["ben", "cara"].contains(detail["workerLogin"] as? String))
            let timeline = try #require(detail["timeline"] as? [[String: Any]])
            #expect(timeline.contains { $0["kind"] as? String == "handover" })
        }
        // Ended on her agency end date, still to come: she works until then.
        let workers = try cli.run(["worker", "list", "--all", "--json"])
        #expect(workers.stdout.contains("\"endsOn\" : \"2027-03-31\""))
        #expect(!workers.stdout.contains("\"active\" : false"))
    }
}

@Suite struct FamilyLetterTests {
    @Test func theFamilyIsToldAndGetsALetterNamingTheirNewWorker() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let reference = try cli.run(["case", "open", "--child", "Rhys Evans", "--parent", "Ffion Evans"], as: "amira").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let noHandover = try cli.run(["letter", reference], as: "amira")
        #expect(noHandover.status == 3)
        #expect(try cli.run(["handover", reference, "--to", "ben", "--summary", "Dad works nights; call after 4pm."],
                            as: "amira").status == 0)
        let letter = try cli.run(["letter", reference], as: "amira")
        #expect(letter.status == 0)
        #expect(letter.stdout.contains("Dear Ffion Evans,"))
        #expect(letter.stdout.contains("Ben Evans will be the person at\nTest SENDIASS supporting you and Rhys Evans"))
        #expect(!letter.stdout.contains("{"))
        #expect(try cli.run(["family-told", reference, "--how", "phone call to Ffion", "--at", "yesterday 10:00"], as: "amira").status == 2)
        #expect(try cli.run(["family-told", reference, "--how", "phone call to Ffion"], as: "amira").status == 0)
        #expect(try cli.sql("SELECT family_told_how FROM handover") == "phone call to Ffion")
    }

    @Test func followUpsTakeDatePhrases() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let reference = try cli.run(["case", "open", "--child", "Rhys Evans"], as: "amira").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let logged = try cli.run(["contact", "add", reference, "--mode", "phone-in", "--summary", "x", "--follow-up", "+2w"], as: "amira")
        #expect(logged.status == 0, "\(logged.stderr)")
        let due = try cli.sql("SELECT due_on FROM action")
        let expected = try cli.sql("SELECT date('now', 'localtime', '+14 days')")
        #expect(due == expected)
    }
}
