import FluentKit
import Foundation
import SQLKit
import TiendoCore

/// Bookkeeping writes ("last seen" of a session, "last used" of an API token) that a request
/// starts but does not wait for: each runs in its own task, errors are dropped, at most one
/// per key and `limit` in all are in flight (more are skipped, to be tried by a later request),
/// so a database busy with a bulk write can hold at most `limit` connections for them.
final class BackgroundTouches: @unchecked Sendable {
    static let shared = BackgroundTouches()
    static let limit = 4

    private let lock = NSLock()
    private var inFlight: Set<String> = []

    /// Starts `write` unless one for `key` is running or `limit` are; returns whether it started.
    @discardableResult
    func run(key: String, database: any Database, _ write: @escaping @Sendable (any Database) async throws -> Void)
        -> Bool
    {
        lock.lock()
        guard !inFlight.contains(key), inFlight.count < Self.limit else {
            lock.unlock()
            return false
        }
        inFlight.insert(key)
        lock.unlock()
        Task.detached {
            do {
                try await write(database)
            } catch {
                database.logger.debug("Bỏ qua ghi nhận thời điểm dùng (\(key.prefix(2))): \(String(describing: error))")
            }
            self.finish(key)
        }
        return true
    }

    private func finish(_ key: String) {
        lock.lock()
        inFlight.remove(key)
        lock.unlock()
    }

    /// Waits until nothing is in flight (tests).
    func drain() async {
        while !lock.withLock({ inFlight.isEmpty }) {
            try? await Task.sleep(nanoseconds: 5_000_000)
        }
    }
}

extension TiendoStore {
    // MARK: Accounts

    /// How many accounts exist (a fresh installation has none until the first admin is made).
    public func accountCount() async throws -> Int {
        try await AccountModel.query(on: database).count()
    }

    /// Creates an account; a taken username is refused in Vietnamese.
    public func createAccount(_ account: Account, passwordHash: String, at time: Date = Date()) async throws {
        if try await AccountModel.query(on: database).filter(\.$username == account.username).first() != nil {
            throw StorageError("Tên đăng nhập “\(account.username)” đã có người dùng; hãy chọn tên khác.")
        }
        let model = AccountModel()
        model.id = account.id
        model.username = account.username
        model.displayName = account.displayName
        model.passwordHash = passwordHash
        model.role = account.role.rawValue
        model.unitID = account.unitID.rawValue
        model.active = account.isActive
        model.failedLogins = 0
        model.mustChangePassword = account.mustChangePassword
        model.createdAt = time
        try await model.create(on: database)
    }

    /// Every account, by username.
    public func accounts() async throws -> [Account] {
        try await AccountModel.query(on: database).sort(\.$username).all().compactMap { try? $0.core() }
    }

    /// The credentials of a username (case-insensitive), if it exists.
    public func credentials(username: String) async throws -> StoredCredentials? {
        guard
            let model = try await AccountModel.query(on: database).filter(\.$username == username.lowercased()).first()
        else { return nil }
        return StoredCredentials(
            account: try model.core(), passwordHash: model.passwordHash, failedLogins: model.failedLogins,
            lockedUntil: model.lockedUntil)
    }

    // MARK: Login throttling

    /// Counts one login attempt under each of `keys` (distinct), atomically: one statement that
    /// inserts or increments each row and returns the new counts, so parallel attempts can never
    /// all read the same count (the lost update that let 20 simultaneous guesses through). The
    /// count starts again at 1 once `window` has passed since the window began and the key is
    /// not locked. Called BEFORE the password is checked; a correct password then forgives the
    /// attempt (`forgiveLoginAttempt`).
    public func countLoginAttempt(keys: [String], now: Date, window: TimeInterval) async throws
        -> [String: LoginThrottleCount]
    {
        guard !keys.isEmpty else { return [:] }
        let sql = try sqlDatabase()
        let seconds = Self.epochSeconds(now)
        let cutoff = Self.epochSeconds(now.addingTimeInterval(-window))
        let rows = keys.map { key -> SQLQueryString in "(\(bind: key), 1, \(bind: seconds), 0)" }
        let fresh = "login_throttles.locked_until <= \(seconds) AND login_throttles.window_start <= \(cutoff)"
        let result = try await sql.raw(
            """
            INSERT INTO login_throttles (throttle_key, attempts, window_start, locked_until)
            VALUES \(rows.joined(separator: ", "))
            ON CONFLICT (throttle_key) DO UPDATE SET
                attempts = CASE WHEN \(unsafeRaw: fresh) THEN 1 ELSE login_throttles.attempts + 1 END,
                window_start = CASE WHEN \(unsafeRaw: fresh) THEN \(unsafeRaw: String(seconds))
                    ELSE login_throttles.window_start END
            RETURNING throttle_key, attempts, locked_until
            """
        ).all()
        var counts: [String: LoginThrottleCount] = [:]
        for row in result {
            let lockedUntil = try row.decode(column: "locked_until", as: Int64.self)
            counts[try row.decode(column: "throttle_key", as: String.self)] = LoginThrottleCount(
                attempts: Int(clamping: try row.decode(column: "attempts", as: Int64.self)),
                lockedUntil: lockedUntil > seconds ? Date(timeIntervalSince1970: TimeInterval(lockedUntil)) : nil)
        }
        return counts
    }

