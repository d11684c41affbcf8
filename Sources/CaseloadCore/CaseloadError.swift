/// An error a person can act on: the message says what was wrong and, where
/// it helps, how to put it right. Every layer throws these for bad input so the
/// command line and the terminal front end can show the message as it is.
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

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public static func invalid(_ message: String) -> CaseloadError { .init(.invalid, message) }
    public static func notFound(_ message: String) -> CaseloadError { .init(.notFound, message) }
    public static func notAllowed(_ message: String) -> CaseloadError { .init(.notAllowed, message) }
    public static func conflict(_ message: String) -> CaseloadError { .init(.conflict, message) }

    public var description: String { message }
}
