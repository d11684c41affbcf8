import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

/// The family's feedback at closure: kept with the closure, cleared by a
/// reopening, and never lost from the case's history.
@Suite struct ClosureFeedbackTests {
    private func feedbackChanges(_ f: StoreFixture, _ reference: String) throws -> [String] {
        try f.store.read { db in
            try String.fetchAll(db, sql: """
                SELECT f.field || '=' || f.new_value FROM field_change f JOIN case_file c ON c.id = f.case_id
                WHERE c.reference = ? AND f.field LIKE 'feedback_%' ORDER BY f.seq
                """, arguments: [reference])
        }
    }

    @Test func feedbackIsKeptWithTheClosureAndOnTheHistoryAcrossAReopening() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        let first = ClosureFeedback(useful: .yes, helped: .no, recommend: .declined)
        try f.store.closeCase(reference, reason: "resolved", outcome: "Plan issued.", feedback: first, by: f.amira)
        var detail = try f.store.caseDetail(reference, by: f.amira)
        #expect(detail.feedback == first)
        let titles = detail.timeline.map(\.title)
        #expect(Array(titles.prefix(4)) == ["Feedback: information useful – Yes", "Feedback: support helped – No",
                                            "Feedback: would recommend – Declined", "Status open → closed"])

        try f.store.reopenCase(reference, reason: "Mum rang back.", by: f.amira)
        detail = try f.store.caseDetail(reference, by: f.amira)
        #expect(detail.feedback == nil)
        #expect(detail.timeline.map(\.title).contains("Feedback: support helped – No"))

        try f.store.closeCase(reference, reason: "resolved", outcome: nil, feedback: .notAsked, by: f.amira)
        detail = try f.store.caseDetail(reference, by: f.amira)
        #expect(detail.feedback == .notAsked)
        #expect(try feedbackChanges(f, reference) == [
            "feedback_recommend=declined", "feedback_helped=no", "feedback_useful=yes",
            "feedback_recommend=not-asked", "feedback_helped=not-asked", "feedback_useful=not-asked",
        ])
        let json = String(decoding: try JSONEncoder().encode(detail), as: UTF8.self)
        #expect(json.contains(#""feedback":{"#) && json.contains(#""useful":"not-asked""#))
    }

    @Test func aClosureWithoutFeedbackRecordsNoneAndAnUnknownAnswerIsRefused() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        try f.store.closeCase(reference, reason: "resolved", outcome: nil, by: f.amira)
        #expect(try f.store.caseDetail(reference, by: f.amira).feedback == nil)
        #expect(try feedbackChanges(f, reference).isEmpty)

        let typed = #expect(throws: CaseloadError.self) { try FeedbackAnswer(parsing: "maybe", for: .recommend) }
        #expect(typed == .invalid("“maybe” is not an answer to “Would you recommend the service?”: give yes, no, not-asked or declined"))
        #expect(try FeedbackAnswer(parsing: "Not asked", for: .useful) == .notAsked)
        #expect(try FeedbackAnswer(parsing: " DECLINED ", for: .helped) == .declined)

        #expect(throws: (any Error).self) {
            try f.store.write { db in
                try db.execute(sql: "UPDATE case_file SET feedback_useful = 'maybe' WHERE reference = ?", arguments: [reference])
            }
        }
    }

    @Test func oneAnswerWithoutTheOthersIsReadAsDamage() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        try f.store.closeCase(reference, reason: "resolved", outcome: nil, feedback: ClosureFeedback(useful: .yes), by: f.amira)
        try f.store.write { db in
            try db.execute(sql: "UPDATE case_file SET feedback_helped = NULL WHERE reference = ?", arguments: [reference])
        }
        let refusal = #expect(throws: CaseloadError.self) { try f.store.caseDetail(reference, by: f.amira) }
        #expect(refusal?.kind == .conflict && refusal?.message.contains("feedback_helped") == true)
    }
}
