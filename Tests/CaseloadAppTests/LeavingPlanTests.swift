import CaseloadCore
import Foundation
import Testing
import TerminalUI
@testable import CaseloadApp
@testable import CaseloadStore

/// The leaving-worker wizard over a caseload with handovers waiting and
/// inactive cases, at 80×24: everything the confirm will do is said before it.
@Suite struct LeavingPlanTests {
    let update = Update(vocabulary: AppFixture.vocabulary)
    let screen = Screen(vocabulary: AppFixture.vocabulary)

    private func press(_ keys: [Key], _ state: inout AppState) -> [Effect] {
        keys.flatMap { update(&state, .key($0)) }
    }

    private func leaverCase(_ n: Int, weight: Int, status: String = "open", handedTo: String? = nil) -> LeaverCase {
        LeaverCase(reference: CaseReference(year: 2026, number: n).description, child: "Child \(n)", level: 3,
                   weight: weight, status: status, nextDueOn: nil, handedTo: handedTo)
    }

    /// Amira (agency, last day 31/03/2027): four open cases, one of them handed
    /// to Ben and waiting, one inactive; Ben has handed her a case. Ben is
    /// already at 400% of a small capacity.
    private func wizard(alsoReceiving extra: [WorkerSummary] = []) -> AppState {
        var state = AppFixture.state(supervisor: true)
        _ = update(&state, .teamLoaded(TeamOverview(members: [], unallocated: 0)))
        let base = Team.worker("amira", open: 4, weight: 20)
        let amira = WorkerSummary(id: base.id, login: base.login, name: "Amira Khan", role: .caseworker, employment: .agency,
                                  startsOn: base.startsOn, endsOn: Day(year: 2027, month: 3, day: 31), active: true,
                                  capacity: 40, openCases: 4, weight: 20)
        let cases = [leaverCase(1, weight: 5, handedTo: "ben"), leaverCase(2, weight: 5), leaverCase(3, weight: 5),
                     leaverCase(4, weight: 5), leaverCase(5, weight: 5, status: "inactive")]
        let handed = [HandedCase(reference: "C-2026-00009", child: "Child 9", from: "ben", since: AppFixture.now)]
        let plan = LeavingPlan(leaver: amira, cases: cases, candidates: [Team.worker("ben", open: 20, weight: 40, capacity: 10),
                                                                           Team.worker("cara", open: 2, weight: 4)] + extra,
                               handedToLeaver: handed)
        _ = update(&state, .leavingLoaded(plan))
        return state
    }

    @Test func theFirstStepCountsAsTheTeamViewAndSaysWhatHappensToTheWaitingHandovers() {
        let state = wizard()
        let lines = screen.render(state).lines
        #expect(lines.contains { $0.contains("is leaving: 5 cases (4 open, 1 inactive), weight 20") })
        let text = lines.joined(separator: " ").replacingOccurrences(of: "  ", with: " ")
        #expect(text.contains("1 handover amira made is still waiting: it will be withdrawn and the case split with the rest."))
        #expect(text.contains("1 case handed to amira waits for acceptance: the handover will be withdrawn and the case"))
        #expect(lines.contains { $0.contains("Step 1 of 3") }, "the receivers are still listed below the notes")
        #expect(lines.contains { $0.contains("[ ] Ben (ben)") })
    }

    /// A name that already carries the login (the demo's supervisor) is not
    /// followed by it twice.
    @Test func aLoginIsNamedOnce() {
        let base = Team.worker("sup", open: 0, weight: 0)
        let state = wizard(alsoReceiving: [WorkerSummary(id: base.id, login: "sup", name: "Demo Supervisor (sup)", role: .supervisor,
                                                         employment: .permanent, startsOn: base.startsOn, endsOn: nil,
                                                         active: true, capacity: 20, openCases: 0, weight: 0)])
        let lines = screen.render(state).lines
        #expect(lines.contains { $0.contains("[ ] Demo Supervisor (sup) ") })
        #expect(!lines.contains { $0.contains("(sup) (sup)") })
    }

    @Test func thePreviewWarnsOfAReceiverFarPastCapacityAndEndsOnTheAgencyDate() {
        var state = wizard()
        _ = press([.character(" "), .enter], &state)
        _ = update(&state, .splitProposed([
            HandoverShare(login: "ben", capacity: 10, casesBefore: 20, weightBefore: 40,
                          cases: (1...5).map { CaseReference(year: 2026, number: $0).description }, weightAfter: 90),
        ]))
        let adjust = screen.render(state).lines
        #expect(adjust.contains { $0.hasPrefix("C-2026-00001") && $0.contains("→ ben") && $0.contains("was to ben") })
        #expect(adjust.contains { $0.hasPrefix("C-2026-00005") && $0.contains("level 3 inactive") })
        _ = press([.enter], &state)
        #expect(state.leaving?.step == .preview)
        let lines = screen.render(state).lines
        #expect(lines.contains { $0.hasPrefix("Ben (ben)") && $0.contains("20 → 24") && $0.contains("+1")
                                 && $0.contains("40 → 60") && $0.contains("400% → 600%") })
        let text = lines.joined(separator: " ")
        #expect(text.contains("Over capacity: ben goes from 400% to 600%"))
        #expect(lines.contains { $0.contains("[x] E  end amira on 31/03/2027 (their agency end date)") })
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 })
    }

    @Test func signingOffAndEndingStayConsistentSoTheConfirmCannotBeRefused() {
        var state = wizard()
        _ = press([.character("S")], &state)
        #expect(state.leaving?.signOffNow == false && state.leaving?.endWorker == false)
        #expect(state.message?.contains("can only be ended once the handovers are signed off") == true)
        _ = press([.character("E")], &state)
        #expect(state.leaving?.signOffNow == true && state.leaving?.endWorker == true)
    }
}
