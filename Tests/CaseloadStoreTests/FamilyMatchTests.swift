import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

/// Opening a case for a family already on record finds them instead of
/// making the same people again.
@Suite struct FamilyMatchTests {
    /// Zoë with her date of birth, and her mother with a phone and an email.
    static func firstCase(_ f: StoreFixture) throws -> String {
        f.setClock(2026, 3, 2)
        var new = NewCase(child: "Zoë Nguyễn")
        new.dateOfBirth = Day(year: 2015, month: 4, day: 3)
        new.parent = "Thảo Nguyễn"
        new.parentPhone = "07700 900123"
        new.parentEmail = "Thao@Example.org"
        new.school = "Elmfield Primary"
        return try f.store.openCase(new, by: f.amira).description
    }

    static func child(_ name: String, born: Day? = Day(year: 2015, month: 4, day: 3)) -> NewCase {
        var new = NewCase(child: name)
        new.dateOfBirth = born
        return new
    }

    static func parent(phone: String? = nil, email: String? = nil) -> NewCase {
        var new = NewCase(child: "Minh Nguyen")
        new.parent = "Thao Nguyen"
        new.parentPhone = phone
        new.parentEmail = email
        return new
    }

    static func personId(_ f: StoreFixture, _ name: String) throws -> String {
        try #require(try f.store.read { try String.fetchOne($0, sql: "SELECT id FROM person WHERE full_name = ?", arguments: [name]) })
    }

