import CaseloadApp
import CaseloadCore
import CaseloadHub
import CaseloadStore
import Foundation

/// The front end's syncs with the team's hub, each run in a task of its
/// own so the loop keeps drawing and reading keys however long the hub
/// takes to answer, or not. The task leaves its progress and outcome here;
/// the loop collects them each time it wakes (every quarter of a second at
/// most) and hands them to `update` as messages.
final class BackgroundSync: @unchecked Sendable {
    private let lock = NSLock()
    private var running = false
    private var progress: SyncProgress?
    private var outcome: SyncOutcome?

    /// How often the front end syncs by itself: `CASELOAD_SYNC_EVERY`
    /// seconds (0 turns it off), else every five minutes.
    static func interval(_ environment: [String: String]) -> TimeInterval? {
        guard let text = environment["CASELOAD_SYNC_EVERY"], let seconds = Double(text), seconds >= 0 else { return 300 }
        return seconds == 0 ? nil : seconds
    }

    /// Starts a sync of the store with its hub. What can be known at once
    /// (no hub, no password) comes back as the outcome, and nothing starts.
    func start(store: Store, actor: ActingWorker) -> SyncOutcome? {
        // The one running ends with an outcome of its own.
        guard !isRunning else { return nil }
        let address: HubAddress
        let password: String
        do {
            let status = try store.syncStatus()
            guard let hub = status.hub else {
                return .failed("this store has no hub to sync with: give it the hub's address once with caseload sync --hub URL")
            }
            address = try HubAddress(parsing: hub, defaultUser: status.boundLogin ?? actor.login)
            // The full screen cannot ask for a password without echoing it
            // into the picture: it comes from where PostgreSQL's tools look.
            guard let found = HubPassword.find(for: address) else {
                return .failed("there is no password for \(address.user) at the hub on \(address.host): set PGPASSWORD "
                    + "before starting Caseload, or add a line to ~/.pgpass (\(address.host):\(address.port):"
                    + "\(address.database):\(address.user):PASSWORD)")
            }
            password = found
        } catch {
            return .failed(Self.words(error))
        }
        lock.withLock {
            running = true
            progress = nil
            outcome = nil
        }
        Task.detached { [self] in
            let result: SyncOutcome
            do {
                // The screen's own connection, which takes the sync's work
                // in turn with its own, one short transaction at a time. Not
                // a second store opened in this process: opening one reads
                // the file outside SQLite, and closing that file drops the
                // locks the screen's connection holds on it.
                let report = try await HubSync(hub: Hub(address: address), store: store, password: password)
                    .run { [self] step in lock.withLock { progress = step } }
                result = SyncOutcome(pushed: report.pushed, pulled: report.pulled, refused: report.refused.count,
                                     complete: report.complete)
            } catch {
                result = .failed(Self.words(error, naming: address))
            }
            lock.withLock {
                outcome = result
                running = false
            }
        }
        return nil
    }

    /// What happened since the last look, as messages: how far the sync
    /// has got, and how it ended.
    func collect() -> [Message] {
        lock.withLock {
            var messages: [Message] = []
            if let step = progress {
                messages.append(.syncProgress(done: step.done, total: step.total))
                progress = nil
            }
            if let ended = outcome {
                messages.append(.syncFinished(ended))
                outcome = nil
            }
            return messages
        }
    }

    var isRunning: Bool { lock.withLock { running } }

    private static func words(_ error: any Error, naming address: HubAddress? = nil) -> String {
        let text = (error as? CaseloadError)?.message ?? "\(error)"
        guard let address else { return text }
        // On the screen the hub goes by its server, so a notice fits the
        // bottom lines; caseload sync --status gives the whole address.
        let server = address.port == 5432 ? address.host : "\(address.host):\(address.port)"
        return text.replacingOccurrences(of: address.description, with: server)
    }
}
