import CaseloadCore
import Foundation
import TerminalUI

/// Where the store stands with the team's hub, as the status line shows
/// it: `synced 10:42`, `offline · 12 changes waiting`, a progress bar while
/// a sync runs. Only a store with a hub has one.
public struct SyncLine: Equatable, Sendable {
    /// A sync under way: started by `:sync` (manual) or by the clock.
    public struct Running: Equatable, Sendable {
        public var manual: Bool
        public var done = 0
        /// The whole, where it is known.
        public var total: Int?
    }

    /// The last sync that finished with nothing left either way.
    public var lastSync: Date?
    /// Changes made here and not yet sent.
    public var waiting = 0
    /// Merged values waiting for this worker to confirm or put right.
    public var conflicts = 0
    /// Changes the hub refused, kept here.
    public var refused = 0
    /// The last attempt failed: the hub could not be reached, or would not sync.
    public var offline = false
    public var running: Running?

    public init(lastSync: Date? = nil, waiting: Int = 0, conflicts: Int = 0, refused: Int = 0) {
        self.lastSync = lastSync
        self.waiting = waiting
        self.conflicts = conflicts
        self.refused = refused
    }

    /// A sync shows its bar only when it moves this many records: a few
    /// changes go too quickly for one to be read.
    static let barFrom = 100

    /// The words for the right-hand end of the status line. `plain`: a bar
    /// of # and . for a terminal without colour (and often without the
    /// block characters).
    public func words(now: Date, timeZone: TimeZone, plain: Bool) -> String {
        var parts: [String] = []
        if let running {
            parts.append(Self.progress(running, plain: plain))
        } else if offline {
            parts.append("offline")
        } else if let lastSync {
            parts.append("synced " + Self.when(lastSync, now: now, timeZone: timeZone))
        } else {
            parts.append("not synced yet")
        }
        if waiting > 0, running == nil { parts.append("\(Self.number(waiting)) \(waiting == 1 ? "change" : "changes") waiting") }
        if conflicts > 0 { parts.append(Plural.count(conflicts, "conflict")) }
        if refused > 0 { parts.append("\(refused) refused") }
        return parts.joined(separator: " · ")
    }

    /// Whether the words carry something to act on.
    public var needsNotice: Bool { running == nil && (offline || conflicts > 0 || refused > 0) }

    static func progress(_ running: Running, plain: Bool) -> String {
        guard max(running.done, running.total ?? 0) >= barFrom else { return plain ? "syncing..." : "syncing…" }
        guard let total = running.total, total > 0 else { return "syncing \(number(running.done))" }
        let cells = 8
        let filled = min(cells, running.done * cells / total)
        let bar = plain
            ? "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: cells - filled) + "]"
            : "▕" + String(repeating: "█", count: filled) + String(repeating: "░", count: cells - filled) + "▏"
        return "syncing \(bar) \(number(running.done))/\(number(total))"
    }

    /// "10:42" today, "22/11/2026" before.
    static func when(_ date: Date, now: Date, timeZone: TimeZone) -> String {
        guard Day(date, in: timeZone) == Day(now, in: timeZone) else { return Day(date, in: timeZone).description }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }

    /// 5000 as "5,000".
    static func number(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }
}

/// What the store says about its hub, read at start and after each change
/// and sync; nil when the store has no hub.
public struct SyncFacts: Equatable, Sendable {
    public var lastSync: Date?
    public var waiting: Int
    public var conflicts: Int
    public var refused: Int

    public init(lastSync: Date?, waiting: Int, conflicts: Int, refused: Int) {
        self.lastSync = lastSync
        self.waiting = waiting
        self.conflicts = conflicts
        self.refused = refused
    }
}

/// How a sync ended, in the app's terms: the executable turns the hub's
/// report (or its failure) into one.
public struct SyncOutcome: Equatable, Sendable {
    /// Records sent and taken, and received.
    public var pushed: Int
    public var pulled: Int
    /// Changes the hub refused this time.
    public var refused: Int
    /// Nothing is left either way.
    public var complete: Bool
    /// Why it failed, in words for the person (the hub could not be
    /// reached, no password): nil when it ran.
    public var error: String?

    public init(pushed: Int = 0, pulled: Int = 0, refused: Int = 0, complete: Bool = true, error: String? = nil) {
        self.pushed = pushed
        self.pulled = pulled
        self.refused = refused
        self.complete = complete
        self.error = error
    }

    public static func failed(_ error: String) -> SyncOutcome { SyncOutcome(complete: false, error: error) }
}
