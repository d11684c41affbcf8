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
    /// The store refused to read the list for this query (a limit stopped
    /// at its deadline): the rows on screen are still the last list's.
    case listRefused(CaseQuery, String)
    case caseLoaded(CaseDetail, refresh: Bool)
    /// `more`: the search found more than it shows.
    case searchLoaded(String, [SearchHit], more: Bool = false)
    case teamLoaded(TeamOverview)
    /// Another process (or this one) changed the store.
    case storeChanged(now: Date, today: Day)
    case failed(String)
    /// A change went through (or partly): say so and reload what is on screen.
    case changed(String)
    /// Text back from the user's own editor.
    case edited(String)
    /// Text that arrived all at once (a paste), line breaks and tabs included.
    case pasted(String)
    /// A form can open: with the author's draft, if one was kept, and the
    /// workers its pickers offer.
    /// `facts`: a single case's handover facts, to start the summary from.
    /// `prefill`: values a form starts from, by field id (a correction
    /// starts from the contact it corrects).
    case formReady(FormPurpose, draft: Draft?, workers: [WorkerSummary], facts: String? = nil,
                   prefill: [String: String] = [:])
    /// The clock moved on (checked every moment the front end waits): what
    /// "now" and "today" are, for forms, days left and overdue.
    case clock(now: Date, today: Day)
    /// Unsaved drafts found at start.
    case draftsFound([Draft])
    /// The worker `:caseload NAME` named, by login.
    case workerFound(login: String)
    /// The store asks why the user acts on a case outside their caseload:
    /// opening it, or (`then`) the work to do on it once they have said why.
    case reasonNeeded(reference: String, then: StoreWork? = nil)
    /// Cases handed to the user and waiting for them to accept (at start).
    case handedToMe([HandedCase])
    case referralsLoaded(ReferralStatus?, [ReferralRow])
    case attentionLoaded([AttentionItem])
    case leavingLoaded(LeavingPlan)
    case splitProposed([HandoverShare])
    /// An event just recorded may have met these dates: ask, one at a time.
    case offerToMeet([MeetOffer])
    /// Saving a new case found people on record it may be about: the form
    /// asks who it is about before the case is opened.
    case familyFound([FamilyMatch])
    /// Time for the sync the front end does by itself while it is open.
    case syncDue
    /// How far the running sync has got: records, of `total` where known.
    case syncProgress(done: Int, total: Int?)
    case syncFinished(SyncOutcome)
    /// What the store says about its hub (nil: it has none).
    case syncStatusRead(SyncFacts?)
}

/// A key date an event may have met, offered to be marked met on its day.
public struct MeetOffer: Equatable, Sendable {
    public let reference: String
    public let keyDateId: String
    /// The day the event happened: the day it is marked met.
    public let on: Day
    /// "The annual review meeting on 12/03/2027 meets the annual review due 01/03/2027"
    public let question: String
    public let note: String

    static func offers(_ recorded: RecordedKeyDates, on reference: String) -> [MeetOffer] {
        let event = recorded.subject.title
        return recorded.meets.map {
            MeetOffer(reference: reference, keyDateId: $0.id, on: recorded.happenedOn,
                      question: "The \(Self.lowercasedFirst(event)) on \(recorded.happenedOn) meets the "
                        + "\(Self.lowercasedFirst($0.rule.title)) due \($0.due)",
                      note: "by the \(Self.lowercasedFirst(event)) of \(recorded.happenedOn)")
        }
    }

    /// "Annual review" reads "annual review" mid-sentence; "LA decision letter" keeps its capitals.
    static func lowercasedFirst(_ title: String) -> String {
        guard let first = title.first, title.dropFirst().first?.isLowercase ?? true else { return title }
        return first.lowercased() + title.dropFirst()
    }
}

/// What `update` asks for, by who does it: the store's work goes to the
/// effect runner, which answers with messages; the terminal's work (an
/// editor, suspending, quitting, when to write a draft) to the front end's loop.
public enum Effect: Equatable, Sendable {
    case store(StoreWork)
    case terminal(TerminalWork)
    /// Sync with the team's hub, away from the loop that draws and reads
    /// keys: progress and the outcome come back as messages.
    case sync(manual: Bool)
}

