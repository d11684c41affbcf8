import ArgumentParser
import CaseloadCore
import CaseloadStore
import Foundation

/// A command's view of the world: the open store and the acting worker.
/// Also the one place that turns errors into messages and exit codes.
struct Session {
    let store: Store
    let actor: ActingWorker

    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    static func storePath(_ global: Globals) -> String {
        global.store ?? StoreLocation.defaultPath()
    }

    /// The OS account running the command, recorded in every audit entry.
    static var osUser: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
            return String(cString: name)
        }
        return environment["USER"] ?? "unknown"
    }

    /// `--as`, else `CASELOAD_USER`, else the OS user name.
    static func login(_ global: Globals) -> String {
        if let login = global.login, !login.isEmpty { return login }
        if let login = environment["CASELOAD_USER"], !login.isEmpty { return login }
        return osUser
    }

    static func openStore(_ global: Globals) throws -> Store {
        let store = try Store.open(path: storePath(global), traceSQL: environment["CASELOAD_SQL_TRACE"],
                                   busyTimeout: busyTimeout)
        for warning in store.permissionWarnings { Output.error(warning) }
        return store
    }

    /// For `init` and `demo`: makes the store if there is none (or the file
    /// is empty) and runs `body` on it; if that fails, what was made is removed.
    static func creatingStore<T>(_ global: Globals, _ body: (Store) throws -> T) throws -> T {
        try Store.create(path: storePath(global), traceSQL: environment["CASELOAD_SQL_TRACE"],
                         busyTimeout: busyTimeout) { store in
            for warning in store.permissionWarnings { Output.error(warning) }
            return try body(store)
        }
    }

    /// How long a write waits for another program's: `CASELOAD_BUSY_TIMEOUT_MS`
    /// (for tests, which should not wait 15 seconds), else the store's default.
    static var busyTimeout: TimeInterval {
        guard let text = environment["CASELOAD_BUSY_TIMEOUT_MS"], let ms = Int(text), ms >= 0 else {
            return Store.defaultBusyTimeout
        }
        return TimeInterval(ms) / 1000
    }

    /// A read-only store is read without recording the reading in the audit
    /// trail (it can record nothing): say so, so no one takes the trail as whole.
    static func noteUnrecordedReadings(_ store: Store) {
        guard store.unrecordedReadings > 0, let reason = store.readOnlyReason else { return }
        Output.error("caseload: note: the store at \(store.path) is read-only (\(reason)), "
            + "so this reading is not recorded in its audit trail")
    }

    /// Opens the store, resolves the acting worker and runs `body`, turning
    /// any failure into a message on standard error and a non-zero exit.
    static func run(_ global: Globals, _ body: (Session) throws -> Void) throws {
        try guarded {
            let store = try openStore(global)
            let login = login(global)
            let actor: ActingWorker
            do {
                actor = try store.actingWorker(login: login, osUser: osUser)
            } catch let error as CaseloadError where error.kind == .notFound {
                // Who acts is the command line's choice (--as, CASELOAD_USER
                // or the OS user), so it says how to change it.
                throw CaseloadError(.notFound, error.message + "; a supervisor can add them with  caseload worker add "
                    + SafeText.inline(login) + " --name \"FULL NAME\"  (or act as another worker with --as LOGIN)")
            }
            try body(Session(store: store, actor: actor))
            noteUnrecordedReadings(store)
        }
    }

    /// Runs `body` with the same error handling but no store.
    static func guarded(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as CaseloadError {
            // A message of several lines (the people a new case may be
            // about) keeps them; nothing else in it may reach the terminal.
            let lines = FieldFlags.message(error).split(separator: "\n", omittingEmptySubsequences: false)
            Output.error("caseload: " + lines.map { SafeText.inline(String($0)) }.joined(separator: "\n"))
            throw ExitCode(exitCode(for: error.kind))
        } catch let error as StoreError {
            Output.error("caseload: " + SafeText.inline(error.description + hint(for: error)))
            throw ExitCode(6)
        } catch let error as ExitCode {
            throw error
        } catch let error as CleanExit {
            throw error
        } catch {
            Output.error("caseload: " + SafeText.inline(String(describing: error)))
            throw ExitCode.failure
        }
    }

    /// How to make the store that is missing, in the command line's words.
    static func hint(for error: StoreError) -> String {
        let initialise = "caseload init --supervisor LOGIN --name \"FULL NAME\""
        switch error {
        case .missing:
            return "; create one with  \(initialise)  or fill one with  caseload demo"
                + "  (or point --store or CASELOAD_STORE at an existing store)"
        case .notInitialised:
            return "; run  \(initialise)"
        case .cannotCreate, .cannotOpen:
            return ""
        }
    }

    static func exitCode(for kind: CaseloadError.Kind) -> Int32 {
        switch kind {
        case .invalid: return 2
        case .notFound: return 3
        case .notAllowed: return 4
        case .conflict: return 5
        case .notAStore: return 7
        case .readOnly: return 8
        case .diskFull: return 9
        case .busy: return 10
        case .damaged: return 11
        }
    }
}
