import ArgumentParser
import CaseloadCore
import CaseloadHub
import CaseloadStore
import Foundation

struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Send this store's changes to the team's hub, then bring back what you may see.",
        discussion: """
            The first sync of a store that holds a team's records seeds an empty hub with them. A new laptop \
            joins with a store path that does not exist yet: caseload sync --hub URL --store PATH makes the \
            store, and it holds from then on what its worker may see; acting as anyone else on it is refused. \
            The hub's address is remembered in the store (never a password): the password comes from \
            PGPASSWORD, ~/.pgpass or a prompt. Sync says how many records went each way, and that it is \
            complete only when nothing is left either way. Changes the hub refuses stay on this store with \
            the reason (--status lists them).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The hub: postgresql://LOGIN@HOST:PORT/DATABASE?sslmode=disable|prefer|require (remembered).",
                               valueName: "URL"))
    var hub: String?

    @Flag(help: "Show the last sync, what is waiting to go, what the hub refused and conflicts waiting for you.")
    var status = false

    func run() throws {
        try Session.guarded {
            let path = Session.storePath(global.values)
            if status {
                let store = try Session.openStore(global.values)
                SyncLines.status(try store.syncStatus(), refused: try store.refusedChanges()).forEach { Output.line($0) }
                return
            }
            guard FileManager.default.fileExists(atPath: path),
                  (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 > 0 else {
                guard let hub else {
                    throw CaseloadError.invalid("""
                        there is no store at \(path): to join your team's hub, give its address: \
                        caseload sync --hub postgresql://LOGIN@HOST:5432/caseload
                        """)
                }
                try Session.creatingStore(global.values) { store in
                    try sync(store, address: try address(hub, bound: nil), joining: true)
                }
                return
            }
            let store = try Session.openStore(global.values)
            let state = try store.syncStatus()
            guard let text = hub ?? state.hub else {
                throw CaseloadError.invalid("this store has no hub yet: give its address once with --hub URL; it is remembered")
            }
            let joining = try store.workers(includeEnded: true).isEmpty
            try sync(store, address: try address(text, bound: state.boundLogin), joining: joining)
        }
    }

    /// The hub's address; its login is the URL's, else the store's worker,
    /// else the acting worker (`--as`, `CASELOAD_USER`, the OS user).
    private func address(_ text: String, bound: String?) throws -> HubAddress {
        let requested = global.login ?? Session.environment["CASELOAD_USER"]
        if let bound, let requested, !requested.isEmpty, requested != bound {
            throw CaseloadError.notAllowed("""
                this store is \(SafeText.inline(bound))'s copy of the team's records, and the hub takes changes on it \
                from \(SafeText.inline(bound)) only: sync it as \(SafeText.inline(bound)), or join with a new store of your own
                """)
        }
        var address = try HubAddress(parsing: text, defaultUser: bound ?? Session.login(global.values))
        if let bound, address.user != bound { address = try HubAddress(parsing: text, defaultUser: bound) }
        return address
    }

    private func sync(_ store: Store, address: HubAddress, joining: Bool) throws {
        let password = HubPassword.find(for: address) ?? HubPassword.ask(for: address)
        let bar = SyncProgressLine()
        var sync = HubSync(hub: Hub(address: address), store: store, password: password, joining: joining)
        // Smaller batches make more, shorter hub transactions (the tests
        // break a sync off between them).
        if let text = Session.environment["CASELOAD_SYNC_BATCH"], let size = Int(text), size > 0 { sync.batch = size }
        let report = try Blocking.wait { [sync] in try await sync.run { bar.show($0) } }
        bar.finish()
        SyncLines.report(report, address: address).forEach { Output.line($0) }
    }
}

extension HubPassword {
    /// Asks the person at the keyboard, without echoing, when neither
    /// PGPASSWORD nor ~/.pgpass has one; nil when no one is at a terminal.
    static func ask(for address: HubAddress) -> String? {
        guard isatty(0) != 0, let typed = getpass("Hub password for \(address.user) at \(address.host): ") else { return nil }
        let password = String(cString: typed)
        return password.isEmpty ? nil : password
    }
}
