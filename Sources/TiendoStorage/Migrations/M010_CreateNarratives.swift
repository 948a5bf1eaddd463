import FluentKit

/// The text blocks officers write for a report (table `narratives`): one row per unit, period,
/// report kind and section.
struct CreateNarratives: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("narratives")
            .id()
            .field("unit_id", .string, .required)
            .field("period", .string, .required)
            .field("report_kind", .string, .required)
            .field("section", .string, .required)
            .field("text", .string, .required)
            .field("author", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("version", .int, .required)
            .unique(on: "unit_id", "period", "report_kind", "section")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("narratives").delete()
    }
}
