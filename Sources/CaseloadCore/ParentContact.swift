/// How a parent or carer is reached: the same checks for the command line,
/// the front end's form and the store.
public enum ParentContact {
    /// Digits with spaces, hyphens or brackets between, and perhaps a leading +.
    public static func isPhone(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: .whitespaces)
        let digits = t.filter(\.isASCII).filter(\.isNumber).count
        let allowed = t.enumerated().allSatisfy { index, c in
            (c.isASCII && c.isNumber) || " -()".contains(c) || (c == "+" && index == 0)
        }
        return allowed && (7...15).contains(digits)
    }

    /// One @ with something either side and a dot in the part after it.
    public static func isEmail(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: .whitespaces)
        let parts = t.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !t.contains(" ") else { return false }
        let domain = parts[1]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".")
    }

    public static func check(phone: String?, email: String?) throws {
        if let phone, !isPhone(phone) {
            throw CaseloadError.invalid("\(phone) is not a phone number: digits, spaces and perhaps a leading +, e.g. 07700 900123")
        }
        if let email, !isEmail(email) {
            throw CaseloadError.invalid("\(email) is not an email address: it looks like name@example.org")
        }
    }
}
