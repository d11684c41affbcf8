import CaseloadCore
@testable import CaseloadStore
import Foundation
import Testing
@testable import caseload

/// The fast writer for long listings must write exactly what JSONEncoder
/// writes for the same rows, whatever the text holds.
@Suite struct JSONListTests {
    /// As `Output.json` writes them: JSONEncoder, then the escapes it leaves out.
    private func encoded<Rows: Encodable>(_ rows: Rows) throws -> String {
        String(decoding: try Output.encoded(rows), as: UTF8.self)
    }

    private func written(_ rows: [CaseRow]) -> String {
        String(decoding: JSONList.write(rows), as: UTF8.self)
    }

    /// Rows differ in every value, and their flags in opposite ways, so a
    /// key written beside another key's value cannot go unnoticed.
    private func row(_ child: String?, _ n: Int = 0, school: String? = "St Mary's C/E \"Primary\"", worker: String? = "amira",
                     contact: Date? = Date(timeIntervalSince1970: 1_795_435_261.987)) -> CaseRow {
        CaseRow(id: "019884e9-99d0-750d-\(n)", reference: "C-2026-\(42 + n)", child: child,
                dateOfBirth: Day(year: 2015, month: 4, day: 3 + n % 20), yearGroup: n % 3 == 2 ? nil : "Year \(n % 12)",
                school: school, level: 1 + n % 4, status: n % 2 == 0 ? .open : .closed, workerLogin: worker,
                workerName: worker.map { $0 + " Khan" }, openedOn: Day(year: 2026, month: 1, day: 5 + n % 20)!,
                nextDueOn: n % 3 == 1 ? nil : Day(year: 2026, month: 12, day: 1 + n % 28), lastContactAt: contact,
                referralFlagged: n % 2 == 0, safeguarding: n % 2 == 1, handoverPending: n % 4 < 2,
                handedToYouAt: n % 4 == 1 ? Date(timeIntervalSince1970: 1_795_000_000.25 + Double(n)) : nil)
    }

    @Test func aListingIsWrittenExactlyAsJSONEncoderWritesIt() throws {
        let rows = [
            row("Zoë Nguyễn"),
            row("Mia \u{1B}[31mRed\u{1B}[0m 李明 🙂\n\t\\ back\u{7F}\u{0}\u{2028}", 1, school: nil, worker: nil, contact: nil),
            row(nil, 2, contact: Date(timeIntervalSince1970: -86_400.5)),
            row("Kai Lee", 3),
        ]
        #expect(written(rows) == (try encoded(rows)))
        #expect(written([]) == (try encoded([CaseRow]())))
        #expect(written([rows[0]]) == (try encoded([rows[0]])))
    }

    /// Once DEL, C1 controls and the bidirectional overrides went out raw
    /// in JSON, though the text output replaces them.
    @Test func controlsThatCouldDriveATerminalAreEscapedByBothWriters() throws {
        let hostile = "a\u{7F}b\u{9B}31mc\u{85}d\u{80}\u{9F}e\u{202E}f\u{202A}\u{2066}\u{2069}g\u{1B}[2Jh\u{A0}\u{2028}\u{2067}é"
        let rows = [row(hostile), row("Plain", 1, school: hostile)]
        let listing = written(rows)
        let document = try encoded(rows)
        #expect(listing == document)
        for text in [listing, document] {
            #expect(!text.unicodeScalars.contains { SafeText.isControl($0) && $0 != "\n" }, "no raw control scalars")
            #expect(text.contains(#""a\u007fb\u009b31mc\u0085d\u0080\u009fe\u202ef\u202a\u2066\u2069g\u001b[2Jh"# + "\u{A0}\u{2028}"
                                  + #"\u2067é""#))
        }
        // A reader still gets the text exactly as stored.
        let decoded = try JSONSerialization.jsonObject(with: Data(listing.utf8)) as? [[String: Any]]
        #expect(decoded?.first?["child"] as? String == hostile)
        #expect(decoded?.last?["school"] as? String == hostile)
    }

    @Test func searchHitsAreWrittenExactlyAsJSONEncoderWritesThem() throws {
        let hits = [
            SearchHit(reference: "C-2026-00042", caseId: "0198", child: "Zoë \"Z\" Nguyễn", workerLogin: "amira",
                      status: .open, source: .contact, snippet: "…the [tribunal] date\tis set…",
                      at: Date(timeIntervalSince1970: 1_795_435_261.5), contactId: "0200"),
            SearchHit(reference: "C-2025-00007", caseId: "0199", child: nil, workerLogin: nil,
                      status: .closed, source: .name, snippet: "", at: nil),
        ]
        #expect(String(decoding: JSONList.write(hits), as: UTF8.self) == (try encoded(hits)))
    }

    /// A long listing goes out in pieces of about 64 KiB, which together
    /// are exactly the whole document.
    @Test func aLongListingIsWrittenInPiecesThatMakeTheWhole() throws {
        var rows = (0..<2_000).map { row("Child \($0) " + String(repeating: "é", count: $0 % 40), $0) }
        // One value longer than a piece, and made longer still by escaping.
        rows.insert(row(String(repeating: "\"quoted\"\n\u{1}", count: 12_000)), at: 700)
        var pieces: [Data] = []
        JSONList.write(rows.lazy) { pieces.append(Data($0)) }
        #expect(pieces.count > 5, "a listing of \(pieces.reduce(0) { $0 + $1.count }) bytes came in \(pieces.count) pieces")
        #expect(pieces.filter { $0.count > 80 * 1024 }.count == 1, "only the piece holding the long value is longer")
        #expect(String(decoding: pieces.reduce(Data(), +), as: UTF8.self) == (try encoded(rows)))
    }
}

extension JSONList {
    /// A whole listing as one document, for comparing with JSONEncoder.
    static func write<Row: JSONListRow>(_ rows: [Row]) -> Data {
        var data = Data()
        write(rows) { data.append(contentsOf: $0) }
        return data
    }
}
