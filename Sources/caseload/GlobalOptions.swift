import ArgumentParser

/// Options every command takes: which store, and on whose behalf.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store file.", valueName: "PATH"))
    var store: String?

    @Option(name: .customLong("as"),
            help: ArgumentHelp("Act as this worker (default: $CASELOAD_USER, else your OS user name).", valueName: "LOGIN"))
    var login: String?

    /// As plain values, so a command's work can be built and run without
    /// the parser (QuickArguments).
    var values: Globals { Globals(store: store, login: login) }
}

/// Which store, and on whose behalf: what `GlobalOptions` parsed, or what
/// `QuickArguments` read without the parser.
struct Globals: Equatable {
    var store: String?
    var login: String?
}
