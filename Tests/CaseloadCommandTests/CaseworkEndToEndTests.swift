import Foundation
import Testing

/// Consent given after flagging and a key date met from a contact, in the
/// real binary in a real terminal at 80×24, checked with the command line.
@Suite(.serialized) struct CaseworkEndToEndTests {

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// A day counted back from today, as dd/mm/yyyy.
    static func daysAgo(_ days: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        let parts = calendar.dateComponents([.day, .month, .year], from: Date().addingTimeInterval(-Double(days) * 86_400))
        return String(format: "%02d/%02d/%04d", parts.day!, parts.month!, parts.year!)
    }

    @Test func consentRecordedLaterLetsTheCaseworkerSendTheReferral() throws {
        let cli = try CommandRunner.withTeam()
        let tmux = Tmux()
        defer { tmux.stop(); cli.remove() }
        let reference = try cli.run(["case", "open", "--child", "Yusuf Khan", "--parent", "Sana Khan"], as: "amira").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let flagged = try cli.run(["flag", reference, "--reason", "Debt advice; Mum will think about it"], as: "amira")
        #expect(flagged.status == 0, "\(flagged.stderr)")
        try tmux.start(CommandRunner.binary.path, width: 80, height: 24, environment: cli.terminal(as: "amira"))
        try tmux.waitFor("Yusuf Khan")
        try tmux.press("Enter")
        try tmux.waitFor("Timeline (newest first)")
        try tmux.press("C")
        try tmux.waitFor("Consent for the referral on \(reference)")
        try tmux.press("Tab")
        try tmux.type("sana")
        try tmux.press("Enter", "Tab")
        try tmux.type("written")
        try tmux.press("Enter", "F2")
        try tmux.waitFor("Consent recorded on \(reference)")

        try tmux.press("F")
        try tmux.waitFor("Referrals:")
        try tmux.press("Enter")
        try tmux.waitFor("Referral on \(reference) (now flagged)")
        try tmux.type("sent")
        try tmux.press("Enter", "F2")
        try tmux.waitFor("The referral on \(reference) is now sent.")
        try tmux.press("q", "q", "q")
        try tmux.waitFor("EXIT=0")

        let detail = try json(try cli.run(["case", "show", reference, "--json"], as: "amira").stdout)
        let referrals = try #require(detail["referrals"] as? [[String: Any]])
        #expect(referrals.first?["status"] as? String == "sent")
        let consents = try #require(detail["consents"] as? [[String: Any]])
        #expect(consents.first?["givenBy"] as? String == "Sana Khan" && consents.first?["method"] as? String == "written")
        let sent = try cli.run(["referrals", "--status", "sent", "--json"], as: "sam").stdout
        #expect(sent.contains(reference) && !sent.contains("\"overrideReason\""), "sent with consent, no override")
    }

    @Test func aContactThatMeetsAnOverdueReviewEndsItsOverdue() throws {
        let cli = try CommandRunner.withTeam()
        let tmux = Tmux()
        defer { tmux.stop(); cli.remove() }
        let reference = try cli.run(["case", "open", "--child", "Zoë Nguyễn"], as: "amira").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let added = try cli.run(["keydate", "add", reference, "annual-review", "--from", Self.daysAgo(375)], as: "amira")
        #expect(added.status == 0, "\(added.stderr)")
        let overdue = ["case", "list", "--filter", "overdue", "--json"]
        #expect(try cli.run(overdue, as: "amira").stdout.contains(reference))

        try tmux.start(CommandRunner.binary.path, width: 80, height: 24, environment: cli.terminal(as: "amira"))
        try tmux.waitFor("Zoë Nguyễn")
        try tmux.press("Enter")
        try tmux.waitFor("OVERDUE by")
        try tmux.press("c")
        try tmux.waitFor("Log a contact on \(reference)")
        try tmux.type("phone call out")
        try tmux.press("Enter", "Tab", "Tab", "Tab", "Tab")
        try tmux.type("Review meeting held at school; Mum and the SENCO came.")
        // Tab on until the field is reached: the form shows only what the case has.
        for _ in 0..<8 where !tmux.screen().contains("▸ Meets key date") {
            let before = tmux.screen()
            try tmux.press("Tab")
            try tmux.waitUntil("the focus to move") { $0 != before }
        }
        try tmux.waitFor("▸ Meets key date")
        try tmux.type("annual")
        try tmux.press("Enter", "F2")
        try tmux.waitFor("Logged the contact on \(reference)")
        try tmux.waitUntil("the review to show as met") { $0.contains("Annual review  met") && !$0.contains("OVERDUE") }
        try tmux.press("q", "q")
        try tmux.waitFor("EXIT=0")

        #expect(!(try cli.run(overdue, as: "amira").stdout.contains(reference)), "no longer overdue")
        let detail = try json(try cli.run(["case", "show", reference, "--json"], as: "amira").stdout)
        let dates = try #require(detail["keyDates"] as? [[String: Any]])
        #expect(dates.first?["status"] as? String == "met")
    }
}
