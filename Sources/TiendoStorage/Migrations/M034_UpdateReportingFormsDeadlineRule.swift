import FluentKit

/// A form's deadline may be a fixed day of the month (Decree 09/2019/NĐ-CP) instead of working
/// days after the cut-off, and units below the province may be due earlier. `deadline_working_days`
/// keeps the number (working days, or the day of the month); existing forms keep their rule.
struct UpdateReportingFormsDeadlineRule: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        try await database.schema("reporting_forms")
            .field("deadline_basis", .string, .required, .sql(.default("ngay-lam-viec")))
            .update()
        try await database.schema("reporting_forms")
            .field("deadline_lead_days", .int, .required, .sql(.default(0)))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reporting_forms").deleteField("deadline_lead_days").update()
        try await database.schema("reporting_forms").deleteField("deadline_basis").update()
    }
}
