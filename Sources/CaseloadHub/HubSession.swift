import CaseloadCore
import CaseloadStore
import Foundation
import PostgresNIO

/// One connection to the hub during a sync, with the hub's functions as
/// Swift calls.
struct HubSession {
    let connection: PostgresConnection
    let logger: Logger
    let address: HubAddress

    struct Registration {
        let storeId: String
        let seeding: Bool
    }

    /// Registers this device for the connected worker. `store` is nil for a
    /// laptop joining with a new store.
    mutating func register(device: String, store: String?) async throws -> Registration {
        let text = try await value("SELECT hub_register_device(\(device), \(store))::text")
        let object = try Self.object(text)
        guard let storeId = object["store_id"] as? String else {
            throw CaseloadError.conflict("the hub at \(address) did not say which team's records it holds")
        }
        return Registration(storeId: storeId, seeding: object["seeding"] as? Bool ?? false)
    }

    /// One batch in one hub transaction; returns what the hub refused.
    func push(device: String, _ changes: [SyncChange]) async throws -> [SyncRefusal] {
        let batch = "[" + changes.map(\.json).joined(separator: ",") + "]"
        let text = try await value("SELECT hub_push(\(device), \(batch)::jsonb)::text")
        let refused = try Self.object(text)["refused"] as? [[String: Any]] ?? []
        return refused.map {
            SyncRefusal(table: $0["t"] as? String ?? "", id: $0["id"] as? String ?? "",
                        reason: $0["reason"] as? String ?? "refused by the hub")
        }
    }

    func execute(_ query: PostgresQuery) async throws {
        _ = try await connection.query(query, logger: logger).collect()
    }

    func value(_ query: PostgresQuery) async throws -> String {
        for try await text in try await connection.query(query, logger: logger).decode(String.self) { return text }
        throw CaseloadError.conflict("the hub at \(address) gave no answer")
    }

    static func object(_ text: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw CaseloadError.conflict("the hub's answer could not be read")
        }
        return object
    }
}
