import Foundation

/// Writes a list of flat objects as JSON, byte for byte as JSONEncoder does
/// with pretty printing, sorted keys and unescaped slashes. Listings of a
/// city's caseload have thousands of rows, and JSONEncoder's general
/// machinery spends about four times as long on them; a test holds the two
/// to the same output.
public enum JSONList {
    public enum Value: Sendable, Equatable {
        case string(String)
        case int(Int)
        case bool(Bool)
    }

    /// Each object's fields, nil values left out as JSONEncoder leaves out nil.
    public static func write(_ objects: [[(key: String, value: Value?)]]) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(objects.count * 512 + 8)
        out.append(UInt8(ascii: "["))
        if objects.isEmpty {
            out += Array("\n\n]".utf8)
            return Data(out)
        }
        for (index, fields) in objects.enumerated() {
            out += Array((index == 0 ? "\n  {" : ",\n  {").utf8)
            var first = true
            for (key, value) in fields.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                guard let value else { continue }
                out += Array((first ? "\n    " : ",\n    ").utf8)
                first = false
                string(key, into: &out)
                out += Array(" : ".utf8)
                switch value {
                case .string(let text): string(text, into: &out)
                case .int(let number): out += Array(String(number).utf8)
                case .bool(let flag): out += Array((flag ? "true" : "false").utf8)
                }
            }
            out += Array((first ? "\n\n  }" : "\n  }").utf8)
        }
        out += Array("\n]".utf8)
        return Data(out)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    static func string(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0..<0x20:
                out += Array("\\u00".utf8)
                out += [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// A moment as JSONEncoder's `.iso8601` writes it: UTC, whole seconds.
    public static func iso8601(_ date: Date) -> String {
        let seconds = Int(floor(date.timeIntervalSince1970))
        let day = Day(dayNumber: Int(floor(Double(seconds) / 86_400)))
        let time = ((seconds % 86_400) + 86_400) % 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(day.iso)T\(two(time / 3600)):\(two(time / 60 % 60)):\(two(time % 60))Z"
    }
}
