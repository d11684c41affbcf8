import CaseloadCore
import Foundation
import Testing
import TerminalUI
@testable import CaseloadApp
@testable import CaseloadStore

/// Keys, drafts and validation of the forms, through `update` and the screen.
@Suite struct ContactFormTests {
    let update = Update(vocabulary: AppFixture.vocabulary)
    let screen = Screen(vocabulary: AppFixture.vocabulary)

    private func press(_ keys: [Key], _ state: inout AppState) -> [Effect] {
        keys.flatMap { update(&state, .key($0)) }
    }

    private func type(_ text: String) -> [Key] { text.map { $0 == "\n" ? Key.enter : Key.character($0) } }

    private func contactForm(height: Int = 40) -> AppState {
        var state = AppFixture.loaded([AppFixture.row(9)], height: height)
        #expect(press([.character("c")], &state) == [.store(.prepareForm(.contact(reference: "C-2026-00009")))])
        _ = update(&state, .formReady(.contact(reference: "C-2026-00009"), draft: nil, workers: []))
        return state
    }

    @Test func savingAnEmptyFormSaysWhatIsMissingNextToEachField() {
        var state = contactForm()
        #expect(press([.function(2)], &state).isEmpty, "nothing is saved until the form is valid")
        let lines = screen.render(state).lines
        #expect(lines.contains { $0.contains("⚠ Choose how the contact happened (type to filter, e.g.") })
        #expect(lines.contains { $0.contains("⚠ Write what was said: a contact needs a summary.") })
        #expect(lines[38].contains("2 things to put right before saving (marked ⚠)."))
        #expect(state.form?.focused.id == "mode", "the focus goes to the first problem")
    }

