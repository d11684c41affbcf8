extension AppState {
    /// The help screen: every command, generated from the command table.
    public struct Help: Sendable {
        public var scroll = 0
        /// How many lines the help has, so scrolling stops at its end.
        public let lines: Int

        public init(lines: Int) {
            self.lines = lines
        }
    }
}

/// Scrolling the help. Drawn by `Views/HelpView.swift`, from `HelpText`.
extension Update {
    func moveInHelp(_ delta: Int, _ state: inout AppState) {
        guard var help = state.help else { return }
        help.scroll = clamp(help.scroll + delta, 0, max(0, help.lines - state.listHeight - 1))
        state.help = help
    }
}
