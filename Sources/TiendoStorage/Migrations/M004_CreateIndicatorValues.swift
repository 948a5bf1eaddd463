import FluentKit

struct CreateIndicatorValues: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("indicator_values")
            .id()
            .field("indicator_code", .string, .required)
            .field("unit_id", .string, .required)
            .field("period", .string, .required)
            .field("number", .double, .required)
            .field("status", .string, .required)
            .field("note", .string)
            .field("author", .string, .required)
            .field("entered_at", .datetime, .required)
            .field("version", .int, .required)
            .unique(on: "indicator_code", "unit_id", "period")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("indicator_values").delete()
    }
}
