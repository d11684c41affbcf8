import CaseloadCore
import Foundation
import Testing
import TerminalUI
@testable import CaseloadApp
@testable import CaseloadStore

@Suite struct TeamTests {
    let update = Update(vocabulary: AppFixture.vocabulary)
    let screen = Screen(vocabulary: AppFixture.vocabulary)

    static let overview = TeamOverview(members: [
        TeamMember(login: "amira", name: "Amira Khan", role: .caseworker, employment: .agency,
                   endsOn: Day(year: 2026, month: 12, day: 4), openCases: 30, weight: 70, capacity: 60,
                   pendingHandovers: 2, overdueKeyDates: 3),
        TeamMember(login: "ben", name: "Ben Evans", role: .caseworker, employment: .permanent, endsOn: nil,
                   openCases: 10, weight: 30, capacity: 60, pendingHandovers: 0, overdueKeyDates: 0),
    ], unallocated: 4)

    @Test func onlyASupervisorOpensTheTeamView() {
        var caseworker = AppFixture.loaded([AppFixture.row(1)])
        #expect(!screen.render(caseworker).lines[23].contains("team"), "the hint bar offers only what the user may do")
        #expect(update(&caseworker, .key(.character("w"))).isEmpty)
        #expect(caseworker.messageIsError)
        #expect(caseworker.message == "Only a supervisor can use :team (w).")
        var boss = AppFixture.loaded([AppFixture.row(1)], supervisor: true)
        #expect(screen.render(boss).lines[23].contains("w team"))
        #expect(update(&boss, .key(.character("w"))) == [.store(.loadTeam)])
    }

    @Test func theTeamViewShowsLoadAgainstCapacityAndEnterShowsAWorkersCaseload() {
        var state = AppFixture.loaded([AppFixture.row(1)], supervisor: true)
        _ = update(&state, .teamLoaded(Self.overview))
        #expect(state.place == .team)
        let lines = screen.render(state).lines
        #expect(lines[1] == "WORKER                 EMPLOYMENT     OPEN LOAD                     WAIT LATE")
        #expect(lines[2] == "Amira Khan (amira)     agency 04/12   30   ████████████████ 116% R  2    3")
        #expect(lines[3] == "Ben Evans (ben)        permanent      10   ████████········ 50% B")
        #expect(lines[22] == " Team: 2 workers · 4 unallocated open cases")
        let buffer = screen.render(state)
        let barStart = DisplayWidth.of("Amira Khan (amira)     agency 04/12   30   ")
        #expect(buffer[barStart, 2].style.foreground == .red)
        #expect(buffer[barStart, 3].style.foreground == .blue)
        #expect(buffer[barStart, 2].style.reverse, "the first worker is selected")
        _ = update(&state, .key(.down))
        let effects = update(&state, .key(.enter))
        #expect(state.query.scope == .worker(login: "ben"))
        #expect(state.place == .caseload)
        #expect(effects == [.store(.loadList(state.query, .first, recount: true, record: true))])
    }
}