    @Test func aMeetingAsksItsTypeAndEveryFieldReachesTheStore() throws {
        var state = contactForm()
        _ = press(type("home"), &state)
        #expect(state.form?.value("mode") == "", "typing filters the picker; it chooses nothing by itself")
        _ = press([.enter], &state)
        #expect(state.form?.value("mode") == "home-visit", "Enter chooses the best match and goes on")
        #expect(state.form?.focused.id == "meetingType", "a meeting asks what kind")
        _ = press(type("annual") + [.enter], &state)
        #expect(state.form?.focused.id == "when")
        _ = press([.control("u")] + type("yesterday") + [.tab], &state)
        #expect(screen.render(state).lines.contains { $0.contains("→ Sunday 22/11/2026") }, "the date shows what it understood")
        _ = press([.control("u")] + type("14:30") + [.tab] + type("45") + [.tab], &state)
        #expect(state.form?.focused.id == "parties")
        _ = press(type("parent") + [.character(" "), .control("u")] + type("senco") + [.character(" "), .tab], &state)
        _ = press(type("Talked through the draft plan.\nMum will send comments.") + [.tab], &state)
        _ = press(type("Explained the 15-day window.") + [.tab], &state)
        _ = press(type("Chase the LA for the final plan") + [.tab], &state)
        #expect(state.form?.focused.id == "followUpDue", "a follow-up asks when it is due")
        _ = press([.tab, .character(" "), .tab], &state)
        #expect(state.form?.focused.id == "keyDateRule")
        _ = press(type("draft plan") + [.enter] + type("20/11/2026"), &state)
        let effects = press([.control("s")], &state)
        var expected = ContactInput(reference: "C-2026-00009", mode: "home-visit",
                                    occurredAt: try Moment.parse("22/11/2026 14:30", in: state.timeZone),
                                    summary: "Talked through the draft plan.\nMum will send comments.")
        expected.minutes = 45
        expected.meetingType = "annual-review"
        expected.parties = "Parent or carer, SENCO or school staff"
        expected.advice = "Explained the 15-day window."
        expected.followUpText = "Chase the LA for the final plan"
        expected.followUp = try AppFixture.today.adding(weeks: 2)
        expected.completesActions = true
        expected.keyDate = KeyDateEntry(subject: .event(.draftPlanServed), on: Day(year: 2026, month: 11, day: 20)!)
        #expect(effects == [.store(.saveForm(.logContact(expected), draftKind: "contact", draftReference: "C-2026-00009"))],
                "the save carries the form's draft, to end it in the same transaction")
        #expect(state.form?.saving == true)
    }

    @Test func everyChangeKeepsADraftAndEscAsksBeforeThrowingItAway() {
        var state = contactForm()
        let effects = press(type("ph") + [.enter], &state)
        #expect(effects.last == .terminal(.keepDraft(kind: "contact", reference: "C-2026-00009",
                                           fields: state.form?.values ?? [:])))
        #expect(state.form?.values["mode"] == "phone-in")
        _ = press([.escape], &state)
        #expect(state.form?.confirmingDiscard == true)
        #expect(screen.render(state).lines[38].contains("Throw away what you typed?"))
        _ = press([.character("x")], &state)
        #expect(state.form?.confirmingDiscard == true, "a yes/no question waits for y or n")
        _ = press([.character("n")], &state)
        #expect(state.form != nil && state.form?.confirmingDiscard == false, "n goes back to the form")
        #expect(press([.escape, .character("y")], &state) == [.store(.discardDraft(kind: "contact", reference: "C-2026-00009"))])
        #expect(state.form == nil)
    }

    @Test func anUntouchedFormClosesOnEscWithoutAsking() {
        var state = contactForm()
        #expect(press([.escape], &state).isEmpty)
        #expect(state.form == nil)
    }

    @Test func aDraftIsOfferedBackExactlyAsTyped() {
        var state = AppFixture.loaded([AppFixture.row(9)], height: 40)
        let draft = Draft(kind: "contact", reference: "C-2026-00009",
                          fields: ["mode": "email-in", "summary": "Half-written\nnote", "minutes": "10", "completes": "yes"],
                          updatedAt: AppFixture.now)
        _ = update(&state, .formReady(.contact(reference: "C-2026-00009"), draft: draft, workers: []))
        #expect(state.form?.value("mode") == "email-in")
        #expect(state.form?.value("summary") == "Half-written\nnote")
        #expect(state.form?["completes"]?.checked == true)
        #expect(screen.render(state).lines[38].contains("Your unsaved draft from 23/11/2026 12:00 is back"))
    }

    @Test func whenTheStoreRefusesTheFormStaysWithEverythingTyped() {
        var state = contactForm()
        _ = press(type("phone-in") + [.enter, .tab, .tab, .tab, .tab] + type("Rang the LA."), &state)
        #expect(state.form?.focused.id == "summary")
        _ = press([.function(2)], &state)
        _ = update(&state, .failed("C-2026-00009 is closed; reopen it first"))
        #expect(state.form?.saving == false)
        #expect(state.form?.value("summary") == "Rang the LA.")
        #expect(screen.render(state).lines[38].contains("C-2026-00009 is closed; reopen it first"))
        let save = press([.function(2)], &state)
        guard case .store(.saveForm(.logContact, "contact", "C-2026-00009", nil))? = save.first else {
            Issue.record("a save carries its draft, to end it in the same transaction: \(save)")
            return
        }
        let effects = update(&state, .changed("Logged the contact on C-2026-00009."))
        #expect(state.form == nil)
        #expect(!effects.contains { if case .store(.discardDraft) = $0 { true } else { false } }, "the draft went with the save")
    }

    @Test func ctrlEOpensTheNoteInTheUsersEditorAndTakesItBack() {
        var state = contactForm()
        _ = press(type("phone-in") + [.enter, .tab, .tab, .tab, .tab] + type("Draft"), &state)
        #expect(press([.control("e")], &state) == [.terminal(.editText("Draft"))])
        let effects = update(&state, .edited("Visited at home.\nLong note with a second line.\n"))
        #expect(state.form?.value("summary") == "Visited at home.\nLong note with a second line.")
        #expect(effects.count == 1, "the edited note is kept as a draft")
    }

    @Test func aContactCanMeetAnOpenKeyDate() throws {
        var state = AppFixture.loaded([AppFixture.row(1)], height: 60)
        let withKeyDate = UpdateTests.minimalDetail.replacingOccurrences(of: #""keyDates":[]"#, with: """
            "keyDates":[{"id":"k1","rule":"annual-review","ruleId":"annual-review","title":"Annual review",
                         "anchorOn":"2025-11-20","dueOn":"2026-11-19","status":"open","daysLeft":-4}]
            """)
        let detail = try JSONDecoder.caseload.decode(CaseDetail.self, from: Data(withKeyDate.utf8))
        _ = update(&state, .caseLoaded(detail, refresh: false))
        _ = update(&state, .formReady(.contact(reference: "C-2026-00001"), draft: nil, workers: []))
        let field = try #require(state.form?["meetsKeyDate"])
        #expect(field.options.map(\.label) == ["Annual review, due 19/11/2026"])
        _ = press(type("home-visit") + [.enter], &state)
        while state.form?.focused.id != "summary" { _ = press([.tab], &state) }
        _ = press(type("Review meeting held."), &state)
        while state.form?.focused.id != "meetsKeyDate" { _ = press([.tab], &state) }
        _ = press(type("annual") + [.enter], &state)
        guard case .logContact(let input)? = press([.function(2)], &state).compactMap(\.saving).first else {
            Issue.record("expected the contact to be saved: \(state.form?.errors ?? [:])")
            return
        }
        #expect(input.meetsKeyDate == "k1")
    }

    @Test func correctingAContactLinksItToTheOriginal() throws {
        var state = AppFixture.loaded([AppFixture.row(1)], height: 40)
        let detail = try JSONDecoder.caseload.decode(CaseDetail.self, from: Data(UpdateTests.minimalDetail.utf8))
        _ = update(&state, .caseLoaded(detail, refresh: false))
        let effects = press([.character("e")], &state)
        guard case .store(let work)? = effects.first, case .prepareForm(.amend(let reference, let id, let original), nil) = work else {
            Issue.record("expected a correction form, got \(effects)")
            return
        }
        #expect(reference == "C-2026-00001" && id == "t1")
        #expect(original == "20/11/2026 10:15 Mum rang about the exclusion.")
        _ = update(&state, .formReady(.amend(reference: reference, contactId: id, original: original), draft: nil, workers: []))
        _ = press(type("phone-in") + [.enter, .tab, .tab, .tab, .tab] + type("Mum rang about the suspension, not an exclusion."), &state)
        guard case .logContact(let input)? = press([.function(2)], &state).compactMap(\.saving).first else {
            Issue.record("expected the correction to be saved")
            return
        }
        #expect(input.amends == "t1")
        #expect(state.form?.purpose.draftKind == "amend:t1")
    }
}

@Suite struct FlagFormTests {
    let update = Update(vocabulary: AppFixture.vocabulary)
    let screen = Screen(vocabulary: AppFixture.vocabulary)

    private func press(_ keys: [Key], _ state: inout AppState) -> [Effect] {
        keys.flatMap { update(&state, .key($0)) }
    }

    private func type(_ text: String) -> [Key] { text.map { Key.character($0) } }

    @Test func theSafeguardingQuestionComesFirstAndYesLeadsToTheFrontDoor() {
        var state = AppFixture.loaded([AppFixture.row(5)])
        _ = press([.character("f")], &state)
        #expect(screen.render(state).lines[23] == "Is anyone at risk of significant harm? (y/n)")
        _ = press(type("m"), &state)
        #expect(screen.render(state).lines[22] == " Press y for yes or n for no (Esc backs out).")
        #expect(press(type("y"), &state) == [.store(.prepareForm(.safeguarding(reference: "C-2026-00005")))])
        _ = update(&state, .formReady(.safeguarding(reference: "C-2026-00005"), draft: nil, workers: []))
        let picture = screen.render(state)
        #expect(picture.lines[2].hasPrefix(" PHONE THE CHILDREN'S FRONT DOOR NOW (999 in an emergency). Then record"))
        #expect(picture[1, 2].style.foreground == .red)
        _ = press(type("Duty social worker, front door") + [.tab] + type("CFD-123"), &state)
        guard case .recordSafeguarding(let input)? = press([.function(2)], &state).compactMap(\.saving).first else {
            Issue.record("expected a safeguarding record")
            return
        }
        #expect(input.told == "Duty social worker, front door" && input.theirReference == "CFD-123")
    }

    @Test func noRiskLeadsToTheReferralAndConsentAsksItsDetails() {
        var state = AppFixture.loaded([AppFixture.row(5)], height: 40)
        #expect(press(type("fn"), &state) == [.store(.prepareForm(.flag(reference: "C-2026-00005")))])
        _ = update(&state, .formReady(.flag(reference: "C-2026-00005"), draft: nil, workers: []))
        _ = press(type("hous") + [.character(" "), .tab] + type("Housing advice; Mum agreed") + [.tab] + type("pri") + [.enter],
                  &state)
        #expect(state.form?.isShown(state.form!["consentRole"]!) == false, "consent details wait for a name")
        _ = press(type("Thảo Nguyễn") + [.tab] + type("parent") + [.enter, .function(2)], &state)
        #expect(screen.render(state).lines.contains { $0.contains("⚠ Choose how consent was given: verbal, written or") })
        #expect(state.form?.focused.id == "consentMethod")
        let effects = press(type("writ") + [.enter, .function(2)], &state).compactMap(\.saving)
        #expect(effects == [.flag(FlagInput(
            reference: "C-2026-00005", reasons: ["housing"], narrative: "Housing advice; Mum agreed", urgency: .priority,
            consent: ConsentInput(givenBy: "Thảo Nguyễn", role: "parent-carer", method: .written, givenOn: AppFixture.today,
                                  scope: "Referral to the Children's Trust for family support")))])
    }

    @Test func aReferralMayBeFlaggedBeforeConsent() {
        var state = AppFixture.loaded([AppFixture.row(5)], height: 40)
        _ = update(&state, .formReady(.flag(reference: "C-2026-00005"), draft: nil, workers: []))
        _ = press([.tab] + type("Short breaks"), &state)
        #expect(press([.function(2)], &state).compactMap(\.saving) == [.flag(FlagInput(reference: "C-2026-00005", reasons: [],
                                                                  narrative: "Short breaks", urgency: .routine, consent: nil))])
    }
}

extension Effect {
    /// What a form's save asks of the store, without the draft it ends.
    var saving: StoreWork? {
        if case .store(.saveForm(let save, _, _, _)) = self { return save }
        return nil
    }
}

enum Team {
    static func worker(_ login: String, open: Int, weight: Int, capacity: Int = 40) -> WorkerSummary {
        WorkerSummary(id: login, login: login, name: login.capitalized, role: .caseworker, employment: .permanent,
                      startsOn: Day(year: 2024, month: 1, day: 1)!, endsOn: nil, active: true, capacity: capacity,
                      openCases: open, weight: weight)
    }
}

@Suite struct HandoverFormTests {
    let update = Update(vocabulary: AppFixture.vocabulary)
    let screen = Screen(vocabulary: AppFixture.vocabulary)

    private func press(_ keys: [Key], _ state: inout AppState) -> [Effect] {
        keys.flatMap { update(&state, .key($0)) }
    }

    private func type(_ text: String) -> [Key] { text.map { Key.character($0) } }

    @Test func tagsSurviveALimitAndSemicolonHandsThemAllOverThroughOneForm() {
        var state = AppFixture.loaded((1...4).map { AppFixture.row($0) })
        _ = press([.character("t"), .character("j"), .character("t")], &state)
        #expect(state.tagged == ["C-2026-00001", "C-2026-00003"])
        #expect(screen.render(state).lines[22].contains("2 tagged"))
        _ = press([.character("l")] + type("level:3") + [.enter], &state)
        _ = update(&state, .listLoaded(AppFixture.page([AppFixture.row(2)]), .first, total: 1, start: nil))
        #expect(state.tagged.count == 2, "tags survive a limit")
        let purpose = FormPurpose.handover(["C-2026-00001", "C-2026-00003"])
        #expect(press([.character(";"), .character("h")], &state) == [.store(.prepareForm(purpose))])
        _ = update(&state, .formReady(purpose, draft: nil,
                                      workers: [Team.worker("amira", open: 30, weight: 60), Team.worker("ben", open: 10, weight: 20)]))
        #expect(screen.render(state).lines[1] == " Hand 2 tagged cases over")
        #expect(state.form?["to"]?.options.map(\.id) == ["ben"], "you do not hand cases to yourself")
        guard case .terminal(.keepDraft(let kind, nil, _))? = press(type("b"), &state).last else {
            Issue.record("a tagged set's form keeps a draft too")
            return
        }
        #expect(kind.hasPrefix("handover-tagged:") && kind == FormPurpose.handover(["C-2026-00003", "C-2026-00001"]).draftKind,
                "named for the set, whatever its order")
        let effects = press([.enter] + type("Amira is leaving; all up to date.") + [.function(2)], &state).compactMap(\.saving)
        #expect(effects == [.handOver(["C-2026-00001", "C-2026-00003"], to: "ben", summary: "Amira is leaving; all up to date.")])
        _ = update(&state, .changed("Handed over 2 of 2 to ben, waiting for them to accept."))
        #expect(state.tagged.isEmpty && state.form == nil)
    }

    @Test func reassigningIsForSupervisorsAndNeedsAReason() {
        var caseworker = AppFixture.loaded([AppFixture.row(1)])
        #expect(press([.character("r")], &caseworker).isEmpty && caseworker.messageIsError)
        _ = press([.character("t"), .character(";"), .character("r")], &caseworker)
        #expect(caseworker.form == nil && caseworker.messageIsError, "not through the tag either")
        var boss = AppFixture.loaded([AppFixture.row(1)], supervisor: true)
        #expect(press([.character("r")], &boss) == [.store(.prepareForm(.reassign(["C-2026-00001"])))])
        _ = update(&boss, .formReady(.reassign(["C-2026-00001"]), draft: nil, workers: [Team.worker("ben", open: 1, weight: 2)]))
        _ = press(type("ben") + [.enter, .function(2)], &boss)
        #expect(boss.form?.errors["reason"] == "A reassignment needs a reason; it is recorded.")
        #expect(boss.form?.focused.id == "reason", "the focus goes to what is missing")
        #expect(press(type("Cover for leave") + [.function(2)], &boss).compactMap(\.saving)
                == [.reassign(["C-2026-00001"], to: "ben", reason: "Cover for leave")])
    }
}

/// The corners a second reading found: pickers, pastes, failures, facts, tags.
@Suite struct FormCornerTests {
    let update = Update(vocabulary: AppFixture.vocabulary)
    let screen = Screen(vocabulary: AppFixture.vocabulary)

    private func press(_ keys: [Key], _ state: inout AppState) -> [Effect] {
        keys.flatMap { update(&state, .key($0)) }
    }

    private func type(_ text: String) -> [Key] { text.map { Key.character($0) } }

    private func contactForm() -> AppState { AppFixture.contactForm() }

    @Test func aKeyEventStillToComeReadsItsDateAhead() {
        // Today is Monday 23/11/2026. A letter "dated 15/01" was this year's;
        // a review meeting "on 15/01" is next year's.
        for (event, expected) in [("decision letter", "→ Thursday 15/01/2026"), ("annual review meeting", "→ Friday 15/01/2027")] {
            var state = contactForm()
            while state.form?.focused.id != "keyDateRule" { _ = press([.tab], &state) }
            _ = press(type(event) + [.enter] + type("15/01"), &state)
            #expect(screen.render(state).lines.contains { $0.contains(expected) }, "\(event)")
        }
        // A certificate asks for its decision letter too, which is in the past.
        var state = contactForm()
        while state.form?.focused.id != "keyDateRule" { _ = press([.tab], &state) }
        _ = press(type("certificate issued") + [.enter] + type("20/11") + [.tab], &state)
        #expect(state.form?.focused.id == "keyDateLetter")
        _ = press(type("21/11"), &state)
        #expect(press([.control("s")], &state).isEmpty)
        #expect(state.form?.errors["keyDateLetter"] == "The decision letter comes before the mediation certificate.")
    }

    @Test func arrowsInAPickerMoveFromWhatIsChosenAndBackspaceTakesAnOptionalChoiceBack() {
        var state = contactForm()
        _ = press(type("email-in") + [.enter, .backTab], &state)
        #expect(state.form?.focused.id == "mode" && state.form?.value("mode") == "email-in")
        _ = press([.down], &state)
        #expect(state.form?.value("mode") == "email-out", "↓ goes to the option after the chosen one, not the top")
        while state.form?.focused.id != "keyDateRule" { _ = press([.tab], &state) }
        _ = press([.down], &state)
        #expect(state.form?.value("keyDateRule") == KeyDateSubject.all[0].id)
        _ = press([.backspace], &state)
        #expect(state.form?.value("keyDateRule") == "", "no key date after all")
        #expect(state.form.map { !$0.isShown($0["keyDateFrom"]!) } == true)
    }

    @Test func pastedTextStaysInTheFieldWithItsLineBreaks() {
        var state = contactForm()
        _ = press(type("phone-in") + [.enter, .tab, .tab, .tab, .tab], &state)
        #expect(state.form?.focused.id == "summary")
        let effects = update(&state, .pasted("Mum said:\n\tthe bus is late\nevery day"))
        #expect(state.form?.value("summary") == "Mum said:\n the bus is late\nevery day")
        #expect(state.form?.focused.id == "summary", "a pasted tab does not move on")
        #expect(effects.count == 1, "the paste is kept as a draft")
        _ = press([.tab, .tab], &state)
        _ = update(&state, .pasted("Chase\nthe LA"))
        #expect(state.form?.value("followUp") == "Chase the LA", "a one-line field takes line breaks as spaces")
    }

    @Test func aFailureWhileTypingIsShownOnTheForm() {
        var state = contactForm()
        _ = update(&state, .failed("the draft could not be kept: the store is busy"))
        #expect(state.form != nil)
        #expect(screen.render(state).lines[38].contains("the draft could not be kept: the store is busy"))
    }

    @Test func aSingleHandoverStartsFromTheFactsOnFile() {
        var state = AppFixture.loaded([AppFixture.row(2)], height: 40)
        let facts = "Facts at handover:\n- Open action: Send transport policy, due 27/11/2026"
        _ = update(&state, .formReady(.handover(["C-2026-00002"]), draft: nil, workers: [Team.worker("ben", open: 1, weight: 2)],
                                      facts: facts))
        #expect(state.form?.value("summary") == facts)
        _ = press(type("ben") + [.enter] + type("Mum prefers texts."), &state)
        #expect(press([.function(2)], &state).compactMap(\.saving)
                == [.handOver(["C-2026-00002"], to: "ben", summary: facts + "\n\nMum prefers texts.", factsIncluded: true)])
    }

    @Test func tagsStayUntilTheTaggedSetIsActedOn() {
        var state = AppFixture.loaded((1...3).map { AppFixture.row($0) })
        _ = press([.character("t"), .character("t")], &state)
        _ = update(&state, .formReady(.contact(reference: "C-2026-00003"), draft: nil, workers: []))
        _ = press(type("phone-in") + [.function(2)], &state)
        _ = update(&state, .changed("Logged the contact on C-2026-00003."))
        #expect(state.tagged.count == 2, "logging one contact keeps the tags")
    }
}
