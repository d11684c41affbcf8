/// Text being typed in a form field: one line or many, with a cursor that
/// moves through the text as it is shown, word-wrapped to a width.
public struct TextArea: Equatable, Sendable {
    /// Logical lines, split at the newlines typed (or pasted).
    public private(set) var lines: [[Character]]
    public private(set) var row = 0
    public private(set) var column = 0
    public let multiline: Bool
    /// The column Up and Down try to keep, so moving through a short line
    /// does not lose the place.
    private var goal: Int?

    public init(_ text: String = "", multiline: Bool = false) {
        self.multiline = multiline
        let parts = multiline ? text.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
                              : [text.map { $0 == "\n" ? " " : $0 }]
        lines = parts.isEmpty ? [[]] : parts
        row = lines.count - 1
        column = lines[row].count
    }

    public var text: String { lines.map { String($0) }.joined(separator: "\n") }
    public var isEmpty: Bool { lines.count == 1 && lines[0].isEmpty }

    public enum Outcome: Equatable, Sendable {
        /// The key changed the text.
        case changed
        /// The key moved the cursor or did nothing.
        case moved
        /// The key is not the text's: Up on the first row, Enter on one line ...
        case ignored
    }

    /// Handles a key; `width` is the wrap width the text is shown at.
    public mutating func handle(_ key: Key, width: Int) -> Outcome {
        switch key {
        case .character(let c):
            // Pasted text brings its own line breaks and tabs; a one-line
            // field takes them as spaces.
            if c == "\n" || c == "\r" || c == "\r\n" { return multiline ? newline() : insert(" ") }
            if c == "\t" { return insert(" ") }
            guard !c.unicodeScalars.contains(where: Self.isControl) else { return .ignored }
            return insert(c)
        case .enter:
            return multiline ? newline() : .ignored
        case .backspace, .control("h"):
            goal = nil
            if column > 0 {
                lines[row].remove(at: column - 1)
                column -= 1
            } else if row > 0 {
                column = lines[row - 1].count
                lines[row - 1] += lines.remove(at: row)
                row -= 1
            } else {
                return .moved
            }
            return .changed
        case .delete, .control("d"):
            goal = nil
            if column < lines[row].count {
                lines[row].remove(at: column)
            } else if row + 1 < lines.count {
                lines[row] += lines.remove(at: row + 1)
            } else {
                return .moved
            }
            return .changed
        case .left, .control("b"):
            goal = nil
            if column > 0 { column -= 1 } else if row > 0 { row -= 1; column = lines[row].count }
            return .moved
        case .right, .control("f"):
            goal = nil
            if column < lines[row].count { column += 1 } else if row + 1 < lines.count { row += 1; column = 0 }
            return .moved
        case .home, .control("a"):
            goal = nil
            column = rowStart(width: width)
            return .moved
        case .end:
            goal = nil
            column = rowEnd(width: width)
            return .moved
        case .control("k"):
            goal = nil
            if column < lines[row].count {
                lines[row].removeSubrange(column...)
            } else if row + 1 < lines.count {
                lines[row] += lines.remove(at: row + 1)
            } else {
                return .moved
            }
            return .changed
        case .control("u"):
            guard !isEmpty else { return .moved }
            self = TextArea("", multiline: multiline)
            return .changed
        case .up:
            return verticalMove(-1, width: width)
        case .down:
            return verticalMove(1, width: width)
        default:
            return .ignored
        }
    }

    public mutating func replace(with text: String) {
        self = TextArea(text, multiline: multiline)
    }

    // MARK: Showing it

    /// The text as shown: wrapped rows, each with where it starts.
    public func rows(width: Int) -> [(line: Int, start: Int, text: String)] {
        var result: [(Int, Int, String)] = []
        for (index, line) in lines.enumerated() {
            let starts = Self.rowStarts(line, width: width)
            for (n, start) in starts.enumerated() {
                let end = n + 1 < starts.count ? starts[n + 1] : line.count
                result.append((index, start, String(line[start..<end])))
            }
        }
        return result
    }

