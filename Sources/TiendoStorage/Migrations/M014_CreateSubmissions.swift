import FluentKit

struct CreateSubmissions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("submissions")
            .id()
            .field("form_code", .string, .required)
            .field("unit_id", .string, .required)
            .field("period", .string, .required)
            .field("status", .string, .required)
            .field("submitted_at", .datetime)
            .field("submitted_by", .string)
            .field("reviewed_at", .datetime)
            .field("reviewed_by", .string)
            .field("return_reason", .string)
            .field("version", .int, .required)
            .unique(on: "form_code", "unit_id", "period")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("submissions").delete()
    }
}
