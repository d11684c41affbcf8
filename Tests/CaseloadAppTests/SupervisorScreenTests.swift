import CaseloadCore
import Foundation
import Testing
import TerminalUI
@testable import CaseloadApp
@testable import CaseloadStore

/// The leaving-worker steps, the referrals list and the attention list.
@Suite struct SupervisorScreenTests {
    let update = Update(vocabulary: AppFixture.vocabulary)
    let screen = Screen(vocabulary: AppFixture.vocabulary)

    private func press(_ keys: [Key], _ state: inout AppState) -> [Effect] {
        keys.flatMap { update(&state, .key($0)) }
    }

    private func type(_ text: String) -> [Key] { text.map { Key.character($0) } }

    private func leaverCase(_ n: Int, level: Int, weight: Int) -> LeaverCase {
        LeaverCase(reference: CaseReference(year: 2026, number: n).description, child: "Child \(n)", level: level,
                   weight: weight, status: "open", nextDueOn: nil)
    }

    @Test func aLeavingWorkersCaseloadIsSplitAdjustedPreviewedAndConfirmedOnce() {
        var state = AppFixture.state(supervisor: true)
        _ = update(&state, .teamLoaded(TeamOverview(members: [], unallocated: 0)))
        let amira = Team.worker("amira", open: 3, weight: 9)
        let plan = LeavingPlan(leaver: amira, cases: [leaverCase(1, level: 4, weight: 5), leaverCase(2, level: 2, weight: 2),
                                                      leaverCase(3, level: 2, weight: 2)],
                               candidates: [Team.worker("ben", open: 10, weight: 20), Team.worker("cara", open: 2, weight: 4)])
        _ = update(&state, .leavingLoaded(plan))
        #expect(state.place == .leaving)
        #expect(press([.enter], &state).isEmpty && state.messageIsError, "at least one receiver first")
        let proposed = press([.character(" "), .down, .character(" "), .enter], &state)
        #expect(proposed == [.store(.proposeSplit(leaver: "amira", receivers: ["ben", "cara"]))])
        _ = update(&state, .splitProposed([
            HandoverShare(login: "ben", capacity: 40, casesBefore: 10, weightBefore: 20, cases: ["C-2026-00002"], weightAfter: 22),
            HandoverShare(login: "cara", capacity: 40, casesBefore: 2, weightBefore: 4, cases: ["C-2026-00001", "C-2026-00003"],
                          weightAfter: 11),
        ]))
        #expect(state.leaving?.step == .adjust)
        #expect(screen.render(state).lines.contains { $0.contains("C-2026-00001") && $0.contains("→ cara") })
        _ = press([.right], &state)
        #expect(state.leaving?.assignment["C-2026-00001"] == "ben", "→ gives the case to the next receiver")
        _ = press([.enter], &state)
        let lines = screen.render(state).lines
        #expect(lines.contains { $0.hasPrefix("Ben (ben)") && $0.contains("10 → 12") && $0.contains("20 → 27") && $0.contains("50% → 67%") })
        #expect(lines.contains { $0.hasPrefix("Cara (cara)") && $0.contains("2 → 3") && $0.contains("4 → 6") })
        _ = press([.escape], &state)
        #expect(state.leaving?.step == .adjust, "Esc goes back a step; nothing has moved")
        let moved = press([.enter, .enter], &state)
        guard case .store(.moveCaseload(let leaver, let shares, let signOff, let end))? = moved.first else {
            Issue.record("expected one confirmed move, got \(moved)")
            return
        }
        #expect(leaver == "amira" && signOff && end)
        #expect(shares.map(\.cases) == [["C-2026-00001", "C-2026-00002"], ["C-2026-00003"]])
        _ = update(&state, .changed("Handed 3 of 3 cases over, signed off; amira has been ended."))
        #expect(state.place == .team && state.leaving == nil)
    }

    @Test func leavingIsForSupervisorsOnly() {
        var state = AppFixture.state()
        _ = update(&state, .teamLoaded(TeamOverview(members: [], unallocated: 0)))
        #expect(press([.character("L")], &state).isEmpty)
    }

    private func referral(_ n: Int, status: ReferralStatus, consent: Bool) -> ReferralRow {
        ReferralRow(reference: CaseReference(year: 2026, number: n).description, child: "Child \(n)", status: status,
                    urgency: .routine, reasons: ["housing"], narrative: "Housing advice", consentGiven: consent,
                    overrideReason: nil, externalReference: nil, flaggedAt: AppFixture.now, workerLogin: "amira")
    }

