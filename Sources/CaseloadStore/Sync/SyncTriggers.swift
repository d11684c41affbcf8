import GRDB

/// The triggers that fill the outbox, made from each travelling table's
/// columns as they are now; a migration that adds a column makes them again.
enum SyncTriggers {
    static func create(_ db: Database) throws {
        for table in SyncCatalogue.tables {
            let columns = try SyncColumns.travelling(db, table.name)
            let key = SyncCatalogue.key(table.name).replacingOccurrences(of: "r.", with: "NEW.")
            let recording = "WHEN (SELECT recording FROM sync_local) = 1"
            // The changed fields only, as they were.
            let before = "(SELECT json_group_object(k, v) FROM ("
                + columns.map { "SELECT '\($0)' AS k, OLD.\($0) AS v WHERE OLD.\($0) IS NOT NEW.\($0)" }
                    .joined(separator: " UNION ALL ") + "))"
            let removed = "json_object(" + columns.map { "'\($0)', OLD.\($0)" }.joined(separator: ", ") + ")"
            try db.execute(sql: """
                DROP TRIGGER IF EXISTS sync_out_\(table.name)_insert;
                DROP TRIGGER IF EXISTS sync_out_\(table.name)_update;
                DROP TRIGGER IF EXISTS sync_out_\(table.name)_delete;
                CREATE TRIGGER sync_out_\(table.name)_insert AFTER INSERT ON \(table.name) \(recording)
                BEGIN
                    \(SyncClock.advance);
                    INSERT INTO sync_outbox (tbl, record_id, op, clock)
                    VALUES ('\(table.name)', \(key), 'insert', (SELECT clock FROM sync_local));
                END;
                CREATE TRIGGER sync_out_\(table.name)_update AFTER UPDATE OF \(columns.joined(separator: ", "))
                ON \(table.name) \(recording)
                BEGIN
                    \(SyncClock.advance);
                    INSERT INTO sync_outbox (tbl, record_id, op, base, clock)
                    VALUES ('\(table.name)', \(key), 'update', \(before), (SELECT clock FROM sync_local));
                END;
                CREATE TRIGGER sync_out_\(table.name)_delete AFTER DELETE ON \(table.name) \(recording)
                BEGIN
                    \(SyncClock.advance);
                    INSERT INTO sync_outbox (tbl, record_id, op, base, clock)
                    VALUES ('\(table.name)', \(key.replacingOccurrences(of: "NEW.", with: "OLD.")), 'delete', \(removed),
                            (SELECT clock FROM sync_local));
                END;
                """)
        }
    }
}

/// A travelling table's columns: all but those that stay on the device.
enum SyncColumns {
    static func travelling(_ db: Database, _ table: String) throws -> [String] {
        let local = SyncCatalogue.localColumns[table, default: []].union(["seq"])
        return try db.columns(in: table).map(\.name).filter { !local.contains($0) }
    }
}
