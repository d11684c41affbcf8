import CaseloadApp
import Foundation
import TerminalUI

/// With CASELOAD_TRACE=FILE the front end writes one line per finished
/// frame: when it was on the wall clock, which key led to it, where the user
/// was, and how long from reading the key to the frame being on the terminal.
/// The benchmark reads it; nothing else does.
///
///     frame <unix ns> <key> <place> <prompt> <microseconds>
///
/// The first frame's key is "start" and its time is what counts for it.
final class FrameTrace {
    private let handle: FileHandle
    private var pending: (key: String, place: String, prompt: String, started: UInt64)?
    private var first = true

    init?(path: String?) {
        guard let path, !path.isEmpty else { return nil }
        if !FileManager.default.fileExists(atPath: path) {
            FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { return nil }
        _ = try? handle.seekToEnd()
        self.handle = handle
    }

    func keyRead(_ key: Key, _ state: AppState) {
        let prompt: String
        switch state.prompt?.kind {
        case .none: prompt = state.form == nil ? "-" : "form"
        case .limit: prompt = "limit"
        case .search: prompt = "search"
        case .command: prompt = "command"
        case .reason: prompt = "reason"
        case .atRisk: prompt = "at-risk"
        case .confirm: prompt = "confirm"
        case .withdrawHandover: prompt = "withdraw"
        case .meets: prompt = "meets"
        case .person: prompt = "person"
        }
        let label = key.label.replacingOccurrences(of: " ", with: "_")
        pending = (label.isEmpty ? "?" : label, "\(state.place)", prompt, Self.clock(CLOCK_MONOTONIC))
    }

    /// Called after each frame is on the terminal.
    func framed() {
        let now = Self.clock(CLOCK_MONOTONIC)
        let line: String
        if first {
            first = false
            line = "frame \(Self.clock(CLOCK_REALTIME)) start caseload - 0\n"
        } else if let pending {
            line = "frame \(Self.clock(CLOCK_REALTIME)) \(pending.key) \(pending.place) \(pending.prompt) \((now - pending.started) / 1000)\n"
        } else {
            return
        }
        pending = nil
        handle.write(Data(line.utf8))
    }

    private static func clock(_ id: clockid_t) -> UInt64 {
        var spec = timespec()
        clock_gettime(id, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
