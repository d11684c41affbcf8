import CaseloadCore
import CaseloadStore

/// The rows of `--json` listings: the same keys and values as their Codable
/// form (a test holds the two together), for `JSONList`.
extension CaseRow: JSONListRow {
    var jsonFields: [(key: StaticString, value: JSONList.Value?)] {
        [("child", child.map(JSONList.Value.string)), ("dateOfBirth", dateOfBirth.map { .string($0.iso) }),
         ("handedToYouAt", handedToYouAt.map { .string(Moment.iso8601($0)) }),
         ("handoverPending", .bool(handoverPending)), ("id", .string(id)),
         ("lastContactAt", lastContactAt.map { .string(Moment.iso8601($0)) }), ("level", .int(level)),
         ("nextDueOn", nextDueOn.map { .string($0.iso) }), ("openedOn", .string(openedOn.iso)),
         ("reference", .string(reference)), ("referralFlagged", .bool(referralFlagged)),
         ("safeguarding", .bool(safeguarding)), ("school", school.map(JSONList.Value.string)),
         ("status", .string(status.rawValue)), ("workerLogin", workerLogin.map(JSONList.Value.string)),
         ("workerName", workerName.map(JSONList.Value.string)), ("yearGroup", yearGroup.map(JSONList.Value.string))]
    }
}

extension SearchHit: JSONListRow {
    var jsonFields: [(key: StaticString, value: JSONList.Value?)] {
        [("at", at.map { .string(Moment.iso8601($0)) }), ("caseId", .string(caseId)),
         ("child", child.map(JSONList.Value.string)), ("contactId", contactId.map(JSONList.Value.string)),
         ("outsideCaseload", .bool(outsideCaseload)),
         ("reference", .string(reference)), ("snippet", snippet.map(JSONList.Value.string)),
         ("source", .string(source.rawValue)), ("status", .string(status.rawValue)),
         ("workerLogin", workerLogin.map(JSONList.Value.string))]
    }
}
