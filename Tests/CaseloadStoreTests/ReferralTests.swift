import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

@Suite struct ReferralTests {
    private func consent() -> NewConsent {
        NewConsent(givenBy: "Thảo Nguyễn", role: "parent-carer", method: .verbal, scope: "Referral to the Children's Trust")
    }

    @Test func aReferralWithConsentMovesThroughItsStatesEachDatedAndAttributed() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        try f.store.flagForFamilySupport(reference, reasons: ["housing"], narrative: "Eviction notice; Mum agreed to a referral.",
                                         urgency: .priority, consent: consent(), by: f.amira)
        try f.store.moveReferral(reference, to: .sent, externalReference: nil, overrideReason: nil, by: f.amira)
        try f.store.moveReferral(reference, to: .acknowledged, externalReference: "CT-1234", overrideReason: nil, by: f.amira)
        let detail = try f.store.caseDetail(reference, by: f.amira)
        #expect(detail.referrals.first?.status == .acknowledged)
        #expect(detail.referrals.first?.externalReference == "CT-1234")
        #expect(detail.consents.first?.givenBy == "Thảo Nguyễn")
        let changes = detail.timeline.filter { $0.kind == .referral }
        #expect(changes.count == 3)
        #expect(changes.allSatisfy { $0.by == "amira" })
        #expect(throws: CaseloadError.self) {
            try f.store.moveReferral(reference, to: .flagged, externalReference: nil, overrideReason: nil, by: f.amira)
        }
        let listed = try f.store.referrals(status: .acknowledged, by: f.supervisor)
        #expect(listed.map(\.reference) == [reference])
        #expect(listed.first?.consentGiven == true)
    }

    @Test func withoutConsentAReferralCannotBeSentUnlessASupervisorOverridesInWriting() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        try f.store.flagForFamilySupport(reference, reasons: [], narrative: "Family need support.", urgency: .routine,
                                         consent: nil, by: f.amira)
        let refused = #expect(throws: CaseloadError.self) {
            try f.store.moveReferral(reference, to: .sent, externalReference: nil, overrideReason: nil, by: f.amira)
        }
        #expect(refused?.kind == .conflict)
        let notHers = #expect(throws: CaseloadError.self) {
            try f.store.moveReferral(reference, to: .sent, externalReference: nil, overrideReason: "urgent", by: f.amira)
        }
        #expect(notHers?.kind == .notAllowed)
        #expect(try f.store.referrals(status: .flagged, by: f.supervisor).count == 1, "still flagged after both refusals")
        try f.store.moveReferral(reference, to: .sent, externalReference: nil, overrideReason: "Family homeless tonight",
                                 by: f.supervisor)
        let row = try #require(try f.store.referrals(status: .sent, by: f.supervisor).first)
        #expect(!row.consentGiven)
        #expect(row.overrideReason == "Family homeless tonight")
        #expect(try f.store.auditTrail(by: f.supervisor).contains { $0.action == "referral.override" })
    }

    @Test func aSecondOpenReferralAndAnUnknownCategoryAreRefused() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        #expect(throws: CaseloadError.self) {
            try f.store.flagForFamilySupport(reference, reasons: ["astrology"], narrative: "x", urgency: .routine, consent: nil, by: f.amira)
        }
        try f.store.flagForFamilySupport(reference, reasons: [], narrative: "x", urgency: .routine, consent: nil, by: f.amira)
        #expect(throws: CaseloadError.self) {
            try f.store.flagForFamilySupport(reference, reasons: [], narrative: "y", urgency: .routine, consent: nil, by: f.amira)
        }
        #expect(try f.count("referral") == 1)
    }

    @Test func safeguardingIsRecordedWithoutConsentAndMarksTheCase() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        #expect(throws: CaseloadError.self) {
            try f.store.recordSafeguarding(reference, told: " ", externalReference: nil, note: nil, by: f.amira)
        }
        try f.store.recordSafeguarding(reference, told: "Children's front door, duty social worker", externalReference: "CFD-88",
                                       note: "Disclosure during a call.", by: f.amira)
        #expect(try f.store.cases(scope: .mine, by: f.amira).first?.safeguarding == true)
        #expect(try f.store.caseDetail(reference, by: f.amira).safeguardingEntries == 1)
        #expect(try f.count("referral") == 0, "a safeguarding concern never becomes a routine referral")
    }
}

