import Foundation

/// The web application's settings, read once at start from the environment. Every key is
/// documented here with its default; start-up fails listing every bad key.
public struct WebConfiguration: Sendable {
    /// `TIENDO_SECURE_COOKIES`: `tu-dong` (default: Secure when the request came over HTTPS,
    /// directly or through a proxy that sets X-Forwarded-Proto), `co` (always), `khong` (never).
    public enum SecureCookies: String, Sendable {
        case automatic = "tu-dong"
        case always = "co"
        case never = "khong"
    }

    /// Whether session cookies carry the Secure flag.
    public var secureCookies: SecureCookies = .automatic
    /// `TIENDO_SESSION_IDLE_MINUTES` (default 240): a session unused this long ends.
    public var sessionIdleMinutes = 240
    /// `TIENDO_SESSION_MAX_HOURS` (default 12): no session lives longer.
    public var sessionMaximumHours = 12
    /// `TIENDO_BCRYPT_COST` (default 12, at least 10 outside tests): the cost of password hashes.
    public var bcryptCost = 12
    /// `TIENDO_LOGIN_ATTEMPTS` (default 5): failed logins for one account from one client
    /// address before that address may not try that account for `lockoutMinutes`. The account
    /// itself is never locked for everyone: the officer can still log in from another machine
    /// (see `LoginThrottle` for why).
    public var loginAttempts = 5
    /// `TIENDO_LOGIN_ATTEMPTS_PER_ADDRESS` (default 30): failed logins from one client address,
    /// whatever user names it types, before it may not log in for `lockoutMinutes`.
    public var loginAttemptsPerAddress = 30
    /// `TIENDO_LOCKOUT_MINUTES` (default 15): how long a locked address waits, and the window in
    /// which failures are counted.
    public var lockoutMinutes = 15
    /// `TIENDO_TRUSTED_PROXIES` (default: none): the addresses of the reverse proxies (nginx) in
    /// front of Tiendo, separated by commas. Only a request that comes from one of them has its
    /// client address read from `X-Forwarded-For`; otherwise the client is the connection's peer
    /// (a header anyone can send must not choose whose failures count). Behind nginx on the same
    /// machine: `127.0.0.1,::1`.
    public var trustedProxies: Set<String> = []
    /// `TIENDO_METRICS_TOKEN` (default: none): a secret that lets a Prometheus scraper on
    /// another machine read `/metrics` with `Authorization: Bearer <token>`. Without it only
    /// the machine itself (a direct connection from 127.0.0.1 or ::1) can read them.
    public var metricsToken: String?

    /// The defaults.
    public init() {}

    /// A configuration error listing every bad key.
    public struct Invalid: Error, CustomStringConvertible {
        public let problems: [String]
        public var description: String {
            "Cấu hình không hợp lệ:\n" + problems.map { "- " + $0 }.joined(separator: "\n")
        }
    }

    /// Reads the environment.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> WebConfiguration
    {
        var configuration = WebConfiguration()
        var problems: [String] = []
        func integer(_ key: String, _ range: ClosedRange<Int>, into value: inout Int) {
            guard let raw = environment[key], !raw.isEmpty else { return }
            guard let number = Int(raw), range.contains(number) else {
                problems.append("\(key)=“\(raw)”: phải là số nguyên từ \(range.lowerBound) đến \(range.upperBound)")
                return
            }
            value = number
        }
        if let raw = environment["TIENDO_SECURE_COOKIES"], !raw.isEmpty {
            if let value = SecureCookies(rawValue: raw) {
                configuration.secureCookies = value
            } else {
                problems.append("TIENDO_SECURE_COOKIES=“\(raw)”: phải là tu-dong, co hoặc khong")
            }
        }
        integer("TIENDO_SESSION_IDLE_MINUTES", 5...1440, into: &configuration.sessionIdleMinutes)
        integer("TIENDO_SESSION_MAX_HOURS", 1...72, into: &configuration.sessionMaximumHours)
        integer("TIENDO_BCRYPT_COST", 10...16, into: &configuration.bcryptCost)
        integer("TIENDO_LOGIN_ATTEMPTS", 3...20, into: &configuration.loginAttempts)
        integer("TIENDO_LOGIN_ATTEMPTS_PER_ADDRESS", 5...10_000, into: &configuration.loginAttemptsPerAddress)
        integer("TIENDO_LOCKOUT_MINUTES", 1...1440, into: &configuration.lockoutMinutes)
        if let raw = environment["TIENDO_TRUSTED_PROXIES"], !raw.isEmpty {
            for item in raw.split(whereSeparator: { $0 == "," || $0 == " " }) {
                if let address = ClientAddress.canonical(String(item)) {
                    configuration.trustedProxies.insert(address)
                } else {
                    problems.append(
                        "TIENDO_TRUSTED_PROXIES: “\(item)” không phải địa chỉ IP; hãy liệt kê địa chỉ IP của proxy, "
                            + "cách nhau bằng dấu phẩy (ví dụ 127.0.0.1,::1)")
                }
            }
        }
        if let token = environment["TIENDO_METRICS_TOKEN"], !token.isEmpty {
            if token.count < 16 || token.contains(where: \.isWhitespace) {
                problems.append("TIENDO_METRICS_TOKEN: phải dài ít nhất 16 ký tự và không có khoảng trắng")
            } else {
                configuration.metricsToken = token
            }
        }
        if !problems.isEmpty { throw Invalid(problems: problems) }
        return configuration
    }
}
