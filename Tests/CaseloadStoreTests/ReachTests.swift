import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

/// A caseworker's reach ends at their caseload: on another worker's case
/// they add to the record only when they say why (recorded), and the case's
/// course stays with its worker and the supervisors. Amira holds the cases
/// here; Ben is the other caseworker.
@Suite struct ReachTests {
    private let why = "Duty call: Mum rang while Amira is on leave"

    private func consent() -> NewConsent {
        NewConsent(givenBy: "Thảo Nguyễn", role: "parent-carer", method: .verbal, scope: "Referral to the Children's Trust")
    }

    private func writesOutside(_ f: StoreFixture, _ reference: String) throws -> [AuditEntry] {
        try f.store.auditTrail(caseReference: reference, by: f.supervisor).filter { $0.action == "case.write" }
    }

    @Test func aContactOnAnotherWorkersCaseNeedsAReasonWhichIsRecordedWithIt() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        let contact = NewContact(mode: "phone-in", summary: "Mum asked when the panel meets.")
        let refused = #expect(throws: CaseloadError.self) { try f.store.addContact(to: reference, contact, by: f.ben) }
        #expect(refused?.kind == .notAllowed)
        #expect(refused?.field == .reason)
        #expect(refused?.message.contains("Amira Khan's case (amira), not in your caseload") == true)
        #expect(try f.count("contact") == 0)

