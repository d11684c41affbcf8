/// What travels between a store and its team's hub: the tables, in the order
/// their rows are first pushed (a record before the records that point at
/// it), how each finds its case, and the columns that stay on the device.
///
/// Only records travel. Everything derived from them is rebuilt on each
/// device: the search indexes, `person_case`, the reference counter,
/// `case_file.worker_id`, `last_contact_at`, `next_due_on` and
/// `referral.status`. Drafts never leave the laptop.
public enum SyncCatalogue {
    public struct Table: Sendable {
        public let name: String
        /// Append-only: a record arrives once and never changes.
        public let history: Bool
        /// SQL, over the table's row as `r`, for the id of the case the row
        /// belongs to (NULL for the worker list and for people, who belong
        /// to the cases their parties name).
        let caseId: String
        /// Columns that merge as one: a case's status with its closing date,
        /// reason and outcome only make sense together.
        public let groups: [[String]]

        init(_ name: String, history: Bool, caseId: String = "r.case_id", groups: [[String]] = []) {
            self.name = name
            self.history = history
            self.caseId = caseId
            self.groups = groups
        }
    }

    public static let tables: [Table] = [
        Table("worker", history: false, caseId: "NULL"),
        Table("person", history: false, caseId: "NULL"),
        Table("case_file", history: false, caseId: "r.id",
              groups: [["status", "closed_on", "closure_reason", "outcome"]]),
        Table("case_party", history: false),
        Table("case_issue", history: true),
        Table("assignment", history: true),
        Table("handover", history: false,
              groups: [["status", "accepted_at", "accepted_by"]]),
        Table("handover_note", history: true),
        Table("contact", history: true),
        Table("action", history: false,
              groups: [["status", "closed_at", "closed_by", "closed_by_contact_id"]]),
        Table("consent", history: true),
        Table("referral", history: false),
        Table("referral_status_change", history: true,
              caseId: "(SELECT case_id FROM referral WHERE referral.id = r.referral_id)"),
        Table("safeguarding", history: true),
        Table("safeguarding_review", history: true,
              caseId: "(SELECT case_id FROM safeguarding WHERE safeguarding.id = r.safeguarding_id)"),
        Table("key_date", history: false,
              groups: [["status", "replaced_by", "settled_on", "settlement"]]),
        Table("field_change", history: true),
        Table("audit_event", history: true),
        Table("sync_conflict", history: false,
              groups: [["resolved_at", "resolved_by", "resolution"]]),
    ]

    public static func table(_ name: String) -> Table? { tables.first { $0.name == name } }

    /// Columns that never leave the device: the local row number the
    /// search indexes use, values derived from histories, and the clock a
    /// record carries beside its fields rather than in them.
    static let localColumns: [String: Set<String>] = [
        "case_file": ["worker_id", "last_contact_at", "next_due_on"],
        "referral": ["status"],
        "assignment": ["clock"],
        "referral_status_change": ["clock"],
    ]

    /// A case issue has no id of its own: it is the case and the issue.
    static let issueKey = "case_id || '|' || issue"

    /// SQL for a row's id as it travels.
    static func key(_ table: String) -> String { table == "case_issue" ? "r.case_id || '|' || r.issue" : "r.id" }

    /// When and by whom a changing record last changed: they travel with
    /// the record but are not fields that merge or conflict.
    static let bookkeeping: Set<String> = ["updated_at", "updated_by"]

    /// Columns set once, when a record is made; a pulled record never rewrites them.
    static let madeOnce: Set<String> = ["id", "created_at", "created_by", "device_id", "case_id", "summary",
                                        "from_worker_id", "to_worker_id", "person_id", "referral_id",
                                        "safeguarding_id", "seq"]
}
