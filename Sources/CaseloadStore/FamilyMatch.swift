import CaseloadCore
import Foundation

/// Someone already on record whom a new case may be about: the same child
/// (name and date of birth) or the same parent (phone or email). Only what
/// tells the worker whether it is the same family is carried: who they are
/// and their cases' references, status and worker, never the cases'
/// content, since the worker opening the case may not hold those cases.
public struct FamilyMatch: Codable, Sendable, Equatable {
    public enum Reason: String, Codable, Sendable, CaseIterable {
        case nameAndBirth = "same name and date of birth"
        case phone = "same phone"
        case email = "same email"
    }

    /// One of the person's cases (in any role).
    public struct EarlierCase: Codable, Sendable, Equatable {
        public let caseId: String
        public let reference: String
        public let status: CaseStatus
        public let openedOn: Day
        /// Who holds it; nil when it waits unallocated.
        public let workerName: String?

        public init(caseId: String, reference: String, status: CaseStatus, openedOn: Day, workerName: String?) {
            self.caseId = caseId
            self.reference = reference
            self.status = status
            self.openedOn = openedOn
            self.workerName = workerName
        }

        /// "C-2025-00012 closed", "C-2026-00040 open with Ceri Caseworker".
        public var words: String {
            let status = reference + " " + self.status.rawValue
            guard self.status != .closed else { return status }
            return status + (workerName.map { " with " + SafeText.inline($0) } ?? ", unallocated")
        }
    }

    public let personId: String
    public let name: String
    public let kind: PersonKind
    public let dateOfBirth: Day?
    public var reasons: [Reason]
    /// Oldest first.
    public var cases: [EarlierCase]

    public init(personId: String, name: String, kind: PersonKind, dateOfBirth: Day?, reasons: [Reason],
                cases: [EarlierCase]) {
        self.personId = personId
        self.name = name
        self.kind = kind
        self.dateOfBirth = dateOfBirth
        self.reasons = reasons
        self.cases = cases
    }

    /// "Zoe Smith, born 04/05/2015": who they are, without why they matched.
    public var who: String {
        SafeText.inline(name) + (dateOfBirth.map { ", born \($0)" } ?? "")
    }

    /// "Zoe Smith, born 04/05/2015 (same name and date of birth), person
    /// ID: cases C-2025-00012 closed, C-2026-00040 open with Ceri
    /// Caseworker". The id is for the command line, which takes it back.
    public func words(withId: Bool) -> String {
        let why = " (" + reasons.map(\.rawValue).joined(separator: " and ") + ")"
        let id = withId ? ", person " + personId : ""
        let cases = self.cases.isEmpty ? "no cases"
            : (self.cases.count == 1 ? "case " : "cases ") + self.cases.map(\.words).joined(separator: ", ")
        return who + why + id + ": " + cases
    }

    /// Names compared as a worker means them: case, accents, the letters
    /// without a decomposable accent (Ł, ø, ß) and spacing all ignored, as
    /// the search folds them (`Schema.unfoldedLetters`).
    static func folded(_ name: String) -> String {
        var text = name
        for (letter, plain) in Schema.unfoldedLetters { text = text.replacingOccurrences(of: letter, with: plain) }
        return text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The store's refusal of a new case that may be about someone on
    /// record, listing each on its own line; the command line and the form
    /// each say how to choose (`field` .samePerson).
    static func refusal(_ matches: [FamilyMatch]) -> CaseloadError {
        let lines = matches.map { "  " + $0.words(withId: true) }
        let whom = matches.count == 1 ? "someone" : "\(matches.count) people"
        return .conflict("the store already has \(whom) this case may be about:\n" + lines.joined(separator: "\n")
                         + "\nsay whether the case is about " + (matches.count == 1 ? "them" : "one of them") + " or someone new",
                         field: .samePerson)
    }
}
