/// One table of commands drives the keymap, the dispatch, the hint bar and
/// the help screen, so they can never disagree. `Context` is where a command
/// applies (a screen) and `Requirement` what it needs (a selected case, the
/// supervisor role ...); the application defines both.
public struct CommandTable<Action: Hashable & Sendable, Context: Hashable & Sendable, Requirement: Hashable & Sendable>: Sendable {
    public struct Command: Sendable {
        public let action: Action
        /// The name typed after ":".
        public let name: String
        public let keys: [Key]
        public let help: String
        public let contexts: Set<Context>
        public let needs: Set<Requirement>
        /// Shown in the hint bar (the few most useful commands per screen).
        public let hint: Bool

        public init(_ action: Action, name: String, keys: [Key], help: String, in contexts: Set<Context>,
                    needs: Set<Requirement> = [], hint: Bool = false) {
            self.action = action
            self.name = name
            self.keys = keys
            self.help = help
            self.contexts = contexts
            self.needs = needs
            self.hint = hint
        }

        public var keyLabels: String { keys.map(\.label).joined(separator: " ") }
    }

    public let commands: [Command]

    public init(_ commands: [Command]) {
        self.commands = commands
    }

    /// The command bound to a key where the user is.
    public func command(for key: Key, in context: Context) -> Command? {
        commands.first { $0.contexts.contains(context) && $0.keys.contains(key) }
    }

    /// The command with a name (for ":"), or one the name uniquely begins.
    public func command(named name: String, in context: Context) -> Command? {
        let here = commands.filter { $0.contexts.contains(context) }
        if let exact = here.first(where: { $0.name == name }) { return exact }
        let matches = here.filter { $0.name.hasPrefix(name) }
        return matches.count == 1 ? matches[0] : nil
    }

    public func commands(in context: Context) -> [Command] {
        commands.filter { $0.contexts.contains(context) }
    }

    /// "key label" pairs for the hint bar, for the commands the user may run.
    public func hints(in context: Context, allowed: (Command) -> Bool = { _ in true }) -> [(String, String)] {
        commands(in: context).filter { $0.hint && allowed($0) }.map { ($0.keys.first?.label ?? ":" + $0.name, $0.name) }
    }
}
