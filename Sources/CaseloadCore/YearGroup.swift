/// School year groups as English schools name them, from nursery to year 14.
public enum YearGroup {
    /// Accepts "N", "nursery", "R", "reception", "7", "Y7", "Year 7" and gives
    /// the name a caseworker writes ("Reception", "Year 7").
    public static func normalise(_ text: String) throws -> String {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        switch t {
        case "n", "nursery", "n1", "n2": return "Nursery"
        case "r", "reception", "yr": return "Reception"
        default: break
        }
        var digits = t
        for prefix in ["year ", "year", "y"] where digits.hasPrefix(prefix) {
            digits = String(digits.dropFirst(prefix.count))
            break
        }
        if let n = Int(digits), (1...14).contains(n) { return "Year \(n)" }
        throw CaseloadError.invalid("\(SafeText.inline(text)) is not a year group; use N, R or 1 to 14 (for example 7 for Year 7)")
    }

    /// The year group a child born on `dateOfBirth` is in on `day` in England
    /// (the school year runs 1 September to 31 August); nil outside school age.
    public static func expected(dateOfBirth: Day, on day: Day) -> String? {
        let schoolYearStart = day.month >= 9 ? day.year : day.year - 1
        let cohortYear = dateOfBirth.month >= 9 ? dateOfBirth.year + 1 : dateOfBirth.year
        let group = schoolYearStart - cohortYear - 4
        switch group {
        case -1: return "Nursery"
        case 0: return "Reception"
        case 1...14: return "Year \(group)"
        default: return nil
        }
    }
}

/// Age in whole years, as on a birthday card.
public func age(of dateOfBirth: Day, on day: Day) -> Int {
    var years = day.year - dateOfBirth.year
    if (day.month, day.day) < (dateOfBirth.month, dateOfBirth.day) { years -= 1 }
    return years
}
