import FluentKit

struct CreateDirectives: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("directives")
            .id()
            .field("kind", .string, .required)
            .field("number", .string, .required)
            .field("date", .string, .required)
            .field("issuing_body", .string, .required)
            .field("unit_id", .string, .required)
            .field("title", .string, .required)
            .field("file_name", .string)
            .field("file_data", .data)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("directives").delete()
    }
}