    @Test func aChildIsFoundByNameAndDateOfBirthWhateverTheCaseAndAccents() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try Self.firstCase(f)
        for typed in ["zoe nguyen", "ZOË  NGUYỄN", " Zoe Nguyễn "] {
            let matches = try f.store.familyMatches(for: Self.child(typed), by: f.ben)
            #expect(matches.count == 1, "\(typed)")
            let match = try #require(matches.first)
            #expect(match.name == "Zoë Nguyễn" && match.kind == .child && match.dateOfBirth == Day(year: 2015, month: 4, day: 3))
            #expect(match.reasons == [.nameAndBirth])
            #expect(match.cases.map(\.reference) == [reference] && match.cases.first?.status == .open)
            #expect(match.cases.first?.workerName == "Amira Khan" && match.cases.first?.openedOn == Day(year: 2026, month: 3, day: 2))
        }
        #expect(try f.store.familyMatches(for: Self.child("Zoë Nguyễn", born: Day(year: 2015, month: 4, day: 4)), by: f.ben).isEmpty,
                "the same name born on another day is someone else")
        #expect(try f.store.familyMatches(for: Self.child("Zoë Nguyễn", born: nil), by: f.ben).isEmpty,
                "a name alone is not enough")
        #expect(try f.store.familyMatches(for: Self.child("Zoë Tran"), by: f.ben).isEmpty)
    }

    @Test func aParentIsFoundByPhoneWithoutSpacesOrByEmailWhateverItsCase() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        _ = try Self.firstCase(f)
        let byPhone = try f.store.familyMatches(for: Self.parent(phone: "077009 00123"), by: f.ben)
        #expect(byPhone.map(\.name) == ["Thảo Nguyễn"] && byPhone.first?.reasons == [.phone] && byPhone.first?.kind == .adult)
        let byEmail = try f.store.familyMatches(for: Self.parent(email: "thao@EXAMPLE.ORG"), by: f.ben)
        #expect(byEmail.map(\.name) == ["Thảo Nguyễn"] && byEmail.first?.reasons == [.email])
        let both = try f.store.familyMatches(for: Self.parent(phone: "07700900123", email: "thao@example.org"), by: f.ben)
        #expect(both.count == 1 && both.first?.reasons == [.phone, .email], "one person, matched both ways")
        #expect(try f.store.familyMatches(for: Self.parent(phone: "07700 900124", email: "thao@example.com"), by: f.ben).isEmpty)
        // Showing them reveals Amira's case to Ben: it is on that case's trail.
        let shown = try f.store.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_event WHERE action = 'case.open-match' AND worker_id = ?",
                             arguments: [f.ben.workerId])
        }
        #expect(shown == 3)
    }

    @Test func aCaseThatMayBeAboutSomeoneOnRecordIsRefusedAndNothingIsWritten() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try Self.firstCase(f)
        let tables = ["person", "case_file", "case_party", "assignment", "case_issue", "reference_counter"]
        let before = try tables.map { try f.count($0) }
        let zoe = try Self.personId(f, "Zoë Nguyễn")
        var again = Self.child("Zoe Nguyen")
        again.issues = ["exclusion"]
        let error = try #require(throws: CaseloadError.self) { try f.store.openCase(again, by: f.ben) }
        #expect(error.kind == .conflict && error.field == .samePerson)
        #expect(error.message == """
            the store already has someone this case may be about:
              Zoë Nguyễn, born 03/04/2015 (same name and date of birth), person \(zoe): case \(reference) open with Amira Khan
            say whether the case is about them or someone new
            """)
        #expect(try tables.map { try f.count($0) } == before, "nothing of the case was written")
        let trail = try f.store.auditTrail(caseReference: reference, by: f.supervisor)
        #expect(trail.contains { $0.action == "case.open-match" && $0.workerLogin == "ben" && $0.detail?.contains(zoe) == true })
    }

    @Test func choosingSomeoneOnRecordOpensTheCaseWithThem() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let first = try Self.firstCase(f)
        let zoe = try Self.personId(f, "Zoë Nguyễn")
        let thao = try Self.personId(f, "Thảo Nguyễn")
        let people = try f.count("person")
        // Zoë comes back: her name may be left out, and her mother is chosen too.
        var again = NewCase(child: nil)
        again.existingPeople = [String(zoe.prefix(23)).uppercased(), thao]
        let second = try f.store.openCase(again, by: f.ben).description
        #expect(try f.count("person") == people, "no one new was made")
        let detail = try f.store.caseDetail(second, by: f.ben)
        #expect(detail.child?.personId == zoe && detail.child?.name == "Zoë Nguyễn" && detail.child?.school == "Elmfield Primary")
        #expect(detail.people.contains { $0.personId == thao && $0.role == .parentCarer && $0.parentalResponsibility })
        let matches = try f.store.familyMatches(for: Self.child("Zoë Nguyễn"), by: f.ben)
        #expect(matches.first?.cases.map(\.reference) == [first, second], "the new case is among hers")
        let opened = try f.store.auditTrail(caseReference: second, by: f.supervisor).first { $0.action == "case.open" }
        #expect(opened?.detail == "\(second); with person \(zoe), person \(thao) on record")

        // Her brother: a new child, with their mother on record.
        var brother = NewCase(child: "Minh Nguyễn")
        brother.existingPeople = [thao]
        brother.parent = "thao nguyen"
        brother.parentPhone = "07700900123"
        let third = try f.store.openCase(brother, by: f.ben).description
        #expect(try f.count("person") == people + 1)
        #expect(try f.store.caseDetail(third, by: f.ben).people.map(\.name) == ["Minh Nguyễn", "Thảo Nguyễn"])
    }

    @Test func whatIsGivenMustAgreeWithThePersonChosen() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        _ = try Self.firstCase(f)
        let zoe = try Self.personId(f, "Zoë Nguyễn")
        let thao = try Self.personId(f, "Thảo Nguyễn")
        var new = Self.child("Zoë Nguyễn")
        new.existingPeople = [zoe]
        new.school = "Hillside Academy"
        let school = try #require(throws: CaseloadError.self) { try f.store.openCase(new, by: f.ben) }
        #expect(school.message.hasPrefix("Zoë Nguyễn is on record with the school Elmfield Primary, not Hillside Academy: "))
        new = Self.child("Mia Nguyễn")
        new.existingPeople = [zoe]
        let name = try #require(throws: CaseloadError.self) { try f.store.openCase(new, by: f.ben) }
        #expect(name.message.hasPrefix("Zoë Nguyễn is on record with the name Zoë Nguyễn, not Mia Nguyễn"))
        new = Self.parent(phone: "07700 900999")
        new.existingPeople = [thao]
        let phone = try #require(throws: CaseloadError.self) { try f.store.openCase(new, by: f.ben) }
        #expect(phone.message == "Thảo Nguyễn is on record with the phone 07700 900123, not 07700 900999; leave the phone out to use the record")
        new = NewCase(child: "Minh Nguyễn")
        new.existingPeople = [thao]
        new.newPerson = true
        #expect(throws: CaseloadError.invalid("a case is about the people chosen on record or about someone new, not both; choose one",
                                              field: .samePerson)) { try f.store.openCase(new, by: f.ben) }
    }

    @Test func aPersonIsNamedByTheirIdOrEnoughOfItsStart() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        _ = try Self.firstCase(f)
        let zoe = try Self.personId(f, "Zoë Nguyễn")
        var new = NewCase(child: nil)
        new.existingPeople = ["ffffffff-0000"]
        let unknown = try #require(throws: CaseloadError.self) { try f.store.openCase(new, by: f.ben) }
        #expect(unknown.kind == .notFound && unknown.message.hasPrefix("there is no person whose id starts ffffffff-0000"))
        new.existingPeople = [String(zoe.prefix(7))]
        let short = try #require(throws: CaseloadError.self) { try f.store.openCase(new, by: f.ben) }
        #expect(short.kind == .invalid && short.message.contains("at least its first 8 characters"))
        // Zoë and her mother were made in the same moment: their ids start alike.
        new.existingPeople = [String(zoe.prefix(8))]
        let ambiguous = try #require(throws: CaseloadError.self) { try f.store.openCase(new, by: f.ben) }
        #expect(ambiguous.kind == .invalid && ambiguous.message.hasPrefix("more than one person's id starts "))
    }

    @Test func someoneNewIsMadeWhenTheWorkerSaysSo() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        _ = try Self.firstCase(f)
        let zoe = try Self.personId(f, "Zoë Nguyễn")
        let people = try f.count("person")
        var new = Self.child("Zoe Nguyen")
        new.newPerson = true
        let reference = try f.store.openCase(new, by: f.ben).description
        #expect(try f.count("person") == people + 1)
        #expect(try f.store.caseDetail(reference, by: f.ben).child?.personId != zoe)
        let opened = try f.store.auditTrail(caseReference: reference, by: f.supervisor).first { $0.action == "case.open" }
        #expect(opened?.detail == "\(reference); someone new, not person \(zoe) (same name and date of birth)")
        // With no one on record to be confused with, it needs no saying.
        _ = try f.store.openCase(Self.child("Rhys Evans"), by: f.ben)
    }
}
