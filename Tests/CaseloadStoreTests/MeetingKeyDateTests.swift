import CaseloadCore
import Foundation
import GRDB
import Testing
@testable import CaseloadStore

/// Recording the event that meets a date (the review meeting meets the
/// annual review) offers that date, and it can then be marked met on the
/// event's day although the event has just replaced it.
@Suite struct MeetingKeyDateTests {
    @Test func theReviewMeetingOffersTheReviewItReplacedWhichCanBeMetOnTheMeetingsDayOnly() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        let planIssued = try f.store.today.adding(years: -1).adding(days: -10)
        try f.store.recordKeyDates(on: reference, KeyDateEntry(subject: .event(.planIssued), on: planIssued), by: f.amira)
        let overdue = try CaseFilter.parse("overdue")
        #expect(try f.store.cases(CaseQuery(scope: .mine, filter: overdue), by: f.amira).count == 1)
        let old = try #require(try f.store.caseDetail(reference, by: f.amira).keyDates.first { $0.rule == .annualReview })

        let meeting = try f.store.today.adding(days: -2)
        let recorded = try f.store.recordKeyDates(on: reference, KeyDateEntry(subject: .event(.reviewMeeting), on: meeting),
                                                  by: f.amira)
        #expect(recorded.meets == [.init(id: old.id, rule: .annualReview, due: old.dueOn)])
        #expect(recorded.happenedOn == meeting)
        #expect(try f.store.caseDetail(reference, by: f.amira).keyDates.first { $0.id == old.id }?.status == .replaced)

        #expect(throws: CaseloadError.self, "a replaced date is met on the day of its event, not another") {
            try f.store.settleKeyDate(on: reference, id: old.id, as: .met(on: meeting.adding(days: -1), note: nil), by: f.amira)
        }
        #expect(throws: CaseloadError.self, "a replaced date cannot be marked missed") {
            try f.store.settleKeyDate(on: reference, id: old.id, as: .missed(what: "late"), by: f.amira)
        }
        #expect(throws: CaseloadError.self, "only the case's worker or a supervisor") {
            try f.store.settleKeyDate(on: reference, id: old.id, as: .met(on: meeting, note: nil), by: f.ben)
        }
        try f.store.settleKeyDate(on: reference, id: old.id, as: .met(on: meeting, note: "by the review meeting"), by: f.amira)
        let met = try #require(try f.store.caseDetail(reference, by: f.amira).keyDates.first { $0.id == old.id })
        #expect(met.status == .met && met.settledOn == meeting && met.settlement == "by the review meeting")
        #expect(try f.store.caseDetail(reference, by: f.amira).keyDates.filter { $0.rule == .annualReview }
                    .map(\.status).sorted { $0.rawValue < $1.rawValue } == [.met, .open], "next year's review stays open")
        #expect(throws: CaseloadError.self, "a met date is not settled again") {
            try f.store.settleKeyDate(on: reference, id: old.id, as: .met(on: meeting, note: nil), by: f.amira)
        }
        let trail = try f.store.read { try String.fetchAll($0, sql: "SELECT action FROM audit_event WHERE action LIKE 'keydate.%'") }
        #expect(trail.contains("keydate.met"))
    }

    @Test func anOpenDateTheEventMeetsIsOfferedAndTheNewDatesAreNot() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        try f.store.recordKeyDates(on: reference, KeyDateEntry(subject: .event(.assessmentRequest),
                                                               on: f.store.today.adding(weeks: -5)), by: f.amira)
        let recorded = try f.store.recordKeyDates(on: reference, KeyDateEntry(subject: .event(.decisionLetter),
                                                                              on: f.store.today), by: f.amira)
        #expect(Set(recorded.meets.map(\.rule)) == [.ehcDecision, .ehcNoPlanNotice])
        let before = try f.store.caseDetail(reference, by: f.amira).keyDates.filter { $0.status == .open }.count
        let offered = try #require(recorded.meets.first)
        try f.store.settleKeyDate(on: reference, id: offered.id, as: .met(on: f.store.today, note: nil), by: f.amira)
        #expect(try f.store.caseDetail(reference, by: f.amira).keyDates.filter { $0.status == .open }.count == before - 1)
    }

    @Test func markingMetRecordsTheEventAndMeetsItsDatesInOneTransaction() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        let reference = try f.openCase(for: f.amira)
        try f.store.recordKeyDates(on: reference, KeyDateEntry(subject: .event(.planIssued),
                                                               on: f.store.today.adding(years: -1)), by: f.amira)
        let meeting = try f.store.today.adding(days: -1)
        try f.store.recordKeyDates(on: reference, KeyDateEntry(subject: .event(.reviewMeeting), on: meeting),
                                   markingMet: true, by: f.amira)
        let reviews = try f.store.caseDetail(reference, by: f.amira).keyDates.filter { $0.rule == .annualReview }
        #expect(reviews.map(\.status).sorted { $0.rawValue < $1.rawValue } == [.met, .open])
        #expect(reviews.first { $0.status == .met }?.settledOn == meeting)
    }

    @Test func aNewCaseKeepsHowToReachTheParentAndRefusesWhatIsNotAPhoneOrEmail() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        var new = NewCase(child: "Zoë Nguyễn")
        new.parent = "Thảo Nguyễn"
        new.parentPhone = "abc"
        #expect(throws: CaseloadError.self) { try f.store.openCase(new, by: f.amira) }
        new.parentPhone = "+44 7700 900123"
        new.parentEmail = "thao@example"
        #expect(throws: CaseloadError.self) { try f.store.openCase(new, by: f.amira) }
        new.parentEmail = "thao@example.org"
        let reference = try f.store.openCase(new, by: f.amira)
        let row = try f.store.read { try Row.fetchOne($0, sql: "SELECT phone, email FROM person WHERE full_name = 'Thảo Nguyễn'") }
        #expect(row?["phone"] == "+44 7700 900123" && row?["email"] == "thao@example.org")
        try f.store.closeCase(reference.description, reason: "resolved", outcome: nil, by: f.amira)
        try f.store.reopenCase(reference.description, reason: "Mum rang back", by: f.amira)
        let reopened = try f.store.read {
            try String.fetchOne($0, sql: "SELECT detail FROM audit_event WHERE action = 'case.reopen'")
        }
        #expect(reopened == "Mum rang back")
    }
}
