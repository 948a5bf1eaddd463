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
    /// `TIENDO_LOGIN_ATTEMPTS` (default 5): failed logins in a row before the account is locked.
    public var loginAttempts = 5
    /// `TIENDO_LOCKOUT_MINUTES` (default 15): how long a locked account waits.
    public var lockoutMinutes = 15
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
        integer("TIENDO_LOCKOUT_MINUTES", 1...1440, into: &configuration.lockoutMinutes)
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
