import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

/// A leaving worker whose caseload has handovers waiting on it: handed to
/// them, handed on by them, and cases the team view does not count as open.
@Suite struct LeavingHandoverTests {
    /// Amira (agency, last day 31/03/2027) holds three open cases and one
    /// inactive; she has handed one to Ben and it waits; Ben has handed one
    /// of his to her and it waits.
    private func store() throws -> (StoreFixture, cara: ActingWorker, mine: [String], handedOn: String, inactive: String,
                                    handedToAmira: String) {
        let f = try StoreFixture()
        f.setClock(2027, 1, 15)
        try f.store.write { try $0.execute(sql: "UPDATE worker SET ends_on = '2027-03-31' WHERE login = 'amira'") }
        try f.store.addWorker(NewWorker(login: "cara", name: "Cara Jones"), by: f.supervisor)
        let mine = try (0..<3).map { try f.openCase("Child \($0)", for: f.amira) }
        let inactive = try f.openCase("Quiet Child", for: f.amira)
        try f.store.write { try $0.execute(sql: "UPDATE case_file SET status = 'inactive' WHERE reference = ?", arguments: [inactive]) }
        try f.store.handOver([mine[0]], toLogin: "ben", summary: "Ben knows the school.", by: f.amira)
        let bens = try f.openCase("Ben's Child", for: f.ben)
        try f.store.handOver([bens], toLogin: "amira", summary: "Amira speaks Urdu with Mum.", by: f.ben)
        return (f, try f.store.actingWorker(login: "cara", osUser: "tester"), mine, mine[0], inactive, bens)
    }

    private func statuses(_ f: StoreFixture, _ reference: String) throws -> [String] {
        try f.store.read { db in
            try String.fetchAll(db, sql: """
                SELECT h.status FROM handover h JOIN case_file c ON c.id = h.case_id WHERE c.reference = ? ORDER BY h.rowid
                """, arguments: [reference])
        }
    }

    @Test func theMoveSettlesEveryWaitingHandoverAndEndsOnTheAgencyDate() throws {
        let (f, _, mine, handedOn, inactive, handedToAmira) = try store()
        defer { f.remove() }
        let shares = try f.store.proposeSplit(from: "amira", to: ["cara"], by: f.supervisor)
        let outcomes = try f.store.moveLeavingCaseload(shares, from: "amira", signOff: true, endWorker: true, by: f.supervisor)
        #expect(outcomes.count == 4 && outcomes.allSatisfy { $0.done })
        for reference in mine + [inactive] {
            #expect(try f.store.caseDetail(reference, by: f.supervisor).workerLogin == "cara")
        }
        #expect(try f.store.caseDetail(handedToAmira, by: f.supervisor).workerLogin == "ben", "it stays with who handed it")
        #expect(try statuses(f, handedToAmira) == ["cancelled"])
        let toAmira = try f.store.caseDetail(handedToAmira, by: f.supervisor).timeline.first { $0.title == "Handover to amira (withdrawn)" }
        #expect(toAmira?.text == "Withdrawn by Sam Okafor: amira is leaving; the case stays with ben")
        #expect(try statuses(f, handedOn) == ["cancelled", "accepted"])
        let toBen = try f.store.caseDetail(handedOn, by: f.supervisor).timeline.first { $0.title == "Handover to ben (withdrawn)" }
        #expect(toBen?.text == "Withdrawn by Sam Okafor: amira is leaving; the case goes to cara with the rest of their caseload")
        let amira = try #require(try f.store.workers(includeEnded: true).first { $0.login == "amira" })
        #expect(amira.active, "she works until her agency end date is over")
        #expect(amira.endsOn == Day(year: 2027, month: 3, day: 31), "E end uses the agency end date, not today")
        f.setClock(2027, 4, 1)
        #expect(try f.store.workers(includeEnded: true).first { $0.login == "amira" }?.active == false)
    }

