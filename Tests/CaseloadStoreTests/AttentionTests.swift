import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

@Suite struct AttentionTests {
    private func consent() -> NewConsent {
        NewConsent(givenBy: "Thảo Nguyễn", role: "parent-carer", method: .verbal, scope: "Referral to the Children's Trust")
    }

    /// A handover waiting for sign-off (21/11), a referral flagged without
    /// consent (20/11) and a safeguarding entry (19/11), plus one of each
    /// that needs nothing from a supervisor.
    private func busyStore() throws -> (StoreFixture, handedOver: String, flagged: String, safeguarded: String) {
        let f = try StoreFixture()
        f.setClock(2026, 11, 18)
        let handedOver = try f.openCase("Hana", for: f.amira)
        let flagged = try f.openCase("Finn", for: f.amira)
        let safeguarded = try f.openCase("Sami", for: f.ben)
        let quiet = try f.openCase("Quinn", for: f.ben)
        f.setClock(2026, 11, 19)
        try f.store.recordSafeguarding(safeguarded, told: "Children's front door\nduty social worker", externalReference: "CFD-1",
                                       note: "Disclosure during a call.", by: f.ben)
        f.setClock(2026, 11, 20)
        try f.store.flagForFamilySupport(flagged, reasons: ["housing"], narrative: "Eviction notice served.\nMum is frightened.",
                                         urgency: .priority, consent: nil, by: f.amira)
        try f.store.flagForFamilySupport(quiet, reasons: [], narrative: "Needs respite.", urgency: .routine,
                                         consent: consent(), by: f.ben)
        f.setClock(2026, 11, 21)
        _ = try f.store.handOver([handedOver], toLogin: "ben", summary: "Prefers texts.", by: f.amira)
        // Already signed off by the supervisor who started it: nothing to do.
        let share = HandoverShare(login: "amira", capacity: 60, casesBefore: 2, weightBefore: 8, cases: [quiet], weightAfter: 12)
        _ = try f.store.handOverCaseload([share], from: "ben", summary: "Cover.", by: f.supervisor)
        return (f, handedOver, flagged, safeguarded)
    }

    @Test func onlyASupervisorHasAnAttentionList() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let refused = #expect(throws: CaseloadError.self) { try f.store.attention(by: f.amira) }
        #expect(refused?.kind == .notAllowed)
        #expect(try f.store.attention(by: f.supervisor).isEmpty)
    }

    @Test func itListsUnsignedHandoversUnconsentedReferralsAndUnreviewedSafeguardingOldestFirst() throws {
        let (f, handedOver, flagged, safeguarded) = try busyStore()
        defer { f.remove() }
        let items = try f.store.attention(by: f.supervisor)
        #expect(items.map(\.kind) == [.safeguardingReview, .consentOverride, .handoverSignOff])
        #expect(items.map(\.reference) == [safeguarded, flagged, handedOver])
        #expect(items.map(\.child) == ["Sami", "Finn", "Hana"])
        #expect(items.map(\.worker) == ["ben", "amira", "amira"])
        #expect(items.map(\.detail) == [
            "told Children's front door on 19/11/2026",
            "flagged 20/11/2026 without consent: Eviction notice served.",
            "amira → ben, waiting since 21/11/2026",
        ])
        #expect(items.map(\.since) == items.map(\.since).sorted())
    }

    @Test func eachListingIsAuditedOnceAndNamesNoCase() throws {
        let (f, _, _, _) = try busyStore()
        defer { f.remove() }
        let before = try f.count("audit_event")
        _ = try f.store.attention(by: f.supervisor)
        #expect(try f.count("audit_event") == before + 1)
        let entry = try #require(try f.store.auditTrail(limit: 1, by: f.supervisor).first)
        #expect(entry.action == "attention.list")
        #expect(entry.caseReference == nil)
        #expect(entry.detail == "rows:3")
    }

    @Test func dealingWithEachItemTakesItOffTheList() throws {
        let (f, handedOver, flagged, safeguarded) = try busyStore()
        defer { f.remove() }
        #expect(throws: CaseloadError.notAllowed("only a supervisor can sign off a handover; the receiving worker accepts it themselves")) {
            try f.store.signOffHandover(handedOver, by: f.ben)
        }
        let signed = try f.store.signOffHandover(handedOver, by: f.supervisor)
        #expect(signed.done)
        #expect(try f.store.caseDetail(handedOver, by: f.supervisor).workerLogin == "ben")
        #expect(try f.store.read { try String.fetchOne($0, sql: "SELECT signed_off_by FROM handover WHERE status = 'accepted'") }
                == f.supervisor.workerId)

        try f.store.moveReferral(flagged, to: .sent, externalReference: nil, overrideReason: "Family homeless tonight", by: f.supervisor)

        #expect(try f.store.attention(by: f.supervisor).map(\.kind) == [.safeguardingReview])
        try f.store.recordSafeguarding(safeguarded, told: "Police", externalReference: nil, note: nil, by: f.ben)
        #expect(throws: CaseloadError.self) { try f.store.reviewSafeguarding(safeguarded, note: nil, by: f.ben) }
        #expect(try f.store.reviewSafeguarding(safeguarded, note: "Discussed in supervision", by: f.supervisor) == 2)
        #expect(try f.store.attention(by: f.supervisor).isEmpty)
        #expect(try f.count("safeguarding_review") == 2)
        #expect(try f.store.auditTrail(caseReference: safeguarded, by: f.supervisor).first?.action == "safeguarding.review")
    }

    @Test func reviewingACaseWithNothingWaitingSaysSo() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        let none = #expect(throws: CaseloadError.self) { try f.store.reviewSafeguarding(reference, note: nil, by: f.supervisor) }
        #expect(none?.kind == .notFound)
        #expect(none?.message.contains("has no safeguarding entries") == true)
        try f.store.recordSafeguarding(reference, told: "front door", externalReference: nil, note: nil, by: f.amira)
        #expect(try f.store.reviewSafeguarding(reference, note: nil, by: f.supervisor) == 1)
        let again = #expect(throws: CaseloadError.self) { try f.store.reviewSafeguarding(reference, note: nil, by: f.supervisor) }
        #expect(again?.message.contains("already been reviewed") == true)
        #expect(try f.count("safeguarding_review") == 1)
    }

    @Test func aReferralWhoseConsentWasRefusedAlsoWaitsForAnOverride() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        var refused = consent()
        refused.status = .refused
        try f.store.flagForFamilySupport(reference, reasons: [], narrative: "Dad said no for now.", urgency: .routine,
                                         consent: refused, by: f.amira)
        #expect(try f.store.attention(by: f.supervisor).map(\.kind) == [.consentOverride])
    }
}
