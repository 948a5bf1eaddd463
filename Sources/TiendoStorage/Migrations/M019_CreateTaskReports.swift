import FluentKit

struct CreateTaskReports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("task_reports")
            .id()
            .field("task_id", .uuid, .required, .references("follow_up_tasks", "id", onDelete: .cascade))
            .field("unit_id", .string, .required)
            .field("date", .string, .required)
            .field("text", .string, .required)
            .field("author", .string, .required)
            .field("file_name", .string)
            .field("file_data", .data)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("task_reports").delete()
    }
}
