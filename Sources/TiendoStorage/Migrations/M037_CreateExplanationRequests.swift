import FluentKit
import SQLKit

/// Explanation requests (yêu cầu giải trình) and their answers, with the answer's file. Indexed by
/// unit: the dashboard, the indicator page and "Việc của tôi" read one unit's requests.
struct CreateExplanationRequests: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("explanation_requests")
            .id()
            .field("unit_id", .string, .required)
            .field("indicator_code", .string, .required)
            // Set for a target's verdict, both nil for one figure.
            .field("resolution_id", .string)
            .field("target_number", .int)
            // Period id, set for one figure.
            .field("period", .string)
            .field("question", .string, .required)
            .field("due_date", .string, .required)
            .field("asked_by", .string, .required)
            .field("asked_on", .string, .required)
            .field("asked_at", .datetime, .required)
            .field("answer_text", .string)
            .field("answered_by", .string)
            .field("answered_on", .string)
            .field("answered_at", .datetime)
            .field("file_name", .string)
            .field("file_data", .data)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX explanation_requests_unit ON explanation_requests (unit_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("explanation_requests").delete()
    }
}
