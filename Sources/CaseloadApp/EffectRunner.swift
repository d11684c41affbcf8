import CaseloadCore
import CaseloadStore
import Foundation

/// Does what `update` asks of the store and answers with messages. The only
/// part of the app that touches the store; it never builds SQL itself.
public final class EffectRunner {
    let store: Store
    let actor: ActingWorker
    private var lastVersion: Int?
    /// The most hits a search shows.
    static let searchLimit = 200

    public init(store: Store, actor: ActingWorker) {
        self.store = store
        self.actor = actor
    }

    /// Does one piece of the store's work.
    public func perform(_ effect: StoreWork, pageSize: Int) -> [Message] {
        perform(effect, pageSize: pageSize, endingDraft: nil, reason: nil)
    }

    /// `draft`: the draft of the form whose save `effect` is, which the store
    /// deletes in the transaction that saves the record (see `.saveForm`);
    /// `reason`: why the user acts on a case outside their caseload.
    private func perform(_ effect: StoreWork, pageSize: Int, endingDraft draft: FormDraft?, reason: String?) -> [Message] {
        do {
            switch effect {
            case .loadList(let query, let request, let recount, let record):
                var page: CasePage
                do {
                    page = try store.casePage(query, request, limit: pageSize, by: actor)
                } catch let error as CaseloadError where error.kind == .invalid {
                    return [.listRefused(query, Self.message(error))]
                }
                var request = request
                if case .from = request, page.rows.isEmpty {
                    page = try store.casePage(query, .first, limit: pageSize, by: actor)
                    request = .first
                }
                let total = recount || request == .last ? try store.caseCount(query, by: actor) : nil
                if record { try store.recordListing(query, rows: total ?? page.rows.count, by: actor) }
                // A refresh keeps its place: where the reloaded rows now start.
                var start: Int?
                if case .from = request, let first = page.cursors.first {
                    start = try store.caseCount(query, before: first, by: actor)
                }
                return [.listLoaded(page, request, total: total, start: start)]
            case .openCase(let reference, let reason, let refresh):
                do {
                    let detail = try store.caseDetail(reference, reason: reason, record: !refresh, by: actor)
                    return [.caseLoaded(detail, refresh: refresh)]
                } catch let error as CaseloadError where error.kind == .notAllowed && error.field == .reason && !refresh {
                    // Outside the worker's caseload: ask why, then open it.
                    return [.reasonNeeded(reference: reference)]
                }
            case .search(let text):
                // One more than is shown, to know whether there are more.
                let hits = try store.search(text, limit: Self.searchLimit, lookAhead: true, by: actor)
                return [.searchLoaded(text, Array(hits.prefix(Self.searchLimit)), more: hits.count > Self.searchLimit)]
            case .reassign(let references, let login, let reason):
                let outcome = try store.reassign(references, toLogin: login, reason: reason, by: actor, endingDraft: draft)
                return [.changed(outcome.summary(to: login))]
            case .handOver(let references, let login, let summary, let factsIncluded):
                let outcomes = try store.handOver(references, toLogin: login, summary: summary, factsIncluded: factsIncluded,
                                                  by: actor, endingDraft: draft)
                let done = outcomes.filter(\.done).map(\.reference)
                let refused = outcomes.filter { !$0.done }.map { outcome in
                    // Here the way to withdraw it is a key.
                    "\(outcome.reference): \(outcome.message)"
                        + (outcome.message == HandoverOutcome.someoneElsesWaiting ? " with W" : "")
                }
                return [.changed("Handed over \(done.count) of \(outcomes.count) to \(login), waiting for them to accept"
                    + (refused.isEmpty ? "." : "; not handed over: " + refused.joined(separator: "; ")))]
            case .flag(let input):
                let consent = input.consent.map { given -> NewConsent in
                    var consent = NewConsent(givenBy: given.givenBy, role: given.role, method: given.method, scope: given.scope)
                    consent.givenOn = given.givenOn
                    return consent
                }
                try store.flagForFamilySupport(input.reference, reasons: input.reasons, narrative: input.narrative,
                                               urgency: input.urgency, consent: consent, reason: reason, by: actor,
                                               endingDraft: draft)
                return [.changed("Flagged \(input.reference) for a family-support referral"
                    + (consent == nil ? "; it cannot be sent until consent is recorded." : " with consent."))]
            case .recordSafeguarding(let input):
                try store.recordSafeguarding(input.reference, told: input.told, externalReference: input.theirReference,
                                             note: input.note, at: input.at, reason: reason, by: actor, endingDraft: draft)
                return [.changed("Safeguarding recorded on \(input.reference); it shows as S for your supervisor.")]
            case .logContact(let input):
                var contact = NewContact(mode: input.mode, summary: input.summary)
                contact.occurredAt = input.occurredAt
                contact.minutes = input.minutes
                contact.meetingType = input.meetingType
                contact.parties = input.parties
                contact.advice = input.advice
                contact.followUp = input.followUp
                contact.followUpText = input.followUpText
                contact.completesActions = input.completesActions
                contact.amends = input.amends
                contact.keyDate = input.keyDate
                contact.meetsKeyDate = input.meetsKeyDate
                let logged = try store.addContact(to: input.reference, contact, reason: reason, by: actor, endingDraft: draft)
                var text = input.amends == nil ? "Logged the contact on \(input.reference)" : "Correction added on \(input.reference)"
                if let due = input.followUp { text += "; follow-up due \(due)" }
                if let recorded = logged.keyDates { text += "; " + Self.summary(recorded) }
                return [.changed(text + "."),
                        .offerToMeet(logged.keyDates.map { MeetOffer.offers($0, on: input.reference) } ?? [])]
            case .recordFamilyTold(let input):
                try store.recordFamilyTold(input.reference, how: input.how, at: input.at, reason: reason, by: actor,
                                           endingDraft: draft)
                var text = "Recorded that the family of \(input.reference) was told."
                if input.letter {
                    // The record is saved whatever happens to the letter, so
                    // a failed letter is reported, not a failed form.
                    do {
                        let path = try LetterFile.write(try store.newWorkerLetter(input.reference, by: actor),
                                                        reference: input.reference, beside: store.path, today: store.today)
                        text += " Letter: \(path) (readable only by you)."
                    } catch let error as CaseloadError {
                        text += " The letter could not be written: \(error.message). Put that right, then T on the case"
                            + " with the letter ticked writes it."
                    }
                }
                return [.changed(text)]
            case .moveReferral(let input):
                try store.moveReferral(input.reference, to: input.status, externalReference: input.externalReference,
                                       overrideReason: input.overrideReason, by: actor, endingDraft: draft)
                return [.changed("The referral on \(input.reference) is now \(input.status.rawValue).")]
            case .acceptHandover(let references):
                let outcomes = try store.acceptHandover(references, by: actor)
                let done = outcomes.filter { $0.done }
                if done.isEmpty, let first = outcomes.first { return [.failed("\(first.reference): \(first.message).")] }
                return [.changed(done.map { "\($0.reference) \($0.message)" }.joined(separator: "; ") + ".")]
            case .withdrawHandover(let reference, let reason):
                let to = try store.withdrawHandover(reference, reason: reason, by: actor)
                return [.changed("Withdrew the handover of \(reference) to \(to); the case stays where it was.")]
            case .recordConsent(let input, let reference, let withdrawn):
                var consent = NewConsent(givenBy: input.givenBy, role: input.role, method: input.method, scope: input.scope)
                consent.status = withdrawn ? .withdrawn : .given
                consent.givenOn = input.givenOn
                try store.recordReferralConsent(reference, consent, by: actor, endingDraft: draft)
                return [.changed(withdrawn ? "Consent withdrawn on \(reference): the referral cannot be sent."
                    : "Consent recorded on \(reference): the referral can be sent (Enter on it in F).")]
            case .settleKeyDate(let reference, let id, let outcome):
                let due = try store.settleKeyDate(on: reference, id: id, as: outcome, by: actor, endingDraft: draft)
                let word = ["met": "Met", "missed": "Missed", "cancelled": "No longer needed"][outcome.status.rawValue] ?? ""
                return [.changed("\(word): the key date due \(due) on \(reference) (kept on the case's history).")]
            case .recordKeyDates(let reference, let entry, let note):
                let recorded = try store.recordKeyDates(on: reference, entry, note: note, reason: reason, by: actor,
                                                        endingDraft: draft)
                return [.changed("Recorded on \(reference): " + Self.summary(recorded) + "."),
                        .offerToMeet(MeetOffer.offers(recorded, on: reference))]
            case .closeCase(let reference, let reason, let outcome, let feedback):
                try store.closeCase(reference, reason: reason, outcome: outcome, feedback: feedback, by: actor, endingDraft: draft)
                return [.changed("Closed \(reference); R reopens it if the family comes back.")]
            case .editCase(let reference, let edit):
                let changes = try store.editCase(reference, edit, by: actor, endingDraft: draft)
                return [.changed("Changed \(reference): " + (try changes.map { try store.words(for: $0) }).joined(separator: "; ") + ".")]
            case .editPerson(let reference, let personId, let edit):
                let changes = try store.editPerson(reference, person: personId, edit, by: actor, endingDraft: draft)
                return [.changed("Changed on \(reference): " + (try store.words(forChangesTo: changes)) + ".")]
            case .addParty(let reference, let party):
                try store.addParty(reference, party, by: actor, endingDraft: draft)
                return [.changed("Added \(SafeText.inline(party.name)) to \(reference).")]
            case .removeParty(let reference, let personId, let reason):
                try store.removeParty(reference, person: personId, reason: reason, by: actor, endingDraft: draft)
                return [.changed("Took them off \(reference); they stay on its history as removed.")]
            case .showSpecial(let reference, let shown):
                return [.caseLoaded(try store.caseDetail(reference, record: false, special: shown, by: actor), refresh: true)]
            case .reopenCase(let reference, let reason):
                try store.reopenCase(reference, reason: reason, by: actor, endingDraft: draft)
                return [.changed("Reopened \(reference).")]
            case .openNewCase(let input):
                // Asked before the case is opened, so the form can offer who
                // they are (the store refuses, too, but in words for a person).
                if input.existingPeople.isEmpty, !input.newPerson {
                    let matches = try store.familyMatches(for: input, by: actor)
                    if !matches.isEmpty { return [.familyFound(matches)] }
                }
                let reference = try store.openCase(input, by: actor, endingDraft: draft).description
                var messages: [Message] = [.changed("Opened \(reference)" + (input.unallocated ? ", in the unallocated queue." : "."))]
                // The case is saved whatever happens to reading it back.
                if let detail = try? store.caseDetail(reference, by: actor) { messages.append(.caseLoaded(detail, refresh: false)) }
                return messages
            case .reviewSafeguarding(let reference):
                let count = try store.reviewSafeguarding(reference, note: nil, by: actor)
                return [.changed("Marked \(Plural.count(count, "safeguarding entry", "safeguarding entries")) on \(reference) as reviewed.")]
            case .prepareForm(let purpose, let reason):
                if let write = purpose.write, purpose.references.count == 1 {
                    // Said before the form is filled in, as the save would say it.
                    do {
                        try store.checkReach(purpose.references[0], for: write, reason: reason, by: actor)
                    } catch let error as CaseloadError where error.kind == .notAllowed && error.field == .reason {
                        return [.reasonNeeded(reference: purpose.references[0], then: .prepareForm(purpose))]
                    }
                }
                let draft = try store.draft(kind: purpose.draftKind, reference: purpose.draftReference, by: actor)
                let workers = purpose.needsWorkers ? try store.workers() : []
                var facts: String?
                if case .handover(let references) = purpose, references.count == 1, draft == nil {
                    facts = try store.handoverFacts(references[0], by: actor).text(in: store.timeZone)
                }
                var prefill: [String: String] = [:]
                if case .amend(let reference, let id, _) = purpose, draft == nil {
                    prefill = ContactForm.prefill(correcting: try store.contact(id, on: reference, by: actor),
                                                  in: store.timeZone)
                }
                return [.formReady(purpose, draft: draft, workers: workers, facts: facts, prefill: prefill)]
            case .saveDraft(let kind, let reference, let fields):
                try store.saveDraft(kind: kind, reference: reference, fields: fields, by: actor)
                return []
            case .discardDraft(let kind, let reference):
                try store.discardDraft(kind: kind, reference: reference, by: actor)
                return []
            case .saveForm(let save, let kind, let reference, let reason):
                // The save's own transaction ends the draft: a crash can never
                // offer a saved form again, and a refused save keeps it.
                return perform(save, pageSize: pageSize, endingDraft: FormDraft(kind: kind, reference: reference), reason: reason)
            case .listDrafts:
                return [.draftsFound(try store.drafts(by: actor))]
            case .listHandedToMe:
                return [.handedToMe(try store.casesHandedTo(actor))]
            case .loadReferrals(let status):
                return [.referralsLoaded(status, try store.referrals(status: status, by: actor))]
            case .loadAttention:
                return [.attentionLoaded(try store.attention(by: actor))]
            case .loadLeaving(let login):
                let workers = try store.workers()
                guard let leaver = workers.first(where: { $0.login == login }) else {
                    return [.failed("No worker \(login).")]
                }
                let cases = try store.cases(heldBy: login, by: actor)
                let candidates = workers.filter { $0.active && $0.login != login }
                return [.leavingLoaded(LeavingPlan(leaver: leaver, cases: cases, candidates: candidates,
                                                   handedToLeaver: try store.casesHandedTo(login: login, by: actor)))]
            case .proposeSplit(let leaver, let receivers):
                return [.splitProposed(try store.proposeSplit(from: leaver, to: receivers, by: actor))]
            case .moveCaseload(let leaver, let shares, let signOff, let endWorker):
                let outcomes = try store.moveLeavingCaseload(shares, from: leaver, signOff: signOff, endWorker: endWorker,
                                                             by: actor)
                let moved = outcomes.filter { $0.done }.count
                var text = "Handed \(moved) of \(Plural.count(outcomes.count, "case")) over"
                text += signOff ? ", signed off" : ", waiting for the receivers to accept"
                if endWorker {
                    // An agency end date still to come leaves them working until it is over.
                    let worker = try store.workers(includeEnded: true).first { $0.login == leaver }
                    if let worker, worker.active, let last = worker.endsOn {
                        text += "; \(leaver)'s last day is \(last)"
                    } else {
                        text += "; \(leaver) has been ended"
                    }
                }
                return [.changed(text + ".")]
            case .loadTeam:
                return [.teamLoaded(try store.team(by: actor))]
            case .readSyncStatus:
                // A failure to read says nothing: the status line keeps what
                // it showed, and the next read tries again.
                guard let status = try? store.syncStatus() else { return [] }
                return [.syncStatusRead(syncFacts(status))]
            case .findWorker(let name):
                let wanted = name.lowercased()
                let workers = try store.workers(includeEnded: true)
                let found = workers.filter { $0.login.lowercased() == wanted }
                    + workers.filter { $0.login.lowercased() != wanted && $0.name.lowercased() == wanted }
                guard let worker = found.first else {
                    return [.failed("There is no worker \(SafeText.inline(name)) (a login or a full name); the list is as it was.")]
                }
                return [.workerFound(login: worker.login)]
            }
        } catch let error as CaseloadError {
            return [.failed(Self.message(error))]
        } catch {
            return [.failed("\(error)")]
        }
    }

