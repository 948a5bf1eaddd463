import FluentKit

struct CreateUnitVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("unit_versions")
            .id()
            .field("unit_id", .string, .required)
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("parent_unit_id", .string)
            .field("valid_from", .string, .required)
            .field("valid_to", .string)
            .unique(on: "unit_id", "valid_from")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("unit_versions").delete()
    }
}
