import CaseloadCore
import Foundation
import Testing
import TerminalUI
@testable import CaseloadApp
@testable import CaseloadStore

/// Closing from the case file asks the family's three feedback questions,
/// and the closed case's file shows the answers at 80 columns.
@Suite struct ClosureFormTests {
    let update = Update(vocabulary: AppFixture.vocabulary)
    let screen = Screen(vocabulary: AppFixture.vocabulary)

    func press(_ keys: [Key], _ state: inout AppState) -> [Effect] { keys.flatMap { update(&state, .key($0)) } }
    func type(_ text: String) -> [Key] { text.map { Key.character($0) } }

    func caseFile(_ json: String = UpdateTests.minimalDetail) throws -> AppState {
        var state = AppFixture.loaded([AppFixture.row(1)], height: 40)
        let detail = try JSONDecoder.caseload.decode(CaseDetail.self, from: Data(json.utf8))
        _ = update(&state, .caseLoaded(detail, refresh: false))
        return state
    }

    @Test func theCloseFormAsksTheThreeQuestionsNotAskedUnlessAnswered() throws {
        var state = try caseFile()
        _ = press([.character("X")], &state)
        _ = update(&state, .formReady(.closeCase(reference: "C-2026-00001"), draft: nil, workers: []))
        let form = try #require(state.form)
        #expect(form.fields.map(\.id) == ["reason", "outcome", "useful", "helped", "recommend"])
        for question in FeedbackQuestion.allCases {
            #expect(form.value(question.rawValue) == "not-asked")
            #expect(form[question.rawValue]?.options.map(\.label) == ["Yes", "No", "Not asked", "Declined"])
        }
        let shown = screen.render(state).lines
        #expect(shown.contains { $0.hasPrefix("  Information useful  Not asked") })
        #expect(shown.contains { $0.hasPrefix("  Would recommend     Not asked") })

        let reason = try #require(AppFixture.vocabulary.closureReasons.current.first)
        _ = press(type(reason.label.lowercased()) + [.enter, .tab], &state)
        #expect(state.form?.focused.id == "useful")
        #expect(screen.render(state).lines.contains { $0.contains("Was the information useful?") },
                "the help line asks the question in full")
        _ = press(type("yes") + [.enter] + type("decl") + [.enter], &state)
        #expect(state.form?.focused.id == "recommend")
        #expect(press([.function(2)], &state).compactMap(\.saving)
                == [.closeCase(reference: "C-2026-00001", reason: reason.id, outcome: nil,
                               feedback: ClosureFeedback(useful: .yes, helped: .declined, recommend: .notAsked))])
    }

    @Test func aClosedCaseFileShowsTheClosureAndTheFeedbackWithin80Columns() throws {
        let closed = UpdateTests.minimalDetail.replacingOccurrences(of: #""status":"open","level":3"#, with: """
            "status":"closed","level":3,"closedOn":"2026-11-21","closureReason":"resolved",
            "outcome":"Plan issued naming the school the family asked for, after mediation and a second meeting with the SENCo.",
            "feedback":{"useful":"yes","helped":"no","recommend":"declined"}
            """)
        let state = try caseFile(closed)
        let lines = screen.render(state).lines
        let label = AppFixture.vocabulary.closureReasons.label("resolved")
        #expect(lines[2] == "Worker: Amira Khan (amira) · Opened 05/01/2026")
        #expect(lines.contains("Closed 21/11/2026: \(label)"))
        let outcome = try #require(lines.firstIndex { $0.hasPrefix("Outcome: Plan issued naming the school") })
        #expect(lines[outcome + 1] == "a second meeting with the SENCo.", "a long outcome wraps, never cut")
        let feedback = try #require(lines.firstIndex { $0.hasPrefix("Feedback at closure:") })
        #expect(Array(lines[(feedback + 1)...(feedback + 3)]).map { $0.trimmingCharacters(in: .whitespaces) } == [
            "Was the information useful?       Yes",
            "Did the support help?             No",
            "Would you recommend the service?  Declined",
        ])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 })
    }
}
