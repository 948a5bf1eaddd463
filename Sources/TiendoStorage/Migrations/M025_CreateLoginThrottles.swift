import FluentKit

/// Login throttling (issue 19): one row per counted key — a client address, an (account, client
/// address) pair, an account — with the attempts in the current window and, once over the
/// limit, until when the key may not log in. In the database, not in memory, so that every
/// instance behind the load balancer counts the same failures (as sessions are shared). Times
/// are whole seconds since 1970 (BIGINT), so SQLite and PostgreSQL compare them alike.
struct CreateLoginThrottles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("login_throttles")
            .field("throttle_key", .string, .identifier(auto: false))
            .field("attempts", .int64, .required)
            .field("window_start", .int64, .required)
            .field("locked_until", .int64, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("login_throttles").delete()
    }
}
