import CaseloadCore
import CaseloadStore
import Foundation

/// Does what `update` asks of the store and answers with messages. The only
/// part of the app that touches the store; it never builds SQL itself.
public final class EffectRunner {
    let store: Store
    let actor: ActingWorker
    private var lastVersion: Int?

    public init(store: Store, actor: ActingWorker) {
        self.store = store
        self.actor = actor
    }

    /// Runs one effect. `.quit` and `.suspend` are the terminal's to handle.
    public func perform(_ effect: Effect, pageSize: Int) -> [Message] {
        do {
            switch effect {
            case .loadList(let query, let request, let recount, let record):
                var page = try store.casePage(query, request, limit: pageSize, by: actor)
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
                let detail = try store.caseDetail(reference, reason: reason, record: !refresh, by: actor)
                return [.caseLoaded(detail, refresh: refresh)]
            case .search(let text):
                return [.searchLoaded(text, try store.search(text, limit: 200, by: actor))]
            case .reassign(let references, let login, let reason):
                try store.reassign(references, toLogin: login, reason: reason, by: actor)
                return [.changed("Reassigned \(references.count) case\(references.count == 1 ? "" : "s") to \(login).")]
            case .handOver(let references, let login, let summary):
                let outcomes = try store.handOver(references, toLogin: login, summary: summary, by: actor)
                let done = outcomes.filter(\.done).map(\.reference)
                let refused = outcomes.filter { !$0.done }.map { "\($0.reference): \($0.message)" }
                return [.changed("Handed over \(done.count) of \(outcomes.count) to \(login), waiting for them to accept"
                    + (refused.isEmpty ? "." : "; not handed over: " + refused.joined(separator: "; ")))]
            case .flag(let reference, let need, let urgency, let by, let role, let method):
                var consent: NewConsent?
                if let by, let role, let method, let how = ConsentMethod(rawValue: method) {
                    consent = NewConsent(givenBy: by, role: role, method: how,
                                         scope: "Referral to the Children's Trust for family support")
                }
                try store.flagForFamilySupport(reference, reasons: [], narrative: need,
                                               urgency: Urgency(rawValue: urgency) ?? .routine, consent: consent, by: actor)
                return [.changed("Flagged \(reference) for a family-support referral"
                    + (consent == nil ? "; it cannot be sent until consent is recorded." : " with consent."))]
            case .recordSafeguarding(let reference, let told, let theirReference):
                try store.recordSafeguarding(reference, told: told, externalReference: theirReference, note: nil, by: actor)
                return [.changed("Safeguarding recorded on \(reference); it shows as S for your supervisor.")]
            case .logContact(let reference, let mode, let minutes, let summary, let followUp):
                var contact = NewContact(mode: mode, summary: summary)
                contact.minutes = minutes
                contact.followUp = followUp
                try store.addContact(to: reference, contact, by: actor)
                return [.changed("Logged the contact on \(reference)" + (followUp.map { "; follow-up due \($0)." } ?? "."))]
            case .editText:
                return []
            case .loadTeam:
                return [.teamLoaded(try store.team(by: actor))]
            case .quit, .suspend:
                return []
            }
        } catch let error as CaseloadError {
            return [.failed(error.message)]
        } catch {
            return [.failed("\(error)")]
        }
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
