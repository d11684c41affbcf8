import GRDB

/// Caseload's mark on its own stores: SQLite's `application_id`, four bytes
/// at offset 68 of the file's header. A file without it is never written to
/// (only `init` and `demo` make a store, and only in a new or empty file), so
/// pointing `--store` at another program's database by mistake changes
/// nothing in it.
enum StoreMark {
    /// "CSLD" in ASCII, so a hex dump of the header shows whose file it is;
    /// not among the ids registered in SQLite's magic.txt (Fossil, GeoPackage,
    /// MBTiles and the like). Fixed for ever: changing it would lock every
    /// existing store out.
    static let applicationId: Int32 = 0x4353_4C44

    /// Sets the mark, inside the migration that makes the store's first
    /// tables (so no store ever has tables without it) and in the migration
    /// that stamps stores made before the mark existed.
    static func stamp(_ db: Database) throws {
        try db.execute(sql: "PRAGMA application_id = \(applicationId)")
    }

    /// The first migration, whose tables an unmarked store made by an
    /// earlier version is recognised by.
    static let firstMigration = "v1-foundation"

    /// The migration that stamps a store made before the mark.
    static let stampingMigration = "v10-caseload-mark"
}