    @Test func theFirstStepKnowsEveryWaitingHandoverAndSaysWhatWillHappen() throws {
        let (f, _, _, handedOn, _, handedToAmira) = try store()
        defer { f.remove() }
        let held = try f.store.cases(heldBy: "amira", by: f.supervisor)
        #expect(held.filter { $0.handedTo != nil }.map(\.reference) == [handedOn])
        #expect(held.first { $0.reference == handedOn }?.handedTo == "ben")
        let handed = try f.store.casesHandedTo(login: "amira", by: f.supervisor)
        #expect(handed.map(\.reference) == [handedToAmira] && handed.first?.from == "ben")
        #expect(throws: CaseloadError.self, "a supervisor's view") { try f.store.casesHandedTo(login: "amira", by: f.ben) }
        #expect(LeavingNotes.handovers(leaver: "amira", cases: held, handedToThem: handed) == [
            "1 handover amira made is still waiting: it will be withdrawn and the case split with the rest.",
            "1 case handed to amira waits for acceptance: the handover will be withdrawn and the case stays with who handed it over (ben).",
        ])
    }

    @Test func theWizardCountsCasesAsTheTeamViewDoes() throws {
        let (f, _, _, _, _, _) = try store()
        defer { f.remove() }
        let held = try f.store.cases(heldBy: "amira", by: f.supervisor)
        let onTeam = try #require(try f.store.team(by: f.supervisor).members.first { $0.login == "amira" })
        #expect(held.count == 4)
        #expect(held.filter { $0.status == "open" }.count == onTeam.openCases)
        #expect(LeavingNotes.count(held) == "4 cases (3 open, 1 inactive)")
        #expect(held.filter { $0.status == "open" }.reduce(0) { $0 + $1.weight } == onTeam.weight)
        // After the move the receiver's team row is what the split said it would be.
        let shares = try f.store.proposeSplit(from: "amira", to: ["cara", "ben"], by: f.supervisor)
        _ = try f.store.moveLeavingCaseload(shares, from: "amira", signOff: true, endWorker: false, by: f.supervisor)
        let team = try f.store.team(by: f.supervisor).members
        for share in shares {
            let member = try #require(team.first { $0.login == share.login })
            #expect(member.weight == share.weightAfter)
        }
        #expect(shares.map { $0.cases.count }.reduce(0, +) == 4, "the inactive case moves too")
    }

    @Test func aReceiverPushedFarPastCapacityIsWarnedAbout() {
        let shares = [
            HandoverShare(login: "ben", capacity: 10, casesBefore: 20, weightBefore: 40, cases: ["C-2026-00001"], weightAfter: 90),
            HandoverShare(login: "cara", capacity: 60, casesBefore: 5, weightBefore: 30, cases: ["C-2026-00002"], weightAfter: 60),
            HandoverShare(login: "dee", capacity: 60, casesBefore: 5, weightBefore: 30, cases: ["C-2026-00003"], weightAfter: 67),
        ]
        #expect(LeavingNotes.capacityWarnings(shares) == [
            "Over capacity: ben goes from 400% to 900% (red above 110%); give some of the cases to someone else.",
            "Over capacity: dee goes from 50% to 111% (red above 110%); give some of the cases to someone else.",
        ])
    }

    @Test func theReceiverOfAWaitingHandoverNeedNotBeChosenAndNothingFailsWithoutEnding() throws {
        let (f, _, mine, handedOn, _, handedToAmira) = try store()
        defer { f.remove() }
        // Left for the receivers to accept, the leaver kept on: the waiting handovers are still settled.
        let shares = try f.store.proposeSplit(from: "amira", to: ["cara"], by: f.supervisor)
        let outcomes = try f.store.moveLeavingCaseload(shares, from: "amira", signOff: false, endWorker: false, by: f.supervisor)
        #expect(outcomes.allSatisfy { $0.done })
        #expect(try statuses(f, handedOn) == ["cancelled", "pending"])
        #expect(try statuses(f, handedToAmira) == ["cancelled"])
        #expect(try f.store.caseDetail(mine[1], by: f.supervisor).workerLogin == "amira", "until cara accepts")
        #expect(try f.store.casesHandedTo(login: "amira", by: f.supervisor).isEmpty)
    }
}