    /// Where the cursor is among `rows(width:)`: the row and the display column.
    public func cursorPosition(width: Int) -> (row: Int, x: Int) {
        var visual = 0
        for index in 0..<row { visual += Self.rowStarts(lines[index], width: width).count }
        let starts = Self.rowStarts(lines[row], width: width)
        let n = Self.rowIndex(of: column, in: starts)
        let x = DisplayWidth.of(String(lines[row][starts[n]..<column]))
        return (visual + n, x)
    }

    // MARK: Editing

    private mutating func insert(_ c: Character) -> Outcome {
        goal = nil
        lines[row].insert(c, at: column)
        column += 1
        return .changed
    }

    private mutating func newline() -> Outcome {
        guard multiline else { return .ignored }
        goal = nil
        let rest = Array(lines[row][column...])
        lines[row].removeSubrange(column...)
        lines.insert(rest, at: row + 1)
        row += 1
        column = 0
        return .changed
    }

    private mutating func verticalMove(_ step: Int, width: Int) -> Outcome {
        let starts = Self.rowStarts(lines[row], width: width)
        let n = Self.rowIndex(of: column, in: starts)
        let x = goal ?? DisplayWidth.of(String(lines[row][starts[n]..<column]))
        var targetLine = row, targetRow = n + step
        if targetRow < 0 {
            guard row > 0 else { return .ignored }
            targetLine = row - 1
            targetRow = Self.rowStarts(lines[targetLine], width: width).count - 1
        } else if targetRow >= starts.count {
            guard row + 1 < lines.count else { return .ignored }
            targetLine = row + 1
            targetRow = 0
        }
        let targetStarts = Self.rowStarts(lines[targetLine], width: width)
        let start = targetStarts[targetRow]
        let end = targetRow + 1 < targetStarts.count ? targetStarts[targetRow + 1] : lines[targetLine].count
        var col = start, used = 0
        while col < end {
            let w = DisplayWidth.of(lines[targetLine][col])
            if used + w > x { break }
            used += w
            col += 1
        }
        // The last character of a wrapped row is where the next row starts.
        if col == end, targetRow + 1 < targetStarts.count, col > start { col -= 1 }
        row = targetLine
        column = col
        goal = x
        return .moved
    }

    private func rowStart(width: Int) -> Int {
        let starts = Self.rowStarts(lines[row], width: width)
        return starts[Self.rowIndex(of: column, in: starts)]
    }

    private func rowEnd(width: Int) -> Int {
        let starts = Self.rowStarts(lines[row], width: width)
        let n = Self.rowIndex(of: column, in: starts)
        return n + 1 < starts.count ? starts[n + 1] - 1 : lines[row].count
    }

    /// Word wrap of one logical line: the index where each shown row starts.
    /// Breaks after a space where it can, inside a word only when it must.
    static func rowStarts(_ line: [Character], width: Int) -> [Int] {
        let width = max(1, width)
        var starts = [0]
        var start = 0, used = 0, lastBreak: Int?
        var index = 0
        while index < line.count {
            let w = DisplayWidth.of(line[index])
            if used + w > width, index > start {
                let next = lastBreak.map { $0 + 1 } ?? index
                starts.append(next)
                start = next
                used = DisplayWidth.of(String(line[start..<index]))
                lastBreak = nil
                continue
            }
            used += w
            if line[index] == " " { lastBreak = index }
            index += 1
        }
        // A cursor after a full last row sits on a row of its own.
        if used >= width, !line.isEmpty { starts.append(line.count) }
        return starts
    }

    static func rowIndex(of column: Int, in starts: [Int]) -> Int {
        var n = 0
        while n + 1 < starts.count, starts[n + 1] <= column { n += 1 }
        return n
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
