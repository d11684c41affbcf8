import Testing
@testable import TerminalUI

@Suite struct TextAreaTests {
    private func typed(_ text: String, multiline: Bool = true, width: Int = 20) -> TextArea {
        var area = TextArea("", multiline: multiline)
        for c in text { _ = area.handle(c == "\n" ? .enter : .character(c), width: width) }
        return area
    }

    @Test func typingEnterAndBackspaceEditLines() {
        var area = typed("Mum rang\nabout it")
        #expect(area.text == "Mum rang\nabout it")
        for _ in 0..<8 { _ = area.handle(.backspace, width: 20) }
        #expect(area.text == "Mum rang\n")
        #expect(area.handle(.backspace, width: 20) == .changed)
        #expect(area.text == "Mum rang", "Backspace at the start of a line joins it to the one above")
    }

    @Test func aLineWrapsAtSpacesAndTheCursorFollowsTheWrap() {
        let area = typed("the quick brown fox jumps", width: 10)
        #expect(area.rows(width: 10).map(\.text) == ["the quick ", "brown fox ", "jumps"])
        #expect(area.cursorPosition(width: 10) == (row: 2, x: 5))
    }

    @Test func upAndDownMoveThroughWrappedRowsKeepingTheColumn() {
        var area = typed("the quick brown fox jumps", width: 10)
        #expect(area.handle(.up, width: 10) == .moved)
        #expect(area.cursorPosition(width: 10) == (row: 1, x: 5))
        _ = area.handle(.up, width: 10)
        #expect(area.cursorPosition(width: 10) == (row: 0, x: 5))
        #expect(area.handle(.up, width: 10) == .ignored, "Up on the first row belongs to the form")
        _ = area.handle(.character("X"), width: 10)
        #expect(area.text == "the qXuick brown fox jumps")
    }

    @Test func homeAndEndWorkOnTheShownRow() {
        var area = typed("the quick brown fox jumps", width: 10)
        _ = area.handle(.up, width: 10)
        _ = area.handle(.home, width: 10)
        _ = area.handle(.character(">"), width: 10)
        #expect(area.text == "the quick >brown fox jumps")
        _ = area.handle(.end, width: 10)
        #expect(area.cursorPosition(width: 10).row == 1)
    }

    @Test func aLongPasteKeepsEveryCharacterAndEveryRowFits() {
        let paragraph = String(repeating: "Annual review moved to Thursday; Mum wants the SENCO there. ", count: 40)
        let area = typed(paragraph + "\n" + paragraph, width: 57)
        #expect(area.text == paragraph + "\n" + paragraph)
        #expect(area.rows(width: 57).allSatisfy { DisplayWidth.of($0.text) <= 57 })
        #expect(area.rows(width: 57).count > 80)
    }

    @Test func wideCharactersWrapByDisplayWidth() {
        let area = typed("学校学校学校", width: 5)
        #expect(area.rows(width: 5).map(\.text) == ["学校", "学校", "学校"])
    }

    @Test func aOneLineFieldRefusesNewlinesAndControlCharacters() {
        var area = TextArea("Ben", multiline: false)
        #expect(area.handle(.enter, width: 20) == .ignored)
        #expect(area.handle(.character("\u{1B}"), width: 20) == .ignored)
        #expect(area.text == "Ben")
        #expect(TextArea("two\nlines").text == "two lines")
    }
}
