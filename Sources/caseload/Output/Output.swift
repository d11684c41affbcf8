import CaseloadCore
import Foundation

/// Writing to the terminal. Text from the store goes through `SafeText`
/// before it gets here, so nothing printed can drive the terminal.
enum Output {
    static func line(_ text: String = "") {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// A listing of flat objects, written as `json` would write it but in
    /// pieces as it goes: listings run to thousands of rows.
    static func jsonList<Rows: Sequence>(_ rows: Rows) where Rows.Element: JSONListRow {
        JSONList.write(rows) { FileHandle.standardOutput.write(Data($0)) }
        line()
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// A JSON document: listings are arrays with one object per row; dates ISO 8601.
    static func json<T: Encodable>(_ value: T) throws {
        FileHandle.standardOutput.write(try encoded(value))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// The document `json` prints, with controls written as escapes (`JSONEscapes`).
    static func encoded<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return JSONEscapes.escaped(try encoder.encode(value))
    }
}
