import ArgumentParser

/// Options every command takes: which store, and on whose behalf.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store file.", valueName: "PATH"))
    var store: String?

    @Option(name: .customLong("as"),
            help: ArgumentHelp("Act as this worker (default: $CASELOAD_USER, else your OS user name).", valueName: "LOGIN"))
    var login: String?

    /// As plain values, for `Session`.
    var values: Globals { Globals(store: store, login: login) }
}

/// Which store, and on whose behalf, as `GlobalOptions` parsed them.
struct Globals: Equatable {
    var store: String?
    var login: String?
}