@Suite struct HandoverTests {
    @Test func aHandoverWaitsForTheReceiverAndCarriesTheFacts() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        var contact = NewContact(mode: "phone-in", summary: "Mum asked about transport.")
        contact.followUp = try f.store.today.adding(days: 5)
        contact.followUpText = "Send transport policy"
        try f.store.addContact(to: reference, contact, by: f.amira)
        let outcome = try f.store.handOver([reference], toLogin: "ben", summary: "Prefers texts after 3pm.", by: f.amira)
        #expect(outcome.map(\.done) == [true])
        // Until Ben accepts, Amira stays responsible.
        #expect(try f.store.caseDetail(reference, by: f.supervisor).workerLogin == "amira")
        #expect(try f.store.cases(scope: .mine, by: f.amira).first?.handoverPending == true)
        let summary = try f.store.read { try String.fetchOne($0, sql: "SELECT summary FROM handover") }!
        #expect(summary.hasPrefix("Prefers texts after 3pm."))
        #expect(summary.contains("Open action: Send transport policy"))
        #expect(summary.contains("Mum asked about transport."))
        let wrongPerson = try f.store.acceptHandover([reference], by: f.amira)
        #expect(wrongPerson.map(\.done) == [false])
        #expect(try f.store.acceptHandover([reference], by: f.ben).map(\.done) == [true])
        #expect(try f.store.caseDetail(reference, by: f.supervisor).workerLogin == "ben")
    }

    @Test func theFactsCanStartTheSummaryAndAreThenNotAddedTwice() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        try f.store.addContact(to: reference, NewContact(mode: "phone-in", summary: "Mum asked about transport."), by: f.amira)
        #expect(throws: CaseloadError.self, "only the case's worker or a supervisor") {
            try f.store.handoverFacts(reference, by: f.ben)
        }
        let data = try f.store.handoverFacts(reference, by: f.amira)
        #expect(data.lastContacts.map(\.summary) == ["Mum asked about transport."])
        #expect(data.lastContacts.first?.mode == "Phone call in")
        #expect(data.openActions.isEmpty && data.keyDates.isEmpty && data.safeguardingEntries == 0)
        let facts = data.text(in: f.store.timeZone)
        #expect(facts.hasPrefix("Facts at handover:\n") && facts.contains("Mum asked about transport."))
        #expect(try f.store.auditTrail(caseReference: reference, limit: 5, by: f.supervisor).contains { $0.action == "handover.facts" },
                "reading the facts is reading the case")
        let edited = facts + "\n\nMum prefers texts."
        try f.store.handOver([reference], toLogin: "ben", summary: edited, factsIncluded: true, by: f.amira)
        let summary = try f.store.read { try String.fetchOne($0, sql: "SELECT summary FROM handover") }!
        #expect(summary == edited)
    }

    @Test func aCaseworkerSeesTheReferralsOnTheirOwnCasesOnly() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let mine = try f.openCase("Aoife Byrne", for: f.amira)
        let bens = try f.openCase("Rhys Evans", for: f.ben)
        for reference in [mine, bens] {
            try f.store.flagForFamilySupport(reference, reasons: ["housing"], narrative: "Housing advice", urgency: .routine,
                                             consent: nil, by: f.supervisor)
        }
        #expect(try f.store.referrals(status: nil, by: f.amira).map(\.reference) == [mine])
        #expect(try f.store.referrals(status: nil, by: f.supervisor).count == 2)
    }

    @Test func aCaseworkerCannotHandOverSomeoneElsesCase() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.ben)
        let outcome = try f.store.handOver([reference], toLogin: "amira", summary: "x", by: f.amira)
        #expect(outcome.first?.done == false)
        #expect(try f.count("handover") == 0)
    }

    @Test func aLeavingWorkersCaseloadIsSplitEvenlyAndTheyCanBeEndedOnlyOnceItHasMoved() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        try f.store.addWorker(NewWorker(login: "cara", name: "Cara"), by: f.supervisor)
        var references: [String] = []
        for level in [SupportLevel.tribunal, .casework, .casework, .advice, .information, .information] {
            var new = NewCase(child: "Child \(references.count)")
            new.level = level
            references.append(try f.store.openCase(new, by: f.amira).description)
        }
        let shares = try f.store.proposeSplit(from: "amira", to: ["ben", "cara"], by: f.supervisor)
        #expect(shares.flatMap(\.cases).sorted() == references.sorted())
        #expect(shares.map(\.weightBefore) == [0, 0])
        // 8 + 4 + 4 + 2 + 1 + 1 = 20 points, split 10 and 10.
        #expect(shares.map(\.weightAfter).sorted() == [10, 10])
        let ended = #expect(throws: CaseloadError.self) { try f.store.endWorker("amira", by: f.supervisor) }
        #expect(ended?.message.contains("still holds 6 cases") == true)
        #expect(throws: CaseloadError.self) {
            try f.store.handOverCaseload(shares, from: "amira", summary: "Contract ends", by: f.amira)
        }
        let outcomes = try f.store.handOverCaseload(shares, from: "amira", summary: "Contract ends", by: f.supervisor)
        #expect(outcomes.allSatisfy { $0.done })
        #expect(try f.store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM handover WHERE signed_off_by IS NOT NULL") } == 6)
        let waiting = #expect(throws: CaseloadError.self) { try f.store.endWorker("amira", by: f.supervisor) }
        #expect(waiting?.message.contains("handovers waiting") == true)
        let cara = try f.store.actingWorker(login: "cara", osUser: "tester")
        for share in shares {
            let receiver = share.login == "ben" ? f.ben : cara
            #expect(try f.store.acceptHandover(share.cases, by: receiver).allSatisfy { $0.done })
        }
        try f.store.endWorker("amira", by: f.supervisor)
        #expect(try f.store.workers(includeEnded: true).first { $0.login == "amira" }?.active == false)
        #expect(throws: CaseloadError.self) { try f.store.actingWorker(login: "amira", osUser: "x") }
    }

    @Test func onlyASupervisorEndsAWorker() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        #expect(throws: CaseloadError.notAllowed("only a supervisor can end a worker")) {
            try f.store.endWorker("ben", by: f.amira)
        }
    }
}

