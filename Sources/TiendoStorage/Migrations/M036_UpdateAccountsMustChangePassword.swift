import FluentKit

/// Accounts get a "must change the password" flag: set when an administrator gives a password
/// (a new account, a reset with a temporary password), cleared when the person sets their own.
/// While it is set, every page sends the person to /doi-mat-khau.
struct UpdateAccountsMustChangePassword: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("accounts")
            .field("must_change_password", .bool, .required, .sql(.default(false)))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("accounts").deleteField("must_change_password").update()
    }
}
