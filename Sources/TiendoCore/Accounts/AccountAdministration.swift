import Foundation

/// What account administration needs from storage. TiendoStorage implements it
/// (`TiendoStore+AccountAdministration.swift`); the CLI `tiendo user` and the page /tai-khoan
/// both go through `AccountAdministration`, so the rules are written once.
public protocol AccountAdministrationStore: AuditLog {
    /// Every unit version and lineage link (to find a unit by code and judge scope).
    func directory() async throws -> UnitDirectory
    /// Every account, by username.
    func accounts() async throws -> [Account]
    /// The credentials of a username (case-insensitive), if it exists.
    func credentials(username: String) async throws -> StoredCredentials?
    /// Creates an account; a taken username is refused in Vietnamese.
    func createAccount(_ account: Account, passwordHash: String, at time: Date) async throws
    /// Sets a new password hash and the "must change" flag; ends the account's sessions (except
    /// `keepingSession`) and revokes its API tokens, in one transaction.
    func setPasswordHash(username: String, _ hash: String, keepingSession: String?, mustChange: Bool, at time: Date)
        async throws -> PasswordChange
    /// Enables or disables an account; disabling ends its sessions.
    func setActive(username: String, _ active: Bool) async throws
    /// Removes the login throttle's counters and locks of a username (from every address);
    /// returns how many locks were in force.
    func clearLoginLocks(username: String, now: Date) async throws -> Int
    /// The usernames the login throttle holds locked at `now` (from at least one address).
    func lockedUsernames(now: Date) async throws -> Set<String>
}

/// Who administers: the command line on the server (everything, recorded as "dong-lenh") or a
/// signed-in administrator (only accounts whose unit lies within their own subtree).
public enum AccountAdministrator: Sendable {
    /// `tiendo user …` on the server.
    case commandLine
    /// A signed-in account.
    case account(Account)

    /// The actor written in the audit trail.
    public var auditName: String {
        switch self {
        case .commandLine: return "dong-lenh"
        case .account(let account): return account.username
        }
    }
}

/// Bcrypt lives with the web layer; the use case gets it as two functions.
public struct PasswordHashing: Sendable {
    /// The stored hash of a password.
    public var hash: @Sendable (String) async throws -> String
    /// Whether a password matches a stored hash.
    public var verify: @Sendable (String, String) async throws -> Bool

    /// Creates a hasher.
    public init(
        hash: @escaping @Sendable (String) async throws -> String,
        verify: @escaping @Sendable (String, String) async throws -> Bool
    ) {
        self.hash = hash
        self.verify = verify
    }
}

/// A refusal of account administration, in Vietnamese; nothing was written.
public struct AccountAdministrationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Why it was refused.
    public enum Kind: Sendable, Equatable {
        /// The input is wrong (422 on a page).
        case invalid
        /// The actor may not do this (403).
        case forbidden
        /// No such account within the actor's scope (404).
        case notFound
    }

    /// Why it was refused.
    public var kind: Kind
    /// What to change, one sentence each.
    public var messages: [String]

    /// Creates a refusal.
    public init(_ kind: Kind, _ messages: [String]) {
        self.kind = kind
        self.messages = messages
    }

    /// Creates a refusal with one message.
    public init(_ kind: Kind, _ message: String) {
        self.init(kind, [message])
    }

    /// The messages, one after the other.
    public var description: String { messages.joined(separator: " ") }
}

/// Account administration: add, disable, re-enable, reset a password, set a password, unlock,
/// and change one's own password. One implementation for the CLI and the web; every change is
/// recorded in the audit trail.
public struct AccountAdministration: Sendable {
    /// The store.
    public let store: any AccountAdministrationStore
    /// Bcrypt.
    public let hasher: PasswordHashing
    /// The day units are looked up on.
    public let today: CivilDate

    /// Creates the use case.
    public init(store: any AccountAdministrationStore, hasher: PasswordHashing, today: CivilDate = .todayInVietnam()) {
        self.store = store
        self.hasher = hasher
        self.today = today
    }

    /// The longest username (login throttle keys are cut there).
    public static let maximumUsernameLength = 64
    /// The longest display name.
    public static let maximumDisplayNameLength = 200

