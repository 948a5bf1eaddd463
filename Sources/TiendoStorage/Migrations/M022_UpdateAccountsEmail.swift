import FluentKit

/// Accounts get an optional e-mail address, where the daily reminder digest is sent.
struct UpdateAccountsEmail: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("accounts").field("email", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("accounts").deleteField("email").update()
    }
}
