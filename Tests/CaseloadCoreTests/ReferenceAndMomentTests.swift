import Foundation
import Testing
@testable import CaseloadCore

@Suite struct ReferenceAndMomentTests {
    @Test(arguments: [
        ("C-2026-00042", "C-2026-00042"), ("c-2026-42", "C-2026-00042"), ("  C-2026-7\t", "C-2026-00007"),
        ("\u{00A0}C-2025-123456\u{2003}", "C-2025-123456"), ("C-2026-0000000001", "C-2026-00001"),
    ])
    func referencesAreReadAsPeopleTypeThem(text: String, reference: String) throws {
        #expect(try CaseReference(parsing: text).description == reference)
    }

    @Test(arguments: ["", "C-2026-", "C-2026-0", "C-26-1", "C-0026-1", "C-0999-1", "C-20266-1", "X-2026-1", "C 2026 1", "C–2026–1", "C-+202-1",
                      "C-2026-+1", "C-2026-1a", "C-2026--1", "C-2026-1-", "C-2026-99999999999999999999", "C-２０２６-1",
                      "C-2026-1\n", "CC-2026-1"])
    func anythingElseIsNotAReference(text: String) {
        #expect(throws: CaseloadError.self) { try CaseReference(parsing: text) }
    }

    /// Moments are written by hand; Foundation's calendar is the yardstick,
    /// across both clock changes of three years in the service's zone.
    @Test func momentsReadAsTheCalendarReadsThem() throws {
        let zone = try #require(TimeZone(identifier: "Europe/London"))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var random = SeededRandom(seed: 7)
        let start = try #require(calendar.date(from: DateComponents(year: 2025, month: 1, day: 1))).timeIntervalSince1970
        for _ in 0..<3000 {
            let date = Date(timeIntervalSince1970: start + Double(random.below(3 * 366 * 86_400)) + Double(random.below(1000)) / 1000)
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            let expected = String(format: "%02d/%02d/%04d %02d:%02d", c.day!, c.month!, c.year!, c.hour!, c.minute!)
            #expect(Moment.format(date, in: zone) == expected)
        }
        // At 01:00 GMT on 30/03/2025 the clocks go forward to 02:00 summer
        // time; at 01:00 GMT on 26/10/2025 they go back from 02:00 to 01:00.
        #expect(Moment.format(Date(timeIntervalSince1970: 1_743_296_400), in: zone) == "30/03/2025 02:00")
        #expect(Moment.format(Date(timeIntervalSince1970: 1_761_440_400), in: zone) == "26/10/2025 01:00")
        #expect(Moment.format(Date(timeIntervalSince1970: -1), in: TimeZone(identifier: "UTC")!) == "31/12/1969 23:59")
    }
}
