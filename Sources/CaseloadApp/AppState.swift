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

    /// The case file on screen.
    public struct CaseFile: Sendable {
        public var detail: CaseDetail
        /// The selected timeline entry.
        public var selected = 0
        /// The first line shown.
        public var scroll = 0
        public var expanded: Set<String> = []
    }

    public struct Search: Sendable {
        public var text: String
        public var hits: [SearchHit]
        public var selected = 0
        public var top = 0
    }

    /// A question asked on the bottom line.
    public struct Prompt: Equatable, Sendable {
        public enum Kind: Equatable, Sendable {
            case limit, search, command
            /// Why a case outside the worker's caseload is being opened.
            case reason(reference: String)
            case reassignTo([String])
            case reassignReason([String], to: String)
            case handOverTo([String])
            case handOverSummary([String], to: String)
            /// A step of flagging a case, with the answers so far.
            case flag(FlagStep, FlagAnswers)
            /// A step of logging a contact, with the answers so far.
            case contact(ContactStep, ContactAnswers)
        }
        public var kind: Kind
        public var editor: LineEditor

        static func describe(_ references: [String]) -> String {
            references.count == 1 ? references[0] : "\(references.count) tagged cases"
        }

        public var label: String {
            switch kind {
            case .limit: return "Limit: "
            case .search: return "Search: "
            case .command: return ":"
            case .reason(let reference): return "Why are you opening \(reference)? (recorded) "
            case .reassignTo(let refs): return "Reassign \(Self.describe(refs)) to (login): "
            case .reassignReason(let refs, let to): return "Why move \(Self.describe(refs)) to \(to)? "
            case .handOverTo(let refs): return "Hand \(Self.describe(refs)) over to (login): "
            case .handOverSummary(_, let to): return "Summary for \(to): "
            case .flag(let step, _): return step.question
            case .contact(let step, _): return step.question
            }
        }
    }

    /// Cases tagged with t, by reference: kept across limits and searches.
    public var tagged: Set<String> = []
    /// ";" was pressed: the next command applies to the tagged cases.
    public var applyToTagged = false

    /// Flagging asks the safeguarding question first, so the fork is
    /// impossible to miss: a child at risk is never a routine referral.
    public enum FlagStep: Equatable, Sendable {
        case atRisk, told, theirReference, need, urgency, consentBy, consentRole, consentMethod

        public var question: String {
            switch self {
            case .atRisk: return "Is anyone at risk of significant harm? (y/n) "
            case .told: return "Who did you tell? "
            case .theirReference: return "Their reference (Enter if none): "
            case .need: return "What does the family need, and what did they agree to? "
            case .urgency: return "Urgency: routine or priority? (r/p) "
            case .consentBy: return "Who gave consent? (name, or Enter if not yet) "
            case .consentRole: return "Their role (e.g. parent-carer, young-person): "
            case .consentMethod: return "How: verbal, written or electronic? (v/w/e) "
            }
        }

        /// Shown on the status line above the question.
        public var notice: String? {
            switch self {
            case .told, .theirReference:
                return "PHONE THE CHILDREN'S FRONT DOOR NOW (999 in an emergency), then record it."
            case .need, .urgency: return "Family-support referral to the Children's Trust."
            case .consentBy, .consentRole, .consentMethod:
                return "Consent from someone with parental responsibility (or the young person if 16+)."
            default: return nil
            }
        }
    }

    public enum ContactStep: Equatable, Sendable {
        case mode, minutes, summary, followUp

        public var question: String {
            switch self {
            case .mode: return "How (mode): "
            case .minutes: return "Minutes spent (Enter to skip): "
            case .summary: return "Summary (Ctrl-E for your editor): "
            case .followUp: return "Follow-up due (today, +2w, fri, dd/mm/yyyy; Enter for none): "
            }
        }
    }

    public struct ContactAnswers: Equatable, Sendable {
        public var reference: String
        public var mode = ""
        public var minutes: Int?
        public var summary = ""
    }

    public struct FlagAnswers: Equatable, Sendable {
        public var reference: String
        public var told = ""
        public var need = ""
        public var urgency = "routine"
        public var consentBy = ""
        public var consentRole = ""
    }

    public let user: User
    public let service: String
    public var width: Int
    public var height: Int
    public var colour: Bool
    public var today: Day
    public var now: Date
    public var timeZone: TimeZone

    public var places: [Place] = [.caseload]
    public var query: CaseQuery
    public var list = ListWindow()
    public var caseFile: CaseFile?
    public var search: Search?
    public var team: TeamOverview?
    public var teamSelected = 0
    public var prompt: Prompt?
    public var commandHistory: [String] = []
    public var searchHistory: [String] = []
    public var limitHistory: [String] = []
    public var message: String?
    public var messageIsError = false
    public var helpScroll = 0
    public var quitting = false

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

    public var place: Place { places.last ?? .caseload }

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