    /// Locks `key` until `until`, unless it is already locked (parallel attempts over the limit
    /// do not push the end further).
    public func lockLogins(key: String, until: Date, now: Date) async throws {
        let sql = try sqlDatabase()
        try await sql.raw(
            """
            UPDATE login_throttles SET locked_until = \(bind: Self.epochSeconds(until))
            WHERE throttle_key = \(bind: key) AND locked_until <= \(bind: Self.epochSeconds(now))
            """
        ).run()
    }

    /// After a correct password: `clearing` starts again from zero (the account from this
    /// address), `decrementing` loses the attempt just counted (the address, the account: a
    /// person who logs in is not guessing). Rows whose window and lock are over are removed.
    public func forgiveLoginAttempt(clearing: [String], decrementing: [String], now: Date, window: TimeInterval)
        async throws
    {
        let sql = try sqlDatabase()
        for key in clearing {
            try await sql.raw("DELETE FROM login_throttles WHERE throttle_key = \(bind: key)").run()
        }
        for key in decrementing {
            try await sql.raw(
                "UPDATE login_throttles SET attempts = attempts - 1 WHERE throttle_key = \(bind: key) AND attempts > 0"
            ).run()
        }
        try await sql.raw(
            """
            DELETE FROM login_throttles WHERE locked_until <= \(bind: Self.epochSeconds(now))
            AND window_start <= \(bind: Self.epochSeconds(now.addingTimeInterval(-window)))
            """
        ).run()
    }

    /// Removes the throttle's counters of a username, from every address ("tk:NAME" and
    /// "tk:NAME@ADDRESS"), and its old account-level lock; returns how many locks were in force.
    /// The per-address counters stay: they are not the account's.
    public func clearLoginLocks(username: String, now: Date = Date()) async throws -> Int {
        let sql = try sqlDatabase()
        let key = "tk:" + String(username.lowercased().prefix(64))
        let pattern = Self.likeEscaped(key + "@") + "%"
        let seconds = Self.epochSeconds(now)
        let locked =
            try await sql.raw(
                """
                SELECT COUNT(*) AS n FROM login_throttles
                WHERE (throttle_key = \(bind: key) OR throttle_key LIKE \(bind: pattern) ESCAPE '!')
                AND locked_until > \(bind: seconds)
                """
            ).first()?.decode(column: "n", as: Int64.self) ?? 0
        try await sql.raw(
            """
            DELETE FROM login_throttles
            WHERE throttle_key = \(bind: key) OR throttle_key LIKE \(bind: pattern) ESCAPE '!'
            """
        ).run()
        try await AccountModel.query(on: database).filter(\.$username == username.lowercased())
            .set(\.$failedLogins, to: 0).set(\.$lockedUntil, to: nil).update()
        return Int(clamping: locked)
    }

