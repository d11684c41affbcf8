import CaseloadCore
import Foundation
import Testing
@testable import CaseloadApp
@testable import CaseloadStore

/// The effect runner against a real store on a temporary file.
@Suite struct EffectRunnerTests {
    struct Fixture {
        let folder: URL
        let store: Store
        let runner: EffectRunner
        let amira: ActingWorker
        /// Another caseworker: Amira's case is outside his caseload.
        let ben: ActingWorker
        let reference: String

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("caseload-app-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            store = try Store.open(path: folder.appendingPathComponent("store.sqlite").path, create: true)
            let supervisor = try store.initialise(service: "Test SENDIASS", supervisor: NewWorker(login: "sam", name: "Sam Okafor"),
                                                  osUser: "tester")
            try store.addWorker(NewWorker(login: "amira", name: "Amira Khan"), by: supervisor)
            try store.addWorker(NewWorker(login: "ben", name: "Ben Evans"), by: supervisor)
            amira = try store.actingWorker(login: "amira", osUser: "tester")
            ben = try store.actingWorker(login: "ben", osUser: "tester")
            reference = try store.openCase(NewCase(child: "Zoë Nguyễn"), by: amira).description
            runner = EffectRunner(store: store, actor: amira)
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    /// A limit the store stops at its deadline comes back as a refusal of
    /// that list, so the front end can keep the list it shows.
    @Test func aLimitStoppedAtItsDeadlineIsARefusalOfThatList() throws {
        let f = try Fixture()
        defer { f.remove() }
        // Enough for the reading to pass SQLite's progress handler at least once.
        for number in 1...40 { _ = try f.store.openCase(NewCase(child: "Zoë Smith \(number)"), by: f.amira) }
        f.store.queryBudget = 0
        var query = CaseQuery(scope: .mine)
        query.filter = try CaseFilter.parse("zoe")
        let messages = f.runner.perform(.loadList(query, .first, recount: true, record: true), pageSize: 50)
        guard case .listRefused(let refused, let text)? = messages.first else {
            Issue.record("expected the list to be refused, got \(messages)")
            return
        }
        #expect(refused == query && text.hasPrefix("the limit was stopped"))
    }

    /// The store names the input it refuses; the form's message names the
    /// field to put right by its label, as the command line names its flag.
    @Test func aRefusedFormSaveNamesTheFormsFieldAndKeepsTheDraft() throws {
        let f = try Fixture()
        defer { f.remove() }
        try f.store.saveDraft(kind: "contact", reference: f.reference, fields: ["summary": "Certificate came"], by: f.amira)
        var input = ContactInput(reference: f.reference, mode: "letter", occurredAt: f.store.now(), summary: "Certificate came")
        input.keyDate = KeyDateEntry(subject: .event(.certificateIssued), on: f.store.today)
        let messages = f.runner.perform(.saveForm(.logContact(input), draftKind: "contact", draftReference: f.reference),
                                        pageSize: 100)
        guard case .failed(let text)? = messages.first else {
            Issue.record("expected a refusal, got \(messages)")
            return
        }
        #expect(text.hasPrefix("an appeal after mediation runs from the decision letter too"))
        #expect(text.hasSuffix("(in the form, Decision letter)"))
        #expect(!text.contains("--"))
        #expect(try f.store.draft(kind: "contact", reference: f.reference, by: f.amira) != nil)
    }

    /// Every form's save ends its draft: the runner hands the draft to the
    /// store call that saves the record.
    @Test func everyFormsSaveEndsItsDraft() throws {
        let f = try Fixture()
        defer { f.remove() }
        func save(_ effect: StoreWork, _ kind: String, as runner: EffectRunner? = nil, by actor: ActingWorker? = nil,
                  sourceLocation: SourceLocation = #_sourceLocation) throws {
            let actor = actor ?? f.amira
            try f.store.saveDraft(kind: kind, reference: f.reference, fields: ["x": "typed"], by: actor)
            let messages = (runner ?? f.runner).perform(.saveForm(effect, draftKind: kind, draftReference: f.reference),
                                                        pageSize: 100)
            guard case .changed? = messages.first else {
                Issue.record("\(kind) was not saved: \(messages)", sourceLocation: sourceLocation)
                return
            }
            #expect(try f.store.draft(kind: kind, reference: f.reference, by: actor) == nil, "\(kind)",
                    sourceLocation: sourceLocation)
        }
        let now = f.store.now()
        try save(.logContact(ContactInput(reference: f.reference, mode: "phone-in", occurredAt: now, summary: "Mum rang")),
                 "contact")
        let consent = ConsentInput(givenBy: "Thảo Nguyễn", role: "parent-carer", method: .verbal, givenOn: f.store.today,
                                   scope: "Referral")
        try save(.flag(FlagInput(reference: f.reference, reasons: [], narrative: "Housing", urgency: .routine, consent: consent)),
                 "flag")
        try save(.moveReferral(ReferralMoveInput(reference: f.reference, status: .sent)), "referral-status")
        try save(.recordSafeguarding(SafeguardingInput(reference: f.reference, told: "Duty social worker", at: now)),
                 "safeguarding")
        try save(.handOver([f.reference], to: "sam", summary: "Over to Sam"), "handover")
        try save(.recordFamilyTold(FamilyToldInput(reference: f.reference, how: "phone call", at: now, letter: false)),
                 "family-told")
        let sam = try f.store.actingWorker(login: "sam", osUser: "tester")
        try save(.reassign([f.reference], to: "sam", reason: "Sam takes it now"), "reassign",
                 as: EffectRunner(store: f.store, actor: sam), by: sam)
    }