/// Work for the store, done by `EffectRunner`.
public enum StoreWork: Equatable, Sendable {
    /// Load a page of the current list. `recount` asks for the total too;
    /// `record` writes the listing to the audit trail (a new list, not a page).
    case loadList(CaseQuery, PageRequest, recount: Bool, record: Bool)
    /// Read a case file (recorded in the audit trail unless it is a refresh
    /// of the file already on screen).
    case openCase(reference: String, reason: String?, refresh: Bool)
    case search(String)
    case loadTeam
    /// Whose caseload `:caseload NAME` means: a login or a name.
    case findWorker(String)
    case reassign([String], to: String, reason: String)
    case flag(FlagInput)
    case recordSafeguarding(SafeguardingInput)
    case logContact(ContactInput)
    case recordFamilyTold(FamilyToldInput)
    case moveReferral(ReferralMoveInput)
    /// `factsIncluded`: the summary started from the facts, so the store does
    /// not add them again.
    case handOver([String], to: String, summary: String, factsIncluded: Bool = false)
    /// The receiver accepts (or a supervisor signs off) the waiting handovers.
    case acceptHandover([String])
    /// The maker of a waiting handover (or a supervisor) withdraws it.
    case withdrawHandover(reference: String, reason: String)
    /// Consent for the case's open referral, given or withdrawn.
    case recordConsent(ConsentInput, reference: String, withdrawn: Bool)
    case settleKeyDate(reference: String, id: String, outcome: KeyDateOutcome)
    /// What happened, or one rule's date: every date that follows is added.
    case recordKeyDates(reference: String, KeyDateEntry, note: String?)
    case closeCase(reference: String, reason: String, outcome: String?, feedback: ClosureFeedback)
    case editCase(reference: String, edit: CaseEdit)
    case editPerson(reference: String, personId: String, edit: PersonEdit)
    case addParty(reference: String, party: NewParty)
    case removeParty(reference: String, personId: String, reason: String)
    /// Reads the case file again with its people's special-category
    /// details (recorded), or without them.
    case showSpecial(reference: String, shown: Bool)
    case reopenCase(reference: String, reason: String)
    case openNewCase(NewCase)
    case reviewSafeguarding(reference: String)
    /// Find the author's draft (and the workers, if the form needs them),
    /// first asking the store whether the user may make this change to the
    /// case, with the reason they gave this session for acting on it.
    case prepareForm(FormPurpose, reason: String? = nil)
    /// Write what is typed in a form (the front end decides when: see
    /// `TerminalWork.keepDraft`).
    case saveDraft(kind: String, reference: String?, fields: [String: String])
    case discardDraft(kind: String, reference: String?)
    /// A form's save: the store does `save` and throws the form's draft away
    /// in the same transaction. `reason`: why the user acts on a case outside
    /// their caseload, recorded with the change.
    indirect case saveForm(StoreWork, draftKind: String, draftReference: String?, reason: String? = nil)
    case listDrafts
    case listHandedToMe
    case loadReferrals(ReferralStatus?)
    case loadAttention
    case loadLeaving(login: String)
    case proposeSplit(leaver: String, receivers: [String])
    /// Hand the leaver's cases over as planned, signing off and ending the
    /// worker if asked, in one transaction.
    case moveCaseload(leaver: String, shares: [HandoverShare], signOff: Bool, endWorker: Bool)
    /// Where the store stands with its hub, for the status line.
    case readSyncStatus
}

/// Work for the terminal, done by the front end's loop.
public enum TerminalWork: Equatable, Sendable {
    /// Open the text in $VISUAL or $EDITOR.
    case editText(String)
    /// What is typed in a form: written to the store when typing pauses
    /// (and at least every two seconds), not on every key.
    case keepDraft(kind: String, reference: String?, fields: [String: String])
    case suspend
    case quit
}

extension StoreWork {
    /// The same work with the reason the user gave for acting on a case
    /// outside their caseload.
    func giving(_ reason: String) -> StoreWork {
        switch self {
        case .prepareForm(let purpose, _): return .prepareForm(purpose, reason: reason)
        case .openCase(let reference, _, let refresh): return .openCase(reference: reference, reason: reason, refresh: refresh)
        default: return self
        }
    }
}
