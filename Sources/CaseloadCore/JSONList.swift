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
        var data = Data()
        write(objects) { data.append(contentsOf: $0) }
        return data
    }

    /// Writes the list to `sink` in pieces of about 64 KiB, so a long listing
    /// is never held whole in memory (nor copied as its buffer grows).
    public static func write<Objects: Sequence>(_ objects: Objects, to sink: (UnsafeRawBufferPointer) -> Void)
    where Objects.Element == [(key: String, value: Value?)] {
        var writer = Writer()
        writer.raw("[")
        var count = 0
        // Every object of a listing usually has the same keys in the same
        // order, so they are sorted once, not once per object.
        var keys: [String] = []
        var order: [Int] = []
        for fields in objects {
            writer.raw(count == 0 ? "\n  {" : ",\n  {")
            count += 1
            if fields.count != keys.count || !zip(fields, keys).allSatisfy({ $0.key == $1 }) {
                keys = fields.map(\.key)
                order = keys.indices.sorted { keys[$0].utf8.lexicographicallyPrecedes(keys[$1].utf8) }
            }
            var first = true
            for index in order {
                guard let value = fields[index].value else { continue }
                writer.raw(first ? "\n    " : ",\n    ")
                first = false
                writer.string(keys[index])
                writer.raw(" : ")
                switch value {
                case .string(let text): writer.string(text)
                case .int(let number): writer.int(number)
                case .bool(let flag): writer.raw(flag ? "true" : "false")
                }
            }
            writer.raw(first ? "\n\n  }" : "\n  }")
            if writer.buffer.count >= Writer.pieceSize { writer.flush(to: sink) }
        }
        writer.raw(count == 0 ? "\n\n]" : "\n]")
        writer.flush(to: sink)
    }

    private struct Writer {
        var buffer: [UInt8] = []
        static let pieceSize = 64 * 1024

        init() { buffer.reserveCapacity(Self.pieceSize + 4096) }

        mutating func flush(to sink: (UnsafeRawBufferPointer) -> Void) {
            buffer.withUnsafeBytes(sink)
            buffer.removeAll(keepingCapacity: true)
        }

        /// Byte by byte: the pieces are a few bytes long, shorter than the
        /// set-up of a bulk copy.
        mutating func raw(_ text: StaticString) {
            let start = text.utf8Start
            for index in 0..<text.utf8CodeUnitCount { buffer.append(start[index]) }
        }

        mutating func int(_ number: Int) {
            if number < 0 { buffer.append(UInt8(ascii: "-")) }
            let start = buffer.count
            var rest = number.magnitude
            repeat {
                buffer.append(UInt8(ascii: "0") + UInt8(rest % 10))
                rest /= 10
            } while rest > 0
            buffer[start...].reverse()
        }

        /// A JSON string: runs that need no escaping are copied whole.
        mutating func string(_ text: String) {
            var text = text
            text.withUTF8 { bytes in
                buffer.append(UInt8(ascii: "\""))
                var runStart = 0
                var index = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                        runStart = index + 1
                        escape(byte)
                    }
                    index += 1
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
                buffer.append(UInt8(ascii: "\""))
            }
        }

        private static let hex = Array("0123456789abcdef".utf8)

        private mutating func escape(_ byte: UInt8) {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0x08: raw("\\b")
            case 0x0C: raw("\\f")
            default:
                raw("\\u00")
                buffer.append(Self.hex[Int(byte >> 4)])
                buffer.append(Self.hex[Int(byte & 0x0F)])
            }
        }
    }

    /// A moment as JSONEncoder's `.iso8601` writes it: UTC, whole seconds.
    public static func iso8601(_ date: Date) -> String {
        let seconds = Int(floor(date.timeIntervalSince1970))
        let day = Day(dayNumber: Int(floor(Double(seconds) / 86_400)))
        let time = ((seconds % 86_400) + 86_400) % 86_400
        // Twenty bytes in place: a listing writes one for every row.
        return String(unsafeUninitializedCapacity: 20) { buffer in
            var index = 0
            for byte in day.iso.utf8 {
                buffer[index] = byte
                index += 1
            }
            func put(_ separator: Unicode.Scalar, _ part: Int) {
                buffer[index] = UInt8(ascii: separator)
                buffer[index + 1] = UInt8(ascii: "0") + UInt8(part / 10)
                buffer[index + 2] = UInt8(ascii: "0") + UInt8(part % 10)
                index += 3
            }
            put("T", time / 3600)
            put(":", time / 60 % 60)
            put(":", time % 60)
            buffer[index] = UInt8(ascii: "Z")
            return index + 1
        }
    }
}
