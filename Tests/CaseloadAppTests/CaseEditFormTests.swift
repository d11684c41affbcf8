import CaseloadCore
import Foundation
import Testing
import TerminalUI
@testable import CaseloadApp
@testable import CaseloadStore

/// `E` in a case file: a form that starts from what the case holds and
/// sends the store only what was changed, with the reason a level needs.
@Suite struct CaseEditFormTests {
    let update = Update(vocabulary: AppFixture.vocabulary)

    func press(_ keys: [Key], _ state: inout AppState) -> [Effect] { keys.flatMap { update(&state, .key($0)) } }
    func type(_ text: String) -> [Key] { text.map { Key.character($0) } }

    func editForm() throws -> AppState {
        var state = AppFixture.loaded([AppFixture.row(1)], height: 40)
        let detail = try JSONDecoder.caseload.decode(CaseDetail.self, from: Data(UpdateTests.minimalDetail.utf8))
        _ = update(&state, .caseLoaded(detail, refresh: false))
        #expect(press([.character("E")], &state) == [.store(.prepareForm(.editCase(reference: "C-2026-00001")))])
        _ = update(&state, .formReady(.editCase(reference: "C-2026-00001"), draft: nil, workers: []))
        return state
    }

    @Test func theFormStartsFromTheCaseAndSendsOnlyWhatChanged() throws {
        var state = try editForm()
        #expect(state.form?.value("level") == "3" && state.form?.value("status") == "open")
        #expect(state.form?.value("issues") == "exclusion")
        _ = press(type("4") + [.enter], &state)
        let refused = press([.function(2)], &state).compactMap(\.saving)
        #expect(refused.isEmpty && state.form?.errors["reason"] != nil, "a change of level needs a reason")
        #expect(state.form?.focused.id == "reason", "the field to put right has the focus")
        _ = press(type("Appeal lodged") + [.tab] + type("Kings Heath Primary"), &state)
        let saved = press([.function(2)], &state).compactMap(\.saving)
        var edit = CaseEdit()
        edit.level = .tribunal
        edit.reason = "Appeal lodged"
        edit.school = "Kings Heath Primary"
        #expect(saved == [.editCase(reference: "C-2026-00001", edit: edit)])
    }

    @Test func nothingChangedIsSaidAndNothingIsSent() throws {
        var state = try editForm()
        #expect(press([.function(2)], &state).compactMap(\.saving).isEmpty)
        #expect(state.form?.errors["level"]?.hasPrefix("Nothing has changed") == true)
    }

    @Test func aClosedCaseIsReopenedBeforeItIsEdited() throws {
        var state = AppFixture.loaded([AppFixture.row(1)], height: 40)
        let closed = UpdateTests.minimalDetail.replacingOccurrences(of: #""status":"open""#,
                                                                    with: #""status":"closed","closedOn":"2026-11-30""#)
        _ = update(&state, .caseLoaded(try JSONDecoder.caseload.decode(CaseDetail.self, from: Data(closed.utf8)), refresh: false))
        #expect(press([.character("E")], &state).isEmpty)
        #expect(state.message == "C-2026-00001 is closed; R reopens it, then E edits it.")
    }
}
