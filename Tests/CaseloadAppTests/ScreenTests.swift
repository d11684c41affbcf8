import CaseloadCore
import Foundation
import Testing
import TerminalUI
@testable import CaseloadApp
@testable import CaseloadStore

@Suite struct ScreenTests {
    let screen = Screen(vocabulary: AppFixture.vocabulary)

    private func picture(_ state: AppState) -> [String] { screen.render(state).lines }

    @Test func theCaseloadAt80x24() throws {
        let today = AppFixture.today
        let state = try AppFixture.loaded([
            AppFixture.row(1, child: "Zoë Nguyễn", due: today.adding(days: -3), flagged: true),
            AppFixture.row(2, child: "李明 Wang", due: today.adding(days: 5), school: "St Aelred's Catholic Sixth Form College"),
            AppFixture.row(3, child: "Zoe\u{0308} Combining", due: today.adding(days: 30)),
            AppFixture.row(4, child: "Evil \u{1B}[2J\u{1B}]0;pwned\u{07} Name", due: nil, school: nil),
        ])
        let lines = picture(state)
        #expect(lines.count == 24)
        #expect(Array(lines.prefix(6)) == [
            " Caseload · Northbridge SENDIASS                        Amira Khan (caseworker)",
            "REFERENCE    CHILD OR YOUNG… AGE/YR  SCHOOL        LV NEXT KEY DATE    LAST  !",
            "C-2026-00001 Zoë Nguyễn      Yr 6    Elmfield Pri… 3  20/11/2026 -3d   3d    F",
            "C-2026-00002 李明 Wang       Yr 6    St Aelred's … 3  28/11/2026 +5d   3d",
            "C-2026-00003 Zoë Combining   Yr 6    Elmfield Pri… 3  23/12/2026 +30d  3d",
            "C-2026-00004 Evil ^[[2J^[]0… Yr 6                  3                   3d",
        ])
        #expect(lines[22] == " My caseload · 1 of 4 · sort: next key date")
        #expect(lines[23] == "q quit  Enter open  l limit  / search  s sort  c contact  f flag  ? help")
        // Every row spans exactly the width, whatever its script.
        let buffer = screen.render(state)
        for y in 0..<24 {
            let width = (0..<80).reduce(0) { $0 + (buffer[$1, y].isContinuation ? 0 : DisplayWidth.of(buffer[$1, y].text)) }
                + (0..<80).filter { buffer[$0, y].isContinuation }.count
            #expect(width == 80 + (0..<80).filter { buffer[$0, y].isContinuation }.count)
        }
        // No control character reaches the frame.
        #expect(!buffer.cells.contains { $0.text.unicodeScalars.contains { $0.value < 0x20 } })
    }

    /// Where the NEXT KEY DATE column starts.
    private func nextKeyDateColumn(_ buffer: ScreenBuffer) -> Int? {
        let heading = buffer.lines[1]
        guard let range = heading.range(of: "NEXT KEY DATE") else { return nil }
        return DisplayWidth.of(String(heading[..<range.lowerBound]))
    }

    /// A case handed to me sits in my caseload, marked with who handed it
    /// and when, at 80 columns and in full on a wider terminal.
    @Test func aCaseHandedToMeIsMarkedWithWhoAndWhen() {
        let handedAt = AppFixture.now.addingTimeInterval(-2 * 86_400)
        let rows = [AppFixture.row(1, worker: "amira"), AppFixture.row(2, worker: "ben", handedToYouAt: handedAt)]
        let narrow = picture(AppFixture.loaded(rows))
        #expect(narrow[3].hasPrefix("C-2026-00002 Zoë Nguyễn      Yr 6    ⇢ben 21/11    3 "))
        #expect(narrow[3].hasSuffix("H"))
        #expect(narrow[2].contains("Elmfield Pri…"))
        let long = picture(AppFixture.loaded([AppFixture.row(2, worker: "tashworth", handedToYouAt: handedAt)]))
        #expect(long[2].contains("⇢21/11 tashw… "))
        let wide = picture(AppFixture.loaded(rows, width: 120, height: 36))
        #expect(wide[3].contains("to accept: from ben on 21/11/2026"))
    }

    /// An inactive case stays on the caseload, marked where its school was,
    /// its key date still coloured; in a list of every status it has the
    /// status column instead. Each fits 80 columns.
    @Test func anInactiveCaseIsMarkedOnTheCaseload() throws {
        let today = AppFixture.today
        let rows = [AppFixture.row(1, due: try today.adding(days: 5)),
                    AppFixture.row(2, due: try today.adding(days: -3), school: "Elmfield Primary School", status: .inactive),
                    AppFixture.row(3, due: nil, school: nil, status: .inactive)]
        let state = AppFixture.loaded(rows)
        let mine = picture(state)
        #expect(mine[1] == "REFERENCE    CHILD OR YOUNG… AGE/YR  SCHOOL        LV NEXT KEY DATE    LAST  !")
        #expect(mine[2] == "C-2026-00001 Zoë Nguyễn      Yr 6    Elmfield Pri… 3  28/11/2026 +5d   3d")
        #expect(mine[3] == "C-2026-00002 Zoë Nguyễn      Yr 6    inactive      3  20/11/2026 -3d   3d")
        #expect(mine[4].hasPrefix("C-2026-00003 Zoë Nguyễn      Yr 6    inactive      3                   3d"))
        let buffer = screen.render(state)
        let due = try #require(nextKeyDateColumn(buffer))
        #expect(buffer[due, 3].style.foreground == .red, "an inactive case's key date is still tracked")
        #expect(buffer[38, 3].style == Theme(colour: true).quiet)
        // Wider, the school follows the marker; everyone's list, narrower, shortens it.
        let wide = picture(AppFixture.loaded(rows, width: 120, height: 30))
        #expect(wide[3].contains("inactive · Elmfield Primary School "))
        var everyone = AppFixture.loaded(rows, supervisor: true)
        everyone.query.scope = .all
        let all = picture(everyone)
        #expect(all[3].contains(" inact. ") && all[2].contains(" Elmfie… "))
        // Every status: the STATUS column says which, and no marker is needed.
        var any = AppFixture.loaded(rows)
        any.query.filter = try CaseFilter.parse("status:any")
        let listed = picture(any)
        #expect(listed[1].contains("STATUS") && listed[3].contains("inactive") && !listed[3].contains("inactive ·"))
        #expect(listed[3].contains("Elmfield"))
        for lines in [mine, all, listed] { #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 }) }
    }

    @Test func overdueIsRedSoonIsYellowAndTheSelectionIsReversed() throws {
        let today = AppFixture.today
        let state = try AppFixture.loaded([AppFixture.row(1, due: today.adding(days: -3)), AppFixture.row(2, due: today.adding(days: 5)),
                                       AppFixture.row(3, due: today.adding(days: 30))])
        let buffer = screen.render(state)
        let due = try #require(nextKeyDateColumn(buffer))
        #expect(buffer[due, 2].style.foreground == .red)
        #expect(buffer[due, 2].style.reverse, "the first row is selected")
        #expect(buffer[due, 3].style.foreground == .yellow)
        #expect(buffer[due, 4].style.foreground == nil)
    }

    @Test func withoutColourTheMeaningIsCarriedByAttributes() throws {
        var state = try AppFixture.loaded([AppFixture.row(1, due: AppFixture.today.adding(days: -3)),
                                       AppFixture.row(2, due: AppFixture.today.adding(days: 5))])
        state.colour = false
        let buffer = screen.render(state)
        #expect(!buffer.cells.contains { $0.style.foreground != nil || $0.style.background != nil })
        let due = try #require(nextKeyDateColumn(buffer))
        #expect(buffer[due, 2].style.bold)
        #expect(buffer[due, 3].style.underline)
    }

    @Test func aWindowTooSmallSaysSoInsteadOfDrawingGarbage() {
        let state = AppFixture.loaded([AppFixture.row(1)], width: 60, height: 20)
        let lines = picture(state).filter { !$0.isEmpty }
        #expect(lines == [
            "                 Please enlarge the window:",
            "               Caseload needs at least 80×24",
            "                     (it is 60×20 now).",
            "                          q quits.",
        ])
    }

    @Test func thePromptShowsOnTheBottomLineWithTheCursorInIt() {
        var state = AppFixture.loaded([AppFixture.row(1)])
        let update = Update(vocabulary: AppFixture.vocabulary)
        _ = update(&state, .key(.character("l")))
        for c in "level:3" { _ = update(&state, .key(.character(c))) }
        #expect(picture(state)[23] == "Limit: level:3")
        #expect(screen.cursor(state)! == (x: 14, y: 23))
    }

    @Test func theCaseFileShowsPeopleAndTheTimelineWithTheSelectedEntryExpanded() throws {
        var state = AppFixture.loaded([AppFixture.row(1)])
        let update = Update(vocabulary: AppFixture.vocabulary)
        let detail = try JSONDecoder.caseload.decode(CaseDetail.self, from: Data(UpdateTests.minimalDetail.utf8))
        _ = update(&state, .caseLoaded(detail, refresh: false))
        let before = picture(state)
        #expect(before[1] == "C-2026-00001  Zoë Nguyễn  open, level 3 casework and advocacy")
        #expect(before[2] == "Worker: Amira Khan (amira) · Opened 05/01/2026")
        #expect(before[3] == "Issues: Exclusion or suspension")
        #expect(before.contains("  Child        Zoë Nguyễn, born 03/04/2015 (age 11)"))
        #expect(before.contains { $0.hasPrefix("▸ 20/11/2026 10:15  Phone call in (amira, 20 min)  Mum rang about the exclusion.") })
        _ = update(&state, .key(.enter))
        let lines = picture(state)
        let entry = try #require(lines.firstIndex { $0.hasPrefix("▾ 20/11/2026 10:15  Phone call in (amira, 20 min)") })
        #expect(lines[entry + 1] == "      Mum rang about the exclusion.")
        #expect(lines[entry + 2] == "      She has the letter.")
        #expect(lines[22] == " C-2026-00001 · entry 1 of 1")
    }

    @Test func helpIsGeneratedFromTheCommandTable() {
        var state = AppFixture.loaded([AppFixture.row(1)])
        _ = Update(vocabulary: AppFixture.vocabulary)(&state, .key(.character("?")))
        let text = picture(state).joined(separator: "\n")
        #expect(text.contains("Caseload"))
        #expect(text.contains(":limit"))
        #expect(text.range(of: #"q Ctrl-C +:quit +Quit Caseload"#, options: .regularExpression) != nil)
    }
}
