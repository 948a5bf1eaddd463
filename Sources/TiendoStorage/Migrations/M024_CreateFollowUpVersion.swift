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

    static let triggers = VersionCounterTriggers(
        row: row, prefix: "follow_up_version", function: "tiendo_bump_follow_up_version", tables: watchedTables)

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("INSERT INTO data_version (id, version) VALUES (\(unsafeRaw: "\(Self.row)"), 0)").run()
        try await Self.triggers.create(on: sql)
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await Self.triggers.drop(on: sql)
        try await sql.raw("DELETE FROM data_version WHERE id = \(unsafeRaw: "\(Self.row)")").run()
    }
}
