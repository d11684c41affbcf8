import CaseloadCore
import Foundation
import TerminalUI
@testable import CaseloadApp
@testable import CaseloadStore

/// States and rows for update and screen tests, with no store or terminal.
enum AppFixture {
    static let vocabulary: Vocabulary = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources/vocabulary.json")
        return try! Vocabulary.parse(Data(contentsOf: url))
    }()

    static let today = Day(year: 2026, month: 11, day: 23)!
    static let now = Date(timeIntervalSince1970: 1_795_435_200) // 23/11/2026 12:00 UTC

    static func state(supervisor: Bool = false, width: Int = 80, height: Int = 24, colour: Bool = true) -> AppState {
        AppState(user: .init(login: "amira", name: "Amira Khan", isSupervisor: supervisor), service: "Northbridge SENDIASS",
                 width: width, height: height, colour: colour, today: today, now: now,
                 timeZone: TimeZone(identifier: "Europe/London")!)
    }

    static func row(_ number: Int, child: String = "Zoë Nguyễn", worker: String? = "amira", due: Day? = nil,
                    school: String? = "Elmfield Primary", level: Int = 3, flagged: Bool = false,
                    handedToYouAt: Date? = nil, status: CaseStatus = .open) -> CaseRow {
        CaseRow(id: "case-\(number)", reference: CaseReference(year: 2026, number: number).description, child: child,
                dateOfBirth: Day(year: 2015, month: 4, day: 3), yearGroup: "Year 6", school: school, level: level,
                status: status, workerLogin: worker, workerName: worker, openedOn: Day(year: 2026, month: 1, day: 5)!,
                nextDueOn: due, lastContactAt: now.addingTimeInterval(-3 * 86_400), referralFlagged: flagged,
                safeguarding: false, handoverPending: handedToYouAt != nil, handedToYouAt: handedToYouAt)
    }

    static func page(_ rows: [CaseRow], from start: Int = 0) -> CasePage {
        CasePage(rows: rows, cursors: rows.indices.map { CaseCursor(value: "v", seq: Int64(start + $0)) })
    }

    /// A state whose list holds `rows` (the whole list).
    /// The contact form open on case 9, on a 40-line screen.
    static func contactForm() -> AppState {
        var state = loaded([row(9)], height: 40)
        _ = Update(vocabulary: vocabulary)(&state, .formReady(.contact(reference: "C-2026-00009"), draft: nil, workers: []))
        return state
    }

    static func loaded(_ rows: [CaseRow], supervisor: Bool = false, width: Int = 80, height: Int = 24) -> AppState {
        var state = state(supervisor: supervisor, width: width, height: height)
        _ = Update(vocabulary: vocabulary)(&state, .listLoaded(page(rows), .first, total: rows.count, start: nil))
        return state
    }

    /// A case file with `entries` contacts on its timeline, newest first
    /// (ids k1, k2 ...), and `people` as JSON objects.
    static func detail(_ number: Int, worker: String = "amira", entries: Int = 3,
                       people: String = #"{"personId":"p1","role":"subject","kind":"child","name":"Zoë Nguyễn","dateOfBirth":"2015-04-03","interpreter":false,"parentalResponsibility":false,"noVoicemail":false,"doNotWrite":false,"doNotShare":false,"mainContact":false}"#)
        throws -> CaseDetail {
        let timeline = (1...max(1, entries)).map { n in
            #"{"kind":"contact","id":"k\#(n)","at":"2026-11-\#(String(format: "%02d", 21 - n))T10:15:00Z","by":"\#(worker)","#
                + #""title":"Phone call in","text":"Call \#(n) about the exclusion.","minutes":20}"#
        }.prefix(entries)
        let json = #"{"id":"case-\#(number)","reference":"\#(CaseReference(year: 2026, number: number))","status":"open","level":3,"#
            + #""levelLabel":"Casework and advocacy","anonymous":false,"openedOn":"2026-01-05","workerLogin":"\#(worker)","#
            + #""workerName":"\#(worker)","issues":["exclusion"],"people":[\#(people)],"keyDates":[],"openActions":[],"#
            + #""consents":[],"referrals":[],"safeguardingEntries":0,"specialShown":false,"timeline":[\#(timeline.joined(separator: ","))]}"#
        return try JSONDecoder.caseload.decode(CaseDetail.self, from: Data(json.utf8))
    }
}
