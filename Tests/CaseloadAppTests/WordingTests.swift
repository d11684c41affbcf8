import CaseloadCore
import Foundation
import Testing
import TerminalUI
@testable import CaseloadApp
@testable import CaseloadStore

/// What screens and forms call things: words, not ids; allocate, not
/// reassign, for a case with no worker; the field a refusal is about.
@Suite struct WordingTests {
    let update = Update(vocabulary: AppFixture.vocabulary)
    let screen = Screen(vocabulary: AppFixture.vocabulary)

    private func press(_ keys: [Key], _ state: inout AppState) -> [Effect] {
        keys.flatMap { update(&state, .key($0)) }
    }

    @Test func peopleOnAContactAreNamedWithTheirRoleInWords() throws {
        var state = AppFixture.loaded([AppFixture.row(1)])
        let people = #"{"personId":"p2","role":"parent-carer","kind":"adult","name":"Thảo Nguyễn","interpreter":false,"parentalResponsibility":true,"noVoicemail":false,"doNotWrite":false,"doNotShare":false,"mainContact":false}"#
        _ = update(&state, .caseLoaded(try AppFixture.detail(1, people: people), refresh: false))
        _ = update(&state, .formReady(.contact(reference: "C-2026-00001"), draft: nil, workers: []))
        let labels = state.form?["parties"]?.options.map(\.label) ?? []
        #expect(labels.contains("Thảo Nguyễn (parent or carer)"))
        #expect(!labels.contains { $0.contains("parent-carer") })
    }

    @Test func aWorkersLoginIsNotSaidTwice() {
        var state = AppFixture.loaded([AppFixture.row(1)], supervisor: true)
        let sup = WorkerSummary(id: "w1", login: "sup", name: "Demo Supervisor (sup)", role: .supervisor, employment: .permanent,
                                startsOn: AppFixture.today, endsOn: nil, active: true, capacity: 20, openCases: 0, weight: 0)
        _ = update(&state, .formReady(.reassign(["C-2026-00001"]), draft: nil, workers: [sup]))
        #expect(state.form?["to"]?.options.first?.label == "Demo Supervisor (sup), 0 open, weight 0/20")
    }

    @Test func aCaseWithNoWorkerIsAllocated() {
        var state = AppFixture.loaded([AppFixture.row(1, worker: nil)], supervisor: true)
        _ = press([.character("r")], &state)
        _ = update(&state, .formReady(.reassign(["C-2026-00001"]), draft: nil, workers: []))
        #expect(screen.render(state).lines[1] == " Allocate C-2026-00001")
        state.form?.saving = true
        _ = update(&state, .changed("Reassigned 1 case to ben."))
        #expect(state.message == "Allocated 1 case to ben.")
        var held = AppFixture.loaded([AppFixture.row(1)], supervisor: true)
        _ = update(&held, .formReady(.reassign(["C-2026-00001"]), draft: nil, workers: []))
        #expect(screen.render(held).lines[1] == " Reassign C-2026-00001 now")
    }

    @Test func aRefusalMarksTheFieldItIsAbout() {
        var state = AppFixture.loaded([AppFixture.row(1)], supervisor: true, height: 30)
        let purpose = FormPurpose.referralStatus(reference: "C-2026-00001", current: .flagged)
        _ = update(&state, .formReady(purpose, draft: nil, workers: []))
        _ = press([.character("s"), .enter], &state)
        state.form?.saving = true
        let refusal = CaseloadError.conflict("C-2026-00001 has no consent from the family, so the referral cannot be sent",
                                             field: .overrideReason)
        _ = update(&state, .failed(EffectRunner.message(refusal)))
        #expect(state.form?.errors["override"] != nil)
        #expect(state.form?.focused.id == "override")
        #expect(screen.render(state).lines.contains { $0.contains("⚠ The store refused this") })
    }

    @Test func aSupervisorsReferralsOpenOnWhatNeedsDoing() {
        var boss = AppFixture.loaded([AppFixture.row(1)], supervisor: true)
        #expect(press([.character("F")], &boss) == [.store(.loadReferrals(.flagged))])
        var worker = AppFixture.loaded([AppFixture.row(1)])
        #expect(press([.character("F")], &worker) == [.store(.loadReferrals(nil))])
        #expect(press([.character(":")] + "referrals all".map(Key.character) + [.enter], &boss) == [.store(.loadReferrals(nil))])
    }
}
