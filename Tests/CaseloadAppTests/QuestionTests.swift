import CaseloadCore
import Foundation
import Testing
import TerminalUI
@testable import CaseloadApp
@testable import CaseloadStore

/// The questions asked on the bottom line, and what they take for an answer.
@Suite struct QuestionTests {
    let update = Update(vocabulary: AppFixture.vocabulary)

    private func press(_ keys: [Key], _ state: inout AppState) -> [Effect] {
        keys.flatMap { update(&state, .key($0)) }
    }

    /// The safeguarding question and a supervisor's "are you sure" answer
    /// alike: one key, y or n; Esc backs out; any other key asks again.
    @Test func everyYesOrNoQuestionAnswersToYOrN() {
        var state = AppFixture.loaded([AppFixture.row(1)])
        _ = press([.character("f")], &state)
        #expect(press([.character("x")], &state).isEmpty)
        #expect(state.prompt?.kind == .atRisk(reference: "C-2026-00001") && state.messageIsError)
        #expect(press([.character("n")], &state) == [.store(.prepareForm(.flag(reference: "C-2026-00001")))])
        #expect(state.prompt == nil)
        _ = press([.character("f")], &state)
        #expect(press([.character("Y")], &state) == [.store(.prepareForm(.safeguarding(reference: "C-2026-00001")))])
        _ = press([.character("f"), .escape], &state)
        #expect(state.prompt == nil && state.message == "Nothing flagged.")
        state.prompt = .init(kind: .confirm(question: "Sure?", then: .store(.loadTeam)), editor: LineEditor())
        #expect(press([.character("y")], &state) == [.store(.loadTeam)], "no Enter needed")
        state.prompt = .init(kind: .confirm(question: "Sure?", then: .store(.loadTeam)), editor: LineEditor())
        #expect(press([.character("n")], &state).isEmpty && state.message == "Nothing done.")
    }
}
