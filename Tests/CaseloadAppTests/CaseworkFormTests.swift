import CaseloadCore
import Foundation
import Testing
import TerminalUI
@testable import CaseloadApp
@testable import CaseloadStore

/// Consent given later, key dates settled from the case file, closing,
/// reopening and a new case: keys in, forms filled, what the store is asked.
@Suite struct CaseworkFormTests {
    let update = Update(vocabulary: AppFixture.vocabulary)
    let screen = Screen(vocabulary: AppFixture.vocabulary)

    func press(_ keys: [Key], _ state: inout AppState) -> [Effect] { keys.flatMap { update(&state, .key($0)) } }
    func type(_ text: String) -> [Key] { text.map { $0 == "\n" ? Key.enter : Key.character($0) } }

    /// A case file with a parent, two open key dates (one overdue), a met
    /// one, an open referral without consent, and one contact.
    static let detailJSON = UpdateTests.minimalDetail
        .replacingOccurrences(of: #""people":[{"personId":"p1""#, with: #""people":[{"personId":"p2","role":"parent-carer","kind":"adult","name":"Thảo Nguyễn","interpreter":false,"parentalResponsibility":true,"noVoicemail":false,"doNotWrite":false,"doNotShare":false,"mainContact":false},{"personId":"p1""#)
        .replacingOccurrences(of: #""keyDates":[]"#, with: """
            "keyDates":[{"id":"k1","rule":"annual-review","ruleId":"annual-review","title":"Annual review",
                         "anchorOn":"2025-11-20","dueOn":"2026-11-19","status":"open","daysLeft":-4},
                        {"id":"k0","rule":"first-response","ruleId":"first-response","title":"First response to an enquiry",
                         "anchorOn":"2026-01-05","dueOn":"2026-01-07","status":"met","settledOn":"2026-01-06","daysLeft":0},
                        {"id":"k2","rule":"ehc-decision","ruleId":"ehc-decision","title":"Decision whether to assess",
                         "anchorOn":"2026-11-01","dueOn":"2026-12-13","status":"open","daysLeft":20}]
            """)
        .replacingOccurrences(of: #""referrals":[]"#, with: """
            "referrals":[{"id":"r1","reasons":["housing"],"narrative":"Housing advice","urgency":"routine","status":"flagged",
                          "flaggedAt":"2026-11-20T10:00:00Z"}]
            """)

    func caseFile(height: Int = 40, json: String = Self.detailJSON) throws -> AppState {
        var state = AppFixture.loaded([AppFixture.row(1)], height: height)
        let detail = try JSONDecoder.caseload.decode(CaseDetail.self, from: Data(json.utf8))
        _ = update(&state, .caseLoaded(detail, refresh: false))
        return state
    }

    @Test func consentIsRecordedLaterFromThePeopleOnTheCase() throws {
        var state = try caseFile()
        #expect(press([.character("C")], &state) == [.store(.prepareForm(.consent(reference: "C-2026-00001")))])
        _ = update(&state, .formReady(.consent(reference: "C-2026-00001"), draft: nil, workers: []))
        #expect(state.form?.value("status") == "given")
        _ = press([.tab] + type("thao") + [.enter], &state)
        #expect(state.form?.focused.id == "role", "a person on the case needs no typed name")
        _ = press([.tab] + type("written") + [.enter], &state)
        _ = press([.control("u")] + type("yesterday"), &state)
        let effects = press([.function(2)], &state).compactMap(\.saving)
        #expect(state.form?.errors ?? [:] == [:])
        #expect(effects == [.recordConsent(ConsentInput(givenBy: "Thảo Nguyễn", role: "parent-carer", method: .written,
                                                        givenOn: Day(year: 2026, month: 11, day: 22)!,
                                                        scope: "Referral to the Children's Trust for family support"),
                                           reference: "C-2026-00001", withdrawn: false)])
    }

    /// The case file has no open actions and an overdue review: the contact
    /// form offers to meet the review, and no box to complete "0 open actions".
    @Test func aContactFormOffersOnlyWhatTheCaseHas() throws {
        var state = try caseFile()
        _ = press([.character("c")], &state)
        _ = update(&state, .formReady(.contact(reference: "C-2026-00001"), draft: nil, workers: []))
        #expect(state.form?["completes"] == nil)
        #expect(state.form?["meetsKeyDate"] != nil)
    }

    @Test func withdrawingConsentNeedsANoteAndSomeoneElseNeedsTheirName() throws {
        var state = try caseFile()
        _ = press([.character("C")], &state)
        _ = update(&state, .formReady(.consent(reference: "C-2026-00001"), draft: nil, workers: []))
        _ = press(type("with") + [.enter] + type("someone") + [.enter, .tab] + type("young") + [.enter] + type("verbal") + [.enter], &state)
        #expect(press([.function(2)], &state).isEmpty)
        #expect(state.form?.errors["name"] == "Type the name of the person who withdrew consent.")
        #expect(state.form?.errors["note"] == "Say what was said: a withdrawal is recorded with a note.")
        #expect(state.form?.focused.id == "name", "the focus goes to the first field marked")
        _ = press(type("Linh Nguyễn"), &state)
        while state.form?.focused.id != "note" { _ = press([.tab], &state) }
        _ = press(type("Linh no longer wants the referral."), &state)
        guard case .recordConsent(let input, _, let withdrawn)? = press([.function(2)], &state).compactMap(\.saving).first else {
            Issue.record("not saved: \(state.form?.errors ?? [:])")
            return
        }
        #expect(withdrawn && input.givenBy == "Linh Nguyễn" && input.role == "young-person")
        #expect(input.scope == "Linh no longer wants the referral.")
    }

    @Test func consentNeedsAnOpenReferral() throws {
        var state = try caseFile(json: UpdateTests.minimalDetail)
        #expect(press([.character("C")], &state).isEmpty)
        #expect(state.message == "C-2026-00001 has no open family-support referral to record consent on (f flags the case).")
    }

    @Test func anOpenKeyDateIsSelectedFromTheTimelineAndMarkedMissed() throws {
        var state = try caseFile()
        #expect(press([.character("d")], &state).isEmpty)
        #expect(state.message == "Select an open key date in the case file first (k moves up to them from the timeline).")
        _ = press([.character("k")], &state)
        #expect(state.caseFile?.keyDate == "k2", "up from the first entry: the last open key date")
        _ = press([.character("k")], &state)
        #expect(state.caseFile?.keyDate == "k1", "the met date is passed over")
        let lines = screen.render(state).lines
        #expect(lines.contains { $0.contains("key date 1 of 2 open") })
        let effects = press([.character("d")], &state)
        let purpose = FormPurpose.settleKeyDate(reference: "C-2026-00001", keyDateId: "k1", title: "Annual review, due 19/11/2026")
        #expect(effects == [.store(.prepareForm(purpose))])
        _ = update(&state, .formReady(purpose, draft: nil, workers: []))
        _ = press(type("missed") + [.enter], &state)
        #expect(press([.function(2)], &state).isEmpty)
        #expect(state.form?.errors["what"] == "Say what happened when it was missed.")
        _ = press(type("The school did not hold it."), &state)
        #expect(press([.function(2)], &state).compactMap(\.saving)
                == [.settleKeyDate(reference: "C-2026-00001", id: "k1", outcome: .missed(what: "The school did not hold it."))])

        state.form = nil
        _ = press([.character("j"), .character("j")], &state)
        #expect(state.caseFile?.keyDate == nil && state.caseFile?.selected == 0, "down from the last date: the timeline")
    }

    @Test func aKeyDateIsMetOnADayThatHasHappened() throws {
        var state = try caseFile()
        let purpose = FormPurpose.settleKeyDate(reference: "C-2026-00001", keyDateId: "k1", title: "Annual review")
        _ = update(&state, .formReady(purpose, draft: nil, workers: []))
        _ = press([.tab, .control("u")] + type("+3d"), &state)
        #expect(press([.function(2)], &state).isEmpty)
        #expect(state.form?.errors["on"] == "That is still to come; mark it met once it has happened.")
        _ = press([.control("u")] + type("20/11/2026"), &state)
        #expect(press([.function(2)], &state).compactMap(\.saving)
                == [.settleKeyDate(reference: "C-2026-00001", id: "k1", outcome: .met(on: Day(year: 2026, month: 11, day: 20)!, note: nil))])
    }

    @Test func anEventThatMeetsADateAsksOnTheBottomLineAndYesMarksItMet() throws {
        var state = try caseFile(height: 24)
        let day = Day(year: 2026, month: 11, day: 20)!
        let offers = [MeetOffer(reference: "C-2026-00001", keyDateId: "k1", on: day,
                                question: "The annual review meeting on 20/11/2026 meets the annual review due 19/11/2026",
                                note: "by the annual review meeting of 20/11/2026"),
                      MeetOffer(reference: "C-2026-00001", keyDateId: "k2", on: day, question: "Second", note: "n")]
        _ = update(&state, .offerToMeet(offers))
        let lines = screen.render(state).lines
        #expect(lines[22].contains("The annual review meeting on 20/11/2026 meets the annual review due 19/11/2026:"))
        #expect(lines[23].hasPrefix("Mark it met? (y/n)"))
        #expect(press(type("y"), &state)
                == [.store(.settleKeyDate(reference: "C-2026-00001", id: "k1",
                                          outcome: .met(on: day, note: "by the annual review meeting of 20/11/2026")))])
        guard case .meets(let next, _)? = state.prompt?.kind else {
            Issue.record("the second date is not asked about")
            return
        }
        #expect(next.keyDateId == "k2")
        #expect(press(type("n"), &state).isEmpty && state.prompt == nil)
    }

    @Test func closingNeedsAReasonAndOnlyAClosedCaseReopens() throws {
        var state = try caseFile()
        #expect(press([.character("R")], &state).isEmpty)
        #expect(state.message == "C-2026-00001 is open; only a closed case can be reopened.")
        #expect(press([.character("X")], &state) == [.store(.prepareForm(.closeCase(reference: "C-2026-00001")))])
        _ = update(&state, .formReady(.closeCase(reference: "C-2026-00001"), draft: nil, workers: []))
        #expect(press([.function(2)], &state).isEmpty)
        #expect(state.form?.errors["reason"] == "Choose why the case is closing.")
        let reason = try #require(AppFixture.vocabulary.closureReasons.current.first)
        _ = press(type(reason.label.lowercased()) + [.enter] + type("Plan issued with the support asked for."), &state)
        #expect(press([.function(2)], &state).compactMap(\.saving)
                == [.closeCase(reference: "C-2026-00001", reason: reason.id, outcome: "Plan issued with the support asked for.",
                               feedback: .notAsked)])

        let closed = Self.detailJSON.replacingOccurrences(of: #""status":"open","level""#, with: #""status":"closed","level""#)
        var reopening = try caseFile(json: closed)
        #expect(press([.character("X")], &reopening).isEmpty && reopening.message == "C-2026-00001 is already closed; R reopens it.")
        #expect(press([.character("R")], &reopening) == [.store(.prepareForm(.reopenCase(reference: "C-2026-00001")))])
        _ = update(&reopening, .formReady(.reopenCase(reference: "C-2026-00001"), draft: nil, workers: []))
        _ = press(type("Mum rang back: the plan is late."), &reopening)
        #expect(press([.function(2)], &reopening).compactMap(\.saving)
                == [.reopenCase(reference: "C-2026-00001", reason: "Mum rang back: the plan is late.")])
    }

    @Test func aKeyDateIsAddedFromTheCaseFile() throws {
        var state = try caseFile()
        #expect(press([.character("D")], &state) == [.store(.prepareForm(.addKeyDate(reference: "C-2026-00001")))])
        _ = update(&state, .formReady(.addKeyDate(reference: "C-2026-00001"), draft: nil, workers: []))
        _ = press(type("review meeting") + [.enter] + type("20/11/2026"), &state)
        #expect(press([.function(2)], &state).compactMap(\.saving)
                == [.recordKeyDates(reference: "C-2026-00001",
                                    KeyDateEntry(subject: .event(.reviewMeeting), on: Day(year: 2026, month: 11, day: 20)!),
                                    note: nil)])
    }

    @Test func aNewCaseTakesWhatTheCommandLineTakesAndChecksItTheSameWay() throws {
        var state = AppFixture.loaded([AppFixture.row(1)], height: 40)
        #expect(press([.character("N")], &state) == [.store(.prepareForm(.newCase))])
        _ = update(&state, .formReady(.newCase, draft: nil, workers: []))
        #expect(screen.render(state).lines.contains { $0.contains("A new case") })
        _ = press([.tab] + type("01/01/1990") + [.tab] + type("Thảo Nguyễn") + [.tab] + type("0770 abc"), &state)
        _ = press([.tab] + type("not-an-email") + [.tab, .tab] + type("year 15"), &state)
        #expect(press([.function(2)], &state).isEmpty)
        let errors = state.form?.errors ?? [:]
        #expect(errors["child"] == "Give the child or young person's name (or tick the anonymous enquiry).")
        #expect(errors["dob"]?.hasPrefix("A SENDIASS case is about someone aged 0 to 25") == true)
        #expect(errors["phone"] != nil && errors["email"] != nil && errors["yearGroup"] != nil)

        state = AppFixture.loaded([AppFixture.row(1)], height: 40)
        _ = press([.character("N")], &state)
        _ = update(&state, .formReady(.newCase, draft: nil, workers: []))
        _ = press(type("Zoë Nguyễn") + [.tab] + type("03/04/2015") + [.tab] + type("Thảo Nguyễn") + [.tab]
                  + type("07700 900123") + [.tab] + type("thao@example.org") + [.tab] + type("Elmfield Primary") + [.tab]
                  + type("6") + [.tab, .tab] + type("3") + [.enter] + type("exclusion") + [.character(" "), .tab], &state)
        guard case .openNewCase(let input)? = press([.function(2)], &state).compactMap(\.saving).first else {
            Issue.record("not saved: \(state.form?.errors ?? [:])")
            return
        }
        #expect(input.child == "Zoë Nguyễn" && input.dateOfBirth == Day(year: 2015, month: 4, day: 3))
        #expect(input.parent == "Thảo Nguyễn" && input.parentPhone == "07700 900123" && input.parentEmail == "thao@example.org")
        #expect(input.school == "Elmfield Primary" && input.yearGroup == "Year 6" && input.level == .casework)
        #expect(input.issues == ["exclusion"])
    }
}
