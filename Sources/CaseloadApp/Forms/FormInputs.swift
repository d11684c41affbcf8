import CaseloadCore
import CaseloadStore
import Foundation

/// A contact as the form understood it, ready for the store.
public struct ContactInput: Equatable, Sendable {
    public var reference: String
    public var mode: String
    public var occurredAt: Date
    public var minutes: Int?
    public var meetingType: String?
    public var parties: String?
    public var summary: String
    public var advice: String?
    public var followUpText: String?
    public var followUp: Day?
    public var completesActions = false
    public var amends: String?
    /// A key event learnt in the contact, so the calendar works out what is due.
    public var keyDate: KeyDateEntry?
    /// The id of an open key date this contact meets.
    public var meetsKeyDate: String?
}

public struct ConsentInput: Equatable, Sendable {
    public var givenBy: String
    public var role: String
    public var method: ConsentMethod
    public var givenOn: Day
    public var scope: String
}

public struct FlagInput: Equatable, Sendable {
    public var reference: String
    public var reasons: [String]
    public var narrative: String
    public var urgency: Urgency
    public var consent: ConsentInput?
}

public struct SafeguardingInput: Equatable, Sendable {
    public var reference: String
    public var told: String
    public var theirReference: String?
    public var note: String?
    public var at: Date
}

public struct FamilyToldInput: Equatable, Sendable {
    public var reference: String
    public var how: String
    public var at: Date
    /// Also write the new-worker letter to a file for printing.
    public var letter: Bool
}

public struct ReferralMoveInput: Equatable, Sendable {
    public var reference: String
    public var status: ReferralStatus
    public var externalReference: String?
    public var overrideReason: String?
}

/// A new case as the form understood it (see `NewCase`).
public struct NewCaseInput: Equatable, Sendable {
    public var child: String?
    public var dateOfBirth: Day?
    public var parent: String?
    public var parentPhone: String?
    public var parentEmail: String?
    public var school: String?
    public var yearGroup: String?
    public var primaryNeed: String?
    public var level: SupportLevel = .information
    public var issues: [String] = []
    public var referralSource: String?
    public var firstRoute: String?
    public var unallocated = false
    public var anonymous = false

    public init() {}

    var newCase: NewCase {
        var new = NewCase(child: anonymous ? nil : child)
        new.dateOfBirth = dateOfBirth
        new.parent = parent
        new.parentPhone = parentPhone
        new.parentEmail = parentEmail
        new.school = school
        new.yearGroup = yearGroup
        new.primaryNeed = primaryNeed
        new.level = level
        new.issues = issues
        new.referralSource = referralSource
        new.firstRoute = firstRoute
        new.unallocated = unallocated
        new.anonymous = anonymous
        return new
    }
}
