import CaseloadCore
import Foundation
import Testing
@testable import CaseloadStore

/// The store checks every date it is given against the range that makes
/// sense for it, whichever edge typed it, and writes nothing when one is out.
@Suite struct TypedDateTests {
    private func d(_ text: String) -> Day {
        (try? Day.parse(text)) ?? Day.first
    }

    private func moment(_ text: String) -> Date {
        (try? Moment.parse(text, in: TimeZone(identifier: "UTC") ?? .current)) ?? Date(timeIntervalSince1970: 0)
    }

    @Test func aContactBefore1990OrAFollowUpAfter2100IsRefused() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        f.setClock(2026, 12, 3)
        let reference = try f.openCase(for: f.amira)
        var old = NewContact(mode: "phone-in", summary: "Rang.")
        old.occurredAt = moment("01/01/1900 10:00")
        #expect(throws: CaseloadError.invalid("the contact time 01/01/1900 10:00 is before 01/01/1990; give a time from 01/01/1990 to now, checking the year")) {
            try f.store.addContact(to: reference, old, by: f.amira)
        }
        var far = NewContact(mode: "phone-in", summary: "Rang.")
        // Once stored, and shown as "due today" on a case list.
        far.followUp = d("31/12/9999")
        #expect(throws: CaseloadError.invalid("the follow-up date 31/12/9999 is after 31/12/2100; give a date from 01/01/1990 to 31/12/2100, checking the year")) {
            try f.store.addContact(to: reference, far, by: f.amira)
        }
        #expect(try f.count("contact") == 0)
        #expect(try f.count("action") == 0)
    }

    @Test func aSafeguardingCallInTheFutureIsRefusedAsAContactIs() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        f.setClock(2026, 12, 3)
        let reference = try f.openCase(for: f.amira)
        // Once accepted: a concern recorded as told at a time still to come.
        #expect(throws: CaseloadError.invalid("the time of the call 04/12/2026 09:00 is in the future; record it once it has happened")) {
            try f.store.recordSafeguarding(reference, told: "Front door", externalReference: nil, note: nil,
                                           at: moment("04/12/2026 09:00"), by: f.amira)
        }
        #expect(throws: CaseloadError.self) {
            try f.store.recordSafeguarding(reference, told: "Front door", externalReference: nil, note: nil,
                                           at: moment("31/12/1989 09:00"), by: f.amira)
        }
        #expect(try f.count("safeguarding") == 0)
        try f.store.recordSafeguarding(reference, told: "Front door", externalReference: nil, note: nil,
                                       at: moment("03/12/2026 11:00"), by: f.amira)
        #expect(try f.count("safeguarding") == 1)
    }

    @Test func aKeyDateFromAYearOutsideTheRangeIsRefused() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        f.setClock(2026, 12, 3)
        let reference = try f.openCase(for: f.amira)
        for text in ["31/12/9999", "31/12/2999", "01/01/1900"] {
            #expect(throws: CaseloadError.self, "\(text)") {
                try f.store.addKeyDate(to: reference, rule: .ehcDecision, from: d(text), by: f.amira)
            }
        }
        #expect(try f.count("key_date") == 0)
    }

    @Test func aConsentDateBefore1990IsRefused() throws {
        let f = try StoreFixture()
        defer { f.remove() }
        f.setClock(2026, 12, 3)
        #expect(throws: CaseloadError.invalid("the day it was met 01/01/0026 is before 01/01/1990; give a date from 01/01/1990 to today, checking the year")) {
            try KeyDateOutcome.met(on: d("01/01/0026"), note: nil).check(today: f.store.today)
        }
        let reference = try f.openCase(for: f.amira)
        var consent = NewConsent(givenBy: "Thảo Nguyễn", role: "parent-carer", method: .verbal, scope: "Family support")
        consent.givenOn = d("01/01/0026")
        #expect(throws: CaseloadError.invalid("the consent date 01/01/0026 is before 01/01/1990; give a date from 01/01/1990 to today, checking the year")) {
            try f.store.flagForFamilySupport(reference, reasons: [], narrative: "Needs help at home.", urgency: .routine,
                                             consent: consent, by: f.amira)
        }
    }
}
