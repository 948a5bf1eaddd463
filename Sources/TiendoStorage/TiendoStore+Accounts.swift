import FluentKit
import Foundation
import SQLKit
import TiendoCore

/// An account with what login needs to check.
public struct StoredCredentials: Sendable {
    /// The account.
    public var account: Account
    /// The bcrypt hash of its password.
    public var passwordHash: String
    /// Failed logins since the last success.
    public var failedLogins: Int
    /// Locked until then after too many failures.
    public var lockedUntil: Date?
}

/// A live session.
public struct StoredSession: Sendable {
    /// Who is logged in.
    public var account: Account
    /// The token every form of this session must carry.
    public var csrfToken: String
    /// When the session ends unless used again.
    public var expiresAt: Date
    /// The data counters and demo flag, read in the same statement as the session (see
    /// `TiendoStore.pageStamp()`).
    public var pageStamp: PageStamp
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

    /// Counts a failed login; after `limit` failures in a row the account is locked for `lockFor`.
    public func recordFailedLogin(accountID: UUID, limit: Int, lockFor: TimeInterval, now: Date) async throws {
        guard let model = try await AccountModel.find(accountID, on: database) else { return }
        model.failedLogins += 1
        if model.failedLogins >= limit {
            model.lockedUntil = now.addingTimeInterval(lockFor)
            model.failedLogins = 0
        }
        try await model.update(on: database)
    }

    /// Clears the failure count after a successful login.
    public func recordSuccessfulLogin(accountID: UUID) async throws {
        guard let model = try await AccountModel.find(accountID, on: database) else { return }
        model.failedLogins = 0
        model.lockedUntil = nil
        try await model.update(on: database)
    }

    /// Sets a new password hash and ends the account's sessions.
    public func setPasswordHash(username: String, _ hash: String) async throws {
        let model = try await accountModel(username)
        model.passwordHash = hash
        model.failedLogins = 0
        model.lockedUntil = nil
        try await database.transaction { db in
            try await model.update(on: db)
            try await SessionModel.query(on: db).filter(\.$accountID == model.id!).delete()
        }
    }

    /// Enables or disables an account; disabling ends its sessions.
    public func setActive(username: String, _ active: Bool) async throws {
        let model = try await accountModel(username)
        model.active = active
        try await database.transaction { db in
            try await model.update(on: db)
            if !active { try await SessionModel.query(on: db).filter(\.$accountID == model.id!).delete() }
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
                       a.username, a.display_name, a.role, a.unit_id, a.active, \(Self.pageStampColumns())
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
        // Touch at most once a minute: a page load should not always write.
        if now.timeIntervalSince(try row.decode(column: "last_seen_at", as: Date.self)) > 60 {
            expiresAt = min(now.addingTimeInterval(idleLifetime), createdAt.addingTimeInterval(maximumAge))
            try await SessionModel.query(on: database).filter(\.$id == tokenHash)
                .set(\.$lastSeenAt, to: now).set(\.$expiresAt, to: expiresAt).update()
        }
        let roleName = try row.decode(column: "role", as: String.self)
        guard let role = Role(rawValue: roleName) else {
            throw StorageError("Tài khoản “\(username)” có vai trò không hợp lệ")
        }
        let account = Account(
            id: try row.decode(column: "account_id", as: UUID.self), username: username,
            displayName: try row.decode(column: "display_name", as: String.self), role: role,
            unitID: UnitID(try row.decode(column: "unit_id", as: String.self)), isActive: true)
        return StoredSession(
            account: account, csrfToken: try row.decode(column: "csrf_token", as: String.self), expiresAt: expiresAt,
            pageStamp: try Self.pageStamp(from: row))
    }

    /// Ends a session.
    public func deleteSession(tokenHash: String) async throws {
        try await SessionModel.query(on: database).filter(\.$id == tokenHash).delete()
    }

    // MARK: Audit events

    /// Records an action in the audit trail.
    public func recordEvent(actor: String, action: String, subject: String, detail: String = "", at time: Date = Date())
        async throws
    {
        let model = AuditEventModel()
        model.at = time
        model.actor = actor
        model.action = action
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

/// One recorded action.
public struct AuditEvent: Hashable, Sendable {
    public var at: Date
    public var actor: String
    public var action: String
    public var subject: String
    public var detail: String
}

extension AccountModel {
    func core() throws -> Account {
        guard let role = Role(rawValue: role) else {
            throw StorageError("Tài khoản “\(username)” có vai trò không hợp lệ")
        }
        return Account(
            id: id ?? UUID(), username: username, displayName: displayName, role: role, unitID: UnitID(unitID),
            isActive: active)
    }
}
