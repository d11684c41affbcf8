import CaseloadCore
import Foundation
import Testing
@testable import CaseloadStore

/// Editing a case keeps every change as its own record, the current value
/// in step, and the case's course with its worker or a supervisor.
@Suite struct CaseEditTests {
    private func raise(_ to: SupportLevel, _ reason: String?) -> CaseEdit {
        var edit = CaseEdit()
        edit.level = to
        edit.reason = reason
        return edit
    }

    @Test func aChangeOfLevelIsKeptWithWhoWhenAndWhyAndTheListSeesItAtOnce() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        #expect(try f.store.caseDetail(reference, by: f.amira).level == 3)
        try f.store.editCase(reference, raise(.tribunal, "Appeal lodged"), by: f.amira)
        try f.store.editCase(reference, raise(.advice, "Appeal withdrawn"), by: f.supervisor)
        let detail = try f.store.caseDetail(reference, by: f.amira)
        #expect(detail.level == 2)
        let history = try #require(detail.levelHistory)
        #expect(history.map { "\($0.from ?? "")→\($0.to ?? ""): \($0.reason ?? "") by \($0.by ?? "")" }
                == ["3→4: Appeal lodged by Amira Khan", "4→2: Appeal withdrawn by Sam Okafor"])
        #expect(detail.timeline.filter { $0.kind == .change }.map(\.title)
                == ["Level 4 (tribunal or complex legal) → 2 (advice)", "Level 3 (casework and advocacy) → 4 (tribunal or complex legal)"])
        var limit = CaseFilter()
        limit.level = 2
        #expect(try f.store.casePage(CaseQuery(scope: .mine, filter: limit), .first, limit: 10, by: f.amira)
                    .rows.map(\.reference) == [reference])
        #expect(try f.count("field_change") == 2)
    }

    @Test func theChildsFieldsAndTheIssuesChangeInWords() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        var edit = CaseEdit()
        edit.school = "Kings Heath Primary"
        edit.yearGroup = "6"
        edit.addIssues = ["exclusion"]
        let changes = try f.store.editCase(reference, edit, by: f.amira)
        #expect(try changes.map { try f.store.words(for: $0) }
                == ["School set to Kings Heath Primary", "Year group set to Year 6", "Issue added: Exclusion or suspension"])
        var removal = CaseEdit()
        removal.removeIssues = ["exclusion"]
        removal.school = "Moseley Park"
        let second = try f.store.editCase(reference, removal, by: f.amira)
        #expect(try second.map { try f.store.words(for: $0) }
                == ["School changed from Kings Heath Primary to Moseley Park", "Issue removed: Exclusion or suspension"])
        let detail = try f.store.caseDetail(reference, by: f.amira)
        #expect(detail.child?.school == "Moseley Park" && detail.issues.isEmpty)
        // The search index follows the school.
        #expect(try f.store.casePage(CaseQuery(scope: .mine, filter: try CaseFilter.parse("moseley")), .first, limit: 10,
                                     by: f.amira).rows.count == 1)
    }

    @Test func aChangeOfLevelOrStatusNeedsAReasonAndNothingUnchangedIsRecorded() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        let bare = #expect(throws: CaseloadError.self) { try f.store.editCase(reference, raise(.tribunal, "  "), by: f.amira) }
        #expect(bare?.kind == .invalid && bare?.field == .reason)
        let same = #expect(throws: CaseloadError.self) { try f.store.editCase(reference, raise(.casework, "Still"), by: f.amira) }
        #expect(same?.kind == .conflict)
        #expect(throws: CaseloadError.self) { try f.store.editCase(reference, CaseEdit(), by: f.amira) }
        var closing = CaseEdit()
        closing.status = .closed
        closing.reason = "Done"
        #expect(throws: CaseloadError.self) { try f.store.editCase(reference, closing, by: f.amira) }
        #expect(try f.count("field_change") == 0)
    }

    @Test func onlyTheCasesWorkerOrASupervisorEditsAndAClosedCaseIsReopenedFirst() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        let other = #expect(throws: CaseloadError.self) { try f.store.editCase(reference, raise(.tribunal, "Appeal"), by: f.ben) }
        #expect(other?.kind == .notAllowed && other?.message.contains("Amira Khan (amira)") == true)
        var inactive = CaseEdit()
        inactive.status = .inactive
        inactive.reason = "Waiting for the LA's decision"
        try f.store.editCase(reference, inactive, by: f.amira)
        #expect(try f.store.caseDetail(reference, by: f.amira).status == .inactive)
        try f.store.closeCase(reference, reason: "resolved", outcome: nil, by: f.amira)
        #expect(throws: CaseloadError.caseClosed(reference)) {
            try f.store.editCase(reference, raise(.tribunal, "Appeal"), by: f.amira)
        }
        #expect(try f.count("field_change") == 2, "inactive, then closed")
    }

    /// Closing and reopening are changes of status too, so the status on
    /// any date can be read back from the history.
    @Test func closingAndReopeningAreKeptAsChangesOfStatus() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase()
        try f.store.closeCase(reference, reason: "resolved", outcome: nil, by: f.amira)
        try f.store.reopenCase(reference, reason: "Mum rang again", by: f.amira)
        let changes = try f.store.caseDetail(reference, by: f.amira).timeline.filter { $0.kind == .change }
        #expect(changes.map(\.title) == ["Status closed → open", "Status open → closed"])
        #expect(changes.map(\.text) == ["Mum rang again", "Resolved"])
    }
}
