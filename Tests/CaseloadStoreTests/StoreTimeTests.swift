import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

/// Moments are written and read by hand on the hot paths (every audit
/// entry, every row of a list), so they must match GRDB's own format exactly.
@Suite struct StoreTimeTests {
    /// Anything but the store's own shape is left to GRDB.
    @Test func storeMomentsAreReadAsGRDBReadsThem() throws {
        for text in ["2026-11-23 16:36:47.622", "1970-01-01 00:00:00.000", "1969-12-31 23:59:59.999", "2024-02-29 12:00:00.001"] {
            let ours = try #require(StoreTime.date(text))
            let theirs = try #require(Date.fromDatabaseValue(text.databaseValue))
            #expect(abs(ours.timeIntervalSince(theirs)) < 0.000_5, "\(text)")
            #expect(StoreTime.text(epochMilliseconds: Int64((ours.timeIntervalSince1970 * 1000).rounded())) == text)
        }
        for text in ["2026-11-23", "2026-11-23 16:36:47", "1500-01-01 10:00:00.000", "2026-02-30 10:00:00.000", "2026-11-23T16:36:47.622", "2026-11-23 24:00:00.000", "x026-11-23 16:36:47.622"] {
            #expect(StoreTime.date(text) == nil, "\(text)")
        }
    }

    @Test func momentsAreWrittenAsGRDBWritesThem() throws {
        var random = SystemRandomNumberGenerator()
        var moments = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_795_435_261.9995),
                       Date(timeIntervalSince1970: 1_795_435_261.0004), Date(timeIntervalSince1970: -1.5),
                       Date(timeIntervalSince1970: 951_782_400.123)]
        for _ in 0..<500 {
            moments.append(Date(timeIntervalSince1970: Double.random(in: -2_000_000_000...4_000_000_000, using: &random)))
        }
        // Exact halves of a millisecond, before and after 1970: both go to the later one.
        for _ in 0..<300 {
            let ms = Int64.random(in: -3_000_000_000_000...3_000_000_000_000, using: &random)
            moments.append(Date(timeIntervalSince1970: (Double(ms) + 0.5) / 1000))
        }
        // Before 15/10/1582 Foundation counts Julian days.
        moments += [Date(timeIntervalSince1970: -14_831_769_600), Date(timeIntervalSince1970: -12_219_292_800.5),
                    StoreTime.gregorianStart, StoreTime.gregorianStart.addingTimeInterval(-0.001)]
        for moment in moments {
            #expect(StoreTime.text(moment) == String.fromDatabaseValue(moment.databaseValue), "\(moment.timeIntervalSince1970)")
        }
    }
}
