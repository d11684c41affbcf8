import CaseloadCore
import CaseloadStore
import Foundation

/// Prints case rows as an aligned table or as JSON.
struct CaseListPrinter {
    let store: Store

    func print(_ rows: [CaseRow], json: Bool, heading: String? = nil) throws {
        if json {
            return Output.jsonList(rows)
        }
        if let heading { Output.line(SafeText.inline(heading)) }
        guard !rows.isEmpty else {
            Output.line("No cases.")
            return
        }
        let today = store.today
        let now = store.now()
        var table = Table([("REFERENCE", 12), ("CHILD OR YOUNG PERSON", 28), ("AGE/YEAR", 9), ("SCHOOL", 24),
                           ("LEVEL", 5), ("STATUS", 8), ("WORKER", 12), ("NEXT KEY DATE", 22), ("LAST CONTACT", 14),
                           ("FLAGS", 5)])
        for row in rows {
            let ageOrYear = row.yearGroup ?? row.dateOfBirth.map { "age \(age(of: $0, on: today))" }
            let next = row.nextDueOn.map { due in
                let days = today.days(until: due)
                return "\(due) " + (days < 0 ? "(\(-days)d over)" : "(\(days)d)")
            }
            let flags = (row.referralFlagged ? "F" : "") + (row.safeguarding ? "S" : "") + (row.handoverPending ? "H" : "")
            table.add([row.reference, row.child ?? "(anonymous)", ageOrYear, row.school, String(row.level),
                       row.status.rawValue, row.workerLogin ?? "unallocated", next,
                       row.lastContactAt.map { Moment.ago($0, now: now, in: store.timeZone) }, flags])
        }
        Output.line(table.render())
        Output.line("\(Plural.count(rows.count, "case")). Flags: F referral flagged, S safeguarding, H handover pending.")
    }

}