    @Test func everyFieldAFormAsksForUnderOneLabelIsNamed() {
        #expect(EffectRunner.message(.invalid("say who was told", field: .told)) == "say who was told (in the form, Who you told)")
        #expect(EffectRunner.message(.invalid("a worker needs a name", field: .name)) == "a worker needs a name")
        #expect(EffectRunner.message(.invalid("no field")) == "no field")
    }
}

/// A correction starts from the contact it corrects, and saving it as it
/// stands keeps the original's time and does not count as a new contact.
@Suite struct CorrectionTests {
    @Test func aCorrectionStartsFromTheOriginalAndKeepsItsTime() throws {
        let f = try EffectRunnerTests.Fixture()
        defer { f.remove() }
        let zone = f.store.timeZone
        let thirteenMonthsAgo = try Moment.parse("20/10/2025 09:40", in: zone)
        var original = NewContact(mode: "home-visit", summary: "Talked through the draft plan.")
        original.occurredAt = thirteenMonthsAgo
        original.minutes = 45
        original.meetingType = "annual-review"
        original.parties = "Parent or carer, SENCO or school staff"
        original.advice = "Explained the 15-day window."
        let id = try f.store.addContact(to: f.reference, original, by: f.amira).id
        let purpose = FormPurpose.amend(reference: f.reference, contactId: id, original: "20/10/2025 09:40 Talked through")
        let messages = f.runner.perform(.prepareForm(purpose), pageSize: 100)
        guard case .formReady(_, nil, _, _, let prefill)? = messages.first else {
            Issue.record("expected the form, got \(messages)")
            return
        }
        #expect(prefill["mode"] == "home-visit" && prefill["when"] == "20/10/2025" && prefill["at"] == "09:40")
        #expect(prefill["minutes"] == "45" && prefill["meetingType"] == "annual-review")
        #expect(prefill["summary"] == "Talked through the draft plan." && prefill["advice"] == "Explained the 15-day window.")

        // In the front end: the form starts filled in; only the summary is put right.
        let update = Update(vocabulary: try f.store.vocabulary)
        var state = AppState(user: .init(login: "amira", name: "Amira Khan", isSupervisor: false), service: "Test",
                             width: 100, height: 40, colour: false, today: f.store.today, now: f.store.now(), timeZone: zone)
        _ = update(&state, messages[0])
        #expect(state.form?.value("parties") == "parent-carer,senco", "who was there, back as the picker's choices")
        #expect(state.form?.dirty == false, "starting from the original is not typing")
        while state.form?.focused.id != "summary" { _ = update(&state, .key(.tab)) }
        _ = update(&state, .key(.control("u")))
        for character in "Talked through the final plan." { _ = update(&state, .key(.character(character))) }
        guard case .store(.saveForm(.logContact(let input), _, _, _))? = update(&state, .key(.function(2))).first else {
            Issue.record("expected the correction to be saved: \(state.form?.errors ?? [:])")
            return
        }
        #expect(input.occurredAt == thirteenMonthsAgo, "the original's time, not now")
        #expect(input.amends == id && input.minutes == 45 && input.parties == "Parent or carer, SENCO or school staff")

        let lastBefore = try f.store.cases(scope: .mine, by: f.amira).first?.lastContactAt
        _ = f.runner.perform(.saveForm(.logContact(input), draftKind: purpose.draftKind, draftReference: f.reference), pageSize: 100)
        #expect(try f.store.cases(scope: .mine, by: f.amira).first?.lastContactAt == lastBefore)
        // Even a correction dated today is not a new contact with the family.
        var today = NewContact(mode: "phone-in", summary: "Correction made today.")
        today.amends = id
        try f.store.addContact(to: f.reference, today, by: f.amira)
        #expect(try f.store.cases(scope: .mine, by: f.amira).first?.lastContactAt == thirteenMonthsAgo)
    }

    @Test func theClockMovesNowAndTodayForFormsOpenedLater() throws {
        let update = Update(vocabulary: AppFixture.vocabulary)
        var state = AppFixture.loaded([AppFixture.row(1)])
        let later = AppFixture.now.addingTimeInterval(26 * 3600 + 16 * 60)   // the next day, 14:16
        _ = try update(&state, .clock(now: later, today: AppFixture.today.adding(days: 1)))
        #expect(try state.today == AppFixture.today.adding(days: 1))
        _ = update(&state, .formReady(.contact(reference: "C-2026-00001"), draft: nil, workers: []))
        #expect(state.form?.value("at") == String(Moment.format(later, in: state.timeZone).suffix(5)))
        #expect(state.form?.value("at") != String(Moment.format(AppFixture.now, in: state.timeZone).suffix(5)))
    }
}

/// The front end's search goes through the store's rules: a caseworker's
/// hits on others' cases come without their text, and a search over the
/// maximum is refused with the store's message.
@Suite struct SearchEffectTests {
    @Test func theFrontEndsSearchKeepsTheStoresRules() throws {
        let f = try EffectRunnerTests.Fixture()
        defer { f.remove() }
        let ben = f.ben
        try f.store.addContact(to: f.reference, NewContact(mode: "phone-in", summary: "Tribunal date set."), by: f.amira)
        let runner = EffectRunner(store: f.store, actor: ben)
        guard case .searchLoaded(_, let hits, _) = runner.perform(.search("tribunal"), pageSize: 20).first else {
            Issue.record("no results")
            return
        }
        #expect(hits.count == 1 && hits[0].outsideCaseload && hits[0].snippet == nil)
        let refused = runner.perform(.search(String(repeating: "a ", count: 300)), pageSize: 20)
        guard case .failed(let message) = refused.first else {
            Issue.record("not refused: \(refused)")
            return
        }
        #expect(message.contains("the search is 600 bytes long; the most is 200"))
    }
}
