import CaseloadCore
import Foundation
import Testing
import TerminalUI
@testable import CaseloadApp
@testable import CaseloadStore

/// The new-case form when the store may already have the family: it stays
/// open, lists them, asks who the case is about and opens it with them.
@Suite struct FamilyMatchFormTests {
    let update = Update(vocabulary: AppFixture.vocabulary)
    let screen = Screen(vocabulary: AppFixture.vocabulary)

    func press(_ keys: [Key], _ state: inout AppState) -> [Effect] { keys.flatMap { update(&state, .key($0)) } }
    func type(_ text: String) -> [Key] { text.map { Key.character($0) } }

    static let earlier = FamilyMatch.EarlierCase(caseId: "case-1", reference: "C-2026-00001", status: .open,
                                                 openedOn: Day(year: 2026, month: 1, day: 5)!, workerName: "Ben Evans")
    static let matches = [
        FamilyMatch(personId: "p-zoe", name: "Zoë Nguyễn", kind: .child, dateOfBirth: Day(year: 2015, month: 4, day: 3),
                    reasons: [.nameAndBirth], cases: [earlier]),
        FamilyMatch(personId: "p-thao", name: "Thảo Nguyễn", kind: .adult, dateOfBirth: nil, reasons: [.phone], cases: [earlier]),
    ]

    /// The new-case form, filled in and saved once, on an 80×24 screen.
    func saved() -> (AppState, [Effect]) {
        var state = AppFixture.loaded([AppFixture.row(1)])
        _ = update(&state, .formReady(.newCase, draft: nil, workers: []))
        let effects = press(type("Zoe Nguyen") + [.tab] + type("03/04/2015") + [.tab] + type("Thao Nguyen") + [.tab]
                            + type("07700 900123") + [.function(2)], &state)
        return (state, effects)
    }

    @Test func theFormListsWhoItMayBeAndOpensTheCaseWithThePersonChosen() throws {
        var (state, effects) = saved()
        guard case .openNewCase(let first)? = effects.compactMap(\.saving).first else {
            Issue.record("not saved: \(state.form?.errors ?? [:])")
            return
        }
        #expect(first.existingPeople.isEmpty && !first.newPerson)
        _ = update(&state, .familyFound(Self.matches))
        let form = try #require(state.form, "the form stays open")
        #expect(!form.saving && form.focused.id == "family" && form.value("child") == "Zoe Nguyen")
        let lines = screen.render(state).lines
        #expect(lines.contains { $0.contains("• Zoë Nguyễn, born 03/04/2015 (same name and date of birth): case C-2026-00001") })
        #expect(lines.contains { $0.contains("• Thảo Nguyễn (same phone): case C-2026-00001 open with Ben Evans") })
        #expect(lines.contains { $0.contains("▸ Same family?") })
        #expect(lines.contains { $0.contains("[ ] Zoë Nguyễn, born 03/04/2015, 1 earlier case") })
        #expect(lines.contains { $0.contains("[ ] Thảo Nguyễn, 1 earlier case") })
        #expect(lines.contains { $0.contains("[ ] No, someone new") })

        // Saving without saying is put right first.
        #expect(press([.function(2)], &state).isEmpty)
        #expect(state.form?.errors["family"] == "Tick who on record the case is about, or No, someone new.")
        // Zoë and her mother.
        let again = press([.character(" "), .down, .character(" "), .function(2)], &state)
        guard case .openNewCase(let chosen)? = again.compactMap(\.saving).first else {
            Issue.record("not saved: \(state.form?.errors ?? [:])")
            return
        }
        #expect(chosen.existingPeople == ["p-zoe", "p-thao"] && !chosen.newPerson && chosen.child == "Zoe Nguyen")
    }

    @Test func someoneNewGoesAlone() throws {
        var (state, _) = saved()
        _ = update(&state, .familyFound(Self.matches))
        let effects = press([.down, .down, .character(" "), .function(2)], &state)
        guard case .openNewCase(let input)? = effects.compactMap(\.saving).first else {
            Issue.record("not saved: \(state.form?.errors ?? [:])")
            return
        }
        #expect(input.newPerson && input.existingPeople.isEmpty)

        (state, _) = saved()
        _ = update(&state, .familyFound(Self.matches))
        #expect(press([.character(" "), .down, .down, .character(" "), .function(2)], &state).compactMap(\.saving).isEmpty)
        #expect(state.form?.errors["family"] == "No, someone new goes alone: untick it, or the people on record.")
    }

    @Test func theEffectRunnerAsksTheStoreBeforeOpeningAndOpensWithTheChoice() throws {
        let f = try CaseworkRunnerTests.Fixture()
        defer { f.remove() }
        var first = NewCase(child: "Mia Kowalska")
        first.dateOfBirth = try f.store.today.adding(years: -9)
        let earlier = try f.store.openCase(first, by: f.sam).description
        var input = NewCase(child: "mia kowalska")
        input.dateOfBirth = first.dateOfBirth
        let save = { (input: NewCase) in
            f.runner().perform(.saveForm(.openNewCase(input), draftKind: "new-case", draftReference: nil), pageSize: 50)
        }
        let found = save(input)
        guard case .familyFound(let matches)? = found.first, let mia = matches.first else {
            Issue.record("opened without asking: \(found)")
            return
        }
        #expect(matches.count == 1 && mia.cases.map(\.reference) == [earlier] && mia.cases.first?.workerName == "Sam Okafor")
        input.existingPeople = [mia.personId]
        let opened = save(input)
        #expect(CaseworkRunnerTests.text(opened)?.hasPrefix("Opened C-") == true, "\(opened)")
        guard opened.count == 2, case .caseLoaded(let detail, false) = opened[1] else {
            Issue.record("the new case's file is not opened: \(opened)")
            return
        }
        #expect(detail.reference != earlier && detail.child?.personId == mia.personId && detail.child?.name == "Mia Kowalska")
    }
}
