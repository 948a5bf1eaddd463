import FluentKit

struct CreateResolutionRevisions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("resolution_revisions")
            .id()
            .field("resolution_id", .string, .required, .references("resolutions", "id", onDelete: .cascade))
            .field("symbol", .string, .required)
            .field("title", .string, .required)
            .field("effective_from", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("resolution_revisions").delete()
    }
}
