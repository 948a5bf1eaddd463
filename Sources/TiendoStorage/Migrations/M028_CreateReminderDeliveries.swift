import FluentKit

/// One row per reminder e-mail that went out: the day of the digest, the account and when it was
/// handed over. A run of the daily job skips the accounts already mailed that day, so a run that
/// failed half-way is retried for the rest without mailing anyone twice, and the day is marked
/// done only when every mail went out (`TaskReminders`).
struct CreateReminderDeliveries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("reminder_deliveries")
            .field("day", .string, .required)
            .field("account_id", .string, .required)
            .field("address", .string, .required)
            .field("sent_at", .string, .required)
            .unique(on: "day", "account_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reminder_deliveries").delete()
    }
}
