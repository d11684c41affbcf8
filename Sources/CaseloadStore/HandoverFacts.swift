import CaseloadCore
import Foundation

/// What a handover carries from the case file: open actions, the open key
/// dates, consents, whether there is safeguarding, and the last contacts.
/// Data, so each edge can show it; `text` is how a handover note records it.
public struct HandoverFacts: Sendable, Equatable {
    public struct Action: Sendable, Equatable {
        public let description: String
        public let due: Day?
    }

    public struct KeyDate: Sendable, Equatable {
        public let title: String
        public let due: Day
    }

    public struct Consent: Sendable, Equatable {
        public let status: ConsentStatus
        public let givenBy: String
        public let scope: String
    }

    public struct Contact: Sendable, Equatable {
        public let at: Date
        /// The mode's label, e.g. "Phone call in".
        public let mode: String
        public let summary: String
    }

    /// Someone on the case whose contact carries a warning: "do not write
    /// to their address", "no voicemail", "needs an interpreter".
    public struct SafeContact: Sendable, Equatable {
        public let name: String
        public let warnings: [String]
    }

    public let openActions: [Action]
    public let keyDates: [KeyDate]
    public let consents: [Consent]
    public let safeguardingEntries: Int
    /// The last three, newest first.
    public let lastContacts: [Contact]
    public var safeContact: [SafeContact] = []

    /// The facts as a handover note records them, one line each; a contact's
    /// summary is cut at 200 characters.
    public func text(in timeZone: TimeZone) -> String {
        var lines: [String] = []
        // First: a letter or a voicemail sent wrongly cannot be taken back.
        lines += safeContact.map { "- SAFE CONTACT: \($0.name): \($0.warnings.joined(separator: "; "))" }
        lines += openActions.map { "- Open action: \($0.description)" + ($0.due.map { ", due \($0)" } ?? "") }
        lines += keyDates.map { "- Key date: \($0.title), due \($0.due.formatted)" }
        lines += consents.map { "- Consent \($0.status.rawValue) by \($0.givenBy): \($0.scope)" }
        if safeguardingEntries > 0 {
            lines.append("- SAFEGUARDING: \(Plural.count(safeguardingEntries, "entry", "entries")) on the timeline")
        }
        lines += lastContacts.map { contact in
            let head = contact.summary.prefix(200)
            return "- Contact \(Moment.format(contact.at, in: timeZone)) (\(contact.mode)): "
                + String(head) + (head.endIndex < contact.summary.endIndex ? "…" : "")
        }
        return "Facts at handover:\n" + (lines.isEmpty ? "- nothing open on the file" : lines.joined(separator: "\n"))
    }
}
