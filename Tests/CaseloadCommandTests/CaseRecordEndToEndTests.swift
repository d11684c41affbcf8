import Foundation
import Testing

/// Keeping a case record current through the forms, in the real binary in
/// a real terminal at 80×24: a level raised, a professional added and an
/// address marked unsafe; then checked on the command line, and from the
/// side of the worker the case is handed to.
@Suite(.serialized) struct CaseRecordEndToEndTests {
    @Test func aLevelIsRaisedAProfessionalAddedAndAnAddressMarkedUnsafe() throws {
        let cli = try CommandRunner.withTeam()
        let tmux = Tmux()
        defer { tmux.stop(); cli.remove() }
        let reference = try cli.run(["case", "open", "--child", "Aoife Byrne", "--parent", "Niamh Byrne", "--level", "2"],
                                    as: "amira").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try tmux.start(CommandRunner.binary.path, width: 80, height: 24, environment: cli.terminal(as: "amira"))
        try tmux.waitFor("Aoife Byrne")
        try tmux.press("Enter")
        try tmux.waitFor("Timeline (newest first)")

        try tmux.press("E")
        try tmux.waitFor("Edit \(reference)")
        try tmux.type("4")
        try tmux.press("Enter", "Tab")
        try tmux.type("Appeal lodged")
        try tmux.press("F2")
        try tmux.waitFor("Changed \(reference): Level 2")

        try tmux.press("p")
        try tmux.waitFor("Whose details? 1 Aoife B · 2 Niamh B · + new")
        try tmux.type("+")
        try tmux.waitFor("Add someone to \(reference)")
        try tmux.type("prof")
        try tmux.press("Enter")
        try tmux.type("Priya Patel")
        try tmux.press("Tab")
        try tmux.type("SENCO")
        try tmux.press("Tab")
        try tmux.type("Elmfield Primary")
        try tmux.press("F2")
        try tmux.waitFor("Added Priya Patel to \(reference).")

        try tmux.press("p")
        try tmux.waitFor("Whose details?")
        try tmux.type("2")
        try tmux.waitFor("Niamh Byrne on \(reference)")
        // Name, known as, date of birth, language, interpreter, phone, email: then the address.
        try tmux.press("Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab")
        try tmux.type("1 Elm Road, Birmingham")
        // How and when, no voicemail: then "do not write to this address".
        try tmux.press("Tab", "Tab", "Tab", "Space", "F2")
        try tmux.waitFor("marked do not write to this address")
        try tmux.press("g")
        try tmux.waitFor("! DO NOT WRITE to their address")
        try tmux.press("q", "q")
        try tmux.waitFor("EXIT=0")

        let detail = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["case", "show", reference, "--json"],
                                                                                              as: "amira").stdout.utf8)) as? [String: Any])
        #expect(detail["level"] as? Int == 4)
        let people = try #require(detail["people"] as? [[String: Any]])
        #expect(people.contains { $0["name"] as? String == "Priya Patel" && $0["professionalRole"] as? String == "SENCO"
                    && $0["organisation"] as? String == "Elmfield Primary" })
        #expect(people.contains { $0["name"] as? String == "Niamh Byrne" && $0["doNotWrite"] as? Bool == true
                    && $0["address"] as? String == "1 Elm Road, Birmingham" })

        // The receiver's side: the handover carries the warning, and no letter goes to that address.
        #expect(try cli.run(["handover", reference, "--to", "ben", "--summary", "Appeal under way."], as: "amira").status == 0)
        let received = try cli.run(["case", "show", reference], as: "ben").stdout
        #expect(received.contains("SAFE CONTACT: Niamh Byrne: DO NOT WRITE to their address"))
        #expect(try cli.run(["letter", reference], as: "ben").status == 5)
    }
}
