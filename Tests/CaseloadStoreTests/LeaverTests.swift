import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

@Suite struct LeaverTests {
    /// Amira holds six cases at levels 4, 3, 3, 2, 1, 1; Cara is a third worker.
    private func leaverStore() throws -> (StoreFixture, cara: ActingWorker, references: [String]) {
        let f = try StoreFixture()
        try f.store.addWorker(NewWorker(login: "cara", name: "Cara Jones"), by: f.supervisor)
        var references: [String] = []
        for level in [SupportLevel.information, .tribunal, .casework, .advice, .casework, .information] {
            var new = NewCase(child: "Child \(references.count)")
            new.level = level
            references.append(try f.store.openCase(new, by: f.amira).description)
        }
        return (f, try f.store.actingWorker(login: "cara", osUser: "tester"), references)
    }

    private func receiver(_ f: StoreFixture, of reference: String) throws -> String? {
        try f.store.read { db in
            try String.fetchOne(db, sql: """
                SELECT w.login FROM handover h JOIN worker w ON w.id = h.to_worker_id JOIN case_file c ON c.id = h.case_id
                WHERE c.reference = ? AND h.status = 'pending'
                """, arguments: [reference])
        }
    }

    @Test func aLeaversCasesAreListedHeaviestFirstWeighedAsTheSplitWeighsThem() throws {
        let (f, _, references) = try leaverStore()
        defer { f.remove() }
        try f.store.write { try $0.execute(sql: "UPDATE case_file SET status = 'inactive' WHERE reference = ?", arguments: [references[3]]) }
        try f.store.closeCase(references[5], reason: "resolved", outcome: nil, by: f.amira)
        #expect(throws: CaseloadError.notAllowed("only a supervisor, or amira for their own caseload, can see how a leaving worker's cases would be split")) {
            try f.store.cases(heldBy: "amira", by: f.ben)
        }
        let held = try f.store.cases(heldBy: "amira", by: f.supervisor)
        let expected: [String] = [references[1], references[2], references[4], references[3], references[0]]
        #expect(held.map(\.reference) == expected)
        #expect(held.map(\.level) == [4, 3, 3, 2, 1])
        let vocabulary = try f.store.vocabulary
        let splitWeights: [Int] = held.map { vocabulary.weight(of: SupportLevel(rawValue: $0.level)!) }
        #expect(held.map(\.weight) == splitWeights)
        #expect(held.first { $0.reference == references[3] }?.status == "inactive")
        #expect(held.first?.child == "Child 1")
        // The open cases' weights add up to what a split hands out: an
        // inactive case moves but weighs nothing on the team view.
        let shares = try f.store.proposeSplit(from: "amira", to: ["ben", "cara"], by: f.supervisor)
        let handedOut: Int = shares.map { $0.weightAfter - $0.weightBefore }.reduce(0, +)
        #expect(held.filter { $0.status == "open" }.map(\.weight).reduce(0, +) == handedOut)
        #expect(Set(held.map(\.reference)) == Set(shares.flatMap(\.cases)))
        let entry = try #require(try f.store.auditTrail(limit: 1, by: f.supervisor).first)
        #expect(entry.action == "case.list")
        #expect(entry.detail?.contains("held-by:amira") == true)
    }

    @Test func aSplitAdjustedByHandSendsEachCaseToItsNewReceiver() throws {
        let (f, cara, _) = try leaverStore()
        defer { f.remove() }
        let proposed = try f.store.proposeSplit(from: "amira", to: ["ben", "cara"], by: f.supervisor)
        let ben = try #require(proposed.first { $0.login == "ben" })
        let caraShare = try #require(proposed.first { $0.login == "cara" })
        let moved = try #require(ben.cases.last)
        let adjusted = [
            HandoverShare(login: "ben", capacity: ben.capacity, casesBefore: ben.casesBefore, weightBefore: ben.weightBefore,
                          cases: Array(ben.cases.dropLast()), weightAfter: ben.weightAfter),
            HandoverShare(login: "cara", capacity: caraShare.capacity, casesBefore: caraShare.casesBefore,
                          weightBefore: caraShare.weightBefore, cases: caraShare.cases + [moved], weightAfter: caraShare.weightAfter),
        ]
        let outcomes = try f.store.handOverCaseload(adjusted, from: "amira", summary: "Contract ends", by: f.supervisor)
        #expect(outcomes.count == 6)
        #expect(outcomes.allSatisfy { $0.done })
        #expect(try receiver(f, of: moved) == "cara")
        for reference in ben.cases.dropLast() { #expect(try receiver(f, of: reference) == "ben") }
        for reference in caraShare.cases { #expect(try receiver(f, of: reference) == "cara") }
        #expect(try f.store.acceptHandover([moved], by: cara).map(\.done) == [true])
        #expect(try f.store.caseDetail(moved, by: f.supervisor).workerLogin == "cara")
    }

    @Test func aShareNamingACaseTheLeaverDoesNotHoldRefusesTheWholeHandover() throws {
        let (f, _, references) = try leaverStore()
        defer { f.remove() }
        let bens = try f.openCase("Ben's own", for: f.ben)
        let shares = [
            HandoverShare(login: "ben", capacity: 60, casesBefore: 1, weightBefore: 4, cases: Array(references.prefix(3)),
                          weightAfter: 0),
            HandoverShare(login: "cara", capacity: 60, casesBefore: 0, weightBefore: 0, cases: Array(references.dropFirst(3)) + [bens],
                          weightAfter: 0),
        ]
        let refused = #expect(throws: CaseloadError.self) {
            try f.store.handOverCaseload(shares, from: "amira", summary: "Contract ends", by: f.supervisor)
        }
        #expect(refused?.kind == .invalid)
        #expect(refused?.message == "\(bens) is in cara's share but amira does not hold it (it is held by ben); "
                + "take it out of the share or propose the split again. Nothing was handed over")
        #expect(try f.count("handover") == 0)
        #expect(try f.store.auditTrail(by: f.supervisor).allSatisfy { $0.action != "handover.start" })

        let twice = [shares[0], HandoverShare(login: "cara", capacity: 60, casesBefore: 0, weightBefore: 0,
                                              cases: [references[0]], weightAfter: 0)]
        let duplicated = #expect(throws: CaseloadError.self) {
            try f.store.handOverCaseload(twice, from: "amira", summary: "Contract ends", by: f.supervisor)
        }
        #expect(duplicated?.message.contains("in both ben's and cara's shares") == true)
        #expect(try f.count("handover") == 0)
    }

    @Test func movingALeaversCaseloadSignsOffAndEndsThemInOneGo() throws {
        let (f, _, references) = try leaverStore()
        defer { f.remove() }
        let shares = try f.store.proposeSplit(from: "amira", to: ["ben", "cara"], by: f.supervisor)
        #expect(throws: CaseloadError.self, "ending needs the handovers signed off") {
            try f.store.moveLeavingCaseload(shares, from: "amira", signOff: false, endWorker: true, by: f.supervisor)
        }
        #expect(try f.count("handover") == 0, "a refusal moves nothing")
        #expect(throws: CaseloadError.self, "a supervisor's job") {
            try f.store.moveLeavingCaseload(shares, from: "amira", signOff: true, endWorker: true, by: f.ben)
        }
        let outcomes = try f.store.moveLeavingCaseload(shares, from: "amira", signOff: true, endWorker: true, by: f.supervisor)
        #expect(outcomes.count == references.count && outcomes.allSatisfy { $0.done })
        for reference in references {
            let holder = try f.store.caseDetail(reference, by: f.supervisor).workerLogin
            #expect(holder == shares.first { $0.cases.contains(reference) }?.login)
        }
        let amira = try f.store.workers(includeEnded: true).first { $0.login == "amira" }
        #expect(amira?.active == false, "the leaver is ended once their cases have moved")
    }

    @Test func aHandoverAlreadyWaitingIsSettledInTheSameMove() throws {
        let (f, _, references) = try leaverStore()
        defer { f.remove() }
        let shares = try f.store.proposeSplit(from: "amira", to: ["ben"], by: f.supervisor)
        try f.store.handOver([references[0]], toLogin: "cara", summary: "Already on its way.", by: f.amira)
        let outcomes = try f.store.moveLeavingCaseload(shares, from: "amira", signOff: true, endWorker: true, by: f.supervisor)
        #expect(outcomes.allSatisfy { $0.done })
        #expect(try f.store.caseDetail(references[0], by: f.supervisor).workerLogin == "ben")
        let statuses = try f.store.read { db in
            try String.fetchAll(db, sql: "SELECT h.status FROM handover h JOIN case_file c ON c.id = h.case_id WHERE c.reference = ? ORDER BY h.rowid",
                                arguments: [references[0]])
        }
        #expect(statuses == ["cancelled", "accepted"], "the waiting handover to cara was withdrawn, not lost")
        let timeline = try f.store.caseDetail(references[0], by: f.supervisor).timeline
        #expect(timeline.contains { $0.title == "Handover to cara (withdrawn)" && $0.text?.contains("amira is leaving; the case goes to ben") == true })
        #expect(try f.store.workers().contains { $0.login == "amira" } == false, "the leaver is ended")
    }
}

