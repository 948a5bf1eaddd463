import FluentKit
import SQLKit

/// On PostgreSQL, the two deferred row triggers on `indicator_values` (the data counter, M023, and
/// the change log, M029) no longer fire for the rows of a bulk write (`SET LOCAL tiendo.bulk`,
/// `ChangeLog.markBulk`): each queued an event per row that ran at commit — three statements per
/// figure for a batch whose log entry is one `reload`. `ChangeLog.endBulk` now moves the counter
/// and writes that entry itself, the way the triggers would. SQLite needs nothing: its bulk
/// marker already keeps the log trigger quiet, and its counter trigger is one small update.
struct QuietFigureTriggersInBulk: AsyncMigration {
    private static let triggers = [
        ("data_version_indicator_values", "tiendo_bump_data_version"),
        ("change_log_indicator_values", "tiendo_log_change"),
    ]

    func prepare(on database: any Database) async throws {
        try await create(on: database, quietInBulk: true)
    }

    func revert(on database: any Database) async throws {
        try await create(on: database, quietInBulk: false)
    }

    private func create(on database: any Database, quietInBulk: Bool) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        let condition: SQLQueryString =
            quietInBulk ? "WHEN (current_setting('tiendo.bulk', true) IS DISTINCT FROM 'on')" : ""
        for (name, function) in Self.triggers {
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: name) ON indicator_values").run()
            try await sql.raw(
                """
                CREATE CONSTRAINT TRIGGER \(unsafeRaw: name) AFTER INSERT OR UPDATE OR DELETE ON indicator_values \
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW \(condition) EXECUTE FUNCTION \(unsafeRaw: function)()
                """
            ).run()
        }
    }
}
