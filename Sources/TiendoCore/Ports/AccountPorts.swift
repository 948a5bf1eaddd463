import Foundation

// The ports of logging in and of machine access: accounts and their credentials, sessions, the
// login throttle, API tokens and the health check. TiendoStorage implements them
// (`TiendoStore+AccountPorts.swift`); the web's login pages, session and API middleware and the
// operations endpoints hold only the ones they use.

/// The accounts and their credentials.
public protocol AccountStore: Sendable {
    /// How many accounts exist (a fresh installation has none until the first admin is made).
    func accountCount() async throws -> Int
    /// Creates an account; a taken username is refused in Vietnamese.
    func createAccount(_ account: Account, passwordHash: String, at time: Date) async throws
    /// Every account, by username.
    func accounts() async throws -> [Account]
    /// The credentials of a username (case-insensitive), if it exists.
    func credentials(username: String) async throws -> StoredCredentials?
}

extension AccountStore {
    /// Creates an account now; a taken username is refused in Vietnamese.
    public func createAccount(_ account: Account, passwordHash: String) async throws {
        try await createAccount(account, passwordHash: passwordHash, at: Date())
    }
}

/// The login sessions, kept in the database so several app instances share them.
public protocol SessionStore: Sendable {
    /// Stores a new session under the hash of its token.
    func createSession(tokenHash: String, accountID: UUID, csrfToken: String, now: Date, lifetime: TimeInterval)
        async throws
    /// The live session with this token hash, extended by `idleLifetime` (but never past
    /// `maximumAge` after it started); nil when missing, expired or the account is disabled.
    func session(tokenHash: String, now: Date, idleLifetime: TimeInterval, maximumAge: TimeInterval) async throws
        -> StoredSession?
    /// Ends a session.
    func deleteSession(tokenHash: String) async throws
}

/// The counters of the login throttle (per address, per account, per account and address).
public protocol LoginThrottleStore: Sendable {
    /// Counts one login attempt under each of `keys` (distinct), atomically, and returns the new
    /// counts; the count starts again at 1 once `window` has passed and the key is not locked.
    func countLoginAttempt(keys: [String], now: Date, window: TimeInterval) async throws
        -> [String: LoginThrottleCount]
    /// Locks `key` until `until`, unless it is already locked.
    func lockLogins(key: String, until: Date, now: Date) async throws
    /// After a correct password: `clearing` starts again from zero, `decrementing` loses the
    /// attempt just counted.
    func forgiveLoginAttempt(clearing: [String], decrementing: [String], now: Date, window: TimeInterval)
        async throws
}

/// The API tokens; only the hash of a token's secret is stored.
public protocol APITokenStore: Sendable {
    /// Stores a new token for `username` under the hash of its secret. Refuses an unknown or
    /// disabled account.
    func createAPIToken(username: String, name: String, tokenHash: String, at time: Date) async throws
        -> StoredAPIToken
    /// Every token, newest first, revoked ones included.
    func apiTokens() async throws -> [StoredAPIToken]
    /// Revokes a token; from then on it is refused. Revoking twice is refused in Vietnamese.
    @discardableResult
    func revokeAPIToken(id: UUID, at time: Date) async throws -> StoredAPIToken
    /// The working token with this hash, its use recorded (at most once a minute); nil when
    /// unknown, revoked, or its account is disabled.
    func apiToken(tokenHash: String, now: Date) async throws -> StoredAPIToken?
}

extension APITokenStore {
    /// Revokes a token now.
    @discardableResult
    public func revokeAPIToken(id: UUID) async throws -> StoredAPIToken {
        try await revokeAPIToken(id: id, at: Date())
    }

    /// The live token with this hash, as of now.
    public func apiToken(tokenHash: String) async throws -> StoredAPIToken? {
        try await apiToken(tokenHash: tokenHash, now: Date())
    }
}

/// Whether the database answers (`/healthz`).
public protocol HealthCheck: Sendable {
    /// Runs a trivial query: throws when the database cannot be reached.
    func ping() async throws
}
