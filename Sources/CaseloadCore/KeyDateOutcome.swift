/// How an open key date ended: met (on a day, with a note if wanted), missed
/// (with what happened) or no longer needed (with why). Each stays on the
/// case's history.
public enum KeyDateOutcome: Sendable, Equatable {
    case met(on: Day, note: String?)
    case missed(what: String)
    case noLongerNeeded(why: String)

    public var status: KeyDateStatus {
        switch self {
        case .met: return .met
        case .missed: return .missed
        case .noLongerNeeded: return .cancelled
        }
    }

    /// The day it was met; nil for the others (settled today).
    public var day: Day? {
        if case .met(let day, _) = self { return day }
        return nil
    }

    public var text: String? {
        switch self {
        case .met(_, let note): return note.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        case .missed(let what): return what
        case .noLongerNeeded(let why): return why
        }
    }

    /// A met date is not in the future; what was missed and why a date is
    /// no longer needed are said.
    public func check(today: Day) throws {
        switch self {
        case .met(let day, let note):
            guard day <= today else {
                throw CaseloadError.invalid("a key date cannot be met on \(day.formatted), which is still to come")
            }
            try DateRange.past("the day it was met", today: today).check(day)
            try TextLimits.check(note ?? "", field: "note", limit: TextLimits.note)
        case .missed(let what):
            guard !what.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw CaseloadError.invalid("say what happened when the key date was missed")
            }
            try TextLimits.check(what, field: "what happened", limit: TextLimits.note)
        case .noLongerNeeded(let why):
            guard !why.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw CaseloadError.invalid("say why the key date is no longer needed (for example, entered with the wrong year)")
            }
            try TextLimits.check(why, field: "reason", limit: TextLimits.note)
        }
    }
}
