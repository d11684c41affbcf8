import CaseloadCore
import TerminalUI

/// One line of text being typed, with a cursor and a history to recall.
public struct LineEditor: Equatable, Sendable {
    public private(set) var text: String
    /// The cursor, as a count of characters from the start.
    public private(set) var cursor: Int
    private var history: [String]
    private var historyIndex: Int?

    public init(_ text: String = "", history: [String] = []) {
        self.text = text
        self.cursor = text.count
        self.history = history
    }

    public enum Outcome: Equatable {
        case editing, submitted, cancelled
    }

    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .enter: return .submitted
        case .escape, .control("c"), .control("g"): return .cancelled
        case .character(let c):
            insert(c)
        case .backspace, .control("h"):
            if cursor > 0 {
                text.remove(at: text.index(text.startIndex, offsetBy: cursor - 1))
                cursor -= 1
            }
        case .delete, .control("d"):
            if cursor < text.count { text.remove(at: text.index(text.startIndex, offsetBy: cursor)) }
        case .left, .control("b"): cursor = max(0, cursor - 1)
        case .right, .control("f"): cursor = min(text.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = text.count
        case .control("u"):
            text = ""
            cursor = 0
        case .up: recall(-1)
        case .down: recall(1)
        default: break
        }
        return .editing
    }

    private mutating func insert(_ c: Character) {
        // Control characters never enter a typed line.
        guard !c.unicodeScalars.contains(where: SafeText.isControl) else { return }
        text.insert(c, at: text.index(text.startIndex, offsetBy: cursor))
        cursor += 1
    }

    private mutating func recall(_ step: Int) {
        guard !history.isEmpty else { return }
        let index = (historyIndex ?? history.count) + step
        guard index >= 0 else { return }
        if index >= history.count {
            historyIndex = nil
            text = ""
        } else {
            historyIndex = index
            text = history[index]
        }
        cursor = text.count
    }
}
