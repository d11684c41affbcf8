import Foundation

/// A change on its way to the hub: one record's insert, update or delete,
/// in the shape the hub's `hub_push` takes, with the outbox rows it settles.
public struct SyncChange: Sendable {
    public let table: String
    public let id: String
    public let caseId: String?
    /// The change as JSON: `t`, `id`, `case`, `op`, `row` (the record as it
    /// is now), `base` (an update's fields as they were before this store
    /// changed them), `groups` and `clock`.
    public let json: String
    let outbox: [Int64]
}

/// What the hub said no to, and why.
public struct SyncRefusal: Sendable, Equatable {
    public let table: String
    public let id: String
    public let reason: String

    public init(table: String, id: String, reason: String) {
        self.table = table
        self.id = id
        self.reason = reason
    }
}

/// A record as the hub sends it.
public struct SyncRecord: Sendable {
    public let table: String
    public let id: String
    /// The case it is on, where it is on one.
    public let caseId: String?
    /// The record's fields as a JSON object.
    public let data: String
    public let deleted: Bool
    public let clock: Int64

    public init(table: String, id: String, caseId: String? = nil, data: String, deleted: Bool, clock: Int64) {
        self.table = table
        self.id = id
        self.caseId = caseId
        self.data = data
        self.deleted = deleted
        self.clock = clock
    }
}

enum SyncJSON {
    static func object(_ text: String?) -> [String: Any] {
        guard let text, let data = text.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }

    static func text(_ object: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func same(_ a: Any?, _ b: Any?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (nil, let x), (let x, nil): return x is NSNull
        case let (x?, y?): return text([x]) == text([y])
        }
    }
}
