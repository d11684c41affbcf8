import CaseloadCore
import CaseloadHub
import CaseloadStore
import Foundation

/// What `caseload sync` says, in words.
enum SyncLines {
    static func report(_ report: SyncReport, address: HubAddress) -> [String] {
        var lines: [String] = []
        if report.seeded { lines.append("Seeded the hub at \(address) with this store's records.") }
        if report.joined { lines.append("Joined the hub at \(address) as \(address.user): this store holds what you may see.") }
        lines.append("Sent \(Plural.count(report.pushed, "record")), received \(Plural.count(report.pulled, "record")).")
        if !report.refused.isEmpty {
            lines.append("The hub refused \(Plural.count(report.refused.count, "change")), kept here with the reason:")
            lines += report.refused.prefix(10).map { "  \($0.table) \(String($0.id.suffix(8))): \(SafeText.inline($0.reason))" }
            lines.append("  (caseload sync --status lists them all)")
        }
        if !report.released.isEmpty {
            lines.append("No longer yours, so they have left this laptop (everything made on them reached the hub): "
                + report.released.joined(separator: ", ") + ".")
        }
        if report.stillWaiting > 0 {
            lines.append("\(Plural.count(report.stillWaiting, "change")) made while syncing \(report.stillWaiting == 1 ? "waits" : "wait") for the next sync.")
        }
        if report.stillArriving > 0 {
            lines.append("\(Plural.count(report.stillArriving, "change")) still arriving on the hub: sync again in a moment.")
        }
        if report.complete { lines.append("Synced: nothing is left to send or to receive.") }
        return lines
    }

    static func status(_ status: SyncStatus, refused: [RefusedChange]) -> [String] {
        guard let hub = status.hub else {
            return ["This store has not synced with a hub.",
                    "Seed or join one with  caseload sync --hub postgresql://LOGIN@HOST:5432/caseload"]
        }
        var lines = ["Hub: \(hub)"]
        if let login = status.boundLogin { lines.append("This store is \(SafeText.inline(login))'s copy of the team's records.") }
        lines.append("Last complete sync: " + (status.lastSync.map { Moment.format($0) } ?? "never"))
        if status.seeding { lines.append("Seeding the hub was begun and has not finished: caseload sync carries on.") }
        lines.append("Waiting to go: \(Plural.count(status.waiting, "change"))")
        lines.append("Refused by the hub: \(Plural.count(status.refused, "change"))")
        lines += refused.prefix(20).map { change in
            let when = change.refusedAt.map { Moment.format($0) } ?? ""
            return "  \(when) \(change.caseReference ?? "-") \(change.table): \(SafeText.inline(change.reason))"
        }
        lines.append("Conflicts waiting for a person: \(status.conflicts)" + (status.conflicts > 0 ? " (caseload conflicts)" : ""))
        return lines
    }
}

/// A progress bar on standard error for a large seed or pull; nothing
/// when standard error is not a terminal.
final class SyncProgressLine: @unchecked Sendable {
    private let shown = isatty(2) != 0
    private var drawn = false

    func show(_ progress: SyncProgress) {
        guard shown, progress.done >= 200 || drawn else { return }
        drawn = true
        let verb = ["seeding": "Seeding the hub", "pushing": "Sending", "pulling": "Receiving"][progress.stage.rawValue] ?? ""
        var line = "\(verb): \(progress.done)"
        if let total = progress.total, total > 0 {
            let width = 30, filled = min(width, progress.done * width / total)
            line = "\(verb) [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                + "] \(progress.done)/\(total)"
        }
        FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
