import Foundation
import Testing
@testable import CaseloadCore
import CaseloadResources


/// The real England and Wales calendar from Resources/bank-holidays.json.
private func realCalendar() throws -> WorkingCalendar {
    try WorkingCalendar.englandAndWales(json: ResourceFiles.data("bank-holidays.json"))
}

@Suite struct WorkingCalendarTests {
    // MARK: The data file

    @Test func theFileCovers2024To2030AndIsPublishedTo2027() throws {
        let calendar = try realCalendar()
        #expect(calendar.firstYear == 2024)
        #expect(calendar.lastYear == 2030)
        #expect(calendar.publishedThrough == 2027)
        #expect(calendar.bankHolidays.count == 56)
        #expect((2024...2027).allSatisfy(calendar.isPublished))
        #expect(!calendar.isPublished(2028) && !calendar.isPublished(2031) && !calendar.isPublished(2023))
    }

    @Test func theProvisionalYearsAreTheRulesDates() throws {
        // The file's provisional years (2028 to 2030) must be exactly what the
        // rules give; the published years agree with the rules too, as no
        // one-off holiday has been declared in them.
        let calendar = try realCalendar()
        for year in 2024...2030 {
            let listed = calendar.bankHolidays.filter { $0.year == year }
            let ruled = BankHolidayRules.holidays(in: year)
            #expect(listed == ruled.keys.sorted(), "year \(year)")
            for day in listed { #expect(calendar.bankHoliday(named: day) == ruled[day], "\(day)") }
        }
    }

    @Test func theRulesBeyondTheList() {
        // Easter Sunday from the computus, checked against published dates.
        let easters = [2019: "21/04/2019", 2024: "31/03/2024", 2025: "20/04/2025", 2026: "05/04/2026",
                       2027: "28/03/2027", 2031: "13/04/2031", 2038: "25/04/2038", 2035: "25/03/2035"]
        for (year, date) in easters { #expect(BankHolidayRules.easterSunday(year) == d(date), "\(year)") }
        // 2033: Christmas Day on a Sunday: Boxing Day keeps Monday 26th and
        // Christmas Day's substitute is Tuesday 27th.
        let y2033 = BankHolidayRules.holidays(in: 2033)
        #expect(y2033[d("26/12/2033")] == "Boxing Day")
        #expect(y2033[d("27/12/2033")] == "Christmas Day (substitute day)")
        // 2032: Christmas on a Saturday: Monday 27 and Tuesday 28.
        let y2032 = BankHolidayRules.holidays(in: 2032)
        #expect(y2032[d("27/12/2032")] == "Christmas Day (substitute day)")
        #expect(y2032[d("28/12/2032")] == "Boxing Day (substitute day)")
        // 2034: New Year's Day on a Sunday: Monday 02/01.
        #expect(BankHolidayRules.holidays(in: 2034)[d("02/01/2034")] == "New Year’s Day (substitute day)")
        #expect(BankHolidayRules.holidays(in: 2031).count == 8)
        // The calendar uses them outside its list: Wednesday 01/01/2031 is not a working day.
        let calendar = WorkingCalendar(bankHolidays: [d("04/05/2026")], firstYear: 2026, lastYear: 2026)
        #expect(!calendar.isWorkingDay(d("01/01/2031")))
        #expect(calendar.bankHoliday(named: d("01/01/2031")) == "New Year’s Day")
        #expect(calendar.isWorkingDay(d("02/01/2031")))
    }

    @Test func everyYearHasEightBankHolidays() throws {
        // No extra bank holidays (jubilees, coronations, state funerals) have
        // been declared for 2024 to 2030.
        let calendar = try realCalendar()
        for year in 2024...2030 {
            #expect(calendar.bankHolidays.filter { $0.year == year }.count == 8, "year \(year)")
        }
    }

    @Test func noBankHolidayFallsOnAWeekend() throws {
        let calendar = try realCalendar()
        #expect(calendar.bankHolidays.allSatisfy { !$0.isWeekend })
    }

    @Test func publishedDates2024To2026() throws {
        let calendar = try realCalendar()
        let published = [
            "2024": ["01/01", "29/03", "01/04", "06/05", "27/05", "26/08", "25/12", "26/12"],
            "2025": ["01/01", "18/04", "21/04", "05/05", "26/05", "25/08", "25/12", "26/12"],
            "2026": ["01/01", "03/04", "06/04", "04/05", "25/05", "31/08", "25/12", "28/12"],
        ]
        for (year, dates) in published {
            let expected = dates.map { d("\($0)/\(year)") }
            let actual = calendar.bankHolidays.filter { String($0.year) == year }
            #expect(actual == expected, "year \(year)")
        }
    }

    @Test func laterYearsWorkedOutByHand() throws {
        // Easter Sunday: 28/03/2027, 16/04/2028, 01/04/2029, 21/04/2030.
        // 01/01/2028 is a Saturday (substitute Monday 03/01); 25/12/2027 is a
        // Saturday (substitutes Monday 27/12 and Tuesday 28/12).
        let calendar = try realCalendar()
        let expected: [String: [String]] = [
            "2027": ["01/01", "26/03", "29/03", "03/05", "31/05", "30/08", "27/12", "28/12"],
            "2028": ["03/01", "14/04", "17/04", "01/05", "29/05", "28/08", "25/12", "26/12"],
            "2029": ["01/01", "30/03", "02/04", "07/05", "28/05", "27/08", "25/12", "26/12"],
            "2030": ["01/01", "19/04", "22/04", "06/05", "27/05", "26/08", "25/12", "26/12"],
        ]
        for (year, dates) in expected {
            let actual = calendar.bankHolidays.filter { String($0.year) == year }
            #expect(actual == dates.map { d("\($0)/\(year)") }, "year \(year)")
        }
    }

    @Test func titlesAndSubstituteDays() throws {
        let calendar = try realCalendar()
        #expect(calendar.bankHoliday(named: d("06/04/2026")) == "Easter Monday")
        #expect(calendar.bankHoliday(named: d("01/01/2024")) == "New Year’s Day")
        #expect(calendar.bankHoliday(named: d("31/08/2026")) == "Summer bank holiday")
        #expect(calendar.bankHoliday(named: d("07/04/2026")) == nil)

        // 2026: Christmas on a Friday, Boxing Day on the Saturday, substitute Monday.
        #expect(calendar.isBankHoliday(d("25/12/2026")))
        #expect(!calendar.isBankHoliday(d("26/12/2026")))
        #expect(calendar.isBankHoliday(d("28/12/2026")))
        #expect(calendar.bankHoliday(named: d("28/12/2026"))?.hasPrefix("Boxing Day") == true)

        // 2027: Christmas on a Saturday, substitutes Monday 27 and Tuesday 28.
        #expect(!calendar.isBankHoliday(d("25/12/2027")))
        #expect(calendar.bankHoliday(named: d("27/12/2027"))?.hasPrefix("Christmas Day") == true)
        #expect(calendar.bankHoliday(named: d("28/12/2027"))?.hasPrefix("Boxing Day") == true)

        // 2028: New Year's Day on a Saturday, substitute Monday 03/01.
        #expect(!calendar.isBankHoliday(d("01/01/2028")))
        #expect(calendar.bankHoliday(named: d("03/01/2028"))?.hasPrefix("New Year’s Day") == true)
    }

    // MARK: Working days

    @Test func workingDays() throws {
        let calendar = try realCalendar()
        #expect(calendar.isWorkingDay(d("02/04/2026")))   // Thursday
        #expect(!calendar.isWorkingDay(d("03/04/2026")))  // Good Friday
        #expect(!calendar.isWorkingDay(d("04/04/2026")))  // Saturday
        #expect(!calendar.isWorkingDay(d("05/04/2026")))  // Sunday
        #expect(!calendar.isWorkingDay(d("06/04/2026")))  // Easter Monday
        #expect(calendar.isWorkingDay(d("07/04/2026")))   // Tuesday
    }

    @Test func nextWorkingDay() throws {
        let calendar = try realCalendar()
        #expect(try calendar.nextWorkingDay(onOrAfter: d("02/04/2026")) == d("02/04/2026"))
        #expect(try calendar.nextWorkingDay(onOrAfter: d("03/04/2026")) == d("07/04/2026"))
        #expect(try calendar.nextWorkingDay(onOrAfter: d("25/12/2026")) == d("29/12/2026"))
        #expect(try calendar.nextWorkingDay(onOrAfter: d("25/12/2027")) == d("29/12/2027"))
        #expect(try calendar.nextWorkingDay(onOrAfter: d("01/01/2028")) == d("04/01/2028"))
    }

    @Test func addingWorkingDaysAcrossEaster2026() throws {
        let calendar = try realCalendar()
        // Thursday 02/04/2026, then Good Friday, the weekend and Easter Monday.
        #expect(try calendar.addingWorkingDays(1, to: d("02/04/2026")) == d("07/04/2026"))
        #expect(try calendar.addingWorkingDays(3, to: d("01/04/2026")) == d("08/04/2026"))
        #expect(try calendar.addingWorkingDays(5, to: d("01/04/2026")) == d("10/04/2026"))
        // Starting on a holiday: the day itself is never counted.
        #expect(try calendar.addingWorkingDays(1, to: d("03/04/2026")) == d("07/04/2026"))
        #expect(try calendar.addingWorkingDays(0, to: d("03/04/2026")) == d("03/04/2026"))
        // Backwards.
        #expect(try calendar.addingWorkingDays(-1, to: d("07/04/2026")) == d("02/04/2026"))
    }

    @Test func addingWorkingDaysAcrossChristmas() throws {
        let calendar = try realCalendar()
        // 2026: Fri 25 and Mon 28 December are holidays, then Fri 01/01/2027.
        #expect(try calendar.addingWorkingDays(1, to: d("24/12/2026")) == d("29/12/2026"))
        #expect(try calendar.addingWorkingDays(3, to: d("24/12/2026")) == d("31/12/2026"))
        #expect(try calendar.addingWorkingDays(4, to: d("24/12/2026")) == d("04/01/2027"))
        // An ordinary week: Monday plus 5 working days is the next Monday.
        #expect(try calendar.addingWorkingDays(5, to: d("09/03/2026")) == d("16/03/2026"))
    }

    @Test func coverage() throws {
        let calendar = try realCalendar()
        #expect(calendar.covers(d("01/01/2024")))
        #expect(calendar.covers(d("31/12/2030")))
        #expect(!calendar.covers(d("31/12/2023")))
        #expect(!calendar.covers(d("01/01/2031")))
        // Outside the list the rules apply: Wednesday 01/01/2031 is New Year's Day.
        #expect(!calendar.isWorkingDay(d("01/01/2031")))
        #expect(calendar.isWorkingDay(d("02/01/2031")))
    }

    @Test func bareDatesGetAGenericTitle() throws {
        let calendar = WorkingCalendar(bankHolidays: [d("04/05/2026")], firstYear: 2026, lastYear: 2026)
        #expect(calendar.isBankHoliday(d("04/05/2026")))
        #expect(calendar.bankHoliday(named: d("04/05/2026")) == "Bank holiday")
        #expect(try calendar.addingWorkingDays(1, to: d("01/05/2026")) == d("05/05/2026"))
    }

    // MARK: Bad data

    private func loadError(_ json: String) -> String? {
        do {
            _ = try WorkingCalendar.englandAndWales(json: Data(json.utf8))
            return nil
        } catch let error as CaseloadError {
            #expect(error.kind == .invalid)
            return error.message
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    private func file(_ events: String, division: String = "england-and-wales", first: Int = 2026, last: Int = 2026) -> String {
        #"{"division": "\#(division)", "firstYear": \#(first), "lastYear": \#(last), "events": [\#(events)]}"#
    }

    @Test func rejectsBadData() {
        let good = #"{"date": "2026-05-04", "title": "Early May bank holiday"}"#
        #expect(loadError(file(good)) == nil)

        #expect(loadError("not json") == "the bank holiday file is not valid JSON")
        #expect(loadError(file(good, division: "scotland"))
                == "the bank holiday file is for the division \"scotland\"; expected \"england-and-wales\"")
        #expect(loadError(#"{"division": "england-and-wales", "events": []}"#)
                == "the bank holiday file must give \"firstYear\" and \"lastYear\", the years it covers")
        #expect(loadError(file(good, first: 2027, last: 2026))
                == "the bank holiday file covers 2027 to 2026, which is not a range of years")
        #expect(loadError(file(#"{"date": "2026-02-30", "title": "X"}"#))
                == "the bank holiday file: event 1 has the date \"2026-02-30\", which is not a yyyy-mm-dd date")
        #expect(loadError(file(#"{"date": "2026-05-04", "title": " "}"#))
                == "the bank holiday file: event 1 (04/05/2026) has no title")
        #expect(loadError(file(#"{"date": "2026-12-26", "title": "Boxing Day"}"#))
                == "the bank holiday file: 26/12/2026 (Boxing Day) falls on a Saturday; list the substitute weekday instead")
        #expect(loadError(file(good + ", " + good))
                == "the bank holiday file lists 04/05/2026 more than once")
        #expect(loadError(file(#"{"date": "2025-05-05", "title": "Early May bank holiday"}"#))
                == "the bank holiday file: 05/05/2025 is outside the years it covers, 2026 to 2026")
        #expect(loadError(file(good, first: 2026, last: 2027))
                == "the bank holiday file says it covers 2027 but lists no bank holidays in that year")
        #expect(loadError(#"{"division": "england-and-wales", "firstYear": "2026", "lastYear": 2026, "events": []}"#)?
                    .hasPrefix("the bank holiday file has the wrong kind of value") == true)

        // Provisional years: a year is provisional as a whole, and only after the published ones.
        let provisional2027 = #"{"date": "2027-05-03", "title": "Early May bank holiday", "provisional": true}"#
        #expect(loadError(file(good + ", " + provisional2027, first: 2026, last: 2027)) == nil)
        #expect(loadError(file(good + ", " + #"{"date": "2026-05-25", "title": "Spring bank holiday", "provisional": true}"#))
                == "the bank holiday file marks some of 2026's dates provisional and not others (25/05/2026); mark the whole year or none of it")
        let published2027 = #"{"date": "2027-05-03", "title": "Early May bank holiday"}"#
        let provisional2026 = #"{"date": "2026-05-04", "title": "Early May bank holiday", "provisional": true}"#
        #expect(loadError(file(provisional2026 + ", " + published2027, first: 2026, last: 2027))
                == "the bank holiday file marks 2026 provisional but not 2027; only the years after the published ones can be provisional")
    }

    @Test func provisionalYearsAreReadFromTheFile() throws {
        let json = #"{"division": "england-and-wales", "firstYear": 2026, "lastYear": 2027, "events": ["#
            + #"{"date": "2026-05-04", "title": "Early May bank holiday"}, "#
            + #"{"date": "2027-05-03", "title": "Early May bank holiday", "provisional": true}]}"#
        let calendar = try WorkingCalendar.englandAndWales(json: Data(json.utf8))
        #expect(calendar.publishedThrough == 2026)
        #expect(calendar.isPublished(2026) && !calendar.isPublished(2027))
        #expect(calendar.isBankHoliday(d("03/05/2027")))
    }
}
