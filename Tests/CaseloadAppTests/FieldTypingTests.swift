import CaseloadCore
import Foundation
import Testing
import TerminalUI
@testable import CaseloadApp
@testable import CaseloadStore

/// What typing into a form's fields does: a picker only filters until a
/// choice is made; a pre-filled value is typed over.
@Suite struct FieldTypingTests {
    let update = Update(vocabulary: AppFixture.vocabulary)
    let screen = Screen(vocabulary: AppFixture.vocabulary)

    private func press(_ keys: [Key], _ state: inout AppState) -> [Effect] {
        keys.flatMap { update(&state, .key($0)) }
    }

    private func type(_ text: String) -> [Key] { text.map { Key.character($0) } }

    private func contactForm() -> AppState { AppFixture.contactForm() }

    private func focus(_ id: String, _ state: inout AppState) {
        while state.form?.focused.id != id { _ = press([.tab], &state) }
    }

    @Test func aPickerNeverChoosesByItself() {
        var state = contactForm()
        focus("keyDateRule", &state)
        _ = press(type("y"), &state)
        #expect(state.form?.value("keyDateRule") == "", "the first letter only filters")
        _ = press(type("esterday"), &state)
        #expect(state.form?.value("keyDateRule") == "")
        #expect(screen.render(state).lines.contains { $0.contains("nothing matches; Backspace widens the list") })
        _ = press([.enter], &state)
        #expect(state.form?.value("keyDateRule") == "", "Enter on nothing chooses nothing")
        #expect(state.form?.errors["keyDateRule"] == "Nothing matches “yesterday”, so nothing was chosen from it.")
        _ = press([.backTab] + type("plan"), &state)
        #expect(state.form?.value("keyDateRule") == "")
        _ = press([.tab], &state)
        #expect(state.form?.errors["keyDateRule"] == "“plan” chose nothing: type, then ↑ ↓ or Enter to choose.")
        _ = press([.backTab] + type("annual review") + [.enter], &state)
        #expect(state.form?.value("keyDateRule") != "", "Enter chooses what is highlighted")
        #expect(state.form?.errors["keyDateRule"] == nil)
    }

    @Test func typingIntoAPrefilledFieldReplacesIt() {
        var state = contactForm()
        focus("at", &state)
        #expect(state.form?.value("at") == "12:00")
        _ = press(type("15:30"), &state)
        #expect(state.form?.value("at") == "15:30", "not 12:0015:30")
        _ = press(type("1"), &state)
        #expect(state.form?.value("at") == "15:301", "once typed in, it is edited as usual")
        _ = press([.backTab], &state)
        #expect(state.form?.value("when") == "today")
        _ = press(type("1/11/26"), &state)
        #expect(state.form?.value("when") == "1/11/26")
        #expect(screen.render(state).lines.contains { $0.contains("→ Sunday 01/11/2026") }, "d/m/yy is a date")
    }

    @Test func anArrowFirstLetsThePrefilledValueBeEdited() {
        var state = contactForm()
        focus("at", &state)
        _ = press([.backspace] + type("5"), &state)
        #expect(state.form?.value("at") == "12:05")
        focus("when", &state)
        _ = press([.home] + type("yester"), &state)
        #expect(state.form?.value("when") == "yestertoday")
    }

    @Test func aCorrectionsTimeIsTypedOverButADraftIsEdited() {
        var state = AppFixture.loaded([AppFixture.row(9)], height: 40)
        let purpose = FormPurpose.amend(reference: "C-2026-00009", contactId: "k1", original: "20/11/2026 10:15 Rang")
        _ = update(&state, .formReady(purpose, draft: nil, workers: [], prefill: ["at": "10:15", "summary": "Rang"]))
        focus("at", &state)
        _ = press(type("10:45"), &state)
        #expect(state.form?.value("at") == "10:45")
        let draft = Draft(kind: purpose.draftKind, reference: "C-2026-00009", fields: ["at": "09:00"], updatedAt: AppFixture.now)
        _ = update(&state, .formReady(purpose, draft: draft, workers: [], prefill: ["at": "10:15", "summary": "Rang"]))
        focus("at", &state)
        _ = press(type("5"), &state)
        #expect(state.form?.value("at") == "09:005", "what was typed before is carried on, not replaced")
    }
}
