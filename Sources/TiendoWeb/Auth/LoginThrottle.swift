import Foundation
import TiendoCore
import Vapor

/// Login throttling (issue 19).
///
/// Why not lock the account, as Tiendo did before: anyone who knows an officer's user name (it
/// is printed on reports) could type it wrong five times and lock the officer out, again and
/// again, from anywhere. So failures are counted per client address instead:
///
/// - per (account, address): after `loginAttempts` (5) attempts in the window that address may
///   not try that account for `lockoutMinutes`. A guesser at one machine gets 5 tries per
///   15 minutes; the officer at their own machine is not affected;
/// - per address, whatever user names it types: after `loginAttemptsPerAddress` (30) the
///   address may not log in at all for `lockoutMinutes` (guessing many accounts, or user names);
/// - per account, across all addresses: only watched, never locked. Past ten times the per-pair
///   limit the failure answer is slowed and the audit trail records it once per window, so an
///   administrator sees a guess spread over many machines; locking here would hand the lockout
///   back to anyone with many addresses.
///
/// Unknown user names are counted exactly like real ones, so the answers do not tell which
/// exist. The counters live in the database (`login_throttles`), so every instance behind the
/// load balancer sees the same failures, and each attempt is counted in one atomic statement
/// BEFORE its password is checked: parallel attempts cannot all pass (20 at once used to).
struct LoginThrottle: Sendable {
    /// Attempts for one account from one address in a window.
    let perAccountAndAddress: Int
    /// Attempts from one address, any user name, in a window.
    let perAddress: Int
    /// Failed attempts on one account from all addresses in a window past which answers slow.
    let perAccountWatch: Int
    /// The window, and how long a lock lasts.
    let window: TimeInterval

    init(configuration: WebConfiguration) {
        perAccountAndAddress = configuration.loginAttempts
        perAddress = configuration.loginAttemptsPerAddress
        perAccountWatch = configuration.loginAttempts * 10
        window = TimeInterval(configuration.lockoutMinutes * 60)
    }

    /// The keys one attempt counts under. User names are cut to 64 characters (none is longer;
    /// a 10 000-character one must not make a 10 000-character key).
    struct Keys: Sendable {
        let address: String
        let pair: String
        let account: String

        init(username: String, address: String) {
            let name = String(username.prefix(64))
            self.address = "ip:" + address
            pair = "tk:" + name + "@" + address
            account = "tk:" + name
        }
    }

    /// Whether the attempt may check its password.
    enum Verdict: Sendable {
        /// Go on; `accountAttempts` is the account's count over all addresses.
        case proceed(accountAttempts: Int)
        /// Refused (429) with this Vietnamese message.
        case refused(String)
    }

    /// Counts the attempt, then says whether it may go on. The address is counted first and
    /// alone: an address over its limit counts nothing else (so a flood of made-up user names
    /// from a locked address adds no rows).
    func admit(_ keys: Keys, store: any LoginThrottleStore, now: Date) async throws -> Verdict {
        let address = try await store.countLoginAttempt(keys: [keys.address], now: now, window: window)[keys.address]
        if let refusal = try await refusal(
            address, key: keys.address, limit: perAddress, store: store, now: now,
            message: { "Có quá nhiều lần đăng nhập sai từ máy này; hãy thử lại sau \($0) phút." })
        {
            return .refused(refusal)
        }
        let counts = try await store.countLoginAttempt(keys: [keys.pair, keys.account], now: now, window: window)
        if let refusal = try await refusal(
            counts[keys.pair], key: keys.pair, limit: perAccountAndAddress, store: store, now: now,
            message: {
                "Tài khoản tạm khóa đăng nhập từ máy này do nhập sai mật khẩu nhiều lần; hãy thử lại sau \($0) phút "
                    + "(hoặc nhờ quản trị viên đặt lại mật khẩu)."
            })
        {
            return .refused(refusal)
        }
        return .proceed(accountAttempts: counts[keys.account]?.attempts ?? 0)
    }

    /// After a correct password: the pair starts again, the address and the account lose this attempt.
    func succeeded(_ keys: Keys, store: any LoginThrottleStore, now: Date) async throws {
        try await store.forgiveLoginAttempt(
            clearing: [keys.pair], decrementing: [keys.address, keys.account], now: now, window: window)
    }

    private func refusal(
        _ count: LoginThrottleCount?, key: String, limit: Int, store: any LoginThrottleStore, now: Date,
        message: (Int) -> String
    ) async throws -> String? {
        // A key missing from the answer cannot happen (the statement returns every row it
        // touched); it is treated as a first attempt.
        guard let count else { return nil }
        if let lockedUntil = count.lockedUntil { return message(Self.minutes(until: lockedUntil, now: now)) }
        guard count.attempts > limit else { return nil }
        let until = now.addingTimeInterval(window)
        try await store.lockLogins(key: key, until: until, now: now)
        return message(Self.minutes(until: until, now: now))
    }

