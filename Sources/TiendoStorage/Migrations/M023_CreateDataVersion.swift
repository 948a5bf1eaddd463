import FluentKit
import SQLKit

/// A counter the database itself moves whenever the data a snapshot reads changes: units,
/// lineage, indicators, figures, resolutions, revisions and targets. Triggers move it, so no
/// write path — a page, an import, the CLI, another instance, a restore — can forget to; a
/// server keeps its snapshot in memory for as long as the counter stands still.
///
/// On PostgreSQL the trigger is deferred to commit and moves the counter once per transaction,
/// so the counter row is locked last and briefly (two writers never wait on each other through
/// it in opposite orders). SQLite has one writer at a time, so a plain row trigger does.
struct CreateDataVersion: AsyncMigration {
    static let watchedTables = [
        "unit_versions", "lineage_links", "indicators", "indicator_values", "resolutions",
        "resolution_revisions", "targets",
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await sql.raw("CREATE TABLE data_version (id INTEGER PRIMARY KEY, version INTEGER NOT NULL)").run()
            try await sql.raw("INSERT INTO data_version (id, version) VALUES (1, 0)").run()
            for table in Self.watchedTables {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try await sql.raw(
                        """
                        CREATE TRIGGER \(unsafeRaw: "data_version_\(table)_\(event.lowercased())") \
                        AFTER \(unsafeRaw: event) ON \(ident: table) \
                        BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END
                        """
                    ).run()
                }
            }
        } else {
            try await sql.raw(
                "CREATE TABLE data_version (id INTEGER PRIMARY KEY, version BIGINT NOT NULL, last_transaction BIGINT)"
            ).run()
            try await sql.raw("INSERT INTO data_version (id, version) VALUES (1, 0)").run()
            try await sql.raw(
                """
                CREATE FUNCTION tiendo_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE data_version SET version = version + 1, last_transaction = txid_current()
                    WHERE id = 1 AND last_transaction IS DISTINCT FROM txid_current();
                    RETURN NULL;
                END $$
                """
            ).run()
            for table in Self.watchedTables {
                try await sql.raw(
                    """
                    CREATE CONSTRAINT TRIGGER \(unsafeRaw: "data_version_\(table)") \
                    AFTER INSERT OR UPDATE OR DELETE ON \(ident: table) \
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tiendo_bump_data_version()
                    """
                ).run()
                try await sql.raw(
                    """
                    CREATE TRIGGER \(unsafeRaw: "data_version_\(table)_truncate") \
                    AFTER TRUNCATE ON \(ident: table) FOR EACH STATEMENT EXECUTE FUNCTION tiendo_bump_data_version()
                    """
                ).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            for table in Self.watchedTables {
                for event in ["insert", "update", "delete"] {
                    try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: "data_version_\(table)_\(event)")").run()
                }
            }
        } else {
            for table in Self.watchedTables {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: "data_version_\(table)") ON \(ident: table)")
                    .run()
                try await sql.raw(
                    "DROP TRIGGER IF EXISTS \(unsafeRaw: "data_version_\(table)_truncate") ON \(ident: table)"
                ).run()
            }
            try await sql.raw("DROP FUNCTION IF EXISTS tiendo_bump_data_version()").run()
        }
        try await sql.raw("DROP TABLE data_version").run()
    }
}