    /// A refusal's message, naming the form's field for the input it is
    /// about where a form asks for that input under one label.
    static func message(_ error: CaseloadError) -> String {
        guard let label = error.field.flatMap(formLabel) else { return error.message }
        return error.message + " (in the form, " + label + ")"
    }

    /// The form field a refusal's message names (see `message`), if any.
    static func fieldLabel(in message: String) -> String? {
        guard let start = message.range(of: " (in the form, ", options: .backwards),
              let end = message[start.upperBound...].firstIndex(of: ")") else { return nil }
        return String(message[start.upperBound..<end])
    }

    /// The label of the form field that takes each input; nil where no form
    /// asks for it, or forms ask for it under different labels.
    static func formLabel(_ field: CaseloadError.Field) -> String? {
        switch field {
        case .summary: return "Summary"
        case .told: return "Who you told"
        case .consentBy: return "Consent given by"
        case .consentRole: return "Their role"
        case .to: return "To"
        case .how: return "How"
        case .decisionLetter: return "Decision letter"
        case .overrideReason: return "Override reason"
        case .samePerson: return NewCaseForm.samePersonLabel
        case .reason, .child, .name, .worker, .store: return nil
        }
    }

    /// What a key event recorded, short enough for the status line at 80
    /// columns: the case file shows each date with its source.
    static func summary(_ recorded: RecordedKeyDates) -> String {
        var text: String
        if recorded.deadlines.count == 1, let only = recorded.deadlines.first {
            text = "\(only.rule.title) due \(only.due)"
        } else {
            let first = recorded.deadlines.map(\.due).min().map { ", the first due \($0)" } ?? ""
            text = "\(recorded.deadlines.count) key dates added\(first)"
        }
        if !recorded.replaced.isEmpty {
            text += "; \(recorded.replaced.count) replaced"
        }
        if let letter = recorded.decisionLetterOnFile {
            text += " (from the decision letter of \(letter) on the case)"
        }
        if !recorded.alreadyLater.isEmpty {
            text += "; \(recorded.alreadyLater.count) already superseded by a later event"
        }
        return text
    }

    /// The status line's facts about the hub; nil when the store has none.
    private func syncFacts(_ status: SyncStatus) -> SyncFacts? {
        guard status.hub != nil else { return nil }
        // The conflicts this worker can settle, not every one the store holds.
        let conflicts = (try? store.conflicts(by: actor).count) ?? status.conflicts
        return SyncFacts(lastSync: status.lastSync, waiting: status.waiting, conflicts: conflicts, refused: status.refused)
    }

    /// A message when the store has changed since the last look (another
    /// process, or this one), for the list and case file to reload.
    public func checkForChanges() -> Message? {
        guard let version = try? store.changeCounter() else { return nil }
        defer { lastVersion = version }
        guard let last = lastVersion, last != version else { return nil }
        return .storeChanged(now: store.now(), today: store.today)
    }
}