    /// The usernames the login throttle holds locked at `now`, from at least one address (keys
    /// "tk:NAME@ADDRESS"; a username never holds "@").
    public func lockedUsernames(now: Date = Date()) async throws -> Set<String> {
        let sql = try sqlDatabase()
        let rows = try await sql.raw(
            """
            SELECT throttle_key FROM login_throttles
            WHERE throttle_key LIKE 'tk:%' AND locked_until > \(bind: Self.epochSeconds(now))
            """
        ).all()
        var names: Set<String> = []
        for row in rows {
            let key = try row.decode(column: "throttle_key", as: String.self).dropFirst(3)
            names.insert(String(key.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).first ?? key))
        }
        return names
    }

    /// `text` with LIKE's wildcards (and the escape character "!") escaped by "!".
    static func likeEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "!" || character == "%" || character == "_" { escaped.append("!") }
            escaped.append(character)
        }
        return escaped
    }

    /// Whole seconds since 1970. The dates here are `Date()` and a configured number of minutes
    /// from it; a non-finite or absurd one is clamped rather than trapping in the conversion.
    static func epochSeconds(_ date: Date) -> Int64 {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite else { return 0 }
        return Int64(max(-1e15, min(1e15, seconds)))
    }

    private func sqlDatabase() throws -> any SQLDatabase {
        guard let sql = database as? any SQLDatabase else { throw StorageError("Cơ sở dữ liệu không hỗ trợ SQL") }
        return sql
    }

    /// Sets a new password hash and, in the same transaction, ends the account's sessions
    /// (except `keepingSession`, the token hash of the session that changed it, if any) and
    /// revokes its API tokens: whoever knew the old password may have made a token with it, and
    /// a token that outlives a password reset makes the reset worthless. `mustChange` marks a
    /// password an administrator gave (the person is sent to /doi-mat-khau until they choose one).
    @discardableResult
    public func setPasswordHash(
        username: String, _ hash: String, keepingSession: String? = nil, mustChange: Bool = false,
        at time: Date = Date()
    ) async throws -> PasswordChange {
        let model = try await accountModel(username)
        let accountID = try model.requireID()
        model.passwordHash = hash
        model.failedLogins = 0
        model.lockedUntil = nil
        model.mustChangePassword = mustChange
        return try await writeTransaction { db in
            try await model.update(on: db)
            var sessions = SessionModel.query(on: db).filter(\.$accountID == accountID)
            if let keepingSession { sessions = sessions.filter(\.$id != keepingSession) }
            let ended = try await sessions.count()
            try await sessions.delete()
            let tokens = APITokenModel.query(on: db).filter(\.$accountID == accountID).filter(\.$revokedAt == nil)
            let revoked = try await tokens.count()
            try await tokens.set(\.$revokedAt, to: time).update()
            return PasswordChange(endedSessions: ended, revokedTokens: revoked)
        }
    }

    /// Enables or disables an account; disabling ends its sessions.
    public func setActive(username: String, _ active: Bool) async throws {
        let model = try await accountModel(username)
        model.active = active
        try await writeTransaction { db in
            try await model.update(on: db)
            if !active { try await SessionModel.query(on: db).filter(\.$accountID == model.requireID()).delete() }
        }
    }

    /// Sets (or, with nil, removes) the e-mail address the reminder digest goes to.
    public func setEmail(username: String, _ email: String?) async throws {
        let model = try await accountModel(username)
        model.email = email
        try await model.update(on: database)
    }

    /// The e-mail addresses of the accounts that have one, by account id.
    public func accountEmails() async throws -> [UUID: String] {
        var result: [UUID: String] = [:]
        for model in try await AccountModel.query(on: database).all() {
            if let id = model.id, let email = model.email, !email.isEmpty { result[id] = email }
        }
        return result
    }

    private func accountModel(_ username: String) async throws -> AccountModel {
        guard
            let model = try await AccountModel.query(on: database).filter(\.$username == username.lowercased()).first()
        else { throw StorageError("Không có tài khoản “\(username)”.") }
        return model
    }

    // MARK: Sessions

    /// Stores a new session under the hash of its token.
    public func createSession(tokenHash: String, accountID: UUID, csrfToken: String, now: Date, lifetime: TimeInterval)
        async throws
    {
        let model = SessionModel()
        model.id = tokenHash
        model.accountID = accountID
        model.csrfToken = csrfToken
        model.createdAt = now
        model.lastSeenAt = now
        model.expiresAt = now.addingTimeInterval(lifetime)
        try await model.create(on: database)
    }

    /// The live session with this token hash, extended by `idleLifetime` (but never past
    /// `maximumAge` after it started); nil when missing, expired or the account is disabled.
    public func session(tokenHash: String, now: Date, idleLifetime: TimeInterval, maximumAge: TimeInterval) async throws
        -> StoredSession?
    {
        // Every page asks this: one statement and no model decoding (Fluent's reflection over
        // two models was a third of a kept dashboard's CPU). The page stamp rides along, so a
        // kept page costs one round trip to the database (PostgreSQL on the same two cores
        // halved the dashboard's throughput with two).
        guard let sql = database as? any SQLDatabase else { throw StorageError("Cơ sở dữ liệu không hỗ trợ SQL") }
        guard
            let row = try await sql.raw(
                """
                SELECT s.account_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at,
                       a.username, a.display_name, a.role, a.unit_id, a.active, a.must_change_password,
                       \(Self.pageStampColumns())
                FROM sessions s LEFT JOIN accounts a ON a.id = s.account_id
                WHERE s.token_hash = \(bind: tokenHash)
                """
            ).first()
        else { return nil }
        let createdAt = try row.decode(column: "created_at", as: Date.self)
        var expiresAt = try row.decode(column: "expires_at", as: Date.self)
        guard expiresAt > now, now.timeIntervalSince(createdAt) < maximumAge,
            try row.decode(column: "active", as: Bool?.self) == true,
            let username = try row.decode(column: "username", as: String?.self)
        else {
            try await deleteSession(tokenHash: tokenHash)
            return nil
        }
        // "Last seen" moves the idle expiry on. It is bookkeeping, not the page: written at most
        // once per `touchInterval`, in the background, and skipped on any error (a bulk import
        // holding SQLite's write lock, a busy PostgreSQL) — a page must never wait for it or fail
        // because of it (issue 19). A skipped touch is tried again by a later page.
        if now.timeIntervalSince(try row.decode(column: "last_seen_at", as: Date.self))
            > Self.touchInterval(idleLifetime: idleLifetime)
        {
            expiresAt = min(now.addingTimeInterval(idleLifetime), createdAt.addingTimeInterval(maximumAge))
            let extended = expiresAt
            BackgroundTouches.shared.run(key: "s:" + tokenHash, database: database) { db in
                try await SessionModel.query(on: db).filter(\.$id == tokenHash)
                    .set(\.$lastSeenAt, to: now).set(\.$expiresAt, to: extended).update()
            }
        }
        let roleName = try row.decode(column: "role", as: String.self)
        guard let role = Role(rawValue: roleName) else {
            throw StorageError("Tài khoản “\(username)” có vai trò không hợp lệ")
        }
        let account = Account(
            id: try row.decode(column: "account_id", as: UUID.self), username: username,
            displayName: try row.decode(column: "display_name", as: String.self), role: role,
            unitID: UnitID(try row.decode(column: "unit_id", as: String.self)), isActive: true,
            mustChangePassword: try row.decode(column: "must_change_password", as: Bool?.self) ?? false)
        return StoredSession(
            account: account, csrfToken: try row.decode(column: "csrf_token", as: String.self), expiresAt: expiresAt,
            pageStamp: try Self.pageStamp(from: row))
    }

    /// How long a session's "last seen" may lag: a tenth of the idle lifetime, at most five
    /// minutes (a session may so end up to that much before its idle limit; 5 of 240 minutes).
    static func touchInterval(idleLifetime: TimeInterval) -> TimeInterval {
        min(300, max(1, idleLifetime / 10))
    }

    /// Ends a session.
    public func deleteSession(tokenHash: String) async throws {
        try await SessionModel.query(on: database).filter(\.$id == tokenHash).delete()
    }

    // MARK: Audit events

    /// Records an action in the audit trail; the kind is stored as its raw value, the words
    /// entries have always been stored with.
    public func recordEvent(
        actor: String, action: AuditTrail.EventKind, subject: String, detail: String = "", at time: Date = Date()
    ) async throws {
        let model = AuditEventModel()
        model.at = time
        model.actor = actor
        model.action = action.rawValue
        model.subject = subject
        model.detail = detail
        try await model.create(on: database)
    }

    /// The audit trail of a subject, oldest first.
    public func events(subject: String) async throws -> [AuditEvent] {
        try await AuditEventModel.query(on: database).filter(\.$subject == subject).sort(\.$at).all().map {
            AuditEvent(at: $0.at, actor: $0.actor, action: $0.action, subject: $0.subject, detail: $0.detail)
        }
    }
}

extension AccountModel {
    func core() throws -> Account {
        guard let role = Role(rawValue: role) else {
            throw StorageError("Tài khoản “\(username)” có vai trò không hợp lệ")
        }
        return Account(
            id: id ?? UUID(), username: username, displayName: displayName, role: role, unitID: UnitID(unitID),
            isActive: active, mustChangePassword: mustChangePassword)
    }
}