    /// A new account as typed.
    public struct NewAccount: Sendable {
        /// The login name.
        public var username: String
        /// The name shown on screens.
        public var displayName: String
        /// The role as typed ("quan-tri", "bao-cao"…).
        public var role: String
        /// The code of the unit.
        public var unitCode: String
        /// The first password.
        public var password: String
        /// The password typed a second time (nil when it was not asked twice, as in a script).
        public var passwordAgain: String?
        /// Whether the person must choose their own password at first login.
        public var mustChangePassword: Bool

        /// Creates the input.
        public init(
            username: String, displayName: String, role: String, unitCode: String, password: String,
            passwordAgain: String?, mustChangePassword: Bool
        ) {
            self.username = username
            self.displayName = displayName
            self.role = role
            self.unitCode = unitCode
            self.password = password
            self.passwordAgain = passwordAgain
            self.mustChangePassword = mustChangePassword
        }
    }

    /// A login name in lower case, or the reason it is refused.
    public static func validUsername(_ typed: String) throws -> String {
        let login = typed.trimmingCharacters(in: .whitespaces).lowercased()
        guard !login.isEmpty, login.count <= maximumUsernameLength,
            login.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
        else {
            throw AccountAdministrationError(
                .invalid,
                "Tên đăng nhập “\(String(typed.prefix(64)))” không hợp lệ; chỉ dùng chữ không dấu, số và dấu . _ - "
                    + "(tối đa \(maximumUsernameLength) ký tự).")
        }
        return login
    }

    /// The problems of a new password typed once or twice, none when it is acceptable.
    public static func passwordProblems(_ password: String, again: String?, username: String) -> [String] {
        var problems: [String] = []
        if let problem = PasswordPolicy.problem(with: password, username: username) { problems.append(problem) }
        if let again, PasswordPolicy.normalized(password) != PasswordPolicy.normalized(again) {
            problems.append("Hai lần nhập mật khẩu không giống nhau.")
        }
        return problems
    }

    // MARK: Reading

    /// The accounts `actor` administers, by username.
    public func accounts(of actor: AccountAdministrator) async throws -> [Account] {
        try requireAdministrator(actor)
        let directory = try await store.directory()
        return try await store.accounts().filter { isInScope($0.unitID, of: actor, directory) }
    }

    /// Which of the accounts `actor` administers are locked out of logging in (from at least one
    /// address) after too many wrong passwords: the ones "Gỡ khóa đăng nhập" is for.
    public func lockedUsernames(of actor: AccountAdministrator, now: Date = Date()) async throws -> Set<String> {
        let names = Set(try await accounts(of: actor).map(\.username))
        return try await store.lockedUsernames(now: now).intersection(names)
    }

    /// The units a new account may be placed in by `actor`, valid today.
    public func units(of actor: AccountAdministrator) async throws -> [UnitVersion] {
        try requireAdministrator(actor)
        let directory = try await store.directory()
        return directory.unitIDs.compactMap { directory.version(of: $0, on: today) }
            .filter { isInScope($0.unitID, of: actor, directory) }
    }

    // MARK: Writing

    /// Creates an account. Every problem with the input is listed at once; nothing is written
    /// unless there is none.
    @discardableResult
    public func add(_ new: NewAccount, by actor: AccountAdministrator) async throws -> (Account, UnitVersion) {
        try requireAdministrator(actor)
        var problems: [String] = []
        var login = ""
        do { login = try Self.validUsername(new.username) } catch let error as AccountAdministrationError {
            problems += error.messages
        }
        let displayName = VietnameseText.nfc(new.displayName.trimmingCharacters(in: .whitespacesAndNewlines))
        if displayName.isEmpty {
            problems.append("Hãy nhập họ và tên.")
        } else if displayName.count > Self.maximumDisplayNameLength {
            problems.append("Họ và tên dài quá (tối đa \(Self.maximumDisplayNameLength) ký tự).")
        }
        let role = Role(typed: new.role)
        if role == nil {
            problems.append(
                "Vai trò “\(String(new.role.prefix(40)))” không hợp lệ; hãy dùng quan-tri, tong-hop, bao-cao hoặc xem.")
        }
        let directory = try await store.directory()
        let code = new.unitCode.trimmingCharacters(in: .whitespaces)
        let unit = code.isEmpty ? nil : directory.unit(code: code, on: today)
        if code.isEmpty {
            problems.append("Hãy chọn đơn vị của tài khoản.")
        } else if let unit {
            if !isInScope(unit.unitID, of: actor, directory) {
                problems.append(
                    "\(unit.fullName) nằm ngoài phạm vi quản lý của bạn; chỉ tạo được tài khoản cho đơn vị của bạn "
                        + "và các đơn vị trực thuộc.")
            }
        } else {
            problems.append("Không có đơn vị đang hoạt động mang mã “\(String(code.prefix(40)))”.")
        }
        problems += Self.passwordProblems(new.password, again: new.passwordAgain, username: login)
        if !login.isEmpty, try await store.credentials(username: login) != nil {
            problems.append("Tên đăng nhập “\(login)” đã có người dùng; hãy chọn tên khác.")
        }
        guard problems.isEmpty, let role, let unit else {
            throw AccountAdministrationError(.invalid, problems)
        }
        let hash = try await hasher.hash(new.password)
        let account = Account(
            username: login, displayName: displayName, role: role, unitID: unit.unitID,
            mustChangePassword: new.mustChangePassword)
        try await store.createAccount(account, passwordHash: hash, at: Date())
        try await store.recordEvent(
            actor: actor.auditName, action: .taoTaiKhoan, subject: AuditTrail.accountSubject(login),
            detail: "\(role.rawValue), \(unit.fullName) (\(unit.code))")
        return (account, unit)
    }

