import CaseloadCore
import CaseloadStore
import Foundation

/// What a form is for, and so how it is built, kept as a draft and saved.
public enum FormPurpose: Equatable, Sendable {
    case contact(reference: String)
    /// A correction of a logged contact: a new contact linked to the original.
    case amend(reference: String, contactId: String, original: String)
    case flag(reference: String)
    case safeguarding(reference: String)
    case handover([String])
    case reassign([String])
    case familyTold(reference: String)
    case referralStatus(reference: String, current: ReferralStatus)
    /// Consent for the case's open referral, given or withdrawn after flagging.
    case consent(reference: String)
    /// Ending one open key date: met, missed or no longer needed.
    case settleKeyDate(reference: String, keyDateId: String, title: String)
    case addKeyDate(reference: String)
    case closeCase(reference: String)
    case reopenCase(reference: String)
    /// The case's level, status, the child's school, year group and need, its issues.
    case editCase(reference: String)
    /// A person on the case: their details and safe-contact warnings, or taking them off it.
    case editPerson(reference: String, personId: String)
    /// Someone new on the case: a parent or carer, family, a professional.
    case addParty(reference: String)
    /// A new enquiry: no case yet, so its draft is the worker's own.
    case newCase

    /// The draft's kind in the store. A correction's draft is per contact.
    public var draftKind: String {
        switch self {
        case .contact: return "contact"
        case .amend(_, let id, _): return "amend:" + id
        case .flag: return "flag"
        case .safeguarding: return "safeguarding"
        case .handover(let refs): return refs.count == 1 ? "handover" : "handover-tagged:" + Self.fingerprint(refs)
        case .reassign(let refs): return refs.count == 1 ? "reassign" : "reassign-tagged:" + Self.fingerprint(refs)
        case .familyTold: return "family-told"
        case .referralStatus: return "referral-status"
        case .consent: return "consent"
        case .settleKeyDate(_, let id, _): return "keydate-settle:" + id
        case .addKeyDate: return "keydate-add"
        case .closeCase: return "close"
        case .reopenCase: return "reopen"
        case .editCase: return "case-edit"
        case .editPerson(_, let id): return "person:" + id
        case .addParty: return "party-add"
        case .newCase: return "new-case"
        }
    }

    /// A short name for a set of cases, the same whatever their order, so a
    /// form for the same tagged set finds its draft again.
    static func fingerprint(_ references: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in references.sorted().joined(separator: ",").utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return String(hash, radix: 16) + "-\(references.count)"
    }

    /// The case the draft belongs to; none for a tagged set (its kind names the set).
    public var draftReference: String? {
        switch self {
        case .contact(let r), .amend(let r, _, _), .flag(let r), .safeguarding(let r), .familyTold(let r),
             .referralStatus(let r, _), .consent(let r), .settleKeyDate(let r, _, _), .addKeyDate(let r),
             .closeCase(let r), .reopenCase(let r), .editCase(let r), .editPerson(let r, _), .addParty(let r):
            return r
        case .newCase:
            return nil
        case .handover(let refs), .reassign(let refs):
            return refs.count == 1 ? refs[0] : nil
        }
    }

    public var references: [String] {
        switch self {
        case .handover(let refs), .reassign(let refs): return refs
        default: return draftReference.map { [$0] } ?? []
        }
    }

    /// What saving the form does to its case, for the store to say before
    /// it is filled in whether the user may (see `CaseWrite`); nil where
    /// the store's own refusal is enough (a supervisor's form, a new case,
    /// reopening, a tagged set).
    public var write: CaseWrite? {
        switch self {
        case .contact: return .record("contact.add")
        case .amend: return .record("contact.amend")
        case .flag: return .record("referral.flag")
        case .familyTold: return .record("handover.family-told")
        case .addKeyDate: return .record("keydate.add")
        case .safeguarding: return .safeguarding
        case .referralStatus: return .decide("move on the referral of")
        case .consent: return .decide("record consent on")
        case .settleKeyDate: return .decide("settle the key dates of")
        case .closeCase: return .decide("close")
        case .editCase, .editPerson: return .decide("edit")
        case .addParty: return .decide("add people to")
        case .handover(let refs): return refs.count == 1 ? .decide("hand over") : nil
        case .reassign, .reopenCase, .newCase: return nil
        }
    }

    /// The workers a form needs in a picker.
    public var needsWorkers: Bool {
        switch self {
        case .handover, .reassign: return true
        default: return false
        }
    }
}

/// What building a form needs beyond its purpose.
public struct FormContext: Sendable {
    public let vocabulary: Vocabulary
    public let today: Day
    public let now: Date
    public let timeZone: TimeZone
    public let user: AppState.User
    /// The case file, when it is open on screen (for the people on it).
    public let detail: CaseDetail?
    public let workers: [WorkerSummary]
}
