import CaseloadCore
import Foundation
import Testing
import TerminalUI
@testable import CaseloadApp
@testable import CaseloadStore

/// At 80×24 what matters for safety is never what is cut; wider screens use
/// their width.
@Suite struct LayoutTests {
    let update = Update(vocabulary: AppFixture.vocabulary)
    let screen = Screen(vocabulary: AppFixture.vocabulary)

    static let people = [
        #"{"personId":"p1","role":"subject","kind":"child","name":"Zoë Nguyễn","dateOfBirth":"2015-04-03","school":"St Aelred's Catholic Primary School","primaryNeed":"asc","interpreter":false,"parentalResponsibility":false,"noVoicemail":false,"doNotWrite":false,"doNotShare":false,"mainContact":false}"#,
        #"{"personId":"p2","role":"parent-carer","kind":"adult","name":"Thảo Nguyễn","language":"Vietnamese","interpreter":true,"contactPreferences":"text first, never phone after 6pm; son must not interpret","parentalResponsibility":true,"noVoicemail":false,"doNotWrite":false,"doNotShare":false,"mainContact":false}"#,
    ].joined(separator: ",")

    private func openCase(entries: Int = 3) throws -> AppState {
        var state = AppFixture.loaded([AppFixture.row(1)])
        _ = update(&state, .caseLoaded(try AppFixture.detail(1, entries: entries, people: Self.people), refresh: false))
        return state
    }

    @Test func aContactPreferenceWrapsRatherThanBeingCut() throws {
        var state = try openCase()
        _ = update(&state, .key(.character("g")))
        // Wrapped lines read on under the role's column.
        let text = screen.render(state).lines.joined(separator: "\n")
            .replacingOccurrences(of: "\n" + String(repeating: " ", count: 15), with: " ")
        #expect(text.contains("prefers text first, never phone after 6pm; son must not interpret"))
        #expect(text.contains("needs an interpreter"))
        #expect(!text.contains("…"), "nothing in the header is cut")
    }

    @Test func anOpenedCaseShowsMoreThanOneTimelineEntry() throws {
        let lines = screen.render(try openCase()).lines
        #expect(lines.filter { $0.hasPrefix("▸ ") }.count == 3, "\(lines)")
        #expect(lines.contains("Open actions: none"), "an empty section takes one line")
    }

    @Test func gAndGGoToTheFirstAndLastEntryInACaseFile() throws {
        var state = try openCase(entries: 12)
        _ = update(&state, .key(.character("G")))
        #expect(state.caseFile?.selected == 11)
        #expect(screen.render(state).lines[22] == " C-2026-00001 · entry 12 of 12")
        _ = update(&state, .key(.character("g")))
        #expect(state.caseFile?.selected == 0)
        #expect(screen.render(state).lines[22] == " C-2026-00001 · entry 1 of 12")
        _ = update(&state, .key(.end))
        #expect(state.caseFile?.selected == 11)
    }

    private static func member(_ name: String, _ login: String, endsOn: Day? = nil) -> TeamMember {
        TeamMember(login: login, name: name, role: .caseworker, employment: endsOn == nil ? .permanent : .agency, endsOn: endsOn,
                   openCases: 10, weight: 30, capacity: 60, pendingHandovers: 0, overdueKeyDates: 0)
    }

    @Test func teamNamesUseTheWidthAndDatesShowAnotherYear() {
        let overview = TeamOverview(members: [
            Self.member("Bartholomew Featherstonehaugh-Smythe", "bfeatherstone", endsOn: Day(year: 2027, month: 3, day: 9)),
            Self.member("Demo Supervisor (sup)", "sup"),
            Self.member("Amira Khan", "amira", endsOn: Day(year: 2026, month: 12, day: 4)),
        ], unallocated: 0)
        var wide = AppFixture.loaded([AppFixture.row(1)], supervisor: true, width: 120, height: 36)
        _ = update(&wide, .teamLoaded(overview))
        let lines = screen.render(wide).lines
        #expect(lines[2].hasPrefix("Bartholomew Featherstonehaugh-Smythe (bfeatherstone) agency 09/03/2027"))
        #expect(lines[3].hasPrefix("Demo Supervisor (sup) "), "the login is not said twice")
        #expect(!lines[3].contains("(sup) (sup)"))
        #expect(lines[4].contains("agency 04/12 "), "this year's date needs no year")
        var narrow = AppFixture.loaded([AppFixture.row(1)], supervisor: true)
        _ = update(&narrow, .teamLoaded(overview))
        #expect(screen.render(narrow).lines[2].hasPrefix("Bartholomew Featherst… agency 09/03/2027"))
        _ = update(&narrow, .key(.character("G")))
        #expect(narrow.team?.selected == 2, "G goes to the last worker, as on every list")
        _ = update(&narrow, .key(.home))
        #expect(narrow.team?.selected == 0)
    }

    /// A value that lost a merge and a change the hub refused stand out above
    /// the people, whole at 80 columns; a special-category value stays hidden.
    @Test func aCaseFileShowsItsConflictsAndRefusedChangesNearTheTop() throws {
        var detail = try AppFixture.detail(1, people: Self.people)
        detail.syncConflicts = [
            SyncConflict(id: "k1", caseReference: "C-2026-00001", table: "person", recordId: "p2", fields: ["phone"],
                         kept: "07700 900003", lost: "01632 960000", lostBy: "Bo Worker", createdAt: AppFixture.now,
                         resolvedAt: nil, resolution: nil),
            SyncConflict(id: "k2", caseReference: "C-2026-00001", table: "person", recordId: "p1", fields: ["health_notes"],
                         kept: "asthma", lost: "none", lostBy: nil, createdAt: AppFixture.now, resolvedAt: nil, resolution: nil),
        ]
        detail.syncRefused = [
            RefusedChange(table: "contact", recordId: "c9", caseReference: "C-2026-00001",
                          reason: "only a supervisor can log a contact on a closed case", refusedAt: AppFixture.now, op: "insert"),
        ]
        // Tall enough that the whole file is on screen at 80 columns.
        var state = AppFixture.loaded([AppFixture.row(1)], height: 60)
        _ = update(&state, .caseLoaded(detail, refresh: false))
        let lines = screen.render(state).lines
        let text = lines.joined(separator: "\n").replacingOccurrences(of: "\n  ", with: " ")
        #expect(text.contains("! Conflict on the phone of Thảo Nguyễn: kept 07700 900003, lost 01632 960000 (Bo Worker)"
            + " — caseload conflicts settles it"), "\(lines)")
        #expect(text.contains("! Conflict on the health notes of Zoë Nguyễn: values shown only on request"),
                "a special-category value stays hidden")
        #expect(!text.contains("asthma"))
        #expect(text.contains("! The hub refused a contact made here: only a supervisor can log a contact on a closed case"
            + " (kept here, not on the hub)"))
        let conflict = try #require(lines.firstIndex { $0.hasPrefix("! Conflict") })
        let people = try #require(lines.firstIndex { $0.hasPrefix("People") })
        #expect(conflict < people, "above the people")
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 })
        // The printed file (caseload case show) carries the same lines.
        let printed = CaseFileLayout(vocabulary: AppFixture.vocabulary, theme: Theme(colour: false), today: AppFixture.today,
                                     timeZone: state.timeZone).lines(detail, width: nil, expanded: nil).map(\.text.plain)
        #expect(printed.contains { $0.hasPrefix("! The hub refused a contact made here") })
    }
}
