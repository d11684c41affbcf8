import CaseloadCore
import Foundation
import Testing
@testable import CaseloadStore

/// The store speaks of the work, never of a front end: a refusal about one
/// input names that input as a field, and its message names no flag, so the
/// command line and the forms can each say where to put it right.
@Suite struct RefusalTests {
    private func refusal(_ body: () throws -> Void) -> CaseloadError? {
        do {
            try body()
            return nil
        } catch let error as CaseloadError {
            return error
        } catch {
            return nil
        }
    }

    @Test func aRefusalAboutOneInputNamesItsFieldAndNoFlag() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        let consent = NewConsent(givenBy: "Thảo Nguyễn", role: "parent-carer", method: .verbal, scope: "Referral")
        var noName = consent
        noName.givenBy = " "
        var noRole = consent
        noRole.role = ""
        var forBen = NewCase(child: "Rhys Evans")
        forBen.workerLogin = "ben"
        let cases: [(CaseloadError.Field, () throws -> Void)] = [
            (.summary, { _ = try f.store.addContact(to: reference, NewContact(mode: "phone-in", summary: "  "), by: f.amira) }),
            (.child, { _ = try f.store.openCase(NewCase(child: " "), by: f.amira) }),
            (.worker, { _ = try f.store.openCase(forBen, by: f.amira) }),
            (.reason, { try f.store.reassign([reference], toLogin: "ben", reason: " ", by: f.supervisor) }),
            (.reason, { try f.store.flagForFamilySupport(reference, reasons: [], narrative: "", urgency: .routine,
                                                         consent: nil, by: f.amira) }),
            (.consentBy, { try f.store.flagForFamilySupport(reference, reasons: [], narrative: "Needs help", urgency: .routine,
                                                            consent: noName, by: f.amira) }),
            (.consentRole, { try f.store.flagForFamilySupport(reference, reasons: [], narrative: "Needs help", urgency: .routine,
                                                              consent: noRole, by: f.amira) }),
            (.told, { try f.store.recordSafeguarding(reference, told: "", externalReference: nil, note: nil, by: f.amira) }),
            (.summary, { _ = try f.store.handOver([reference], toLogin: "ben", summary: "", by: f.amira) }),
            (.to, { _ = try f.store.proposeSplit(from: "amira", to: [], by: f.supervisor) }),
            (.how, { try f.store.recordFamilyTold(reference, how: " ", by: f.amira) }),
            (.name, { _ = try f.store.addWorker(NewWorker(login: "cara", name: " "), by: f.supervisor) }),
            (.reason, { _ = try f.store.caseDetail(reference, by: f.ben) }),
            (.decisionLetter, { _ = try f.store.deadlines.deadlines(
                for: KeyDateEntry(subject: .event(.certificateIssued), on: f.store.today)) }),
        ]
        for (index, (field, attempt)) in cases.enumerated() {
            let error = try #require(refusal(attempt), "attempt \(index) was not refused")
            #expect(error.field == field, "attempt \(index): \(error.message)")
            #expect(!error.message.contains("--"), "attempt \(index) names a flag: \(error.message)")
        }
        // Without consent, sending needs a supervisor's reason for overriding.
        try f.store.flagForFamilySupport(reference, reasons: [], narrative: "Needs help", urgency: .routine, consent: nil,
                                         by: f.amira)
        let unsent = try #require(refusal {
            try f.store.moveReferral(reference, to: .sent, externalReference: nil, overrideReason: nil, by: f.supervisor)
        })
        #expect(unsent.field == .overrideReason)
        #expect(!unsent.message.contains("--"))
        // A refusal about the case as a whole names no field.
        let again = try #require(refusal {
            try f.store.flagForFamilySupport(reference, reasons: [], narrative: "Again", urgency: .routine, consent: nil, by: f.amira)
        })
        #expect(again.kind == .conflict && again.field == nil)
        #expect(!again.message.contains("--") && !again.message.contains("caseload "))
    }
}
