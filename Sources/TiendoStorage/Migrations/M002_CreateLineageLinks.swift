import FluentKit

struct CreateLineageLinks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("lineage_links")
            .id()
            .field("source_unit_id", .string, .required)
            .field("successor_unit_id", .string, .required)
            .field("weight", .double, .required)
            .field("date", .string, .required)
            .field("weight_estimated", .bool, .required)
            .unique(on: "source_unit_id", "successor_unit_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("lineage_links").delete()
    }
}
