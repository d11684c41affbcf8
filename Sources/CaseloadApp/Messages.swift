import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// Everything that can happen to the front end.
public enum Message: Sendable {
    case key(Key)
    case resized(width: Int, height: Int)
    /// A page of the list; `start` is the absolute position of its first row
    /// when the request does not imply it (a refresh in place).
    case listLoaded(CasePage, PageRequest, total: Int?, start: Int?)
    case caseLoaded(CaseDetail, refresh: Bool)
    case searchLoaded(String, [SearchHit])
    case teamLoaded(TeamOverview)
    /// Another process (or this one) changed the store.
    case storeChanged(now: Date, today: Day)
    case failed(String)
    /// A change went through (or partly): say so and reload what is on screen.
    case changed(String)
    /// Text back from the user's own editor.
    case edited(String)
}

/// Work `update` asks for; the runner does it against the store and answers
/// with a message.
public enum Effect: Equatable, Sendable {
    /// Load a page of the current list. `recount` asks for the total too;
    /// `record` writes the listing to the audit trail (a new list, not a page).
    case loadList(CaseQuery, PageRequest, recount: Bool, record: Bool)
    /// Read a case file (recorded in the audit trail unless it is a refresh
    /// of the file already on screen).
    case openCase(reference: String, reason: String?, refresh: Bool)
    case search(String)
    case loadTeam
    case reassign([String], to: String, reason: String)
    case flag(reference: String, need: String, urgency: String, consentBy: String?, consentRole: String?, consentMethod: String?)
    case recordSafeguarding(reference: String, told: String, theirReference: String?)
    case logContact(reference: String, mode: String, minutes: Int?, summary: String, followUp: Day?)
    /// Open the text in $VISUAL or $EDITOR (the terminal's to do).
    case editText(String)
    case handOver([String], to: String, summary: String)
    case suspend
    case quit
}
