import FluentKit

struct CreateFollowUpTasks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("follow_up_tasks")
            .id()
            .field("directive_id", .uuid, .required, .references("directives", "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("content", .string, .required)
            .field("lead_unit_id", .string, .required)
            // Unit ids joined by "|": a task has a handful, read together with the task.
            .field("coordinating_unit_ids", .string, .required)
            .field("deadline", .string, .required)
            // TargetLink keys ("resolution#3") joined by "|".
            .field("linked_targets", .string, .required)
            .field("completed_on", .string)
            .field("completed_by", .string)
            .unique(on: "directive_id", "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("follow_up_tasks").delete()
    }
}
