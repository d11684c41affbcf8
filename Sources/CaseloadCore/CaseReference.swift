import Foundation

/// The short human reference of a case, C-YYYY-NNNNN: the year the case was
/// opened and a number within that year. People say it on the phone, so it
/// is short and unambiguous; the store's own id is a UUID.
public struct CaseReference: Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    public let number: Int

    public init(year: Int, number: Int) {
        self.year = year
        self.number = number
    }

    public var description: String {
        "C-\(year)-" + String(repeating: "0", count: max(0, 5 - String(number).count)) + String(number)
    }

    /// Accepts "C-2026-00042", lower case, the number without its zeros, and
    /// spaces around it (a reference pasted from a letter may carry no-break
    /// spaces).
    public init(parsing text: String) throws {
        var text = text
        if let reference = text.withUTF8(Self.read) {
            self = reference
            return
        }
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.utf8.count < text.utf8.count, let reference = trimmed.withUTF8(Self.read) else {
            throw CaseloadError.invalid("\(SafeText.inline(text)) is not a case reference; they look like C-2026-00042")
        }
        self = reference
    }

    /// C-YYYY-N..., in bytes: a handover reads hundreds of references, and
    /// splitting and upper-casing each as a String was a large share of its time.
    private static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> CaseReference? {
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard end - start >= 8, bytes[start] | 0x20 == UInt8(ascii: "c"), bytes[start + 1] == UInt8(ascii: "-"),
              bytes[start + 6] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) - 0x30
                guard (0...9).contains(digit) else { return nil }
                let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(digit)
                guard !overflow, !overflow2 else { return nil }
                value = sum
            }
            return value
        }
        // A year written with a leading zero (C-0026-1) would come back as
        // C-26-00001, a reference no case has.
        guard let year = number(start + 2 ..< start + 6), year >= 1000,
              let serial = number(start + 7 ..< end), serial > 0 else { return nil }
        return CaseReference(year: year, number: serial)
    }
}
