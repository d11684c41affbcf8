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
}
