import CaseloadCore
import Foundation
import Testing
@testable import CaseloadStore

/// The people on a case kept current: each change on the history, one main
/// contact, the removed kept, the safe-contact warnings wherever the
/// details go, and the special-category details only when asked for.
@Suite struct PeopleTests {
    private func senco() -> NewParty {
        var party = NewParty(name: "Priya Patel", role: .professional)
        party.details = [.organisation: "Elmfield Primary", .professionalRole: "SENCO", .phone: "0121 496 0000"]
        return party
    }

    private func edit(_ fields: [PersonField: String], reason: String? = nil) -> PersonEdit {
        var edit = PersonEdit(fields: fields)
        edit.reason = reason
        return edit
    }

    @Test func addingAProfessionalIsOnTheFileAndItsHistory() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        let id = try f.store.addParty(reference, senco(), by: f.amira)
        let detail = try f.store.caseDetail(reference, by: f.amira)
        let priya = try #require(detail.people.first { $0.personId == id })
        #expect(priya.role == .professional && priya.kind == .professional)
        #expect(priya.organisation == "Elmfield Primary" && priya.professionalRole == "SENCO" && priya.phone == "0121 496 0000")
        #expect(detail.timeline.first?.title == "Added to the case: Priya Patel (SENCO at Elmfield Primary)")
        #expect(try f.store.auditTrail(caseReference: reference, by: f.supervisor).contains { $0.action == "party.add" })
    }

    @Test func aDetailKeepsEveryValueItHadAndTheLatestIsCurrent() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        try f.store.editPerson(reference, person: "thao nguyen", edit([.phone: "07700 900111"]), by: f.amira)
        try f.store.editPerson(reference, person: "Thảo Nguyễn", edit([.phone: "07700 900222", .email: "thao@example.org"]),
                               by: f.supervisor)
        try f.store.editPerson(reference, person: "Thảo Nguyễn", edit([.email: ""], reason: "Email bounced"), by: f.amira)
        let detail = try f.store.caseDetail(reference, by: f.amira)
        let parent = try #require(detail.people.first { $0.role == .parentCarer })
        #expect(parent.phone == "07700 900222" && parent.email == nil)
        let phones = (detail.fieldChanges ?? []).filter { $0.field == "phone" }
        #expect(phones.map { "\($0.from ?? "-")→\($0.to ?? "-") by \($0.by ?? "")" }
                == ["-→07700 900111 by Amira Khan", "07700 900111→07700 900222 by Sam Okafor"])
        #expect(phones.allSatisfy { $0.personId == parent.personId })
        let titles = detail.timeline.filter { $0.kind == .change }.map(\.title)
        #expect(titles.contains("Thảo Nguyễn: email removed"))
        #expect(titles.contains("Thảo Nguyễn: phone changed from 07700 900111 to 07700 900222"))
        // The same value again is no change at all.
        #expect(throws: CaseloadError.self) {
            try f.store.editPerson(reference, person: "Thảo Nguyễn", edit([.phone: " 07700 900222 "]), by: f.amira)
        }
    }

    @Test func renamingTheChildMovesTheSearchWithThem() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase("Zoe Brown")
        try f.store.editPerson(reference, person: "child", edit([.fullName: "Zoe Okonjo", .knownAs: "Zo"]), by: f.amira)
        func found(_ words: String) throws -> [String] {
            try f.store.casePage(CaseQuery(scope: .mine, filter: try CaseFilter.parse(words)), .first, limit: 10, by: f.amira)
                .rows.map(\.reference)
        }
        #expect(try found("okonjo") == [reference])
        #expect(try found("brown").isEmpty)
        #expect(try f.store.search("okonjo", by: f.amira).map(\.reference) == [reference])
        #expect(try f.store.caseDetail(reference, by: f.amira).child?.knownAs == "Zo")
    }

    @Test func onlyTheWorkerOrASupervisorChangesPeopleAndNeverOnAClosedCase() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        #expect(throws: CaseloadError(.notAllowed, "only Amira Khan (amira), the case's worker, or a supervisor can edit \(reference)")) {
            try f.store.editPerson(reference, person: "child", edit([.language: "Vietnamese"]), by: f.ben)
        }
        #expect(throws: CaseloadError.self) { try f.store.addParty(reference, senco(), by: f.ben) }
        try f.store.editPerson(reference, person: "child", edit([.language: "Vietnamese", .interpreter: "yes"]), by: f.supervisor)
        try f.store.closeCase(reference, reason: "resolved", outcome: nil, by: f.amira)
        let before = try f.count("field_change")
        #expect(throws: CaseloadError.caseClosed(reference)) {
            try f.store.editPerson(reference, person: "child", edit([.language: "English"]), by: f.amira)
        }
        #expect(throws: CaseloadError.caseClosed(reference)) { try f.store.addParty(reference, senco(), by: f.amira) }
        #expect(throws: CaseloadError.caseClosed(reference)) {
            try f.store.removeParty(reference, person: "Thảo Nguyễn", reason: "moved", by: f.amira)
        }
        #expect(try f.count("field_change") == before)
    }

    @Test func aRemovedPersonStaysOnTheHistoryWithWhoWhenAndWhy() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        f.setClock(2026, 3, 3)
        let reference = try f.openCase()
        try f.store.addParty(reference, senco(), by: f.amira)
        try f.store.removeParty(reference, person: "priya patel", reason: "Left the school", by: f.amira)
        let detail = try f.store.caseDetail(reference, by: f.amira)
        #expect(!detail.currentPeople.contains { $0.name == "Priya Patel" })
        let removed = try #require(detail.people.first { $0.name == "Priya Patel" })
        #expect(removed.removedBy == "Amira Khan" && removed.removedReason == "Left the school"
                && removed.removedAt.map { Day($0, in: f.store.timeZone).formatted } == "03/03/2026")
        #expect(detail.timeline.first?.title == "Removed from the case: Priya Patel (SENCO at Elmfield Primary)")
        #expect(detail.timeline.first?.text == "Left the school")
        #expect(throws: CaseloadError.self) {
            try f.store.removeParty(reference, person: "Priya Patel", reason: "again", by: f.amira)
        }
        // The child is what the case is about.
        #expect(throws: CaseloadError.self) { try f.store.removeParty(reference, person: "child", reason: "x", by: f.amira) }
        #expect(throws: CaseloadError.invalid("say why they are no longer involved (it is kept on the case)", field: .reason)) {
            try f.store.removeParty(reference, person: "Thảo Nguyễn", reason: "  ", by: f.amira)
        }
    }

    @Test func aCaseHasOneMainContact() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        var dad = NewParty(name: "Minh Nguyễn", role: .parentCarer)
        dad.parentalResponsibility = true
        dad.mainContact = true
        try f.store.addParty(reference, dad, by: f.amira)
        var detail = try f.store.caseDetail(reference, by: f.amira)
        #expect(detail.people.filter(\.mainContact).map(\.name) == ["Minh Nguyễn"])
        #expect(detail.timeline.contains { $0.title == "Main contact: Minh Nguyễn (was Thảo Nguyễn)" })
        var back = PersonEdit()
        back.mainContact = true
        try f.store.editPerson(reference, person: "Thảo Nguyễn", back, by: f.amira)
        try f.store.removeParty(reference, person: "Thảo Nguyễn", reason: "Moved abroad", by: f.amira)
        detail = try f.store.caseDetail(reference, by: f.amira)
        #expect(detail.people.filter(\.mainContact).isEmpty)
        #expect(detail.timeline.contains { $0.title == "Thảo Nguyễn is no longer the main contact" })
    }

    @Test func lettersRefuseAnAddressMarkedDoNotWrite() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        try f.store.editPerson(reference, person: "Thảo Nguyễn", edit([.address: "1 Elm Road, Birmingham B13 9AA"]), by: f.amira)
        _ = try f.store.handOver([reference], toLogin: "ben", summary: "Over to Ben.", by: f.amira)
        #expect(try f.store.newWorkerLetter(reference, by: f.amira).contains("1 Elm Road, Birmingham B13 9AA"))
        try f.store.editPerson(reference, person: "Thảo Nguyễn", edit([.doNotWrite: "yes"], reason: "Ex-partner at the address"),
                               by: f.amira)
        #expect {
            try f.store.newWorkerLetter(reference, by: f.amira)
        } throws: { error in
            let e = error as? CaseloadError
            return e?.kind == .conflict && e?.message.contains("do not write to this address") == true
                && e?.message.contains("caseload told \(reference)") == true
        }
        try f.store.editPerson(reference, person: "Thảo Nguyễn", edit([.doNotWrite: "no"], reason: "Safe again"), by: f.amira)
        #expect(try f.store.newWorkerLetter(reference, by: f.amira).contains("Thảo Nguyễn"))
    }

    @Test func handoverFactsCarryTheWarnings() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        try f.store.editPerson(reference, person: "Thảo Nguyễn",
                               edit([.doNotShare: "yes", .noVoicemail: "yes", .language: "Vietnamese", .interpreter: "yes"]),
                               by: f.amira)
        let facts = try f.store.handoverFacts(reference, by: f.amira)
        #expect(facts.safeContact == [HandoverFacts.SafeContact(name: "Thảo Nguyễn", warnings: [
            "DO NOT SHARE their contact details", "no voicemail", "needs an interpreter (Vietnamese)"])])
        let text = facts.text(in: f.store.timeZone)
        #expect(text.contains("- SAFE CONTACT: Thảo Nguyễn: DO NOT SHARE their contact details; no voicemail; needs an interpreter (Vietnamese)"))
        // A handover adds the facts, so they reach the receiver on its timeline.
        _ = try f.store.handOver([reference], toLogin: "ben", summary: "Over to Ben.", by: f.amira)
        let handover = try #require(try f.store.caseDetail(reference, by: f.ben).timeline.first { $0.kind == .handover })
        #expect(handover.text?.contains("SAFE CONTACT: Thảo Nguyễn") == true)
    }

    @Test func specialCategoryDetailsAreShownOnlyWhenAskedForAndThatIsRecorded() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        try f.store.editPerson(reference, person: "child", edit([.ethnicity: "Vietnamese", .healthNotes: "Epilepsy"]), by: f.amira)
        let plain = try f.store.caseDetail(reference, by: f.amira)
        #expect(plain.child?.ethnicity == nil && plain.child?.healthNotes == nil && !plain.specialShown)
        #expect(!plain.timeline.contains { $0.title.contains("Epilepsy") || ($0.text ?? "").contains("Epilepsy") })
        #expect(plain.fieldChanges?.filter { $0.field == "health_notes" }.map(\.to) == [nil])
        let asked = try f.store.caseDetail(reference, special: true, by: f.amira)
        #expect(asked.child?.ethnicity == "Vietnamese" && asked.child?.healthNotes == "Epilepsy" && asked.specialShown)
        #expect(asked.fieldChanges?.filter { $0.field == "health_notes" }.map(\.to) == ["Epilepsy"])
        let trail = try f.store.auditTrail(caseReference: reference, by: f.supervisor)
        #expect(trail.filter { $0.action == "case.read-special" }.count == 1)
        // The audit names the fields changed, never their values.
        #expect(!trail.contains { ($0.detail ?? "").contains("Epilepsy") })
    }

    @Test func badDetailsAreRefusedSayingWhatIsWrongAndNothingIsWritten() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        f.setClock(2026, 3, 3)
        let reference = try f.openCase()
        let before = try f.count("field_change")
        let refusals: [(PersonField, String, String)] = [
            (.phone, "call me", "is not a phone number"),
            (.email, "thao at example", "is not an email address"),
            (.noVoicemail, "maybe", "no voicemail is yes or no; maybe is neither"),
            (.dateOfBirth, "04/03/2026", "is in the future"),
            (.dateOfBirth, "31/02/2020", "31/02/2020"),
            (.fullName, "  ", "a person's name cannot be left empty"),
        ]
        for (field, value, words) in refusals {
            #expect {
                try f.store.editPerson(reference, person: "child", edit([field: value]), by: f.amira)
            } throws: { ($0 as? CaseloadError)?.message.contains(words) == true }
        }
        // A child's date of birth keeps them 0 to 25.
        #expect {
            try f.store.editPerson(reference, person: "child", edit([.dateOfBirth: "02/03/2000"]), by: f.amira)
        } throws: { ($0 as? CaseloadError)?.message.contains("aged 0 to 25") == true }
        // No one of that name: the message lists who is on the case.
        #expect {
            try f.store.editPerson(reference, person: "Nobody", edit([.language: "x"]), by: f.amira)
        } throws: { error in
            let e = error as? CaseloadError
            return e?.kind == .notFound && e?.message.contains("Zoë Nguyễn (subject") == true
                && e?.message.contains("Thảo Nguyễn (parent-carer") == true
        }
        #expect(try f.count("field_change") == before)
    }

    @Test func twoPeopleOfOneNameAreToldApartByTheirId() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        let first = try f.store.addParty(reference, NewParty(name: "Sam Lee", role: .other), by: f.amira)
        let second = try f.store.addParty(reference, NewParty(name: "Sam Lee", role: .professional), by: f.amira)
        #expect {
            try f.store.editPerson(reference, person: "sam lee", edit([.language: "Welsh"]), by: f.amira)
        } throws: { ($0 as? CaseloadError)?.message.contains("name them by id") == true }
        try f.store.editPerson(reference, person: String(second.suffix(8)), edit([.language: "Welsh"]), by: f.amira)
        let people = try f.store.caseDetail(reference, by: f.amira).people
        #expect(people.first { $0.personId == second }?.language == "Welsh")
        #expect(people.first { $0.personId == first }?.language == nil)
    }
}
