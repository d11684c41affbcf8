/// The orders a caseload list can take; `s` cycles through them.
public enum CaseSort: String, CaseIterable, Sendable {
    case deadline = "next key date"
    case lastContact = "longest since contact"
    case newest = "newest first"
    case reference = "reference"

    public var next: CaseSort {
        let all = CaseSort.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