/// A waiting handover never outlives what settles it: a reassignment, a
/// second handover, closing the case or the receiver leaving withdraws it
/// (with who and why on the timeline), so it can never move the case later.
@Suite struct StaleHandoverTests {
    private func statuses(_ f: StoreFixture, _ reference: String) throws -> [String] {
        try f.store.read { db in
            try String.fetchAll(db, sql: """
                SELECT h.status FROM handover h JOIN case_file c ON c.id = h.case_id WHERE c.reference = ? ORDER BY h.rowid
                """, arguments: [reference])
        }
    }

    @Test func aReassignmentWithdrawsTheWaitingHandoverSoItCannotBeAcceptedLater() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        try f.store.addWorker(NewWorker(login: "cara", name: "Cara Jones"), by: f.supervisor)
        let reference = try f.openCase(for: f.amira)
        try f.store.handOver([reference], toLogin: "ben", summary: "Over to Ben.", by: f.amira)
        try f.store.reassign([reference], toLogin: "cara", reason: "Cara knows the family", by: f.supervisor)
        let accepted = try f.store.acceptHandover([reference], by: f.ben)
        #expect(accepted.first?.done == false)
        #expect(accepted.first?.message == "the handover to you was withdrawn by Sam Okafor: the case was reassigned to cara: Cara knows the family")
        #expect(try f.store.acceptHandover([reference], by: f.amira).first?.message == "no handover is waiting",
                "only its receiver hears why")
        #expect(try f.store.caseDetail(reference, by: f.supervisor).workerLogin == "cara", "the supervisor's decision stands")
        #expect(try statuses(f, reference) == ["cancelled"])
        let withdrawn = try f.store.caseDetail(reference, by: f.supervisor).timeline.first { $0.title == "Handover to ben (withdrawn)" }
        #expect(withdrawn?.text == "Withdrawn by Sam Okafor: the case was reassigned to cara: Cara knows the family")
        #expect(withdrawn?.by == "sam")
    }

    @Test func aHandoverWhoseCaseHasMovedIsRefusedWithTheReason() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        try f.store.handOver([reference], toLogin: "ben", summary: "Over to Ben.", by: f.amira)
        // A store written before handovers were settled: the case moved, the handover still waits.
        try f.store.write { db in
            try db.execute(sql: "UPDATE case_file SET worker_id = (SELECT id FROM worker WHERE login = 'sam') WHERE reference = ?",
                           arguments: [reference])
        }
        let signedOff = try f.store.acceptHandover([reference], by: f.supervisor)
        #expect(signedOff.first?.done == false)
        #expect(signedOff.first?.message.contains("has moved to another worker") == true)
        #expect(try f.store.caseDetail(reference, by: f.supervisor).workerLogin == "sam")
        #expect(try statuses(f, reference) == ["cancelled"])
    }

    @Test func aSecondHandoverClosingOrTheReceiverLeavingSettlesTheFirst() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        try f.store.addWorker(NewWorker(login: "cara", name: "Cara Jones"), by: f.supervisor)
        let first = try f.openCase("First Child", for: f.amira)
        try f.store.handOver([first], toLogin: "ben", summary: "Over to Ben.", by: f.amira)
        let again = try f.store.handOver([first], toLogin: "cara", summary: "Cara instead.", by: f.amira)
        #expect(again.first?.done == true)
        #expect(try statuses(f, first) == ["cancelled", "pending"])

        let second = try f.openCase("Second Child", for: f.amira)
        try f.store.handOver([second], toLogin: "ben", summary: "Over to Ben.", by: f.amira)
        try f.store.closeCase(second, reason: "resolved", outcome: nil, by: f.amira)
        #expect(try statuses(f, second) == ["cancelled"])

        // Cara leaves before accepting: the case stays with Amira, and Cara can be ended.
        try f.store.endWorker("cara", by: f.supervisor)
        #expect(try statuses(f, first) == ["cancelled", "cancelled"])
        #expect(try f.store.caseDetail(first, by: f.supervisor).workerLogin == "amira")
    }
}

