import CaseloadCore
import Foundation
import Testing
import TerminalUI
@testable import CaseloadApp
@testable import CaseloadStore

@Suite struct HelpTests {
    let update = Update(vocabulary: AppFixture.vocabulary)
    let screen = Screen(vocabulary: AppFixture.vocabulary)

    /// Every line of the help as drawn at 80×24, scrolling to its end.
    private func everyLine(supervisor: Bool) -> [String] {
        var state = AppFixture.loaded([AppFixture.row(1)], supervisor: supervisor)
        _ = update(&state, .key(.character("?")))
        var seen: [String] = []
        for _ in 0..<40 {
            seen += screen.render(state).lines[1...21]
            _ = update(&state, .key(.pageDown))
        }
        return seen
    }

    @Test func keysAndCommandNamesAreNeverCutAt80Columns() {
        let lines = everyLine(supervisor: true)
        #expect(!lines.contains { $0.contains("…") }, "nothing is cut")
        for command in commandTable.commands {
            #expect(lines.contains { $0.contains(command.keyLabels) && $0.contains(":" + command.name) },
                    "\(command.keyLabels) :\(command.name)")
        }
    }

    @Test func aCaseworkersHelpListsOnlyWhatTheyCanDo() {
        let text = everyLine(supervisor: false).joined(separator: "\n")
        for command in commandTable.commands where command.needs.contains(.supervisor) {
            #expect(!text.contains(":" + command.name + " "), ":\(command.name)")
        }
        #expect(!text.contains("Needs my attention") && !text.contains("A worker is leaving"))
        #expect(text.contains(":contact") && text.contains(":handover"))
        #expect(everyLine(supervisor: true).joined(separator: "\n").contains(":reassign"))
    }
}
