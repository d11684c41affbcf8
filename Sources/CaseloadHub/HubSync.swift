import CaseloadCore
import CaseloadStore
import Foundation
import PostgresNIO

/// What a sync did, each way.
public struct SyncReport: Sendable, Equatable {
    public var seeded = false
    public var joined = false
    /// Records sent to the hub and taken.
    public var pushed = 0
    /// Changes the hub refused, kept on this store with the reason.
    public var refused: [SyncRefusal] = []
    /// Records written here from the hub.
    public var pulled = 0
    /// Changes on the hub in transactions still committing when the pull
    /// read: the next sync brings them.
    public var stillArriving = 0
    /// Changes made here while the sync ran, waiting for the next.
    public var stillWaiting = 0
    /// Cases that moved to another worker and left this laptop, all pushed.
    public var released: [String] = []

    /// Nothing is left either way.
    public var complete: Bool { stillArriving == 0 && stillWaiting == 0 }
}

/// How far a sync has got, for a progress bar on a large pull or seed.
public struct SyncProgress: Sendable, Equatable {
    public enum Stage: String, Sendable { case seeding, pushing, pulling }
    public let stage: Stage
    public let done: Int
    /// The whole, where it is known.
    public let total: Int?
}

/// Syncs a store with its hub: pushes what was made here, then pulls what
/// this worker may see. Each batch pushed is one hub transaction and is
/// settled here only after the hub committed it; each page pulled is
/// written here in one transaction with the position it reached.
public struct HubSync: Sendable {
    public let hub: Hub
    public let store: Store
    public let password: String?
    /// Records per batch pushed and per page pulled.
    public var batch = 500

    /// A laptop joining: `store` is new and empty, and becomes the
    /// connected worker's copy of what they may see.
    public let joining: Bool

    public init(hub: Hub, store: Store, password: String?, joining: Bool = false) {
        self.hub = hub
        self.store = store
        self.password = password
        self.joining = joining
    }

    public func run(progress: @escaping @Sendable (SyncProgress) -> Void = { _ in }) async throws -> SyncReport {
        let login = hub.address.user
        if let bound = try store.syncStatus().boundLogin, bound != login {
            throw CaseloadError.notAllowed("""
                this store is \(SafeText.inline(bound))'s copy of the team's records: sync it as \(SafeText.inline(bound)) \
                (the login in the hub address), or join the hub with a new store of your own
                """)
        }
        return try await hub.withConnection(password: password) { connection, logger in
            var session = HubSession(connection: connection, logger: logger, address: hub.address)
            var report = SyncReport()
            let registration = try await session.register(device: store.deviceId, store: joining ? nil : try store.storeId())
            if joining { try store.adopt(storeId: registration.storeId) }
            try store.bind(toHub: hub.address.description, login: login)
            if registration.seeding {
                report.seeded = true
                try await seed(&session, &report, progress)
                try await session.execute("SELECT hub_seeded(\(store.deviceId))")
                try await skipOwnSeed(&session)
            }
            try await push(&session, &report, progress)
            report.joined = joining
            try await HubPull(store: store, batch: batch).run(&session, &report, joining: joining, progress)
            try await leaseReferences(&session)
            report.released = try store.releaseMovedCases()
            report.stillWaiting = try store.syncStatus().waiting
            if report.complete { try store.noteSynced() }
            return report
        }
    }

    /// Case numbers for this year (and, in December, next year) before
    /// they are needed offline: a regular block, and a reserve used only
    /// when the regular ones run out before the next sync.
    private func leaseReferences(_ session: inout HubSession) async throws {
        let today = store.today
        for year in today.month == 12 ? [today.year, today.year + 1] : [today.year] {
            let wanted = try store.referenceBlocksWanted(year: year)
            for (reserve, count) in [(false, 100), (true, 20)] where reserve ? wanted.reserve : wanted.regular {
                let text = try await session.value("""
                    SELECT hub_lease_references(\(store.deviceId), \(year)::int, \(count)::int)::text
                    """)
                let lease = try HubSession.object(text)
                guard let first = (lease["first"] as? NSNumber)?.intValue, let last = (lease["last"] as? NSNumber)?.intValue else {
                    continue
                }
                try store.addReferenceBlock(ReferenceBlock(year: year, first: first, last: last, reserve: reserve))
            }
        }
    }

    /// A hub just seeded holds only what this store sent it, so its pull
    /// starts after the seed rather than bringing the whole store back.
    private func skipOwnSeed(_ session: inout HubSession) async throws {
        guard try store.syncCursor("records") == nil,
              try await session.value("SELECT count(*)::text FROM hub_record WHERE device_id <> \(store.deviceId)") == "0" else {
            return
        }
        let horizon = try await session.value("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")
        try store.apply([], cursor: "records", to: horizon + ":0")
    }

    private func seed(_ session: inout HubSession, _ report: inout SyncReport,
                      _ progress: @Sendable (SyncProgress) -> Void) async throws {
        var position: Store.SeedPosition? = try store.beginSeeding()
        while let from = position {
            let (changes, next) = try store.seedPage(after: from, limit: batch)
            if !changes.isEmpty {
                let refused = try await session.push(device: store.deviceId, changes)
                report.pushed += changes.count - refused.count
                report.refused += refused
                try store.settle(changes, refused: refused)
            }
            try store.seeded(upTo: next)
            position = next
            progress(SyncProgress(stage: .seeding, done: report.pushed, total: nil))
        }
    }

    private func push(_ session: inout HubSession, _ report: inout SyncReport,
                      _ progress: @Sendable (SyncProgress) -> Void) async throws {
        let total = try store.syncStatus().waiting
        var sent = 0
        // Changes made while this runs wait for the next sync rather than keep it going.
        while sent < total {
            let changes = try store.pendingChanges(limit: batch)
            guard !changes.isEmpty else { break }
            let refused = try await session.push(device: store.deviceId, changes)
            try store.settle(changes, refused: refused)
            report.pushed += changes.count - refused.count
            report.refused += refused
            sent += changes.count
            progress(SyncProgress(stage: .pushing, done: sent, total: total))
        }
    }
}
