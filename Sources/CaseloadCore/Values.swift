/// Values that drive rules live in code; lists a service may extend live in
/// `Vocabulary`. Raw values are the ids stored and typed on the command line.

public enum CaseStatus: String, CaseIterable, Codable, Sendable {
    case open, inactive, closed
}

public enum SupportLevel: Int, CaseIterable, Codable, Sendable, Comparable {
    case information = 1, advice = 2, casework = 3, tribunal = 4

    public static func < (a: SupportLevel, b: SupportLevel) -> Bool { a.rawValue < b.rawValue }

    public init(validating value: Int) throws {
        guard let level = SupportLevel(rawValue: value) else {
            throw CaseloadError.invalid("level must be 1 to 4 (1 information, 2 advice, 3 casework, 4 tribunal); \(value) is not")
        }
        self = level
    }

    public var defaultWeight: Int { [1, 2, 4, 8][rawValue - 1] }
}

public enum WorkerRole: String, CaseIterable, Codable, Sendable {
    case caseworker, supervisor
}

public enum Employment: String, CaseIterable, Codable, Sendable {
    case permanent, agency, volunteer
}

/// How a person stands in a case.
public enum PartyRole: String, CaseIterable, Codable, Sendable {
    /// The child or young person the case is about.
    case subject
    case parentCarer = "parent-carer"
    case professional
    case other
}

/// A child is under 16; a young person (16 to 25) decides for themself.
public enum PersonKind: String, CaseIterable, Codable, Sendable {
    case child
    case youngPerson = "young-person"
    case adult
    case professional
}

public enum ActionStatus: String, CaseIterable, Codable, Sendable {
    case open, done, cancelled
}

public enum KeyDateStatus: String, CaseIterable, Codable, Sendable {
    /// `replaced`: a later event (a mediation certificate, a new review
    /// meeting) made a new date for the same thing; the old one stays on the case.
    case open, met, missed, cancelled, replaced
}

public enum ConsentMethod: String, CaseIterable, Codable, Sendable {
    case verbal, written, electronic
}

public enum ConsentStatus: String, CaseIterable, Codable, Sendable {
    case given, refused
    case notSought = "not-sought"
    case withdrawn
}

public enum Urgency: String, CaseIterable, Codable, Sendable {
    case routine, priority
}

public enum HandoverStatus: String, CaseIterable, Codable, Sendable {
    case pending, accepted, cancelled
}

/// How a case came to a worker; every row of the assignment history says which.
public enum AssignmentKind: String, CaseIterable, Codable, Sendable {
    case allocation, reassignment, handover, unallocation
}
