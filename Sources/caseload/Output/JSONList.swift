import CaseloadCore
import Foundation

/// A row of a JSON listing: its fields as key and value, the keys the same
/// and in the same order for every row (a nil value is left out of the
/// row's object, as JSONEncoder leaves out nil).
protocol JSONListRow {
    /// Keys are static text: a listing builds these for every row, and
    /// static keys cost no reference counting.
    var jsonFields: [(key: StaticString, value: JSONList.Value?)] { get }
}

/// Writes a list of flat objects as JSON, byte for byte as `Output.json`
/// does (JSONEncoder with pretty printing, sorted keys and unescaped
/// slashes, and `JSONEscapes` for the controls it leaves raw). Kept because the
/// benchmark's listing misses its goal through JSONEncoder (see
/// docs/performance.md); a test holds the two to the same output.
enum JSONList {
    enum Value: Sendable, Equatable {
        case string(String)
        case int(Int)
        case bool(Bool)
    }

    /// Writes the list to `sink` in pieces of about 64 KiB, so a long listing
    /// is never held whole in memory (nor copied as its buffer grows).
    static func write<Rows: Sequence>(_ rows: Rows, to sink: (UnsafeRawBufferPointer) -> Void)
    where Rows.Element: JSONListRow {
        let writer = Writer()
        writer.raw("[")
        var count = 0
        // Every row has the same keys: they are sorted, and written out as
        // `"key" : `, once for the listing, from the first row.
        var keys: [String] = []
        var order: [Int] = []
        var keyBytes: [[UInt8]] = []
        for row in rows {
            let fields = row.jsonFields
            if count == 0 {
                keys = fields.map { $0.key.description }
                order = keys.indices.sorted { keys[$0].utf8.lexicographicallyPrecedes(keys[$1].utf8) }
                keyBytes = keys.map { key in
                    // Sized for the key, so it never needs flushing.
                    let piece = Writer(capacity: key.utf8.count * 6 + 8)
                    piece.string(key) { _ in }
                    piece.raw(" : ")
                    return piece.written
                }
            }
            assert(fields.map { $0.key.description } == keys, "\(Rows.Element.self) gives its keys in another order")
            writer.reserve(64, sink)
            writer.raw(count == 0 ? "\n  {" : ",\n  {")
            count += 1
            var first = true
            for index in order {
                guard let value = fields[index].value else { continue }
                writer.reserve(keyBytes[index].count + 32, sink)
                writer.raw(first ? "\n    " : ",\n    ")
                first = false
                writer.bytes(keyBytes[index])
                switch value {
                case .string(let text): writer.string(text, sink)
                case .int(let number): writer.int(number)
                case .bool(let flag): writer.raw(flag ? "true" : "false")
                }
            }
            writer.reserve(8, sink)
            writer.raw(first ? "\n\n  }" : "\n  }")
            if writer.count >= Writer.pieceSize { writer.flush(to: sink) }
        }
        writer.reserve(8, sink)
        writer.raw(count == 0 ? "\n\n]" : "\n]")
        writer.flush(to: sink)
    }

    /// A buffer written through a pointer: a listing is hundreds of
    /// thousands of short pieces, and an array's checks on each append cost
    /// more than the copying. `reserve` makes room (flushing to the sink, or
    /// growing for a long string) before anything is written.
    private final class Writer {
        static let pieceSize = 64 * 1024
        private var start: UnsafeMutablePointer<UInt8>
        private var capacity: Int
        private(set) var count = 0

        init(capacity: Int = pieceSize + 4096) {
            self.capacity = capacity
            start = .allocate(capacity: capacity)
        }

        deinit { start.deallocate() }

        var written: [UInt8] { Array(UnsafeBufferPointer(start: start, count: count)) }

        func flush(to sink: (UnsafeRawBufferPointer) -> Void) {
            if count > 0 { sink(UnsafeRawBufferPointer(start: start, count: count)) }
            count = 0
        }

        func reserve(_ needed: Int, _ sink: (UnsafeRawBufferPointer) -> Void) {
            guard count + needed > capacity else { return }
            flush(to: sink)
            if needed > capacity {
                start.deallocate()
                capacity = needed
                start = .allocate(capacity: capacity)
            }
        }

        func raw(_ text: StaticString) {
            (start + count).update(from: text.utf8Start, count: text.utf8CodeUnitCount)
            count += text.utf8CodeUnitCount
        }

        func bytes(_ bytes: [UInt8]) {
            bytes.withUnsafeBufferPointer { copy($0, 0..<$0.count) }
        }

        func int(_ number: Int) {
            if number < 0 {
                start[count] = UInt8(ascii: "-")
                count += 1
            }
            let first = count
            var rest = number.magnitude
            repeat {
                start[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                count += 1
                rest /= 10
            } while rest > 0
            var digits = UnsafeMutableBufferPointer(start: start + first, count: count - first)
            digits.reverse()
        }

        /// A JSON string: runs that need no escaping are copied whole.
        func string(_ text: String, _ sink: (UnsafeRawBufferPointer) -> Void) {
            var text = text
            text.withUTF8 { utf8 in
                // Each byte needs at most six ("\u001f"), plus the quotes.
                reserve(utf8.count * 6 + 2, sink)
                start[count] = UInt8(ascii: "\"")
                count += 1
                var runStart = 0
                var index = 0
                while index < utf8.count {
                    let byte = utf8[index]
                    if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                        copy(utf8, runStart..<index)
                        runStart = index + 1
                        escape(byte)
                    } else if byte >= 0x7F, let (scalar, length) = Self.control(utf8, at: index) {
                        copy(utf8, runStart..<index)
                        runStart = index + length
                        escape(scalar)
                        index += length
                        continue
                    }
                    index += 1
                }
                copy(utf8, runStart..<utf8.count)
                start[count] = UInt8(ascii: "\"")
                count += 1
            }
        }

        private func copy(_ utf8: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
            guard !range.isEmpty else { return }
            (start + count).update(from: utf8.baseAddress! + range.lowerBound, count: range.count)
            count += range.count
        }

        private static let hex = Array("0123456789abcdef".utf8)

        /// The scalar starting at `index` and its length in bytes, when it is
        /// one `JSONEscapes` escapes: DEL, C1 (C2 80 to C2 9F), or a
        /// bidirectional control (E2 80 AA to AE, E2 81 A6 to A9).
        private static func control(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
            let byte = utf8[index]
            if byte == 0x7F { return (0x7F, 1) }
            guard index + 1 < utf8.count else { return nil }
            let second = utf8[index + 1]
            if byte == 0xC2, (0x80...0x9F).contains(second) { return (UInt32(second), 2) }
            guard byte == 0xE2, index + 2 < utf8.count else { return nil }
            let third = utf8[index + 2]
            let scalar = 0x2000 | (UInt32(second & 0x3F) << 6) | UInt32(third & 0x3F)
            guard second == 0x80 || second == 0x81, let unicode = Unicode.Scalar(scalar),
                  JSONEscapes.needsEscape(unicode) else { return nil }
            return (scalar, 3)
        }

        /// `\u` and four hex digits for a scalar below U+10000.
        private func escape(_ scalar: UInt32) {
            raw("\\u")
            for shift in [12, 8, 4, 0] {
                start[count] = Self.hex[Int((scalar >> UInt32(shift)) & 0x0F)]
                count += 1
            }
        }

        private func escape(_ byte: UInt8) {
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
                start[count] = Self.hex[Int(byte >> 4)]
                start[count + 1] = Self.hex[Int(byte & 0x0F)]
                count += 2
            }
        }
    }
}
