/// England and Wales bank holidays worked out by the usual rules, for years
/// the government has not yet published (and years before the service's
/// list starts). The published list wins wherever it exists: a one-off
/// holiday (a jubilee, a coronation, a state funeral) or a moved one (the
/// Early May holiday of 2020) is only ever known from it.
///
/// The rules (Banking and Financial Dealings Act 1971, sch 1, and the
/// standing royal proclamations): New Year's Day, Good Friday, Easter Monday,
/// the first and last Mondays of May, the last Monday of August, Christmas
/// Day and Boxing Day; a holiday on a weekend moves to the next weekday not
/// already a holiday (the "substitute day").
public enum BankHolidayRules {
    /// The year's eight bank holidays with their titles, as GOV.UK words them;
    /// none for a year beyond `Day.years`. Every one falls inside its own
    /// year (a substitute for Boxing Day is 28 December at the latest), so
    /// the days are counted within it.
    public static func holidays(in year: Int) -> [Day: String] {
        guard Day.years.contains(year), let newYear = Day(year: year, month: 1, day: 1),
              let easter = easterSunday(year) else { return [:] }
        var titles: [Day: String] = [:]
        let substitute = " (substitute day)"
        func put(_ day: Day?, _ title: String) {
            if let day { titles[day] = title }
        }

        put(weekdayOnOrAfter(newYear, taken: titles), "New Year’s Day" + (newYear.isWeekend ? substitute : ""))

        put(Day(dayNumber: easter.dayNumber - 2), "Good Friday")
        put(Day(dayNumber: easter.dayNumber + 1), "Easter Monday")

        put(firstMonday(year: year, month: 5), "Early May bank holiday")
        put(lastMonday(year: year, month: 5), "Spring bank holiday")
        put(lastMonday(year: year, month: 8), "Summer bank holiday")

        // A holiday on a weekday keeps its day; then the weekend ones take
        // the next free weekdays in order (Christmas on a Sunday: Boxing Day
        // Monday 26th, Christmas Day's substitute Tuesday 27th).
        let christmas = [(Day(year: year, month: 12, day: 25), "Christmas Day"),
                         (Day(year: year, month: 12, day: 26), "Boxing Day")]
            .compactMap { day, name in day.map { ($0, name) } }
        for (date, name) in christmas where !date.isWeekend { titles[date] = name }
        for (date, name) in christmas where date.isWeekend {
            put(weekdayOnOrAfter(date, taken: titles), name + substitute)
        }
        return titles
    }

    /// Easter Sunday in the Gregorian calendar (the anonymous Gregorian
    /// algorithm, as in Meeus's Astronomical Algorithms); nil for a year
    /// beyond `Day.years`.
    public static func easterSunday(_ year: Int) -> Day? {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return Day(year: year, month: month, day: day)
    }

    private static func weekdayOnOrAfter(_ day: Day, taken: [Day: String]) -> Day? {
        var current: Day? = day
        while let day = current, day.isWeekend || taken[day] != nil { current = Day(dayNumber: day.dayNumber + 1) }
        return current
    }

    private static func firstMonday(year: Int, month: Int) -> Day? {
        Day(year: year, month: month, day: 1).flatMap { Day(year: year, month: month, day: 1 + (8 - $0.weekday) % 7) }
    }

    private static func lastMonday(year: Int, month: Int) -> Day? {
        let length = Day.daysIn(month: month, year: year)
        return Day(year: year, month: month, day: length)
            .flatMap { Day(year: year, month: month, day: length - ($0.weekday - 1) % 7) }
    }
}