    /// Disables (or, with `active`, re-enables) an account. An administrator cannot disable
    /// their own account (nobody would be left to enable it).
    @discardableResult
    public func setActive(username: String, _ active: Bool, by actor: AccountAdministrator) async throws -> Account {
        let account = try await target(username, by: actor)
        if !active, case .account(let me) = actor, me.id == account.id {
            throw AccountAdministrationError(.forbidden, "Bạn không thể tự khóa tài khoản của chính mình.")
        }
        try await store.setActive(username: account.username, active)
        try await store.recordEvent(
            actor: actor.auditName, action: active ? .moKhoaTaiKhoan : .khoaTaiKhoan,
            subject: AuditTrail.accountSubject(account.username),
            detail: active ? "mở lại tài khoản" : "khóa tài khoản")
        return account
    }

    /// Gives the account a random temporary password, to be changed at next login; its
    /// sessions end and its API tokens are revoked. The password is returned to be shown once.
    public func resetPassword(username: String, by actor: AccountAdministrator) async throws
        -> (account: Account, temporaryPassword: String, change: PasswordChange)
    {
        let account = try await target(username, by: actor)
        if case .account(let me) = actor, me.id == account.id {
            throw AccountAdministrationError(
                .forbidden, "Không đặt lại mật khẩu của chính mình ở đây; hãy dùng trang Đổi mật khẩu.")
        }
        let temporary = try Self.temporaryPassword(username: account.username)
        let hash = try await hasher.hash(temporary)
        let change = try await store.setPasswordHash(
            username: account.username, hash, keepingSession: nil, mustChange: true, at: Date())
        try await store.recordEvent(
            actor: actor.auditName, action: .doiMatKhau, subject: AuditTrail.accountSubject(account.username),
            detail: "đặt lại mật khẩu tạm thời (phải đổi khi đăng nhập); " + Self.changeDetail(change))
        return (account, temporary, change)
    }

    /// Sets a password chosen by the actor (the CLI `tiendo user passwd`): sessions end and API
    /// tokens are revoked; the person does not have to change it.
    @discardableResult
    public func setPassword(username: String, password: String, again: String?, by actor: AccountAdministrator)
        async throws -> (account: Account, change: PasswordChange)
    {
        let account = try await target(username, by: actor)
        let problems = Self.passwordProblems(password, again: again, username: account.username)
        guard problems.isEmpty else { throw AccountAdministrationError(.invalid, problems) }
        let hash = try await hasher.hash(password)
        let change = try await store.setPasswordHash(
            username: account.username, hash, keepingSession: nil, mustChange: false, at: Date())
        try await store.recordEvent(
            actor: actor.auditName, action: .doiMatKhau, subject: AuditTrail.accountSubject(account.username),
            detail: Self.changeDetail(change))
        return (account, change)
    }

