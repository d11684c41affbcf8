/// One frame of the screen in memory: a grid of cells, each holding one
/// grapheme and its style. A wide character fills its cell and marks the next
/// as its continuation, so every row always spans exactly `width` columns.
/// Views draw here; the terminal backend compares two frames and sends only
/// the cells that changed.
public struct ScreenBuffer: Equatable, Sendable {
    public struct Cell: Equatable, Sendable {
        /// The grapheme shown, "" for the right half of a wide character.
        public var text: String
        public var style: Style

        public static let blank = Cell(text: " ", style: .normal)
        public var isContinuation: Bool { text.isEmpty }
    }

    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Writes text from (x, y), clipped at `x + maxWidth` (default: the right
    /// edge), never splitting a wide character. Returns the column after it.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .normal, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return x }
        let limit = min(width, x + (maxWidth ?? width))
        var column = x
        for character in text {
            let w = DisplayWidth.of(character)
            if w == 0 {
                // A stray combining mark joins the previous cell.
                if column > x, column - 1 < width, column - 1 >= 0 {
                    var target = column - 1
                    if cells[y * width + target].isContinuation, target > 0 { target -= 1 }
                    cells[y * width + target].text.append(character)
                }
                continue
            }
            if column + w > limit { break }
            if column >= 0 {
                clearWide(at: column, y: y)
                cells[y * width + column] = Cell(text: String(character), style: style)
                if w == 2 {
                    clearWide(at: column + 1, y: y)
                    cells[y * width + column + 1] = Cell(text: "", style: style)
                }
            }
            column += w
        }
        return column
    }

    /// Fills a rectangle with spaces in a style.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: Style = .normal) {
        for row in max(0, y)..<min(height, y + h) {
            for column in max(0, x)..<min(width, x + w) {
                clearWide(at: column, y: row)
                cells[row * width + column] = Cell(text: " ", style: style)
            }
        }
    }

    /// Writing over half of a wide character blanks its other half.
    private mutating func clearWide(at x: Int, y: Int) {
        guard x >= 0, x < width else { return }
        let index = y * width + x
        if cells[index].isContinuation, x > 0 {
            cells[index - 1] = Cell(text: " ", style: cells[index - 1].style)
        } else if x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1] = Cell(text: " ", style: cells[index + 1].style)
        }
    }

    /// The frame as plain text, one line per row with trailing spaces
    /// removed: what screen tests compare against.
    public var lines: [String] {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width { line += self[column, row].text }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    /// A run of changed cells on one row, to send to the terminal.
    public struct Change: Equatable, Sendable {
        public let x: Int
        public let y: Int
        public let cells: [Cell]
    }

    /// The cells that differ from `previous`, grouped into runs per row. A
    /// different size means everything changed.
    public func changes(since previous: ScreenBuffer?) -> [Change] {
        var result: [Change] = []
        let full = previous == nil || previous!.width != width || previous!.height != height
        for row in 0..<height {
            var start: Int?
            for column in 0...width {
                let differs = column < width && (full || previous!.cells[row * width + column] != cells[row * width + column])
                if differs, start == nil {
                    // Start a run on a whole character, never on the right half of a wide one.
                    start = column > 0 && cells[row * width + column].isContinuation ? column - 1 : column
                } else if !differs, let s = start {
                    var end = column
                    if end < width, cells[row * width + end].isContinuation { end += 1 }
                    result.append(Change(x: s, y: row, cells: Array(cells[(row * width + s)..<(row * width + end)])))
                    start = nil
                }
            }
        }
        return result
    }
}
