import FluentKit

struct CreateReportingForms: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("reporting_forms")
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("indicator_codes", .string, .required)
            .field("unit_ids", .string, .required)
            .field("period_kind", .string, .required)
            .field("calendar", .string, .required)
            .field("deadline_working_days", .int, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reporting_forms").delete()
    }
}
