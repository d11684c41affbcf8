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
        #expect(lines[1] == "WORKER                 EMPLOYMENT   OPEN LOAD                     WAIT LATE")
        #expect(lines[2] == "Amira Khan (amira)     agency 04/12 30   ████████████████ 116% R  2    3")
        #expect(lines[3] == "Ben Evans (ben)        permanent    10   ████████········ 50% B")
        #expect(lines[22] == " Team: 2 workers · 4 unallocated open cases")
        let buffer = screen.render(state)
        let barStart = DisplayWidth.of("Amira Khan (amira)     agency 04/12 30   ")
        #expect(buffer[barStart, 2].style.foreground == .red)
        #expect(buffer[barStart, 3].style.foreground == .blue)
        #expect(buffer[barStart, 2].style.reverse, "the first worker is selected")
        _ = update(&state, .key(.down))
        let effects = update(&state, .key(.enter))
        #expect(state.query.scope == .worker(login: "ben"))
        #expect(state.place == .caseload)
        #expect(effects == [.store(.loadList(state.query, .first, recount: true, record: true))])
    }

    /// Team view, a worker's caseload, what needs attention and an item
    /// dealt with: going back retraces those steps, to the team view with the
    /// same worker highlighted, and then to the list as it was.
    @Test func aWorkersCaseloadFromTheTeamViewGoesBackToIt() {
        var state = AppFixture.loaded([AppFixture.row(1)], supervisor: true)
        let mine = state.query
        _ = update(&state, .key(.character("w")))
        _ = update(&state, .teamLoaded(Self.overview))
        _ = update(&state, .key(.down))
        _ = update(&state, .key(.enter))
        #expect(state.place == .caseload && state.query.scope == .worker(login: "ben"))
        state.message = nil
        #expect(screen.render(state).lines[23].hasPrefix("q back"), "q no longer quits here")
        _ = update(&state, .listLoaded(AppFixture.page([AppFixture.row(7, worker: "ben")]), .first, total: 1, start: nil))
        _ = update(&state, .key(.character("A")))
        _ = update(&state, .attentionLoaded([AttentionItem(kind: .handoverSignOff, reference: "C-2026-00007", child: "Child 7",
                                                           worker: "ben", detail: "ben → amira", since: AppFixture.now)]))
        _ = update(&state, .key(.enter))
        #expect(update(&state, .key(.character("y"))) == [.store(.acceptHandover(["C-2026-00007"]))])
        _ = update(&state, .changed("C-2026-00007 now held by amira."))
        _ = update(&state, .attentionLoaded([]))
        _ = update(&state, .teamLoaded(Self.overview))
        #expect(state.place == .attention)
        _ = update(&state, .key(.character("q")))
        #expect(state.place == .caseload && state.query.scope == .worker(login: "ben"))
        let effects = update(&state, .key(.character("q")))
        #expect(!state.quitting)
        #expect(state.place == .team && state.team?.selectedMember?.login == "ben")
        #expect(state.query == mine && state.list.selectedRow?.reference == "C-2026-00001", "the list below is as it was")
        #expect(effects == [.store(.loadList(mine, .from(CaseCursor(value: "v", seq: 0)), recount: true, record: false))])
        #expect(update(&state, .key(.character("L"))) == [.store(.loadLeaving(login: "ben"))])
        _ = update(&state, .key(.enter))
        _ = update(&state, .key(.escape))
        #expect(state.place == .team, "Esc goes back from a worker's caseload too")
        _ = update(&state, .key(.character("q")))
        #expect(state.place == .caseload && state.places.count == 1 && state.query == mine)
        _ = update(&state, .key(.character("q")))
        #expect(state.quitting)
    }
}
