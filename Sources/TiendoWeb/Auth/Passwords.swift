import Foundation
import TiendoCore
import Vapor

/// A password longer than bcrypt can take (72 bytes after NFC), refused when it is set.
public struct PasswordTooLong: Error, CustomStringConvertible, Sendable {
    public init() {}
    public var description: String { PasswordPolicy.tooLongMessage }
}

/// Password hashing with bcrypt; one place, used by the web login, first-run setup and the
/// `tiendo user` CLI. Every password is NFC-normalised before it is hashed or checked (see
/// `PasswordPolicy.normalized`), and one longer than bcrypt's 72 bytes is refused when set
/// (`PasswordTooLong`) and simply does not match at login — never silently cut.
public enum Passwords {
    /// The bcrypt hash of `password` (in NFC). Throws `PasswordTooLong` beyond 72 bytes.
    public static func hash(_ password: String, cost: Int) throws -> String {
        let normalized = PasswordPolicy.normalized(password)
        guard normalized.utf8.count <= PasswordPolicy.maximumBytes else { throw PasswordTooLong() }
        return try Bcrypt.hash(normalized, cost: cost)
    }

    /// Whether `password` matches `hash`; false for a malformed hash and for a password longer
    /// than bcrypt can take (login does not say why: a wrong password is a wrong password).
    public static func verify(_ password: String, hash: String) -> Bool {
        // NFC never shrinks text by more than a factor of three, so a password of more than
        // 1 024 bytes is too long after NFC as well: refuse it before normalising megabytes.
        guard password.utf8.count <= 1024 else { return false }
        let normalized = PasswordPolicy.normalized(password)
        guard normalized.utf8.count <= PasswordPolicy.maximumBytes else { return false }
        if (try? Bcrypt.verify(normalized, created: hash)) == true { return true }
        // A hash made before passwords were normalised, from decomposed (NFD) input: try the
        // password as typed too. Depends only on what was typed, never on whether the account
        // exists, so it reveals nothing about accounts.
        guard normalized != password, password.utf8.count <= PasswordPolicy.maximumBytes else { return false }
        return (try? Bcrypt.verify(password, created: hash)) ?? false
    }

    /// The threads bcrypt runs on: never an event loop (it would stall every request on that
    /// loop) and never `NIOThreadPool.singleton`, which is also `app.threadPool` and the pool
    /// that runs every SQLite query — 30 logins at once there starved the database and answered
    /// 500 (issue 19). Made once per process, like NIO's own singletons, and never shut down.
    static let threadPool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: max(2, System.coreCount))
        pool.start()
        return pool
    }()

    /// `hash` on the password threads.
    public static func hashOffLoop(_ password: String, cost: Int) async throws -> String {
        try await threadPool.runIfActive { try hash(password, cost: cost) }
    }

    /// Bcrypt at `cost` for account administration (`AccountAdministration`), on the password
    /// threads: the same hashing for the CLI and the pages.
    public static func hasher(cost: Int) -> PasswordHashing {
        PasswordHashing(
            hash: { try await hashOffLoop($0, cost: cost) }, verify: { try await verifyOffLoop($0, hash: $1) })
    }

    /// `verify` on the password threads.
    static func verifyOffLoop(_ password: String, hash: String) async throws -> Bool {
        try await threadPool.runIfActive { verify(password, hash: hash) }
    }

    /// A bcrypt hash of a random secret at `cost`, made once per cost: a login for an unknown
    /// or disabled account is checked against it, so that it takes as long as a real one and
    /// the answer time does not tell which user names exist.
    static func dummyHash(cost: Int) async throws -> String {
        if let known = dummyHashes.value(cost) { return known }
        let made = try await hashOffLoop(randomToken(), cost: cost)
        return dummyHashes.keep(made, for: cost)
    }

    /// Makes the dummy hash in the background if it is not made yet, so that even the first
    /// login of a process (which would otherwise also make it) takes the usual time. Called by
    /// the login page, which everyone opens before logging in.
    static func prepareDummyHash(cost: Int) {
        guard dummyHashes.value(cost) == nil, dummyHashes.startPreparing(cost) else { return }
        Task.detached { _ = try? await dummyHash(cost: cost) }
    }

    private static let dummyHashes = DummyHashes()

    private final class DummyHashes: @unchecked Sendable {
        private let lock = NSLock()
        private var hashes: [Int: String] = [:]
        private var preparing: Set<Int> = []

        /// True for the first caller for a cost.
        func startPreparing(_ cost: Int) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            return preparing.insert(cost).inserted
        }

        func value(_ cost: Int) -> String? {
            lock.lock()
            defer { lock.unlock() }
            return hashes[cost]
        }

        /// Keeps the first hash made for a cost, so every caller uses the same one.
        func keep(_ hash: String, for cost: Int) -> String {
            lock.lock()
            defer { lock.unlock() }
            if let first = hashes[cost] { return first }
            hashes[cost] = hash
            return hash
        }
    }

    /// What `tiendo user passwd` tells the administrator: the new password, the sessions it
    /// ended and the API tokens it revoked (scripts using them need a new one).
    public static func changeSummary(username: String, _ change: PasswordChange) -> String {
        var text = "Đã đặt mật khẩu mới cho “\(username)”."
        text +=
            change.endedSessions == 0
            ? " Không có phiên đăng nhập nào đang mở."
            : " Đã hủy \(change.endedSessions) phiên đăng nhập đang mở."
        text +=
            change.revokedTokens == 0
            ? " Tài khoản không có mã truy cập API nào đang dùng."
            : " Đã thu hồi \(change.revokedTokens) mã truy cập API của tài khoản này; kịch bản nào còn dùng "
                + "phải xin mã mới (tiendo token issue)."
        return text
    }

    /// A random token for cookies and CSRF, URL-safe.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The hash under which a session token is stored.
    static func tokenHash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).lowercaseHex
    }
}

extension Sequence where Element == UInt8 {
    /// The bytes as lower-case hexadecimal digits, two per byte: session token hashes, ETags.
    /// Written out by hand because `String(format:)` per byte cost 5 % of a dashboard request.
    var lowercaseHex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            // `byte >> 4` and `byte & 0x0f` are 0...15, inside the 16 digits.
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