@Suite struct WithdrawHandoverTests {
    @Test func theWorkerWhoMadeAHandoverWithdrawsItSayingWhy() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        #expect(throws: CaseloadError.self) { try f.store.withdrawHandover(reference, reason: "x", by: f.amira) }
        try f.store.handOver([reference], toLogin: "ben", summary: "Over to Ben.", by: f.amira)
        #expect(throws: CaseloadError.self) { try f.store.withdrawHandover(reference, reason: " ", by: f.amira) }
        #expect(throws: CaseloadError.self, "not the receiver") {
            try f.store.withdrawHandover(reference, reason: "I do not want it", by: f.ben)
        }
        #expect(try f.store.withdrawHandover(reference, reason: "Mum asked to keep Amira", by: f.amira) == "ben")
        #expect(try f.store.caseDetail(reference, by: f.amira).workerLogin == "amira")
        #expect(try f.store.acceptHandover([reference], by: f.ben).first?.done == false)
        let entry = try f.store.caseDetail(reference, by: f.amira).timeline.first { $0.title == "Handover to ben (withdrawn)" }
        #expect(entry?.text == "Withdrawn by Amira Khan: Mum asked to keep Amira")
        // A supervisor may withdraw another worker's handover.
        try f.store.handOver([reference], toLogin: "ben", summary: "Again.", by: f.amira)
        #expect(try f.store.withdrawHandover(reference, reason: "Not now", by: f.supervisor) == "ben")
    }
}

