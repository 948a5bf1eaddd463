import FluentKit
import SQLKit

/// A second counter in `data_version` (row 2) that the database moves whenever directives, tasks
/// or task reports change — what the follow-up book reads. Kept apart from the data counter
/// (row 1) so that reporting on a task does not make every server reread every figure; pages
/// that show both (the dashboard's reminders and task chips) key what they keep on both.
///
/// Same mechanism as `CreateDataVersion`: row triggers on SQLite, deferred constraint triggers
/// that move the counter once per transaction on PostgreSQL, plus TRUNCATE triggers.
struct CreateFollowUpVersion: AsyncMigration {
    static let row = 2
    static let watchedTables = ["directives", "follow_up_tasks", "task_reports"]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("INSERT INTO data_version (id, version) VALUES (\(unsafeRaw: "\(Self.row)"), 0)").run()
        if sql.dialect.name == "sqlite" {
            for table in Self.watchedTables {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try await sql.raw(
                        """
                        CREATE TRIGGER \(unsafeRaw: "follow_up_version_\(table)_\(event.lowercased())") \
                        AFTER \(unsafeRaw: event) ON \(ident: table) \
                        BEGIN UPDATE data_version SET version = version + 1 WHERE id = \(unsafeRaw: "\(Self.row)"); END
                        """
                    ).run()
                }
            }
        } else {
            try await sql.raw(
                """
                CREATE FUNCTION tiendo_bump_follow_up_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE data_version SET version = version + 1, last_transaction = txid_current()
                    WHERE id = \(unsafeRaw: "\(Self.row)") AND last_transaction IS DISTINCT FROM txid_current();
                    RETURN NULL;
                END $$
                """
            ).run()
            for table in Self.watchedTables {
                try await sql.raw(
                    """
                    CREATE CONSTRAINT TRIGGER \(unsafeRaw: "follow_up_version_\(table)") \
                    AFTER INSERT OR UPDATE OR DELETE ON \(ident: table) \
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tiendo_bump_follow_up_version()
                    """
                ).run()
                try await sql.raw(
                    """
                    CREATE TRIGGER \(unsafeRaw: "follow_up_version_\(table)_truncate") \
                    AFTER TRUNCATE ON \(ident: table) FOR EACH STATEMENT EXECUTE FUNCTION tiendo_bump_follow_up_version()
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
                    try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: "follow_up_version_\(table)_\(event)")")
                        .run()
                }
            }
        } else {
            for table in Self.watchedTables {
                try await sql.raw(
                    "DROP TRIGGER IF EXISTS \(unsafeRaw: "follow_up_version_\(table)") ON \(ident: table)"
                )
                .run()
                try await sql.raw(
                    "DROP TRIGGER IF EXISTS \(unsafeRaw: "follow_up_version_\(table)_truncate") ON \(ident: table)"
                ).run()
            }
            try await sql.raw("DROP FUNCTION IF EXISTS tiendo_bump_follow_up_version()").run()
        }
        try await sql.raw("DELETE FROM data_version WHERE id = \(unsafeRaw: "\(Self.row)")").run()
    }
}
