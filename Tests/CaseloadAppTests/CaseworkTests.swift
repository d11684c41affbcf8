import CaseloadCore
import Foundation
import Testing
import TerminalUI
@testable import CaseloadApp
@testable import CaseloadStore

/// Keys of the casework forms and questions, through `update`.
@Suite struct CaseworkTests {
    let update = Update(vocabulary: AppFixture.vocabulary)
    let screen = Screen(vocabulary: AppFixture.vocabulary)

    func press(_ keys: [Key], _ state: inout AppState) -> [Effect] {
        keys.flatMap { update(&state, .key($0)) }
    }

    func type(_ text: String) -> [Key] { text.map { $0 == "\n" ? Key.enter : Key.character($0) } }

    static func waiting(_ number: Int) -> CaseRow {
        let row = AppFixture.row(number)
        return CaseRow(id: row.id, reference: row.reference, child: row.child, dateOfBirth: row.dateOfBirth,
                       yearGroup: row.yearGroup, school: row.school, level: row.level, status: row.status,
                       workerLogin: row.workerLogin, workerName: row.workerName, openedOn: row.openedOn,
                       nextDueOn: row.nextDueOn, lastContactAt: row.lastContactAt, referralFlagged: false,
                       safeguarding: false, handoverPending: true, handedToYouAt: nil)
    }

    @Test func wOnACaseWithAHandoverWaitingAsksWhyAndWithdrawsIt() {
        var state = AppFixture.loaded([Self.waiting(4), AppFixture.row(5)])
        #expect(press([.character("W")], &state).isEmpty)
        #expect(screen.render(state).lines[23].hasPrefix("Why withdraw the handover of C-2026-00004? (recorded)"))
        #expect(press([.enter], &state).isEmpty, "a reason is needed")
        #expect(state.message == "Say why the handover is withdrawn (Esc leaves it waiting).")
        let effects = press(type("Mum asked to keep Amira") + [.enter], &state)
        #expect(effects == [.store(.withdrawHandover(reference: "C-2026-00004", reason: "Mum asked to keep Amira"))])

        _ = press([.character("j"), .character("W")], &state)
        #expect(state.prompt == nil && state.messageIsError, "nothing waits on C-2026-00005")
        #expect(state.message == "No handover is waiting on C-2026-00005 (a waiting one is marked H).")
    }
}
