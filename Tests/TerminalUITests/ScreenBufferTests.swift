import Testing
@testable import TerminalUI

@Suite struct ScreenBufferTests {
    @Test func wideCharactersTakeTwoCellsAndAreNeverSplitAtTheEdge() {
        var buffer = ScreenBuffer(width: 5, height: 1)
        let end = buffer.put("a李明", x: 0, y: 0)
        #expect(end == 5)
        #expect(buffer.lines == ["a李明"])
        #expect(buffer[2, 0].isContinuation)
        var narrow = ScreenBuffer(width: 4, height: 1)
        narrow.put("a李明", x: 0, y: 0)
        #expect(narrow.lines == ["a李"], "明 would straddle the edge, so it is left out")
    }

    @Test func combiningMarksStayWithTheirLetter() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        buffer.put("Zoe\u{0308}!", x: 0, y: 0)
        #expect(buffer[2, 0].text == "e\u{0308}")
        #expect(buffer[3, 0].text == "!")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = ScreenBuffer(width: 4, height: 1)
        buffer.put("李明", x: 0, y: 0)
        buffer.put("x", x: 1, y: 0)
        #expect(buffer.lines == [" x明"])
    }

    @Test func onlyChangedCellsAreSent() {
        var first = ScreenBuffer(width: 10, height: 3)
        first.put("hello", x: 0, y: 0)
        first.put("world", x: 0, y: 2)
        var second = first
        second.put("J", x: 0, y: 0)
        second.put("!", x: 5, y: 2)
        let changes = second.changes(since: first)
        #expect(changes.count == 2)
        #expect(changes[0].x == 0 && changes[0].y == 0 && changes[0].cells.map(\.text) == ["J"])
        #expect(changes[1].x == 5 && changes[1].y == 2 && changes[1].cells.map(\.text) == ["!"])
        #expect(second.changes(since: second).isEmpty)
        #expect(second.changes(since: nil).count == 3, "a first frame sends every row")
    }

    @Test func aChangeToTheRightHalfOfAWideCharacterResendsTheWholeCharacter() {
        var first = ScreenBuffer(width: 4, height: 1)
        first.put("李", x: 0, y: 0, style: .normal)
        var second = ScreenBuffer(width: 4, height: 1)
        second.put("李", x: 0, y: 0, style: .bold)
        let change = second.changes(since: first)
        #expect(change.first?.x == 0)
        #expect(change.first?.cells.count == 2)
    }

    @Test func wrappingBreaksAtSpacesAndInsideWordsOnlyWhenNeeded() {
        #expect(TextWrap.wrap("the quick brown fox", width: 10) == ["the quick", "brown fox"])
        #expect(TextWrap.wrap("abcdefghijkl", width: 5) == ["abcde", "fghij", "kl"])
        #expect(TextWrap.wrap("one\ntwo", width: 10) == ["one", "two"])
        #expect(TextWrap.wrap("李明李明李明", width: 5) == ["李明", "李明", "李明"])
    }
}

@Suite struct CommandTableTests {
    enum Action: Hashable, Sendable { case a, b, c }
    enum Place: Hashable, Sendable { case home, detail }
    enum Need: Hashable, Sendable { case selection }

    let table = CommandTable<Action, Place, Need>([
        .init(.a, name: "alpha", keys: [.character("a")], help: "Alpha", in: [.home], hint: true),
        .init(.b, name: "beta", keys: [.character("a"), .enter], help: "Beta", in: [.detail]),
        .init(.c, name: "bravo", keys: [.character("c")], help: "Bravo", in: [.home, .detail]),
    ])

    @Test func keysDispatchByPlace() {
        #expect(table.command(for: .character("a"), in: .home)?.action == .a)
        #expect(table.command(for: .character("a"), in: .detail)?.action == .b)
        #expect(table.command(for: .enter, in: .home) == nil)
    }

    @Test func namesMatchExactlyOrByAUniquePrefix() {
        #expect(table.command(named: "alpha", in: .home)?.action == .a)
        #expect(table.command(named: "br", in: .detail)?.action == .c)
        #expect(table.command(named: "b", in: .detail) == nil, "beta and bravo both begin with b")
    }

    @Test func hintsComeFromTheTable() {
        #expect(table.hints(in: .home).map(\.0) == ["a"])
    }
}