@Suite struct HandedToMeTests {
    @Test func theReceiverFindsAndReadsACaseHandedToThem() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        #expect(throws: CaseloadError.self, "not Ben's yet, and nothing handed to him") {
            try f.store.caseDetail(reference, by: f.ben)
        }
        try f.store.handOver([reference], toLogin: "ben", summary: "Over to Ben.", by: f.amira)
        let handed = try f.store.casesHandedTo(f.ben)
        #expect(handed.map(\.reference) == [reference] && handed.first?.from == "amira")
        #expect(try f.store.casesHandedTo(f.amira).isEmpty)
        // Ben reads the file before accepting, with no reason asked: it is being handed to him.
        #expect(try f.store.caseDetail(reference, by: f.ben).reference == reference)
        try f.store.acceptHandover([reference], by: f.ben)
        #expect(try f.store.casesHandedTo(f.ben).isEmpty)
    }

    /// Ben's caseload holds the case handed to him, marked, from the moment
    /// it is handed over until he accepts it (then it is simply his) or it is
    /// withdrawn (then it is gone from his list); a limit by its reference
    /// finds it, and the count agrees with the rows.
    @Test func aCaseHandedToMeIsInMyCaseloadMarkedUntilIAcceptIt() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        f.setClock(2026, 12, 1)
        let own = try f.openCase("Kai Lee", for: f.ben)
        let handed = try f.openCase("Zoë Nguyễn", for: f.amira)
        let withdrawn = try f.openCase("Mia Jones", for: f.amira)
        try f.store.handOver([handed, withdrawn], toLogin: "ben", summary: "Over to Ben.", by: f.amira)
        try f.store.withdrawHandover(withdrawn, reason: "Amira stays after all.", by: f.amira)

        func bens(_ filter: String = "") throws -> [CaseRow] {
            try f.store.casePage(CaseQuery(scope: .mine, filter: try CaseFilter.parse(filter)), .first, limit: 50, by: f.ben).rows
        }
        let rows = try bens()
        #expect(Set(rows.map(\.reference)) == [own, handed])
        let row = try #require(rows.first { $0.reference == handed })
        #expect(row.handedToYou && row.workerLogin == "amira" && row.handoverPending)
        #expect(row.handedToYouAt == f.store.now())
        #expect(rows.first { $0.reference == own }?.handedToYou == false)
        #expect(try f.store.caseCount(CaseQuery(scope: .mine), by: f.ben) == 2)
        #expect(try bens(handed).map(\.reference) == [handed], "a limit by its reference finds it")
        #expect(try bens("zoë").map(\.reference) == [handed], "and so does the child's name")
        // Amira still holds it: it stays in her list, not marked as handed to her.
        let amiras = try f.store.casePage(CaseQuery(scope: .mine), .first, limit: 50, by: f.amira).rows
        #expect(amiras.contains { $0.reference == handed && !$0.handedToYou && $0.handoverPending })

        try f.store.acceptHandover([handed], by: f.ben)
        let after = try bens()
        #expect(Set(after.map(\.reference)) == [own, handed])
        #expect(after.allSatisfy { !$0.handedToYou && $0.workerLogin == "ben" })
    }
}

