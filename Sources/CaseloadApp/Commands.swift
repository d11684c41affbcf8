import TerminalUI

/// What a key or a ":" command can do.
public enum Action: String, Hashable, Sendable, CaseIterable {
    case quit, back, up, down, pageUp, pageDown, top, bottom
    case open, toggleEntry, limit, clearLimit, search, nextMatch, previousMatch
    case sort, scope, team, help, commandLine, refresh, suspend
    case tag, applyToTagged, reassign, handOver, flag, logContact
    case amend, accept, familyTold, referrals, referralStatus, statusFilter, attention, approve
    case leaving, toggle, nextStep, cycleBack, cycleOn, toggleSignOff, toggleEndWorker
    case withdrawHandover, consent, settleKeyDate, addKeyDate, closeCase, reopenCase, newCase, editCase
    case people, special, sync
}

/// What a command needs before it can run.
public enum Need: Hashable, Sendable {
    case selectedCase
    case supervisor
    /// The case file shows a contact at the selection.
    case selectedContact
    /// The case file shows an open key date at the selection.
    case selectedKeyDate
}

public typealias AppCommands = CommandTable<Action, Place.Kind, Need>

/// The one table of commands: keys, ":" names, help text and hints come from here.
public let commandTable = AppCommands([
    .init(.quit, name: "quit", keys: [.character("q"), .control("c")], help: "Quit Caseload", in: [.caseload], hint: true),
    .init(.back, name: "back", keys: [.character("q"), .escape], help: "Go back", in: [.caseFile, .searchResults, .team, .help, .referrals, .attention], hint: true),
    .init(.back, name: "back", keys: [.escape], help: "Go back a step (nothing is moved until you confirm)", in: [.leaving], hint: true),
    .init(.up, name: "up", keys: [.up, .character("k")], help: "Move up", in: [.caseload, .caseFile, .searchResults, .team, .help, .referrals, .attention, .leaving]),
    .init(.down, name: "down", keys: [.down, .character("j")], help: "Move down", in: [.caseload, .caseFile, .searchResults, .team, .help, .referrals, .attention, .leaving]),
    .init(.pageUp, name: "page-up", keys: [.pageUp, .control("b")], help: "Up a page", in: [.caseload, .caseFile, .searchResults, .team, .help, .referrals, .attention, .leaving]),
    .init(.pageDown, name: "page-down", keys: [.pageDown, .control("f"), .character(" ")], help: "Down a page", in: [.caseload, .caseFile, .searchResults, .team, .help, .referrals, .attention]),
    .init(.top, name: "top", keys: [.character("g"), .home], help: "Go to the first line", in: [.caseload, .caseFile, .searchResults, .team, .help, .referrals, .attention, .leaving]),
    .init(.bottom, name: "bottom", keys: [.character("G"), .end], help: "Go to the last line", in: [.caseload, .caseFile, .searchResults, .team, .help, .referrals, .attention, .leaving]),
    .init(.open, name: "open", keys: [.enter, .right], help: "Open the case (opening one outside your caseload asks why)", in: [.caseload, .searchResults], needs: [.selectedCase], hint: true),
    .init(.open, name: "open", keys: [.enter, .right], help: "Show the worker's caseload", in: [.team], hint: true),
    .init(.open, name: "open", keys: [.character("o")], help: "Open the case", in: [.referrals, .attention], hint: true),
    .init(.toggleEntry, name: "expand", keys: [.enter], help: "Show or hide a timeline entry's full text", in: [.caseFile], hint: true),
    .init(.limit, name: "limit", keys: [.character("l")], help: "Limit the list: words, status:closed, level:3, worker:LOGIN, due:14, overdue, flagged", in: [.caseload], hint: true),
    .init(.clearLimit, name: "unlimit", keys: [.escape], help: "Clear the limit", in: [.caseload]),
    .init(.search, name: "search", keys: [.character("/")], help: "Search names and contact notes", in: [.caseload, .caseFile, .searchResults], hint: true),
    .init(.nextMatch, name: "next", keys: [.character("n")], help: "Next search result", in: [.caseFile, .searchResults]),
    .init(.previousMatch, name: "previous", keys: [.character("N")], help: "Previous search result", in: [.caseFile, .searchResults]),
    .init(.sort, name: "sort", keys: [.character("s")], help: "Sort by next key date, longest since contact, newest, reference", in: [.caseload], hint: true),
    .init(.scope, name: "caseload", keys: [.character("v")], help: "Switch between my caseload, everyone's and the unallocated queue", in: [.caseload], needs: [.supervisor]),
    .init(.tag, name: "tag", keys: [.character("t")], help: "Tag or untag the case (tags survive limits and searches)", in: [.caseload, .searchResults], needs: [.selectedCase]),
    .init(.applyToTagged, name: "tagged", keys: [.character(";")], help: "Apply the next command (r, h) to every tagged case", in: [.caseload, .searchResults]),
    .init(.reassign, name: "reassign", keys: [.character("r")], help: "Reassign the case to another worker now, with a reason", in: [.caseload, .searchResults, .caseFile], needs: [.selectedCase, .supervisor]),
    .init(.handOver, name: "handover", keys: [.character("h")], help: "Hand the case over; the receiver accepts it (facts on file are added to your summary)", in: [.caseload, .searchResults, .caseFile], needs: [.selectedCase]),
    .init(.logContact, name: "contact", keys: [.character("c")], help: "Log a contact: a form with mode, when, who was there, summary, advice, follow-up and key dates (outside your caseload, asks why first)", in: [.caseload, .searchResults, .caseFile], needs: [.selectedCase], hint: true),
    .init(.amend, name: "correct", keys: [.character("e")], help: "Correct the selected contact: the original stays and the correction is linked to it", in: [.caseFile], needs: [.selectedContact], hint: true),
    .init(.flag, name: "flag", keys: [.character("f")], help: "Flag for family support: asks first whether anyone is at risk of significant harm (then it is safeguarding, not a referral, and never refused: any case, even closed)", in: [.caseload, .searchResults, .caseFile], needs: [.selectedCase], hint: true),
    .init(.accept, name: "accept", keys: [.character("a")], help: "Accept the case handed over to you, having read the file (recorded)", in: [.caseFile], hint: true),
    .init(.familyTold, name: "told", keys: [.character("T")], help: "Record when and how the family was told about their new worker, and write their letter", in: [.caseload, .caseFile], needs: [.selectedCase]),
    .init(.withdrawHandover, name: "withdraw", keys: [.character("W")], help: "Withdraw the handover waiting on the case (H), saying why: its maker or a supervisor", in: [.caseload, .searchResults, .caseFile], needs: [.selectedCase]),
    .init(.consent, name: "consent", keys: [.character("C")], help: "Record the family's consent for the open referral (then it can be sent), or its withdrawal", in: [.referrals, .caseFile], needs: [.selectedCase]),
    .init(.settleKeyDate, name: "keydate-done", keys: [.character("d")], help: "The selected key date was met (on a day), missed (what happened) or is no longer needed (why)", in: [.caseFile], needs: [.selectedKeyDate]),
    .init(.addKeyDate, name: "keydate", keys: [.character("D")], help: "Add a key date: what happened (an LA letter, a review meeting) or one rule's date", in: [.caseFile]),
    .init(.editCase, name: "edit", keys: [.character("E")], help: "Edit the case: its level or status (saying why), the child's school, year group or need, an issue added or removed", in: [.caseFile]),
    .init(.people, name: "people", keys: [.character("p")], help: "People on the case: change someone's details and safe-contact warnings (no voicemail, do not write, do not share), take off someone no longer involved, or add someone (+)", in: [.caseFile]),
    .init(.special, name: "special", keys: [.character("S")], help: "Show or hide the special-category details (ethnicity, religion, health: UK GDPR article 9); showing them is recorded", in: [.caseFile]),
    .init(.closeCase, name: "close", keys: [.character("X")], help: "Close the case: a reason, what the family achieved, and their feedback (useful? helped? recommend?)", in: [.caseFile]),
    .init(.reopenCase, name: "reopen", keys: [.character("R")], help: "Reopen the closed case, saying why: until then it takes no changes but safeguarding", in: [.caseFile]),
    .init(.newCase, name: "new", keys: [.character("N")], help: "Open a new case: the child, their parent or carer, school, level, issues and how it came in."
              + " A family already on record (the child's name and date of birth, or the parent's phone or email) is"
              + " listed with their cases before anything is saved: tick who the case is about, or No, someone new",
          in: [.caseload]),
    .init(.referrals, name: "referrals", keys: [.character("F")], help: "Family-support referrals by status, to send a batch to the Children's Trust", in: [.caseload, .caseFile]),
    .init(.referralStatus, name: "move", keys: [.enter], help: "Move the referral on: sent, acknowledged, accepted, declined, closed", in: [.referrals], hint: true),
    .init(.statusFilter, name: "status", keys: [.character("s")], help: "Show referrals of the next status (all, flagged, sent ...)", in: [.referrals], hint: true),
    .init(.attention, name: "attention", keys: [.character("A")], help: "Needs my attention: handover sign-offs, consent overrides, safeguarding to review", in: [.caseload, .team], needs: [.supervisor]),
    .init(.approve, name: "approve", keys: [.enter, .character("a")], help: "Deal with the item: sign the handover off, send with a written override, mark safeguarding reviewed", in: [.attention], hint: true),
    .init(.team, name: "team", keys: [.character("w")], help: "The team: weighted caseload against capacity (R over 110%, A 100-110%, G 95-100%, B under), WAIT handovers waiting, LATE cases overdue", in: [.caseload], needs: [.supervisor], hint: true),
    .init(.leaving, name: "leaving", keys: [.character("L")], help: "A worker is leaving (the selected one, or :leaving LOGIN): choose receivers, adjust the proposed split, preview and confirm once", in: [.team], needs: [.supervisor], hint: true),
    .init(.toggle, name: "choose", keys: [.character(" ")], help: "Choose or drop the receiver; on a case, give it to the next receiver", in: [.leaving], hint: true),
    .init(.cycleBack, name: "previous-receiver", keys: [.left], help: "Give the case to the previous receiver", in: [.leaving]),
    .init(.cycleOn, name: "next-receiver", keys: [.right], help: "Give the case to the next receiver", in: [.leaving]),
    .init(.toggleSignOff, name: "sign-off", keys: [.character("S")], help: "Sign the handovers off now (cases move at once) or leave them for the receivers", in: [.leaving]),
    .init(.toggleEndWorker, name: "end-worker", keys: [.character("E")], help: "End the leaving worker once their cases have moved, or not", in: [.leaving]),
    .init(.nextStep, name: "next-step", keys: [.enter], help: "Go on: propose the split, preview it, then confirm once", in: [.leaving], hint: true),
    .init(.help, name: "help", keys: [.character("?"), .function(1)], help: "List every command", in: [.caseload, .caseFile, .searchResults, .team, .referrals, .attention, .leaving], hint: true),
    .init(.sync, name: "sync", keys: [.character("Y")], help: "Sync with the team's hub now (also every few minutes by itself)", in: [.caseload, .caseFile, .searchResults, .team, .referrals, .attention]),
    .init(.commandLine, name: "command", keys: [.character(":")], help: "Type a command by name (with history)", in: [.caseload, .caseFile, .searchResults, .team, .referrals, .attention]),
    .init(.refresh, name: "redraw", keys: [.control("l")], help: "Reload and redraw the screen", in: [.caseload, .caseFile, .searchResults, .team, .help, .referrals, .attention, .leaving]),
    .init(.suspend, name: "suspend", keys: [.control("z")], help: "Suspend to the shell (fg to come back)", in: [.caseload, .caseFile, .searchResults, .team, .help, .referrals, .attention, .leaving]),
])
