import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// The whole state of the terminal front end. `update` changes it; views
/// draw it; nothing else holds state.
public struct AppState: Sendable {
    public struct User: Equatable, Sendable {
        public let login: String
        public let name: String
        public let isSupervisor: Bool

        public init(login: String, name: String, isSupervisor: Bool) {
            self.login = login
            self.name = name
            self.isSupervisor = isSupervisor
        }
    }

    /// A question asked on the bottom line.
    public struct Prompt: Equatable, Sendable {
        public enum Kind: Equatable, Sendable {
            case limit, search, command
            /// Why a case outside the worker's caseload is being opened, or
            /// (`then`) changed by that work.
            case reason(reference: String, then: StoreWork? = nil)
            /// Flagging starts with the safeguarding question, so the fork is
            /// impossible to miss: a child at risk is never a routine referral.
            case atRisk(reference: String)
            /// A supervisor's one-key decision, asked once more before it is done.
            case confirm(question: String, then: Effect)
            /// Why the handover waiting on a case is withdrawn (recorded).
            case withdrawHandover(reference: String)
            /// Whether an event just recorded met a key date; the rest are asked next.
            case meets(MeetOffer, then: [MeetOffer])
            /// Whose details to change on a case (a key each), or + for someone new.
            case person(reference: String, people: [PersonChoice])

            /// A question answered by one key, y or n.
            var isYesOrNo: Bool {
                switch self {
                case .atRisk, .confirm, .meets, .person: return true
                case .limit, .search, .command, .reason, .withdrawHandover: return false
                }
            }
        }
        public var kind: Kind
        public var editor: LineEditor

        public var label: String {
            switch kind {
            case .limit: return "Limit: "
            case .search: return "Search: "
            case .command: return ":"
            case .reason(let reference, nil): return "Why are you opening \(reference)? (recorded) "
            case .reason(let reference, _?): return "\(reference) is not in your caseload. Why act on it? (recorded) "
            case .atRisk: return "Is anyone at risk of significant harm? (y/n) "
            case .confirm(let question, _): return question + " (y/n) "
            case .withdrawHandover(let reference): return "Why withdraw the handover of \(reference)? (recorded) "
            case .meets: return "Mark it met? (y/n) "
            case .person(_, let people):
                return "Whose details? " + people.map { "\($0.key) \($0.short)" }.joined(separator: " · ") + " · + new "
            }
        }
    }

    /// Why each case outside the caseload was opened or changed this
    /// session, by reference: acting on it again gives the same reason, unasked.
    public var reasonsGiven: [String: String] = [:]
    /// Cases tagged with t, by reference: kept across limits and searches.
    public var tagged: Set<String> = []
    /// ";" was pressed: the next command applies to the tagged cases.
    public var applyToTagged = false

    public let user: User
    public let service: String
    public var width: Int
    public var height: Int
    public var colour: Bool
    public var today: Day
    public var now: Date
    public var timeZone: TimeZone

    /// Where the user is, the caseload at the bottom, each with its own state.
    public var places: [Place] = [.caseload]
    public var query: CaseQuery
    public var list = ListWindow()
    public var prompt: Prompt?
    /// A form open over the current place.
    public var form: Form?
    public var commandHistory: [String] = []
    public var searchHistory: [String] = []
    public var limitHistory: [String] = []
    public var message: String?
    public var messageIsError = false
    public var quitting = false
    /// Where the store stands with its hub; nil when it has none.
    public var sync: SyncLine?

    public init(user: User, service: String, width: Int, height: Int, colour: Bool, today: Day, now: Date,
                timeZone: TimeZone = .current) {
        self.user = user
        self.service = service
        self.width = width
        self.height = height
        self.colour = colour
        self.today = today
        self.now = now
        self.timeZone = timeZone
        self.query = CaseQuery(scope: .mine)
    }

    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// Rows available to a list: the screen less the title, the column
    /// headings, the status line and the bottom line.
    public var listHeight: Int { max(1, height - 4) }

    /// Lines of a case file on screen: it has no column headings.
    public var caseFileHeight: Int { max(1, height - 3) }

    public var scopeName: String {
        switch query.scope {
        case .mine: return "My caseload"
        case .all: return "Everyone's cases"
        case .unallocated: return "Unallocated"
        case .worker(let login): return "\(login)'s caseload"
        }
    }
}

/// A person on a case offered on the bottom line, under a key.
public struct PersonChoice: Equatable, Sendable {
    public let key: Character
    public let personId: String
    /// Their first name and initial ("Carmen S"), so several fit on one line.
    public let short: String

    /// The keys offered: digits, then letters (+ is for someone new).
    static let keys = Array("123456789abcdefghijklmnopqrstuvwxyz")

    static func offer(_ people: [CaseDetail.Party]) -> [PersonChoice] {
        zip(keys, people).map { key, person in
            let words = SafeText.inline(person.knownAs ?? person.name).split(separator: " ")
            var short = String(words.first ?? "?").prefix(12)
            if words.count > 1, let initial = words.last?.first { short += " \(initial)" }
            return PersonChoice(key: key, personId: person.personId, short: String(short))
        }
    }
}
