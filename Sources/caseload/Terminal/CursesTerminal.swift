import CNCursesW
import Foundation
import TerminalUI

/// The ncurses backend: the only code that touches curses. It reads keys,
/// and draws frames by sending only the cells that changed since the last.
final class CursesTerminal {
    private var previous: ScreenBuffer?
    private var pairs: [Int: Int16] = [:]
    private(set) var hasColour = false
    private let screen: OpaquePointer

    struct NoTerminal: Error, CustomStringConvertible {
        let term: String
        var description: String {
            "cannot use the terminal (TERM=\(term)); run Caseload in a terminal, or use a command such as  caseload case list"
        }
    }

    init(colourWanted: Bool) throws {
        setlocale(LC_ALL, "")
        guard let screen = newterm(nil, caseload_stdout(), caseload_stdin()) else {
            throw NoTerminal(term: ProcessInfo.processInfo.environment["TERM"] ?? "unset")
        }
        self.screen = screen
        // Raw mode: Ctrl-C, Ctrl-Z and Ctrl-S reach the application as keys.
        raw()
        noecho()
        nonl()
        keypad(caseload_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        if colourWanted, has_colors() {
            start_color()
            use_default_colors()
            hasColour = true
        }
    }

    var size: (width: Int, height: Int) {
        var width: Int32 = 0, height: Int32 = 0
        width = getmaxx(caseload_stdscr())
        height = getmaxy(caseload_stdscr())
        return (Int(width), Int(height))
    }

    /// The next key, or nil when `timeout` milliseconds pass without one.
    func readKey(timeout: Int32) -> Key? {
        wtimeout(caseload_stdscr(), timeout)
        var code: wint_t = 0
        let result = wget_wch(caseload_stdscr(), &code)
        if result == ERR { return nil }
        if result == caseload_key_code_yes() { return Self.keyCode(Int32(code)) }
        switch code {
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 9: return .tab
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(code) + 96)))
        default:
            guard let scalar = Unicode.Scalar(UInt32(code)) else { return nil }
            return .character(Character(scalar))
        }
    }

    private static func keyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        default:
            for n in 1...12 where code == caseload_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    /// Draws a frame, sending only what changed, and places the cursor.
    func draw(_ frame: ScreenBuffer, cursor: (x: Int, y: Int)?) {
        if previous?.width != frame.width || previous?.height != frame.height {
            werase(caseload_stdscr())
            previous = nil
        }
        // One buffer for every cell's characters: a full repaint is ten
        // thousand cells, and an array for each showed in the frame time.
        var text: [wchar_t] = []
        text.reserveCapacity(5)
        for change in frame.changes(since: previous) {
            var x = change.x
            for cell in change.cells {
                defer { x += 1 }
                if cell.isContinuation { continue }
                text.removeAll(keepingCapacity: true)
                for scalar in cell.text.unicodeScalars.prefix(4) { text.append(wchar_t(bitPattern: scalar.value)) }
                text.append(0)
                _ = caseload_put(Int32(change.y), Int32(x), text, attributes(cell.style), pair(cell.style))
            }
        }
        if let cursor {
            curs_set(1)
            wmove(caseload_stdscr(), Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wnoutrefresh(caseload_stdscr())
        doupdate()
        previous = frame
    }

    /// Forget the last frame so the next one is drawn whole (after a resume, or Ctrl-L).
    func invalidate() {
        previous = nil
        clearok(caseload_stdscr(), true)
    }

    private func attributes(_ style: Style) -> attr_t {
        var value = caseload_a_normal()
        if style.bold { value |= caseload_a_bold() }
        if style.reverse { value |= caseload_a_reverse() }
        if style.underline { value |= caseload_a_underline() }
        if style.dim { value |= caseload_a_dim() }
        return value
    }

    private func pair(_ style: Style) -> Int16 {
        guard hasColour, style.foreground != nil || style.background != nil else { return 0 }
        let fg = style.foreground?.rawValue ?? -1
        let bg = style.background?.rawValue ?? -1
        let key = (fg + 1) * 16 + (bg + 1)
        if let known = pairs[key] { return known }
        let number = Int16(pairs.count + 1)
        init_pair(number, Int16(fg), Int16(bg))
        pairs[key] = number
        return number
    }

    /// Hands the terminal back to the shell and stops (Ctrl-Z); `fg` resumes here.
    func suspend() {
        endwin()
        raise(SIGSTOP)
        refresh()
        invalidate()
    }

    /// Gives the terminal to another program (an editor) and takes it back.
    func withShell<T>(_ body: () throws -> T) rethrows -> T {
        endwin()
        defer {
            refresh()
            invalidate()
        }
        return try body()
    }

    func end() {
        endwin()
        delscreen(screen)
    }
}
