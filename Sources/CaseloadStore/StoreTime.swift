import CaseloadCore
import Foundation
import GRDB

/// Moments as the store writes and reads them: UTC "yyyy-MM-dd HH:mm:ss.SSS",
/// the format GRDB uses for Date (written by `Moment.utcText`), so text sorts
/// in time order.
enum StoreTime {
    /// A moment as GRDB would store it (a test holds the two together),
    /// without GRDB's DateFormatter: the first use of a formatter loads ICU's
    /// calendar data, a cost every command paid for its audit entry.
    static func text(_ date: Date) -> String {
        // Before the Gregorian calendar began, Foundation counts Julian days.
        guard date >= gregorianStart else { return String.fromDatabaseValue(date.databaseValue) ?? "" }
        // Halves of a millisecond go to the later one, as the formatter does.
        return text(epochMilliseconds: Int64((date.timeIntervalSince1970 * 1000 + 0.5).rounded(.down)))
    }

    /// 15/10/1582, the first Gregorian day, 00:00 UTC.
    static let gregorianStart = Date(timeIntervalSince1970: Double(Day(year: 1582, month: 10, day: 15)!.dayNumber) * 86_400)

    static func text(epochMilliseconds ms: Int64) -> String { Moment.utcText(epochMilliseconds: ms) }

    /// A moment column read from a row: by hand in the store's own shape,
    /// through GRDB in any other.
    static func moment(_ text: String?) -> Date? {
        text.flatMap { date($0) ?? Date.fromDatabaseValue($0.databaseValue) }
    }

    /// Reads a moment written by `text` (or by GRDB) straight from its bytes;
    /// nil for any other shape, which the caller hands to GRDB. A list reads
    /// one for every row, and GRDB's general date parsing goes through a
    /// calendar each time.
    static func date(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count == 23, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                  bytes[10] == UInt8(ascii: " "), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
                  bytes[19] == UInt8(ascii: ".") else { return nil }
            func number(_ start: Int, _ width: Int) -> Int? {
                var value = 0
                for index in start..<start + width {
                    let digit = bytes[index] &- UInt8(ascii: "0")
                    guard digit < 10 else { return nil }
                    value = value * 10 + Int(digit)
                }
                return value
            }
            guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
                  let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
                  let millis = number(20, 3), hour < 24, minute < 60, second < 60, year >= 1583,
                  let date = Day(year: year, month: month, day: day) else { return nil }
            let seconds = date.dayNumber * 86_400 + hour * 3600 + minute * 60 + second
            return Date(timeIntervalSince1970: Double(seconds) + Double(millis) / 1000)
        }
    }
}
