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
