import CaseloadCore
import Foundation
import Testing
@testable import CaseloadStore

/// Reassigning a case to the worker who holds it changes nothing and says so.
@Suite struct ReassignTests {
    @Test func aCaseAlreadyTheirsIsNamedAndTheOthersMove() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let bens = try f.openCase("Ffion Rees", for: f.ben)
        let amiras = try f.openCase("Zoë Nguyễn", for: f.amira)
        let outcome = try f.store.reassign([bens, amiras, amiras], toLogin: "ben", reason: "Cover", by: f.supervisor)
        #expect(outcome == ReassignOutcome(moved: [amiras], alreadyTheirs: [bens]))
        #expect(outcome.summary(to: "ben") == "Reassigned 1 case to ben; \(bens) was already theirs.")
        #expect(try f.count("assignment") == 3, "two openings and one move")
    }

    @Test func whenEveryCaseIsTheirsAlreadyNothingIsDoneAndTheRefusalSaysSo() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let first = try f.openCase("Ffion Rees", for: f.ben)
        let second = try f.openCase("Zoë Nguyễn", for: f.ben)
        let audited = try f.count("audit_event")
        // Once this said "Reassigned 1 case" and did nothing.
        #expect(throws: CaseloadError.conflict("\(first) is already ben's case; nothing was reassigned")) {
            try f.store.reassign([first], toLogin: "ben", reason: "Cover", by: f.supervisor)
        }
        #expect(throws: CaseloadError.conflict("\(first), \(second) are already ben's cases; nothing was reassigned")) {
            try f.store.reassign([first, second], toLogin: "ben", reason: "Cover", by: f.supervisor)
        }
        #expect(try f.count("assignment") == 2)
        #expect(try f.count("audit_event") == audited)
    }

    /// A closed case takes no change until reopened, a reassignment included.
    @Test func aClosedCaseIsNotReassigned() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase("Zoë Nguyễn", for: f.amira)
        try f.store.closeCase(reference, reason: "resolved", outcome: nil, by: f.amira)
        #expect(throws: CaseloadError.caseClosed(reference)) {
            try f.store.reassign([reference], toLogin: "ben", reason: "Cover", by: f.supervisor)
        }
        #expect(try f.count("assignment") == 1)
    }

    /// A worker ended on a day still to come works until then, but is given
    /// no cases: the day after, nobody would hold them.
    @Test func aWorkerWhoseLastDayIsSetIsGivenNoCases() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase("Zoë Nguyễn", for: f.amira)
        let lastDay = try f.store.endWorker("ben", on: try f.store.today.adding(days: 20), by: f.supervisor)
        let refused = #expect(throws: CaseloadError.self) {
            try f.store.reassign([reference], toLogin: "ben", reason: "Cover", by: f.supervisor)
        }
        #expect(refused?.kind == .conflict)
        #expect(refused?.message == "ben is leaving (their last day is \(lastDay)), so cannot be given cases; choose someone who is staying")
        #expect(throws: CaseloadError.self) { try f.store.handOver([reference], toLogin: "ben", summary: "Over to you.", by: f.amira) }
        #expect(throws: CaseloadError.self) { try f.store.openCase(NewCase(child: "Rhys Evans"), by: f.ben) }
        #expect(try f.count("assignment") == 1 && f.count("handover") == 0)
        _ = try f.store.actingWorker(login: "ben", osUser: "tester")
    }
}
