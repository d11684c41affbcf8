import Foundation

/// Time-ordered ids (RFC 9562 version 7): unique across devices, so records
/// made offline can travel to a team server without renumbering, and sorted
/// by creation time, so indexes on them stay compact. Within one process the
/// ids made in the same millisecond still sort in the order they were made
/// (the 12-bit counter method of RFC 9562, section 6.2).
public enum UUIDv7 {
    private final class Clock: @unchecked Sendable {
        let lock = NSLock()
        var lastMilliseconds: UInt64 = 0
        var counter: UInt16 = 0
    }

    private static let clock = Clock()

    public static func make(at date: Date = Date()) -> String {
        var generator = SystemRandomNumberGenerator()
        var milliseconds = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        let counter: UInt16
        clock.lock.lock()
        if milliseconds <= clock.lastMilliseconds {
            milliseconds = clock.lastMilliseconds
            if clock.counter >= 0x0FFF {
                milliseconds += 1
                clock.counter = UInt16.random(in: 0..<0x0800, using: &generator)
            } else {
                clock.counter += 1
            }
        } else {
            // A fresh millisecond starts the counter low, leaving room to count up.
            clock.counter = UInt16.random(in: 0..<0x0800, using: &generator)
        }
        clock.lastMilliseconds = milliseconds
        counter = clock.counter
        clock.lock.unlock()
        return make(milliseconds: milliseconds, counter: counter, using: &generator)
    }

    /// A version 7 id from a given time, counter and random source; the demo
    /// uses a seeded source so the same seed gives the same ids.
    public static func make<G: RandomNumberGenerator>(milliseconds: UInt64, counter: UInt16? = nil,
                                                      using generator: inout G) -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<6 { bytes[i] = UInt8((milliseconds >> (8 * (5 - UInt64(i)))) & 0xFF) }
        let random = generator.next() as UInt64
        let randA = counter ?? UInt16(truncatingIfNeeded: random >> 52)
        bytes[6] = 0x70 | UInt8((randA >> 8) & 0x0F) // version 7
        bytes[7] = UInt8(randA & 0xFF)
        let randB = generator.next() as UInt64
        for i in 8..<16 { bytes[i] = UInt8((randB >> (8 * UInt64(i - 8))) & 0xFF) }
        bytes[8] = (bytes[8] & 0x3F) | 0x80 // RFC 9562 variant
        // Hand-rolled hex: the demo makes millions of these and String(format:) is slow.
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(36)
        for (i, byte) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
