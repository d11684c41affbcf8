import CaseloadCore
import Foundation
import Testing
@testable import CaseloadStore

/// The fast writer for long listings must write exactly what JSONEncoder
/// writes for the same rows, whatever the text holds.
@Suite struct JSONListTests {
    private func encoded(_ rows: [CaseRow]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(rows), as: UTF8.self)
    }

    private func written(_ rows: [CaseRow]) -> String {
        String(decoding: JSONList.write(rows.map(\.jsonFields)), as: UTF8.self)
    }

    private func row(_ child: String?, school: String? = "St Mary's C/E \"Primary\"", worker: String? = "amira",
                     contact: Date? = Date(timeIntervalSince1970: 1_795_435_261.987)) -> CaseRow {
        CaseRow(id: "019884e9-99d0-750d", reference: "C-2026-00042", child: child, dateOfBirth: Day(year: 2015, month: 4, day: 3),
                yearGroup: nil, school: school, level: 3, status: .open, workerLogin: worker, workerName: worker.map { $0 + " Khan" },
                openedOn: Day(year: 2026, month: 1, day: 5)!, nextDueOn: nil, lastContactAt: contact, referralFlagged: true,
                safeguarding: false, handoverPending: false)
    }

    @Test func aListingIsWrittenExactlyAsJSONEncoderWritesIt() throws {
        let rows = [
            row("Zoë Nguyễn"),
            row("Mia \u{1B}[31mRed\u{1B}[0m 李明 🙂\n\t\\ back\u{7F}\u{0}\u{2028}", school: nil, worker: nil, contact: nil),
            row(nil, contact: Date(timeIntervalSince1970: -86_400.5)),
        ]
        #expect(written(rows) == (try encoded(rows)))
        #expect(written([]) == (try encoded([])))
        #expect(written([rows[0]]) == (try encoded([rows[0]])))
    }
}