    /// Lifts the login throttle's locks on an account (a person who mistyped their password
    /// too often); returns how many locks were in force.
    @discardableResult
    public func unlock(username: String, by actor: AccountAdministrator) async throws -> (Account, Int) {
        let account = try await target(username, by: actor)
        let lifted = try await store.clearLoginLocks(username: account.username, now: Date())
        try await store.recordEvent(
            actor: actor.auditName, action: .moKhoaTaiKhoan, subject: AuditTrail.accountSubject(account.username),
            detail: "gỡ khóa đăng nhập sai (\(lifted) khóa)")
        return (account, lifted)
    }

    /// A signed-in person changes their own password: the current one must match, the new one
    /// meet the policy, be typed twice the same, and differ from the current one. Their other
    /// sessions end and their API tokens are revoked; `keepingSession` stays signed in.
    @discardableResult
    public func changeOwnPassword(
        _ account: Account, current: String, new: String, again: String, keepingSession: String?
    ) async throws -> PasswordChange {
        guard let stored = try await store.credentials(username: account.username), stored.account.isActive else {
            throw AccountAdministrationError(.notFound, "Không có tài khoản “\(account.username)”.")
        }
        guard try await hasher.verify(current, stored.passwordHash) else {
            throw AccountAdministrationError(.invalid, "Mật khẩu hiện tại không đúng.")
        }
        var problems = Self.passwordProblems(new, again: again, username: account.username)
        if PasswordPolicy.normalized(new) == PasswordPolicy.normalized(current) {
            problems.append("Mật khẩu mới phải khác mật khẩu hiện tại.")
        }
        guard problems.isEmpty else { throw AccountAdministrationError(.invalid, problems) }
        let hash = try await hasher.hash(new)
        let change = try await store.setPasswordHash(
            username: account.username, hash, keepingSession: keepingSession, mustChange: false, at: Date())
        try await store.recordEvent(
            actor: account.username, action: .doiMatKhau, subject: AuditTrail.accountSubject(account.username),
            detail: "tự đổi mật khẩu; " + Self.changeDetail(change))
        return change
    }

    // MARK: Rules

    /// The characters of a temporary password: no look-alikes (0/O, 1/l/I), easy to read aloud.
    static let temporaryAlphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    /// A random password of three groups of four characters ("k7Qm-xR2p-9bTz"), meeting the
    /// policy.
    public static func temporaryPassword(username: String) throws -> String {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<32 {
            let groups = (0..<3).map { _ in
                String(
                    (0..<4).map { _ in
                        temporaryAlphabet[Int.random(in: 0..<temporaryAlphabet.count, using: &generator)]
                    })
            }
            let password = groups.joined(separator: "-")
            if PasswordPolicy.problem(with: password, username: username) == nil { return password }
        }
        throw AccountAdministrationError(.invalid, "Không tạo được mật khẩu tạm thời; hãy thử lại.")
    }

    static func changeDetail(_ change: PasswordChange) -> String {
        "hủy \(change.endedSessions) phiên, thu hồi \(change.revokedTokens) mã truy cập API"
    }

    private func requireAdministrator(_ actor: AccountAdministrator) throws {
        if case .account(let account) = actor, !account.role.canAdminister {
            throw AccountAdministrationError(
                .forbidden, "Tài khoản của bạn (\(account.role.vietnameseName)) không được quản lý tài khoản.")
        }
    }

    private func isInScope(_ unit: UnitID, of actor: AccountAdministrator, _ directory: UnitDirectory) -> Bool {
        switch actor {
        case .commandLine: return true
        case .account(let admin): return unit == admin.unitID || admin.canSee(unit, in: directory, on: today)
        }
    }

    /// The account `username` names, if `actor` administers it. An account out of scope is
    /// answered as missing, so an administrator cannot learn which usernames exist elsewhere.
    private func target(_ username: String, by actor: AccountAdministrator) async throws -> Account {
        try requireAdministrator(actor)
        let login = username.trimmingCharacters(in: .whitespaces).lowercased()
        let directory = try await store.directory()
        guard let stored = try await store.credentials(username: login),
            isInScope(stored.account.unitID, of: actor, directory)
        else {
            let shown = String(login.prefix(64))
            switch actor {
            case .commandLine: throw AccountAdministrationError(.notFound, "Không có tài khoản “\(shown)”.")
            case .account:
                throw AccountAdministrationError(
                    .notFound, "Không có tài khoản “\(shown)” trong phạm vi quản lý của bạn.")
            }
        }
        return stored.account
    }
}
