import CaseloadCore
import Foundation
import Testing
@testable import CaseloadApp
@testable import CaseloadStore

/// The casework forms' effects against a real store on a temporary file.
@Suite struct CaseworkRunnerTests {
    struct Fixture {
        let folder: URL
        let store: Store
        let sam: ActingWorker
        let amira: ActingWorker
        let reference: String

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("caseload-casework-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            store = try Store.open(path: folder.appendingPathComponent("store.sqlite").path, create: true)
            sam = try store.initialise(service: "Test SENDIASS", supervisor: NewWorker(login: "sam", name: "Sam Okafor"),
                                       osUser: "tester")
            try store.addWorker(NewWorker(login: "amira", name: "Amira Khan"), by: sam)
            try store.addWorker(NewWorker(login: "ben", name: "Ben Evans"), by: sam)
            amira = try store.actingWorker(login: "amira", osUser: "tester")
            var new = NewCase(child: "Zoë Nguyễn")
            new.parent = "Thảo Nguyễn"
            reference = try store.openCase(new, by: amira).description
        }

        func runner(_ actor: ActingWorker? = nil) -> EffectRunner { EffectRunner(store: store, actor: actor ?? amira) }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    static func text(_ messages: [Message]) -> String? {
        switch messages.first {
        case .changed(let text)?, .failed(let text)?: return text
        default: return nil
        }
    }

    @Test func aHandoverSomeoneElseMadeNamesTheKeyThatWithdrawsItAndWithdrawingWorks() throws {
        let f = try Fixture()
        defer { f.remove() }
        try f.store.handOver([f.reference], toLogin: "ben", summary: "Over to Ben.", by: f.sam)
        let refused = Self.text(f.runner().perform(.handOver([f.reference], to: "sam", summary: "Mine"), pageSize: 50))
        #expect(refused?.hasSuffix("they or a supervisor can withdraw it with W") == true, "\(refused ?? "")")

        let notMine = f.runner().perform(.withdrawHandover(reference: f.reference, reason: "Mum asked"), pageSize: 50)
        guard case .failed? = notMine.first else {
            Issue.record("a caseworker withdrew a supervisor's handover: \(notMine)")
            return
        }
        let done = f.runner(f.sam).perform(.withdrawHandover(reference: f.reference, reason: "Mum asked to keep Amira"),
                                           pageSize: 50)
        #expect(Self.text(done) == "Withdrew the handover of \(f.reference) to ben; the case stays where it was.")
        #expect(try f.store.casesHandedTo(try f.store.actingWorker(login: "ben", osUser: "tester")).isEmpty)
        let timeline = try f.store.caseDetail(f.reference, by: f.amira).timeline
        #expect(timeline.contains { ($0.text ?? "").contains("Withdrawn by Sam Okafor: Mum asked to keep Amira") })
    }

    @Test func consentGivenLaterInTheFrontEndLetsTheReferralBeSentAndWithdrawnStopsIt() throws {
        let f = try Fixture()
        defer { f.remove() }
        try f.store.flagForFamilySupport(f.reference, reasons: [], narrative: "Housing advice", urgency: .routine, consent: nil,
                                         by: f.amira)
        try f.store.saveDraft(kind: "consent", reference: f.reference, fields: ["who": "other"], by: f.amira)
        let given = ConsentInput(givenBy: "Thảo Nguyễn", role: "parent-carer", method: .written, givenOn: f.store.today,
                                 scope: "Referral to the Children's Trust for family support")
        let saved = f.runner().perform(.saveForm(.recordConsent(given, reference: f.reference, withdrawn: false),
                                                 draftKind: "consent", draftReference: f.reference), pageSize: 50)
        #expect(Self.text(saved)?.hasPrefix("Consent recorded on \(f.reference): the referral can be sent") == true)
        #expect(try f.store.draft(kind: "consent", reference: f.reference, by: f.amira) == nil, "the save ends the draft")
        var withdrawal = given
        withdrawal.scope = "Mum no longer wants the referral."
        _ = f.runner().perform(.recordConsent(withdrawal, reference: f.reference, withdrawn: true), pageSize: 50)
        let refused = f.runner().perform(.moveReferral(ReferralMoveInput(reference: f.reference, status: .sent)), pageSize: 50)
        guard case .failed? = refused.first else {
            Issue.record("sent after consent was withdrawn: \(refused)")
            return
        }
        _ = f.runner().perform(.recordConsent(given, reference: f.reference, withdrawn: false), pageSize: 50)
        let sent = f.runner().perform(.moveReferral(ReferralMoveInput(reference: f.reference, status: .sent)), pageSize: 50)
        #expect(Self.text(sent) == "The referral on \(f.reference) is now sent.")
    }

    @Test func aContactThatLearnsTheReviewMeetingOffersTheReviewItMeets() throws {
        let f = try Fixture()
        defer { f.remove() }
        try f.store.recordKeyDates(on: f.reference, KeyDateEntry(subject: .event(.planIssued),
                                                                 on: f.store.today.adding(years: -1)), by: f.amira)
        let meeting = try f.store.today.adding(days: -1)
        var input = ContactInput(reference: f.reference, mode: "home-visit", occurredAt: f.store.now(), summary: "Review held")
        input.keyDate = KeyDateEntry(subject: .event(.reviewMeeting), on: meeting)
        let messages = f.runner().perform(.logContact(input), pageSize: 50)
        guard messages.count == 2, case .offerToMeet(let offers) = messages[1], let offer = offers.first else {
            Issue.record("no offer: \(messages)")
            return
        }
        #expect(offer.question.hasPrefix("The annual review meeting on \(meeting) meets the annual review due "))
        let met = f.runner().perform(.settleKeyDate(reference: f.reference, id: offer.keyDateId,
                                                    outcome: .met(on: offer.on, note: offer.note)), pageSize: 50)
        #expect(Self.text(met)?.hasPrefix("Met: the key date due ") == true)
        let date = try #require(try f.store.caseDetail(f.reference, by: f.amira).keyDates.first { $0.id == offer.keyDateId })
        #expect(date.status == .met && date.settledOn == meeting && date.settlement == "by the annual review meeting of \(meeting)")
    }

    @Test func aNewCaseOpensItsFileOnceSaved() throws {
        let f = try Fixture()
        defer { f.remove() }
        var input = NewCase(child: "Siobhán Ní Bhriain")
        input.parent = "Aoife Ní Bhriain"
        input.parentPhone = "07700 900123"
        input.level = .advice
        input.issues = ["exclusion"]
        let messages = f.runner().perform(.saveForm(.openNewCase(input), draftKind: "new-case", draftReference: nil),
                                          pageSize: 50)
        #expect(Self.text(messages)?.hasPrefix("Opened C-") == true)
        guard messages.count == 2, case .caseLoaded(let detail, false) = messages[1] else {
            Issue.record("the new case's file is not opened: \(messages)")
            return
        }
        #expect(detail.child?.name == "Siobhán Ní Bhriain" && detail.level == 2 && detail.issues == ["exclusion"])
        #expect(detail.people.contains { $0.name == "Aoife Ní Bhriain" && $0.parentalResponsibility })
    }
}
