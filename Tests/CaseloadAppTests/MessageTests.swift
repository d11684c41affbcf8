import CaseloadCore
import Foundation
import Testing
import TerminalUI
@testable import CaseloadApp
@testable import CaseloadStore

/// What the bottom lines say: whole words, and keys rather than commands.
@Suite struct MessageTests {
    let update = Update(vocabulary: AppFixture.vocabulary)
    let screen = Screen(vocabulary: AppFixture.vocabulary)

    @Test func aLongMessageWrapsOntoASecondLineAt80Columns() {
        var state = AppFixture.loaded([AppFixture.row(1)])
        let text = "Recorded that the family of C-2026-00001 was told. The letter could not be written: the folder is"
            + " read-only. Put that right, then T on the case with the letter ticked writes it."
        _ = update(&state, .changed(text))
        let lines = screen.render(state).lines
        let shown = lines[21...23].map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(shown.joined(separator: " ") == text, "every word is shown, none cut")
        #expect(lines[2].hasPrefix("C-2026-00001"), "the list above stays")
    }

    @Test func aLongProblemInAFormWrapsToo() {
        var state = AppFixture.loaded([AppFixture.row(1)])
        _ = update(&state, .formReady(.contact(reference: "C-2026-00001"), draft: nil, workers: []))
        state.form?.saving = true
        let text = "The key date named is already met, missed or no longer needed; choose another or leave it empty (in the form, Meets key date)"
        _ = update(&state, .failed(text))
        let lines = screen.render(state).lines
        #expect(lines[21...22].map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") == text)
    }

    /// No message inside the front end sends the user to the shell: it says
    /// which key does it.
    @Test func noMessageTellsTheUserToRunAShellCommand() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/CaseloadApp")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        var offenders: [String] = []
        for case let url as URL in files where url.pathExtension == "swift" {
            for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                // A string literal naming a subcommand of the caseload binary.
                if line.range(of: #""[^"]*\bcaseload (case|contact|keydate|flag|letter|worker|handover|referral|search|init|demo)\b"#,
                              options: .regularExpression) != nil {
                    offenders.append(url.lastPathComponent + ": " + line.trimmingCharacters(in: .whitespaces))
                }
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }
}
