import CaseloadCore
import Foundation
import GRDB

/// A row of the store read by column name, for one kind of record (named
/// in errors: "a key date"). Every read fails loudly: a column the SELECT
/// does not name, NULL where the record needs a value, or a value the
/// schema cannot hold (a status this version does not know, a date that is
/// not a date) throws rather than being replaced by a default that would
/// show a worker something the store does not say.
///
/// For reads of a few rows. The case lists and search read thousands, by
/// position, and check their values with `StoredRow.damaged` themselves.
struct StoredRow {
    let row: Row
    let record: String

    init(_ row: Row, _ record: String) {
        self.row = row
        self.record = record
    }

    /// A value the record must have.
    func value<T: DatabaseValueConvertible>(_ column: String) throws -> T {
        guard let value: T = try optional(column) else {
            throw CaseloadError.conflict("the store holds \(record) with no \(column); \(Self.damage)")
        }
        return value
    }

    /// A value the record may leave out (NULL).
    func optional<T: DatabaseValueConvertible>(_ column: String) throws -> T? {
        guard row.hasColumn(column) else {
            throw CaseloadError.conflict("the store's reading of \(record) asks for \(column), which its query does not select")
        }
        let stored: DatabaseValue = row[column]
        if stored.isNull { return nil }
        guard let value = T.fromDatabaseValue(stored) else {
            throw Self.damaged(record, column, Self.text(of: stored), problem: "which is not \(Self.kind(of: T.self))")
        }
        return value
    }

    /// One of the values an enumeration knows (a status, a role).
    func known<T: RawRepresentable>(_ column: String) throws -> T where T.RawValue == String {
        guard let known: T = try optionalKnown(column) else {
            throw CaseloadError.conflict("the store holds \(record) with no \(column); \(Self.damage)")
        }
        return known
    }

    /// One of the values an enumeration knows, where the record may have none.
    func optionalKnown<T: RawRepresentable>(_ column: String) throws -> T? where T.RawValue == String {
        guard let raw: String = try optional(column) else { return nil }
        guard let known = T(rawValue: raw) else {
            throw Self.damaged(record, column, raw, problem: "which this version does not know")
        }
        return known
    }

    /// A calendar day, stored as yyyy-mm-dd.
    func day(_ column: String) throws -> Day {
        guard let day = try optionalDay(column) else {
            throw CaseloadError.conflict("the store holds \(record) with no \(column); \(Self.damage)")
        }
        return day
    }

    /// A calendar day the record may leave out.
    func optionalDay(_ column: String) throws -> Day? {
        guard let text: String = try optional(column) else { return nil }
        guard let day = Day(iso: text) else { throw Self.damaged(record, column, text, problem: "which is not a date") }
        return day
    }

    /// A list of ids stored as a JSON array of strings.
    func list(_ column: String) throws -> [String] {
        guard let text: String = try optional(column) else { return [] }
        guard let list = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else {
            throw Self.damaged(record, column, text, problem: "which is not a list")
        }
        return list
    }

    static let damage = "the store may be damaged or from a newer version"

    /// The error for a stored value the schema cannot hold.
    static func damaged(_ record: String, _ column: String, _ value: String, problem: String) -> CaseloadError {
        let shown = value.count > 60 ? value.prefix(59) + "…" : value
        return .conflict("the store holds \(record) whose \(column) is '\(SafeText.inline(String(shown)))', \(problem); \(damage)")
    }

    private static func text(of value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return "NULL"
        case .int64(let number): return String(number)
        case .double(let number): return String(number)
        case .string(let text): return text
        case .blob(let data): return "\(data.count) bytes"
        }
    }

    private static func kind<T>(of type: T.Type) -> String {
        switch type {
        case is String.Type: return "text"
        case is Int.Type, is Int64.Type: return "a whole number"
        case is Bool.Type: return "true or false"
        case is Date.Type: return "a moment in time"
        default: return "a \(type)"
        }
    }
}