    /// Whole minutes left, 1 to 1 440 (the longest lockout), so the conversion cannot trap.
    static func minutes(until: Date, now: Date) -> Int {
        let minutes = (until.timeIntervalSince(now) / 60).rounded(.up)
        guard minutes.isFinite else { return 1 }
        return Int(min(1440, max(1, minutes)))
    }
}

/// The address of the person at the other end: the connection's peer, or — only when the peer
/// is one of `TIENDO_TRUSTED_PROXIES` — the address the proxy put in `X-Forwarded-For`.
enum ClientAddress {
    /// What a request without any address (a test, a Unix socket) is counted as.
    static let unknown = "khong-ro"

    static func of(_ request: Request, trustedProxies: Set<String>) -> String {
        resolve(
            peer: request.remoteAddress?.ipAddress, forwardedFor: request.headers[.xForwardedFor],
            trustedProxies: trustedProxies)
    }

    /// Each proxy appends the address it received the request from to `X-Forwarded-For`, so the
    /// list is read from the right: trusted proxies are skipped, and the first address that is
    /// not one is the client. Anything left of it was written by the client and may be forged.
    static func resolve(peer: String?, forwardedFor: [String], trustedProxies: Set<String>) -> String {
        guard let peer, let peerAddress = canonical(peer) else { return unknown }
        guard trustedProxies.contains(peerAddress) else { return peerAddress }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        var client = peerAddress
        for hop in hops.reversed() {
            // A malformed entry ends the walk: nothing to its left can be trusted.
            guard let address = canonical(hop) else { break }
            client = address
            if !trustedProxies.contains(address) { break }
        }
        return client
    }

    /// The usual text form of an IPv4 or IPv6 address (an IPv4 address mapped into IPv6,
    /// `::ffff:10.0.0.1`, as plain IPv4), or nil when `text` is not one.
    static func canonical(_ text: String) -> String? {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text.utf8.count <= 64 else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return format(family: AF_INET, &v4) }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let lower = text.lowercased()
        if lower.hasPrefix("::ffff:"), lower.contains("."), let mapped = canonical(String(text.dropFirst(7))) {
            return mapped
        }
        return format(family: AF_INET6, &v6)
    }

    private static func format<T>(family: Int32, _ address: inout T) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        guard inet_ntop(family, &address, &buffer, socklen_t(buffer.count)) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// The password check of a login, written so that it does the same work whether or not the
/// account exists: bcrypt runs exactly once, against the account's hash or against a dummy
/// hash of the same cost (an unknown user name used to answer in 309 ms, a real one in 750).
enum LoginCheck {
    /// The account when `password` is its password, nil otherwise (unknown, disabled, wrong).
    static func account(
        password: String, stored: StoredCredentials?, dummyHash: String,
        verify: @Sendable (String, String) async throws -> Bool
    ) async throws -> Account? {
        let usable = stored.flatMap { $0.account.isActive ? $0 : nil }
        let matches = try await verify(password, usable?.passwordHash ?? dummyHash)
        guard matches, let usable else { return nil }
        return usable.account
    }
}

/// Where to go after logging in: only a path of this site.
enum NextPath {
    /// `raw` when it is a same-site path, otherwise "/". It must be printable ASCII (the
    /// address bar sends non-ASCII percent-encoded), start with a single "/" (not "//" nor
    /// "/\", which browsers read as another host), and contain no backslash; and percent-decoded
    /// (up to three times) it must still start so and hold no control character or whitespace:
    /// browsers drop tabs and new lines from URLs, so "/\t/evil.example" becomes "//evil.example".
    static func safe(_ raw: String?) -> String {
        guard let raw, !raw.isEmpty, raw.utf8.count <= 2048,
            raw.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7f })
        else { return "/" }
        var forms = [raw]
        var current = raw
        for _ in 0..<3 {
            guard let decoded = current.removingPercentEncoding, decoded != current else { break }
            forms.append(decoded)
            current = decoded
        }
        for form in forms {
            let scalars = Array(form.unicodeScalars)
            guard scalars.first == "/" else { return "/" }
            if scalars.count > 1, scalars[1] == "/" || scalars[1] == "\\" { return "/" }
            if scalars.contains(where: {
                $0 == "\\" || $0.properties.isWhitespace || $0.properties.generalCategory == .control
                    || $0.properties.generalCategory == .format
            }) {
                return "/"
            }
        }
        return raw
    }
}
