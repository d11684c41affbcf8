import CaseloadCore
import Testing

/// Day from "dd/mm/yyyy", for readable expectations.
func d(_ text: String) -> Day {
    do {
        return try Day.parse(text)
    } catch {
        Issue.record("\(text) is not a date")
        return Day.first
    }
}
