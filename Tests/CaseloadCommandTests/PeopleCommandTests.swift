import Foundation
import Testing

/// `party add`, `party remove` and `person edit` as a caseworker meets them:
/// what changed in words, the file and its JSON, the letter refused, and
/// every refusal with its exit status.
@Suite struct PeopleCommandTests {
    private func openCase(_ cli: CommandRunner) throws -> String {
        try cli.run(["case", "open", "--child", "Aoife Byrne", "--parent", "Niamh Byrne", "--parent-phone", "07700 900123"],
                    as: "amira").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aProfessionalIsAddedTheirDetailsChangedAndTheyAreTakenOff() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let reference = try openCase(cli)
        let added = try cli.run(["party", "add", reference, "--name", "Priya Patel", "--role", "professional", "--job", "SENCO",
                                 "--organisation", "Elmfield Primary", "--email", "priya@elmfield.sch.uk", "--json"], as: "amira")
        #expect(added.status == 0, "\(added.stderr)")
        let id = try #require(try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: String])["personId"]
        let edited = try cli.run(["person", "edit", reference, "Priya Patel", "--phone", "0121 496 0000", "--no-voicemail", "yes",
                                  "--reason", "Met at school"], as: "amira")
        #expect(edited.stdout == "Changed on \(reference): phone set to 0121 496 0000; marked no voicemail.\n", "\(edited.stderr)")
        let shown = try cli.run(["case", "show", reference], as: "amira").stdout
        #expect(shown.contains("Professional Priya Patel, SENCO, Elmfield Primary"))
        #expect(shown.contains("phone 0121 496 0000 · email priya@elmfield.sch.uk"))
        #expect(shown.contains("! no voicemail"))
        let removed = try cli.run(["party", "remove", reference, String(try #require(id).suffix(8)), "--reason", "Left the school"],
                                  as: "amira")
        #expect(removed.status == 0, "\(removed.stderr)")
        let after = try cli.run(["case", "show", reference], as: "amira").stdout
        #expect(after.contains("No longer involved") && after.contains("Priya Patel, removed on ") && after.contains(": Left the school"))
        #expect(after.contains("Removed from the case: Priya Patel (SENCO at Elmfield Primary)"))
    }

    @Test func caseShowJSONCarriesThePeoplesFlagsAndTheFieldChanges() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let reference = try openCase(cli)
        #expect(try cli.run(["person", "edit", reference, "Niamh Byrne", "--do-not-share", "yes", "--address", "1 Elm Road"],
                            as: "amira").status == 0)
        #expect(try cli.run(["person", "edit", reference, "child", "--health-notes", "Epilepsy"], as: "amira").status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(try cli.run(["case", "show", reference, "--json"], as: "amira")
            .stdout.utf8)) as? [String: Any]
        let people = try #require(json?["people"] as? [[String: Any]])
        let parent = try #require(people.first { $0["name"] as? String == "Niamh Byrne" })
        #expect(parent["doNotShare"] as? Bool == true && parent["doNotWrite"] as? Bool == false && parent["mainContact"] as? Bool == true)
        let changes = try #require(json?["fieldChanges"] as? [[String: Any]])
        #expect(changes.contains { $0["field"] as? String == "address" && $0["to"] as? String == "1 Elm Road" })
        // A special-category value only with --special.
        let health = try #require(changes.first { $0["field"] as? String == "health_notes" })
        #expect(health["to"] == nil)
        let special = try cli.run(["case", "show", reference, "--json", "--special"], as: "amira").stdout
        #expect(special.contains("\"healthNotes\" : \"Epilepsy\""))
        #expect(!(try cli.run(["case", "show", reference], as: "amira").stdout.contains("Epilepsy")))
    }

    @Test func theLetterIsRefusedForAnAddressMarkedDoNotWrite() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let reference = try openCase(cli)
        #expect(try cli.run(["person", "edit", reference, "Niamh Byrne", "--address", "1 Elm Road", "--do-not-write", "yes"],
                            as: "amira").status == 0)
        #expect(try cli.run(["handover", reference, "--to", "ben", "--summary", "Over to Ben."], as: "amira").status == 0)
        let letter = try cli.run(["letter", reference], as: "amira")
        #expect(letter.status == 5 && letter.stdout.isEmpty)
        #expect(letter.stderr.contains("do not write to this address") && letter.stderr.contains("caseload told \(reference) --how TEXT"))
    }

    @Test func badInputIsRefusedWithItsExitStatusAndChangesNothing() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let reference = try openCase(cli)
        let cases: [([String], String, Int32, String)] = [
            (["person", "edit", reference, "Niamh Byrne", "--phone", "ring me"], "amira", 2, "is not a phone number"),
            (["person", "edit", reference, "Niamh Byrne", "--do-not-write", "perhaps"], "amira", 2, "is yes or no"),
            (["person", "edit", reference, "Niamh Byrne"], "amira", 2, "say what to change"),
            (["person", "edit", reference, "Nobody", "--language", "Irish"], "amira", 3, "on it: Aoife Byrne (subject"),
            (["person", "edit", reference, "Niamh Byrne", "--language", "Irish"], "ben", 4, "or a supervisor can edit"),
            (["party", "add", reference, "--name", "Sam", "--role", "cousin"], "amira", 2, "use parent, family or professional"),
            (["party", "add", reference, "--name", "Sam", "--role", "child"], "amira", 2, "--role is parent, family or professional"),
            (["party", "remove", reference, "child", "--reason", "x"], "amira", 5, "stays on it"),
            (["party", "remove", reference, "Niamh Byrne", "--reason", " "], "amira", 2, "say why they are no longer involved"),
        ]
        for (arguments, login, status, words) in cases {
            let result = try cli.run(arguments, as: login)
            #expect(result.status == status && result.stderr.contains(words), "\(arguments): \(result.status) \(result.stderr)")
        }
        #expect(try cli.run(["case", "close", reference, "--reason", "resolved"], as: "amira").status == 0)
        let closed = try cli.run(["party", "add", reference, "--name", "Sam", "--role", "family"], as: "amira")
        #expect(closed.status == 5 && closed.stderr.contains("case reopen"))
        let json = try cli.run(["case", "show", reference, "--json"], as: "amira").stdout
        #expect(!json.contains("ring me") && !json.contains("Irish"))
    }
}