@Suite struct TeamOverviewTests {
    @Test func theTeamViewWeighsCasesByLevelAndSafeguarding() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        var heavy = NewCase(child: "Heavy")
        heavy.level = .tribunal
        let reference = try f.store.openCase(heavy, by: f.amira).description
        _ = try f.openCase("Light", for: f.amira) // level 3
        try f.store.recordSafeguarding(reference, told: "front door", externalReference: nil, note: nil, by: f.amira)
        var unallocated = NewCase(child: "Waiting")
        unallocated.unallocated = true
        _ = try f.store.openCase(unallocated, by: f.supervisor)
        #expect(throws: CaseloadError.self) { try f.store.team(by: f.amira) }
        let team = try f.store.team(by: f.supervisor)
        let amira = try #require(team.members.first { $0.login == "amira" })
        #expect(amira.openCases == 2)
        #expect(amira.weight == 8 + CaseloadLoad.safeguardingModifier + 4)
        #expect(team.unallocated == 1)
    }
}

/// Consent recorded after flagging lets the referral be sent; consent
/// withdrawn stops it; each consent supersedes the one before and stays.
@Suite struct LaterConsentTests {
    @Test func consentGivenLaterLetsTheCaseworkerSendIt() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        #expect(throws: CaseloadError.self, "no open referral yet") {
            try f.store.recordReferralConsent(reference, NewConsent(givenBy: "Mum", role: "parent-carer", method: .verbal, scope: "x"),
                                              by: f.amira)
        }
        try f.store.flagForFamilySupport(reference, reasons: ["housing"], narrative: "Housing advice", urgency: .routine,
                                         consent: nil, by: f.amira)
        #expect(throws: CaseloadError.self) {
            try f.store.moveReferral(reference, to: .sent, externalReference: nil, overrideReason: nil, by: f.amira)
        }
        #expect(throws: CaseloadError.self, "only the case's worker or a supervisor") {
            try f.store.recordReferralConsent(reference, NewConsent(givenBy: "Mum", role: "parent-carer", method: .verbal, scope: "x"),
                                              by: f.ben)
        }
        try f.store.recordReferralConsent(reference, NewConsent(givenBy: "Thảo Nguyễn", role: "parent-carer", method: .written,
                                                                scope: "Referral to the Children's Trust"), by: f.amira)
        try f.store.moveReferral(reference, to: .sent, externalReference: "CT-1", overrideReason: nil, by: f.amira)
        #expect(try f.store.referrals(status: .sent, by: f.amira).first?.consentGiven == true)
    }

    @Test func consentWithdrawnStopsTheReferralBeingSent() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        var given = NewConsent(givenBy: "Mum", role: "parent-carer", method: .verbal, scope: "Referral")
        given.givenOn = f.store.today
        try f.store.flagForFamilySupport(reference, reasons: ["housing"], narrative: "Housing advice", urgency: .routine,
                                         consent: given, by: f.amira)
        var withdrawn = NewConsent(givenBy: "Mum", role: "parent-carer", method: .verbal, scope: "Referral")
        withdrawn.status = .withdrawn
        try f.store.recordReferralConsent(reference, withdrawn, by: f.amira)
        #expect(throws: CaseloadError.self) {
            try f.store.moveReferral(reference, to: .sent, externalReference: nil, overrideReason: nil, by: f.amira)
        }
        let consents = try f.store.caseDetail(reference, by: f.amira).consents
        #expect(consents.map(\.status).sorted { $0.rawValue < $1.rawValue } == [.given, .withdrawn], "both stay on the case")
        let supersedes = try f.store.read { db in
            try String.fetchOne(db, sql: "SELECT supersedes_id FROM consent WHERE status = 'withdrawn'")
        }
        #expect(supersedes != nil)
    }
}
