import Foundation
import Testing

/// `caseload case open` for a family already on record: refused with who
/// they are, then opened with `--person ID` or `--new-person`.
@Suite struct FamilyMatchCommandTests {
    static func reference(_ result: CommandRunner.Result) -> String {
        result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The people a refusal lists, by their ids.
    static func ids(_ stderr: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "person ([0-9a-f-]{36})")
        return pattern.matches(in: stderr, range: NSRange(stderr.startIndex..., in: stderr)).compactMap {
            Range($0.range(at: 1), in: stderr).map { String(stderr[$0]) }
        }
    }

    @Test func aFamilyOnRecordIsListedAndTheCaseIsNotOpened() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let first = Self.reference(try cli.run(["case", "open", "--child", "Zoë Nguyễn", "--dob", "03/04/2015", "--parent", "Thảo Nguyễn",
                                                "--parent-phone", "07700 900123"], as: "amira"))
        let count = "SELECT (SELECT count(*) FROM case_file) || '/' || (SELECT count(*) FROM person)"
        let before = try cli.sql(count)
        let refused = try cli.run(["case", "open", "--child", "zoe nguyen", "--dob", "03/04/2015", "--parent", "T Nguyen",
                                   "--parent-phone", "07700900123"], as: "ben")
        #expect(refused.status == 5)
        #expect(refused.stdout.isEmpty)
        let ids = Self.ids(refused.stderr)
        #expect(ids.count == 2)
        #expect(refused.stderr == """
            caseload: the store already has 2 people this case may be about:
              Zoë Nguyễn, born 03/04/2015 (same name and date of birth), person \(ids.first ?? ""): case \(first) open with Amira Khan
              Thảo Nguyễn (same phone), person \(ids.last ?? ""): case \(first) open with Amira Khan
            say whether the case is about one of them or someone new (--person ID to use that person, or --new-person to make a new one anyway)

            """)
        #expect(try cli.sql(count) == before)
        #expect(try cli.sql("SELECT count(*) FROM audit_event WHERE action = 'case.open-match'") == "2")
    }

    @Test func personTakesAnIdOrEnoughOfItsStart() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        let first = Self.reference(try cli.run(["case", "open", "--child", "Zoë Nguyễn", "--dob", "03/04/2015"], as: "amira"))
        let refused = try cli.run(["case", "open", "--child", "Zoë Nguyễn", "--dob", "03/04/2015", "--level", "2"], as: "ben")
        let zoe = try #require(Self.ids(refused.stderr).first)

        let unknown = try cli.run(["case", "open", "--person", "ffffffff-0000"], as: "ben")
        #expect(unknown.status == 3)
        #expect(unknown.stderr.contains("there is no person whose id starts ffffffff-0000"), "\(unknown.stderr)")
        let short = try cli.run(["case", "open", "--person", String(zoe.prefix(4))], as: "ben")
        #expect(short.status == 2)
        #expect(short.stderr.contains("or at least its first 8 characters"))
        let both = try cli.run(["case", "open", "--person", zoe, "--new-person"], as: "ben")
        #expect(both.status == 2)
        #expect(both.stderr.contains("choose --person ID (someone on record) or --new-person (someone new), not both"))

        let opened = try cli.run(["case", "open", "--person", String(zoe.prefix(13)), "--level", "2"], as: "ben")
        #expect(opened.status == 0, "\(opened.stderr)")
        let second = Self.reference(opened)
        #expect(second != first)
        let shown = try cli.run(["case", "show", second, "--json"], as: "ben")
        let detail = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        let people = try #require(detail["people"] as? [[String: Any]])
        #expect(people.count == 1 && people.first?["personId"] as? String == zoe && people.first?["name"] as? String == "Zoë Nguyễn")
        #expect(try cli.sql("SELECT count(*) FROM person") == "1")
    }

    @Test func newPersonMakesSomeoneNewAnyway() throws {
        let cli = try CommandRunner.withTeam()
        defer { cli.remove() }
        try cli.run(["case", "open", "--child", "Zoë Nguyễn", "--dob", "03/04/2015"], as: "amira")
        let opened = try cli.run(["case", "open", "--child", "Zoë Nguyễn", "--dob", "03/04/2015", "--new-person"], as: "ben")
        #expect(opened.status == 0, "\(opened.stderr)")
        #expect(try cli.sql("SELECT count(*) FROM person WHERE full_name = 'Zoë Nguyễn'") == "2")
        #expect(try cli.sql("SELECT detail FROM audit_event WHERE action = 'case.open' ORDER BY seq DESC LIMIT 1")
            .contains("someone new, not person "))
    }
}
