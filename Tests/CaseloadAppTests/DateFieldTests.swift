import CaseloadCore
import Foundation
import Testing
import TerminalUI
@testable import CaseloadApp

/// A date field refuses a date outside the range that makes sense for it,
/// beside the field, before anything is saved.
@Suite struct DateFieldTests {
    let update = Update(vocabulary: AppFixture.vocabulary)

    private func press(_ keys: [Key], _ state: inout AppState) -> [Effect] {
        keys.flatMap { update(&state, .key($0)) }
    }

    private func type(_ text: String) -> [Key] { text.map { $0 == "\n" ? Key.enter : Key.character($0) } }

    private func contactForm() -> AppState {
        var state = AppFixture.loaded([AppFixture.row(9)], height: 40)
        _ = press([.character("c")], &state)
        _ = update(&state, .formReady(.contact(reference: "C-2026-00009"), draft: nil, workers: []))
        return state
    }

    /// Tabs to a field and types over what it holds.
    private func fill(_ id: String, _ text: String, _ state: inout AppState) {
        var tabs = 0
        while state.form?.focused.id != id, tabs < 30 {
            _ = press([.tab], &state)
            tabs += 1
        }
        _ = press([.control("u")] + type(text), &state)
    }

    @Test func aFollowUpOrAKeyEventOutsideTheYearsACaseLooksToIsRefusedBesideIt() {
        var state = contactForm()
        _ = press(type("phone-in") + [.enter], &state)
        fill("summary", "Mum rang.", &state)
        fill("followUp", "Ring back", &state)
        fill("followUpDue", "31/12/9999", &state)
        fill("keyDateRule", "decision-letter", &state)
        _ = press([.enter], &state)
        fill("keyDateFrom", "01/01/1900", &state)
        #expect(press([.function(2)], &state).isEmpty, "nothing is saved")
        #expect(state.form?.errors["followUpDue"]
                == "the follow-up date 31/12/9999 is after 31/12/2100; give a date from 01/01/1990 to 31/12/2100, checking the year")
        #expect(state.form?.errors["keyDateFrom"]
                == "the event's date 01/01/1900 is before 01/01/1990; give a date from 01/01/1990 to 31/12/2100, checking the year")
    }

    @Test func aContactDatedBefore1990IsRefusedBesideItsDate() {
        var state = contactForm()
        _ = press(type("phone-in") + [.enter], &state)
        fill("when", "03/12/1989", &state)
        fill("summary", "Mum rang.", &state)
        #expect(press([.function(2)], &state).isEmpty)
        #expect(state.form?.errors["when"]
                == "the date 03/12/1989 is before 01/01/1990; give a date from 01/01/1990 to today, checking the year")
    }
}
