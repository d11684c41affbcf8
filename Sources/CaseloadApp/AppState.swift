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
        /// The lines last laid out and what for, so a keypress lays the file
        /// out once (for scrolling) and the view draws those same lines.
        var laidOut: LaidOut?

        struct LaidOut: Sendable {
            let width: Int
            let expanded: Set<String>
            let colour: Bool
            let today: Day
            let lines: [CaseFileLayout.Line]
        }

        func lines(width: Int, colour: Bool, today: Day) -> [CaseFileLayout.Line]? {
            guard let laidOut, laidOut.width == width, laidOut.expanded == expanded, laidOut.colour == colour,
                  laidOut.today == today else { return nil }
            return laidOut.lines
        }
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
            /// Flagging starts with the safeguarding question, so the fork is
            /// impossible to miss: a child at risk is never a routine referral.
            case atRisk(reference: String)
            /// A supervisor's one-key decision, asked once more before it is done.
            case confirm(question: String, then: Effect)
        }
        public var kind: Kind
        public var editor: LineEditor

        public var label: String {
            switch kind {
            case .limit: return "Limit: "
            case .search: return "Search: "
            case .command: return ":"
            case .reason(let reference): return "Why are you opening \(reference)? (recorded) "
            case .atRisk: return "Is anyone at risk of significant harm? (y/n) "
            case .confirm(let question, _): return question + " (y/n) "
            }
        }
    }

    /// Cases tagged with t, by reference: kept across limits and searches.
    public var tagged: Set<String> = []
    /// ";" was pressed: the next command applies to the tagged cases.
    public var applyToTagged = false

    /// The family-support referrals list (:referrals), by status.
    public struct Referrals: Sendable {
        public var status: ReferralStatus?
        public var rows: [ReferralRow]
        public var selected = 0
    }

    /// A supervisor's list of what waits for them (:attention).
    public struct Attention: Sendable {
        public var items: [AttentionItem]
        public var selected = 0
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
    /// A form open over the current place.
    public var form: Form?
    public var referrals: Referrals?
    public var attention: Attention?
    public var leaving: LeavingPlan?
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
