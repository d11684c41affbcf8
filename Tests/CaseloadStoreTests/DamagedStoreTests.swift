import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

/// A value the schema cannot hold (a status this version does not know, a
/// date that is not a date) stops a reading with a message saying so; it is
/// never shown as some default, which would tell a worker something the
/// store does not say.
@Suite struct DamagedStoreTests {
    /// Writes past the schema's checks, as a damaged file or a newer version might.
    private func damage(_ f: StoreFixture, _ sql: String, _ arguments: StatementArguments = []) throws {
        try f.store.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: sql, arguments: arguments)
            try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
        }
    }

    private func refusal(_ body: () throws -> Void) -> CaseloadError? {
        do {
            try body()
            return nil
        } catch {
            return error as? CaseloadError
        }
    }

    @Test func aCaseFileWithAnUnknownOrBrokenValueIsRefusedWithTheValueNamed() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        try f.store.addKeyDate(to: reference, rule: .ehcDecision, from: Day(year: 2026, month: 9, day: 1)!, by: f.amira)
        _ = try f.store.caseDetail(reference, by: f.amira)

        try damage(f, "UPDATE key_date SET status = 'postponed'")
        let status = try #require(refusal { _ = try f.store.caseDetail(reference, by: f.amira) })
        #expect(status == .conflict("the store holds a key date whose status is 'postponed', which this version does not know; "
            + "the store may be damaged or from a newer version"))

        try damage(f, "UPDATE key_date SET status = 'open', due_on = '2026-13-45'")
        let due = try #require(refusal { _ = try f.store.caseDetail(reference, by: f.amira) })
        #expect(due.kind == .conflict)
        #expect(due.message.hasPrefix("the store holds a key date whose due_on is '2026-13-45', which is not a date"))

        try damage(f, "UPDATE key_date SET due_on = '2026-10-01'")
        _ = try f.store.caseDetail(reference, by: f.amira)
        try f.store.flagForFamilySupport(reference, reasons: ["housing"], narrative: "Eviction notice", urgency: .routine,
                                         consent: NewConsent(givenBy: "Thảo Nguyễn", role: "parent-carer", method: .verbal,
                                                             scope: "Referral"),
                                         by: f.amira)
        try damage(f, "UPDATE person SET kind = 'pet' WHERE full_name = 'Thảo Nguyễn'")
        let kind = try #require(refusal { _ = try f.store.caseDetail(reference, by: f.amira) })
        #expect(kind.message.hasPrefix("the store holds a person on a case whose kind is 'pet'"))

        try damage(f, "UPDATE person SET kind = 'adult' WHERE full_name = 'Thảo Nguyễn'")
        _ = try f.store.caseDetail(reference, by: f.amira)
        try damage(f, "UPDATE referral SET reasons = 'housing'")
        let reasons = try #require(refusal { _ = try f.store.caseDetail(reference, by: f.amira) })
        #expect(reasons.message.hasPrefix("the store holds a referral whose reasons is 'housing', which is not a list"))
        let listed = try #require(refusal { _ = try f.store.referrals(status: nil, by: f.supervisor) })
        #expect(listed.message.hasPrefix("the store holds a referral whose reasons is 'housing'"))
    }

    @Test func aWorkerWithAnUnknownRoleIsNotTakenForACaseworker() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        try damage(f, "UPDATE worker SET role = 'director' WHERE login = 'ben'")
        let listed = try #require(refusal { _ = try f.store.workers() })
        #expect(listed.message.hasPrefix("the store holds a worker whose role is 'director', which this version does not know"))
        #expect(refusal { _ = try f.store.actingWorker(login: "ben", osUser: "tester") }?.kind == .conflict)
        #expect(refusal { _ = try f.store.team(by: f.supervisor) }?.kind == .conflict)
        try damage(f, "UPDATE worker SET role = 'caseworker', starts_on = 'soon' WHERE login = 'ben'")
        #expect(refusal { _ = try f.store.workers() }?.message.hasPrefix("the store holds a worker whose starts_on is 'soon'") == true)
    }

    /// The lists read by position for speed check their values all the same.
    @Test func theCaseListAndSearchRefuseARowTheSchemaCannotHold() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        #expect(try f.store.cases(scope: .mine, by: f.amira).count == 1)
        try damage(f, "UPDATE case_file SET opened_on = '01/09/2026'")
        let opened = try #require(refusal { _ = try f.store.cases(scope: .mine, by: f.amira) })
        #expect(opened.message.hasPrefix("the store holds the case \(reference) whose opened_on is '01/09/2026', which is not a date"))

        try damage(f, "UPDATE case_file SET opened_on = '2026-09-01', status = 'archived'")
        var any = CaseFilter()
        any.status = .any
        let listed = try #require(refusal {
            _ = try f.store.casePage(CaseQuery(scope: .all, filter: any), .first, limit: 10, by: f.supervisor)
        })
        #expect(listed.message.hasPrefix("the store holds the case \(reference) whose status is 'archived', which this version does not know"))
        let found = try #require(refusal { _ = try f.store.search("Nguyễn", by: f.amira) })
        #expect(found.message.hasPrefix("the store holds the case \(reference) whose status is 'archived'"))
    }

    /// The list's positions come from one list of columns, and a page's
    /// cursor columns follow them where the page reads them.
    @Test func theCaseListReadsEachColumnWhereItsStatementPutsIt() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let names = try f.store.read { db in
            try db.makeStatement(sql: "\(Store.caseRowColumns), 'v' AS sort_value, c.seq AS sort_seq \(Store.caseRowFrom)").columnNames
        }
        typealias C = Store.CaseRowColumn
        #expect(names.count == C.allCases.count + 2)
        for column in C.allCases {
            let expected = column.sql.components(separatedBy: " AS ").last!.components(separatedBy: ".").last!
            #expect(names[column.rawValue] == expected, "\(column)")
        }
        #expect(names[Store.sortValueColumn] == "sort_value")
        #expect(names[Store.sortSeqColumn] == "sort_seq")
    }
}
