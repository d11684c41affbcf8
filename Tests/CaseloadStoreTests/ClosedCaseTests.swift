import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

/// A closed case takes no more changes until it is reopened; a safeguarding
/// concern is the one exception, because a concern must never be blocked.
@Suite struct ClosedCaseTests {
    /// Amira's case with an open key date and a flagged referral, then closed.
    private func closedCase(_ f: StoreFixture) throws -> String {
        let reference = try f.openCase(for: f.amira)
        try f.store.recordKeyDates(on: reference, KeyDateEntry(subject: .event(.assessmentRequest), on: f.store.today), by: f.amira)
        try f.store.flagForFamilySupport(reference, reasons: [], narrative: "Needs support.", urgency: .routine,
                                         consent: nil, by: f.amira)
        try f.store.closeCase(reference, reason: "resolved", outcome: nil, by: f.amira)
        return reference
    }

    @Test func everyChangeToAClosedCaseIsRefusedSayingHowToReopenIt() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try closedCase(f)
        let keyDateId = try #require(try f.store.caseDetail(reference, by: f.amira).keyDates.first { $0.status == .open }?.id)
        let consent = NewConsent(givenBy: "Thảo Nguyễn", role: "parent-carer", method: .verbal, scope: "Referral")
        var completing = NewContact(mode: "phone-in", summary: "x")
        completing.completesActions = true
        let changes: [(String, () throws -> Void)] = [
            ("contact", { try f.store.addContact(to: reference, NewContact(mode: "phone-in", summary: "x"), by: f.amira) }),
            ("contact completing actions", { try f.store.addContact(to: reference, completing, by: f.amira) }),
            ("key date", { try f.store.addKeyDate(to: reference, rule: .firstResponse, from: f.store.today, by: f.amira) }),
            ("flag", { try f.store.flagForFamilySupport(reference, reasons: [], narrative: "x", urgency: .routine,
                                                        consent: nil, by: f.supervisor) }),
            ("referral", { try f.store.moveReferral(reference, to: .closed, externalReference: nil, overrideReason: nil,
                                                    by: f.amira) }),
            ("consent", { try f.store.recordReferralConsent(reference, consent, by: f.amira) }),
            ("key date met", { try f.store.settleKeyDates(on: reference, rule: .ehcDecision, as: .met(on: f.store.today, note: nil),
                                                          by: f.amira) }),
            ("key date cancelled", { try f.store.settleKeyDate(on: reference, id: keyDateId, as: .noLongerNeeded(why: "x"),
                                                               by: f.supervisor) }),
            ("family told", { try f.store.recordFamilyTold(reference, how: "phone", by: f.amira) }),
        ]
        let before = try (f.count("contact"), f.count("key_date"), f.count("referral_status_change"), f.count("consent"))
        for (what, change) in changes {
            let error = #expect(throws: CaseloadError.self, "\(what)") { try change() }
            #expect(error?.kind == .conflict, "\(what)")
            #expect(error?.message == "\(reference) is closed; reopen it first, saying why "
                + "(caseload case reopen \(reference) --reason TEXT, or R in its case file)", "\(what)")
        }
        #expect(try (f.count("contact"), f.count("key_date"), f.count("referral_status_change"), f.count("consent")) == before)
        let handover = try f.store.handOver([reference], toLogin: "ben", summary: "Over to Ben.", by: f.amira)
        #expect(handover.map(\.done) == [false])
        #expect(handover.first?.message.contains("caseload case reopen") == true)
        #expect(try f.count("handover") == 0)
    }

    @Test func aDraftDoesNotBecomeARecordOnAClosedCaseAndIsKept() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try closedCase(f)
        try f.store.saveDraft(kind: "contact", reference: reference, fields: ["summary": "Typed before it closed"], by: f.amira)
        #expect(throws: CaseloadError.self) {
            try f.store.addContact(to: reference, NewContact(mode: "phone-in", summary: "Typed before it closed"), by: f.amira,
                                   endingDraft: FormDraft(kind: "contact", reference: reference))
        }
        #expect(try f.store.draft(kind: "contact", reference: reference, by: f.amira) != nil)
    }

    @Test func safeguardingOnAClosedCaseIsRecorded() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try closedCase(f)
        try f.store.recordSafeguarding(reference, told: "children's front door", externalReference: "CFD-1", note: nil, by: f.amira)
        try f.store.recordSafeguarding(reference, told: "children's front door", externalReference: "CFD-2", note: nil, by: f.ben)
        #expect(try f.count("safeguarding") == 2)
    }

    @Test func aReopenedCaseTakesChangesAgain() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try closedCase(f)
        try f.store.reopenCase(reference, reason: "Mum rang back", by: f.amira)
        try f.store.addContact(to: reference, NewContact(mode: "phone-in", summary: "Back again."), by: f.amira)
        try f.store.moveReferral(reference, to: .closed, externalReference: nil, overrideReason: nil, by: f.amira)
        #expect(try f.count("contact") == 1)
    }
}
