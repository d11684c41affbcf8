import CaseloadCore
import Foundation
import Testing
@testable import CaseloadStore

/// A worker's start and last day decide when they can act: not before
/// their start, and until their last day is over.
@Suite struct WorkerDateTests {
    private func d(_ text: String) -> Day {
        (try? Day.parse(text)) ?? Day.first
    }

    private func refusal(_ body: () throws -> Any) -> CaseloadError? {
        do {
            _ = try body()
            return nil
        } catch let error as CaseloadError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func aLastDayStillToComeLeavesThemWorkingUntilItIsOver() throws {
        let f = try StoreFixture(on: (2026, 12, 3))
        defer { f.remove() }
        // Once this locked Ben out at once.
        #expect(try f.store.endWorker("ben", on: d("31/12/2026"), by: f.supervisor) == d("31/12/2026"))
        #expect(try f.store.actingWorker(login: "ben", osUser: "tester").login == "ben")
        #expect(try f.store.workers().first { $0.login == "ben" }?.active == true)
        #expect(try f.store.team(by: f.supervisor).members.contains { $0.login == "ben" })
        f.setClock(2026, 12, 31, hour: 23)
        #expect(try f.store.actingWorker(login: "ben", osUser: "tester").login == "ben")
        f.setClock(2027, 1, 1, hour: 1)
        #expect(refusal { try f.store.actingWorker(login: "ben", osUser: "tester") }?.kind == .notAllowed)
        #expect(try f.store.workers().contains { $0.login == "ben" } == false)
        #expect(try f.store.workers(includeEnded: true).first { $0.login == "ben" }?.active == false)
    }

    @Test func aLastDayTodayOrBeforeEndsThemAtOnce() throws {
        let f = try StoreFixture(on: (2026, 12, 3))
        defer { f.remove() }
        try f.store.endWorker("ben", on: d("03/12/2026"), by: f.supervisor)
        #expect(refusal { try f.store.actingWorker(login: "ben", osUser: "tester") }?.message
                == "ben has left the service and can no longer use this store")
        try f.store.endWorker("amira", by: f.supervisor)
        #expect(refusal { try f.store.actingWorker(login: "amira", osUser: "tester") }?.kind == .notAllowed)
    }

    @Test func aLastDayBeforeTheirStartIsRefused() throws {
        let f = try StoreFixture(on: (2026, 12, 3))
        defer { f.remove() }
        try f.store.addWorker(NewWorker(login: "cara", name: "Cara Lloyd", startsOn: d("01/09/2026")), by: f.supervisor)
        let error = refusal { try f.store.endWorker("cara", on: d("31/08/2026"), by: f.supervisor) }
        #expect(error?.kind == .invalid)
        #expect(error?.message == "the last day 31/08/2026 is before cara's start date, 01/09/2026; give a day from 01/09/2026 on")
        #expect(try f.store.actingWorker(login: "cara", osUser: "tester").login == "cara", "nothing changed")
        let far = refusal { try f.store.endWorker("cara", on: d("31/12/9999"), by: f.supervisor) }
        #expect(far?.message.contains("01/01/1990 to 31/12/2100") == true)
    }

    @Test func aWorkerCannotActBeforeTheirStart() throws {
        let f = try StoreFixture(on: (2026, 12, 3))
        defer { f.remove() }
        try f.store.addWorker(NewWorker(login: "dev", name: "Dev Patel", startsOn: d("04/01/2027")), by: f.supervisor)
        // Once a worker starting years ahead could act the day they were added.
        let error = refusal { try f.store.actingWorker(login: "dev", osUser: "tester") }
        #expect(error?.kind == .notAllowed)
        #expect(error?.message == "dev starts on 04/01/2027 and can use this store from that day")
        f.setClock(2027, 1, 4)
        #expect(try f.store.actingWorker(login: "dev", osUser: "tester").login == "dev")
    }

    @Test func startAndEndDatesOutsideTheirRangeAreRefused() throws {
        let f = try StoreFixture(on: (2026, 12, 3))
        defer { f.remove() }
        let far = refusal { try f.store.addWorker(NewWorker(login: "eve", name: "Eve", startsOn: d("01/01/9999")), by: f.supervisor) }
        #expect(far?.message == "the start date 01/01/9999 is after 31/12/2100; give a date from 01/01/1990 to 31/12/2100, checking the year")
        let early = refusal { try f.store.addWorker(NewWorker(login: "eve", name: "Eve", endsOn: d("01/06/2026")), by: f.supervisor) }
        #expect(early?.message == "the end date 01/06/2026 is before the start date 03/12/2026")
        #expect(try f.store.workers().contains { $0.login == "eve" } == false)
    }
}
