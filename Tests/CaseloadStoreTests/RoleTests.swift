import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

@Suite struct RoleTests {
    @Test func aCaseworkerCannotReassignSomeoneElsesCase() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        let error = #expect(throws: CaseloadError.self) {
            try f.store.reassign([reference], toLogin: "ben", reason: "cover", by: f.ben)
        }
        #expect(error?.kind == .notAllowed)
        #expect(try f.store.caseDetail(reference, by: f.supervisor).workerLogin == "amira")
    }

    @Test func aSupervisorReassignsAndTheHistoryKeepsBothWorkers() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        try f.store.reassign([reference], toLogin: "ben", reason: "Amira's contract ends", by: f.supervisor)
        let detail = try f.store.caseDetail(reference, by: f.supervisor)
        #expect(detail.workerLogin == "ben")
        let assignments = detail.timeline.filter { $0.kind == .assignment }
        #expect(assignments.count == 2)
        #expect(assignments.first?.text?.contains("Amira's contract ends") == true)
    }

    @Test func reassignmentNeedsAReason() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        #expect(throws: CaseloadError.invalid("a reassignment needs a reason", field: .reason)) {
            try f.store.reassign([reference], toLogin: "ben", reason: "  ", by: f.supervisor)
        }
    }

    @Test func onlyASupervisorAddsWorkers() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let error = #expect(throws: CaseloadError.self) {
            try f.store.addWorker(NewWorker(login: "eve", name: "Eve"), by: f.amira)
        }
        #expect(error?.kind == .notAllowed)
        #expect(try f.count("worker") == 3)
    }

    @Test func aCaseworkerCannotOpenACaseForAnotherWorker() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        var new = NewCase(child: "Rhys Evans")
        new.workerLogin = "ben"
        #expect(throws: CaseloadError.self) { try f.store.openCase(new, by: f.amira) }
        #expect(try f.count("case_file") == 0)
        let reference = try f.store.openCase(new, by: f.supervisor)
        #expect(try f.store.caseDetail(reference.description, by: f.supervisor).workerLogin == "ben")
    }

    @Test func readingACaseOutsideYourCaseloadNeedsAReasonWhichIsAudited() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        let error = #expect(throws: CaseloadError.self) { try f.store.caseDetail(reference, by: f.ben) }
        #expect(error?.kind == .notAllowed)
        _ = try f.store.caseDetail(reference, reason: "Family rang while Amira is on leave", by: f.ben)
        let trail = try f.store.auditTrail(caseReference: reference, by: f.supervisor)
        let read = try #require(trail.first { $0.action == "case.read" })
        #expect(read.workerLogin == "ben")
        #expect(read.osUser == "tester")
        #expect(read.detail == "Family rang while Amira is on leave")
        #expect(read.deviceId == f.store.deviceId)
    }

    @Test func aWorkerWhoHasLeftCannotAct() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        try f.store.write { db in
            try db.execute(sql: "UPDATE worker SET ended_at = '2026-01-01 00:00:00.000' WHERE login = 'ben'")
        }
        #expect(throws: CaseloadError.self) { try f.store.actingWorker(login: "ben", osUser: "x") }
    }

    @Test func initialisingTwiceIsRefused() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let error = #expect(throws: CaseloadError.self) {
            try f.store.initialise(service: nil, supervisor: NewWorker(login: "kim", name: "Kim"), osUser: "x")
        }
        #expect(error?.message.contains("already set up for Test SENDIASS") == true)
    }
}