    @Test func referralsAreListedByStatusAndMovedOnThroughAForm() {
        var state = AppFixture.loaded([AppFixture.row(1)])
        #expect(press([.character("F")], &state) == [.store(.loadReferrals(nil))])
        _ = update(&state, .referralsLoaded(nil, [referral(1, status: .flagged, consent: false), referral(2, status: .sent, consent: true)]))
        let lines = screen.render(state).lines
        #expect(lines[2].hasPrefix("C-2026-00001 flagged       routine   NONE"))
        #expect(lines[1].hasSuffix(" CHILD"))
        #expect(lines[3] == "    need: Housing advice", "at 80 columns the need has a line of its own")
        #expect(lines[4].hasPrefix("C-2026-00002 sent          routine   given"))
        #expect(press([.character("s")], &state) == [.store(.loadReferrals(.flagged))])
        let purpose = FormPurpose.referralStatus(reference: "C-2026-00002", current: .sent)
        #expect(press([.down, .enter], &state) == [.store(.prepareForm(purpose))])
        _ = update(&state, .formReady(purpose, draft: nil, workers: []))
        #expect(state.form?["status"]?.options.map(\.id) == ["acknowledged", "accepted", "declined", "closed"])
        _ = press(type("acc") + [.enter] + type("CT-77"), &state)
        #expect(press([.function(2)], &state).compactMap(\.saving) == [.moveReferral(ReferralMoveInput(
            reference: "C-2026-00002", status: .accepted, externalReference: "CT-77", overrideReason: nil))])
        let after = update(&state, .changed("The referral on C-2026-00002 is now accepted."))
        #expect(after.contains(.store(.loadReferrals(nil))), "the list reloads after a change")
    }

    @Test func aListReloadedBehindTheCaseOpenedFromItStaysBehindIt() throws {
        var state = AppFixture.loaded([AppFixture.row(1)])
        _ = update(&state, .referralsLoaded(nil, [referral(1, status: .flagged, consent: false), referral(2, status: .sent, consent: true)]))
        _ = press([.down], &state)
        let detail = try JSONDecoder.caseload.decode(CaseDetail.self, from: Data(UpdateTests.minimalDetail.utf8))
        _ = update(&state, .caseLoaded(detail, refresh: false))
        #expect(state.places.map(\.kind) == [.caseload, .referrals, .caseFile])
        // A contact logged on the case reloads the referrals behind it: they
        // change in place, keeping the selection, and the case stays on screen.
        let effects = update(&state, .changed("Logged the contact on C-2026-00001."))
        #expect(effects.contains(.store(.loadReferrals(nil))))
        _ = update(&state, .referralsLoaded(nil, [referral(1, status: .sent, consent: true), referral(2, status: .sent, consent: true)]))
        #expect(state.places.map(\.kind) == [.caseload, .referrals, .caseFile])
        #expect(state.referrals?.rows.first?.status == .sent && state.referrals?.selected == 1)
        // Back drops the case file and its state; back again, the referrals.
        _ = press([.escape], &state)
        #expect(state.place == .referrals && state.caseFile == nil)
        _ = press([.escape], &state)
        #expect(state.place == .caseload && state.referrals == nil)
    }

    @Test func theAttentionListDealsWithEachKindOfItem() {
        var state = AppFixture.loaded([AppFixture.row(1)], supervisor: true)
        #expect(press([.character("A")], &state) == [.store(.loadAttention)])
        let items = [
            AttentionItem(kind: .handoverSignOff, reference: "C-2026-00001", child: "Child 1", worker: "amira",
                          detail: "amira → ben, waiting since 21/11/2026", since: AppFixture.now),
            AttentionItem(kind: .consentOverride, reference: "C-2026-00002", child: "Child 2", worker: "ben",
                          detail: "flagged 20/11/2026 without consent: Housing", since: AppFixture.now),
            AttentionItem(kind: .safeguardingReview, reference: "C-2026-00003", child: "Child 3", worker: "ben",
                          detail: "told the front door on 22/11/2026", since: AppFixture.now),
        ]
        _ = update(&state, .attentionLoaded(items))
        #expect(screen.render(state).lines[2].hasPrefix("SIGN OFF   C-2026-00001 23/11/2026 Child 1"), "the date is never cut")
        #expect(press([.enter], &state).isEmpty, "a one-key decision is asked once more")
        #expect(screen.render(state).lines[23] == "Sign off the handover of C-2026-00001, so it moves now? (y/n)")
        #expect(press([.character("n")], &state).isEmpty && state.message == "Nothing done.")
        #expect(press([.enter, .character("y")], &state) == [.store(.acceptHandover(["C-2026-00001"]))])
        #expect(press([.down, .character("a")], &state)
                == [.store(.prepareForm(.referralStatus(reference: "C-2026-00002", current: .flagged)))])
        #expect(press([.down, .enter, .character("y")], &state) == [.store(.reviewSafeguarding(reference: "C-2026-00003"))])
        #expect(press([.character("o")], &state) == [.store(.openCase(reference: "C-2026-00003", reason: nil, refresh: false))])
    }

    @Test func familyToldIsRecordedWithTheLetterOnRequest() {
        var state = AppFixture.loaded([AppFixture.row(4)], height: 30)
        #expect(press([.character("T")], &state) == [.store(.prepareForm(.familyTold(reference: "C-2026-00004")))])
        _ = update(&state, .formReady(.familyTold(reference: "C-2026-00004"), draft: nil, workers: []))
        _ = press([.function(2)], &state)
        #expect(state.form?.errors["how"] == "Choose how the family was told.")
        _ = press(type("phone") + [.enter, .tab, .tab, .character(" ")], &state)
        guard case .recordFamilyTold(let input)? = press([.function(2)], &state).compactMap(\.saving).first else {
            Issue.record("expected the family-told record")
            return
        }
        #expect(input.how == "phone" && input.letter)
    }
}