        try f.store.addContact(to: reference, contact, reason: why, by: f.ben)
        #expect(try f.count("contact") == 1)
        let written = try writesOutside(f, reference)
        #expect(written.map(\.detail) == ["contact.add: \(why)"])
        #expect(written.first?.workerLogin == "ben")
    }

    @Test func theCaseWorkerAndASupervisorNeedNoReasonAndNothingExtraIsRecorded() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        try f.store.addContact(to: reference, NewContact(mode: "phone-in", summary: "Her own case."), by: f.amira)
        try f.store.addContact(to: reference, NewContact(mode: "phone-out", summary: "The manager."), by: f.supervisor)
        #expect(try writesOutside(f, reference).isEmpty)
    }

    @Test func aWorkerTheCaseIsHandedToNeedsNoReason() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        _ = try f.store.handOver([reference], toLogin: "ben", summary: "Over to Ben.", by: f.amira)
        try f.store.addContact(to: reference, NewContact(mode: "phone-out", summary: "Introduced myself."), by: f.ben)
        #expect(try writesOutside(f, reference).isEmpty)
    }

    @Test func keyDatesFlagsAndTheFamilyToldNeedAReasonOutsideTheCaseload() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        let letter = KeyDateEntry(subject: .event(.decisionLetter), on: Day(year: 2026, month: 1, day: 5)!)
        let writes: [(String, (String?) throws -> Void)] = [
            ("keydate.add", { _ = try f.store.recordKeyDates(on: reference, letter, reason: $0, by: f.ben) }),
            ("referral.flag", { _ = try f.store.flagForFamilySupport(reference, reasons: [], narrative: "Needs support.",
                                                                     urgency: .routine, consent: nil, reason: $0, by: f.ben) }),
        ]
        for (action, write) in writes {
            let refused = #expect(throws: CaseloadError.self, "\(action) with no reason") { try write(nil) }
            #expect(refused?.kind == .notAllowed && refused?.field == .reason, "\(action)")
            #expect(throws: CaseloadError.self, "\(action) with a blank reason") { try write("   ") }
            try write(why)
        }
        #expect(try f.count("key_date") > 0)
        #expect(try f.count("referral") == 1)
        #expect(try writesOutside(f, reference).compactMap(\.detail).sorted() == ["keydate.add: \(why)", "referral.flag: \(why)"])

        _ = try f.store.handOver([reference], toLogin: "sam", summary: "To the manager.", by: f.amira)
        let told = #expect(throws: CaseloadError.self) { try f.store.recordFamilyTold(reference, how: "phone", by: f.ben) }
        #expect(told?.field == .reason)
        try f.store.recordFamilyTold(reference, how: "phone", reason: why, by: f.ben)
    }

    @Test func movingAReferralOnIsTheCaseWorkersOrASupervisorsOnly() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        try f.store.flagForFamilySupport(reference, reasons: [], narrative: "Eviction notice.", urgency: .priority,
                                         consent: consent(), by: f.amira)
        for status in [ReferralStatus.sent, .declined, .closed] {
            let refused = #expect(throws: CaseloadError.self, "\(status)") {
                try f.store.moveReferral(reference, to: status, externalReference: nil, overrideReason: nil, by: f.ben)
            }
            #expect(refused?.kind == .notAllowed)
            #expect(refused?.message == "only Amira Khan (amira), the case's worker, or a supervisor can move on the referral of \(reference)")
        }
        #expect(try f.store.referrals(status: .flagged, by: f.supervisor).map(\.reference) == [reference])
        try f.store.moveReferral(reference, to: .sent, externalReference: nil, overrideReason: nil, by: f.supervisor)
        try f.store.moveReferral(reference, to: .closed, externalReference: nil, overrideReason: nil, by: f.amira)
    }

    @Test func consentIsTheCaseWorkersOrASupervisorsOnly() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        try f.store.flagForFamilySupport(reference, reasons: [], narrative: "Needs support.", urgency: .routine,
                                         consent: nil, by: f.amira)
        let refused = #expect(throws: CaseloadError.self) { try f.store.recordReferralConsent(reference, consent(), by: f.ben) }
        #expect(refused?.kind == .notAllowed)
        #expect(refused?.message.contains("Amira Khan (amira)") == true)
        #expect(try f.count("consent") == 0)
    }

    @Test func completingAnotherWorkersActionsIsRefusedEvenWithAReason() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        var first = NewContact(mode: "phone-in", summary: "Asked for the transport policy.")
        first.followUp = f.store.today
        try f.store.addContact(to: reference, first, by: f.amira)
        var closing = NewContact(mode: "email-out", summary: "Sent it.")
        closing.completesActions = true
        let refused = #expect(throws: CaseloadError.self) {
            try f.store.addContact(to: reference, closing, reason: why, by: f.ben)
        }
        #expect(refused?.kind == .notAllowed)
        #expect(refused?.message.contains("complete the open actions of") == true)
        #expect(try f.count("contact") == 1)
        #expect(try f.store.caseDetail(reference, by: f.amira).openActions.count == 1)
    }

    @Test func safeguardingIsNeverRefusedAndOutsideTheCaseloadIsRecorded() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        try f.store.addContact(to: reference, NewContact(mode: "phone-in", summary: "Mum fears the tribunal."), by: f.amira)
        try f.store.recordSafeguarding(reference, told: "children's front door", externalReference: nil, note: nil, by: f.ben)
        #expect(try f.store.auditTrail(caseReference: reference, by: f.supervisor).contains {
            $0.action == "safeguarding.outside" && $0.detail?.hasPrefix("no reason given") == true
        })
        // A concern recorded without a reason opens nothing to its author.
        #expect(try f.store.search("tribunal", by: f.ben).first?.outsideCaseload == true)
        #expect(throws: CaseloadError.self) { try f.store.caseDetail(reference, by: f.ben) }
        try f.store.recordSafeguarding(reference, told: "front door again", externalReference: nil, note: nil, reason: why, by: f.ben)
        #expect(try f.count("safeguarding") == 2)
        #expect(try writesOutside(f, reference).compactMap(\.detail) == ["safeguarding.record: \(why)"])
    }

    /// The letter to the family names the parent, the child and the new
    /// worker: writing it is reading the case.
    @Test func aLetterToTheFamilyIsReadingTheCase() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        _ = try f.store.handOver([reference], toLogin: "ben", summary: "Over to you.", by: f.amira)
        try f.store.addWorker(NewWorker(login: "cara", name: "Cara Jones"), by: f.supervisor)
        let cara = try f.store.actingWorker(login: "cara", osUser: "tester")
        let refused = #expect(throws: CaseloadError.self) { try f.store.newWorkerLetterValues(reference, by: cara) }
        #expect(refused?.kind == .notAllowed)
        #expect(try f.store.newWorkerLetterValues(reference, by: f.ben)["worker"] == "Ben Evans", "the receiver may")
        _ = try f.store.caseDetail(reference, reason: "Mum asked for the letter again", by: cara)
        #expect(try f.store.newWorkerLetterValues(reference, by: cara)["worker"] == "Ben Evans")
    }

    /// Consent given with a flag decides whether the referral can be sent,
    /// so it is the holder's or a supervisor's, as `consent` is.
    @Test func consentGivenWithAFlagIsTheCaseWorkersOrASupervisorsOnly() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        let consent = NewConsent(givenBy: "Mum", role: "parent-carer", method: .verbal, scope: "Referral")
        let refused = #expect(throws: CaseloadError.self) {
            try f.store.flagForFamilySupport(reference, reasons: [], narrative: "Needs support at home.", urgency: .routine,
                                             consent: consent, reason: why, by: f.ben)
        }
        #expect(refused?.kind == .notAllowed && refused?.message.contains("record consent on") == true)
        #expect(try f.count("referral") == 0 && f.count("consent") == 0)
        _ = try f.store.flagForFamilySupport(reference, reasons: [], narrative: "Needs support at home.", urgency: .routine,
                                             consent: nil, reason: why, by: f.ben)
        #expect(try f.count("referral") == 1)
    }

    @Test func aLeaversSplitIsForASupervisorOrTheLeaverThemselves() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        _ = try f.openCase(for: f.amira)
        let refused = #expect(throws: CaseloadError.self) { try f.store.proposeSplit(from: "amira", to: ["ben"], by: f.ben) }
        #expect(refused?.kind == .notAllowed)
        #expect(throws: CaseloadError.self) { try f.store.cases(heldBy: "amira", by: f.ben) }
        #expect(throws: CaseloadError.self) { try f.store.casesHandedTo(login: "amira", by: f.ben) }
        #expect(try f.store.proposeSplit(from: "amira", to: ["ben"], by: f.amira).first?.cases.count == 1)
        #expect(try f.store.proposeSplit(from: "amira", to: ["ben"], by: f.supervisor).first?.cases.count == 1)
    }

    @Test func askingBeforeAFormGivesTheWritesOwnRefusalAndRecordsNothing() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        let before = try f.count("audit_event")
        let asked = #expect(throws: CaseloadError.self) {
            try f.store.checkReach(reference, for: .record("contact.add"), reason: nil, by: f.ben)
        }
        let written = #expect(throws: CaseloadError.self) {
            try f.store.addContact(to: reference, NewContact(mode: "phone-in", summary: "x"), by: f.ben)
        }
        #expect(asked == written)
        try f.store.checkReach(reference, for: .record("contact.add"), reason: why, by: f.ben)
        try f.store.checkReach(reference, for: .safeguarding, reason: nil, by: f.ben)
        #expect(throws: CaseloadError.self) {
            try f.store.checkReach(reference, for: .decide("move on the referral of"), reason: why, by: f.ben)
        }
        #expect(try f.count("audit_event") == before)
    }
}
