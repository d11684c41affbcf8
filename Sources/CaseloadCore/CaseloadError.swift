/// An error a person can act on: the message says what was wrong and, where
/// it helps, how to put it right. Every layer throws these for bad input so the
/// command line and the terminal front end can show the message as it is.
///
/// The message speaks of the work (a contact's summary, the decision
/// letter), never of a flag or a key: an error about one input names it in
/// `field`, and each front end says where that input is typed (the command
/// line's flag, a form's field).
public struct CaseloadError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The input does not make sense (a date that does not exist, a level of 7).
        case invalid
        /// Something named does not exist (no case C-2026-00099).
        case notFound
        /// The acting worker's role does not allow it.
        case notAllowed
        /// The store's state forbids it (already initialised, append-only history).
        case conflict
        /// The file named as the store is not one (not SQLite, or another program's database).
        case notAStore
        /// The store cannot be written (a read-only file system, or a file you cannot write).
        case readOnly
        /// The disk holding the store is full.
        case diskFull
        /// Another program kept the store locked for longer than Caseload waits.
        case busy
        /// The store's file is damaged.
        case damaged
    }

    /// The one input an error is about, by its name in the domain.
    public enum Field: String, Sendable, CaseIterable {
        case summary, reason, child, told, consentBy, consentRole, to, how, name, decisionLetter
        case worker, overrideReason, store
        /// Whether a new case is about someone already on record, or someone new.
        case samePerson
    }

    public let kind: Kind
    public let message: String
    /// The input to put right, when the error is about one.
    public let field: Field?

    public init(_ kind: Kind, _ message: String, field: Field? = nil) {
        self.kind = kind
        self.message = message
        self.field = field
    }

    public static func invalid(_ message: String, field: Field? = nil) -> CaseloadError { .init(.invalid, message, field: field) }
    public static func notFound(_ message: String, field: Field? = nil) -> CaseloadError { .init(.notFound, message, field: field) }
    public static func notAllowed(_ message: String, field: Field? = nil) -> CaseloadError {
        .init(.notAllowed, message, field: field)
    }
    public static func conflict(_ message: String, field: Field? = nil) -> CaseloadError { .init(.conflict, message, field: field) }

    public var description: String { message }
}
