import FluentKit

struct CreateValueChanges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("value_changes")
            .id()
            .field("indicator_code", .string, .required)
            .field("unit_id", .string, .required)
            .field("period", .string, .required)
            .field("old_number", .double)
            .field("new_number", .double, .required)
            .field("old_status", .string)
            .field("new_status", .string, .required)
            .field("note", .string)
            .field("author", .string, .required)
            .field("changed_at", .datetime, .required)
            .field("version", .int, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("value_changes").delete()
    }
}
