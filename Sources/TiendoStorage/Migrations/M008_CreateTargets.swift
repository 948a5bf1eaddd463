import FluentKit

struct CreateTargets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("targets")
            .id()
            .field("resolution_id", .string, .required, .references("resolutions", "id", onDelete: .cascade))
            .field("revision_id", .uuid, .references("resolution_revisions", "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("target_group", .string, .required)
            .field("wording", .string, .required)
            .field("indicator_code", .string, .required)
            .field("deadline_year", .int, .required)
            .field("definition", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("targets").delete()
    }
}