@Suite struct HandoverPermissionTests {
    @Test func aWorkerCannotReplaceAHandoverSomeoneElseMade() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        try f.store.addWorker(NewWorker(login: "cara", name: "Cara Jones"), by: f.supervisor)
        let reference = try f.openCase(for: f.amira)
        try f.store.handOver([reference], toLogin: "ben", summary: "Ben takes it, signed off.", by: f.supervisor)
        let mine = try f.store.handOver([reference], toLogin: "cara", summary: "I would rather Cara.", by: f.amira)
        #expect(mine.first?.done == false)
        #expect(mine.first?.message.contains("someone else made") == true)
        let statuses = try f.store.read { db in try String.fetchAll(db, sql: "SELECT status FROM handover ORDER BY rowid") }
        #expect(statuses == ["pending"], "the supervisor's handover still waits")
    }

    @Test func aStaleHandoverIsRefusedAndOnlyASupervisorsRefusalSettlesIt() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        try f.store.handOver([reference], toLogin: "ben", summary: "Over to Ben.", by: f.amira)
        try f.store.write { db in
            try db.execute(sql: "UPDATE case_file SET status = 'closed', closed_on = '2026-11-30' WHERE reference = ?", arguments: [reference])
        }
        let byBen = try f.store.acceptHandover([reference], by: f.ben)
        #expect(byBen.first?.done == false && byBen.first?.message.hasPrefix("the case is closed") == true)
        #expect(try f.store.read { db in try String.fetchOne(db, sql: "SELECT status FROM handover") } == "pending",
                "a caseworker's refusal writes nothing")
        _ = try f.store.acceptHandover([reference], by: f.supervisor)
        #expect(try f.store.read { db in try String.fetchOne(db, sql: "SELECT status FROM handover") } == "cancelled")
    }

    @Test func keyDatesAndContactsOfAnotherWorkersCaseAreTheirs() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        try f.store.addKeyDate(to: reference, rule: .firstResponse, from: f.store.today, by: f.amira)
        #expect(throws: CaseloadError.self) {
            try f.store.settleKeyDates(on: reference, rule: .firstResponse, as: .met(on: f.store.today, note: nil), by: f.ben)
        }
        let id = try f.store.addContact(to: reference, NewContact(mode: "phone-in", summary: "Mum rang."), by: f.amira).id
        #expect(throws: CaseloadError.self, "Ben has not opened the case") { try f.store.contact(id, on: reference, by: f.ben) }
        _ = try f.store.caseDetail(reference, reason: "Covering for Amira", by: f.ben)
        #expect(try f.store.contact(id, on: reference, by: f.ben).summary == "Mum rang.", "after opening it, saying why")
    }
}
