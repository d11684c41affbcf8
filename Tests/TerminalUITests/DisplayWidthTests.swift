import Testing
@testable import TerminalUI

@Suite struct DisplayWidthTests {
    @Test func asciiIsOneColumnEach() {
        #expect(DisplayWidth.of("Caseload") == 8)
    }

    @Test func combiningMarksTakeNoColumn() {
        // "Zoë" written with a combining diaeresis is still three columns.
        #expect(DisplayWidth.of("Zoe\u{0308}") == 3)
        #expect(DisplayWidth.of("Nguyễn") == 6)
    }

    @Test func eastAsianAndEmojiTakeTwo() {
        #expect(DisplayWidth.of("李明") == 4)
        #expect(DisplayWidth.of("🙂") == 2)
        #expect(DisplayWidth.of("a😀b") == 4)
    }

    @Test func arabicScriptIsOneColumnPerLetter() {
        #expect(DisplayWidth.of("مريم") == 4)
    }

    @Test func truncateCutsAtCharacterBoundariesWithAnEllipsis() {
        #expect(DisplayWidth.truncate("Wiktoria Kowalczyk", to: 10) == "Wiktoria …")
        // A wide character that would straddle the edge is left out whole.
        #expect(DisplayWidth.truncate("李明李明", to: 4) == "李…")
        #expect(DisplayWidth.of(DisplayWidth.truncate("李明李明", to: 4)) == 3)
        #expect(DisplayWidth.truncate("Zoe\u{0308} Ali", to: 4) == "Zoe\u{0308}…")
        #expect(DisplayWidth.truncate("short", to: 10) == "short")
    }

    @Test func padFillsToExactWidth() {
        #expect(DisplayWidth.of(DisplayWidth.pad("李明", to: 7)) == 7)
        #expect(DisplayWidth.pad("ab", to: 4) == "ab  ")
    }
}
