import FluentKit
import SQLKit

/// Figures saved although the checks at entry found them unusual (`EntryChecks`), with the note
/// that explains each: what the reviewer sees on the report and on the period's board. One row
/// per figure; a later change to a usual figure deletes it. Not part of a snapshot (pages read
/// it directly), so no change-log trigger.
struct CreateFigureFlags: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("figure_flags")
            .field("indicator_code", .string, .required)
            .field("unit_id", .string, .required)
            .field("period", .string, .required)
            .field("number", .double, .required)
            .field("findings", .string, .required)
            .field("note", .string, .required)
            .field("flagged_by", .string, .required)
            .field("flagged_at", .double, .required)
            .compositeIdentifier(over: "indicator_code", "unit_id", "period")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX figure_flags_period ON figure_flags (period)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("figure_flags").delete()
    }
}
