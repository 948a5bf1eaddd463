import FluentKit

struct CreateResolutions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("resolutions")
            .field("id", .string, .identifier(auto: false))
            .field("issuing_unit_id", .string, .required)
            .field("symbol", .string, .required)
            .field("title", .string, .required)
            .field("term_start", .int, .required)
            .field("term_end", .int, .required)
            .field("adopted_on", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("resolutions").delete()
    }
}
