import Foundation
import TiendoCore
import Vapor

/// Login, logout and the first-run setup that creates the first administrator.
struct AuthController: Sendable {
    /// The accounts, their sessions and the throttle, the audit trail, and the directory and
    /// demo flag of the setup page.
    typealias Store = PageReads & AccountStore & SessionStore & LoginThrottleStore & AuditLog

    let store: any Store
    let configuration: WebConfiguration

    struct LoginContext: Encodable {
        let layout: LayoutContext
        let username: String
        let next: String
        let error: String?
    }

    /// Missing fields are read as empty: a form without them is a failed login (counted like
    /// any other), not an error page.
    struct LoginForm: Decodable {
        var username: String?
        var password: String?
        var tiep: String?
    }

    func showLogin(_ request: Request) async throws -> Response {
        let next = NextPath.safe(request.query[String.self, at: "tiep"])
        Passwords.prepareDummyHash(cost: configuration.bcryptCost)
        return try await loginPage(request, username: "", next: next, error: nil, status: .ok)
    }

    /// Logs in. Every attempt does the same work whether or not the user name exists (counted,
    /// bcrypt once, same answer), see `LoginThrottle` and `LoginCheck`.
    func login(_ request: Request) async throws -> Response {
        let form = try request.content.decode(LoginForm.self)
        let next = NextPath.safe(form.tiep)
        let now = Date()
        let username = (form.username ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let shown = String(username.prefix(64))
        let throttle = LoginThrottle(configuration: configuration)
        let address = ClientAddress.of(request, trustedProxies: configuration.trustedProxies)
        Self.warnAboutUntrustedProxy(request, configuration)
        let keys = LoginThrottle.Keys(username: username, address: address)
        let accountAttempts: Int
        switch try await throttle.admit(keys, store: store, now: now) {
        case .refused(let message):
            request.application.tiendoMetrics.recordLoginFailure(.throttled)
            return try await loginPage(request, username: shown, next: next, error: message, status: .tooManyRequests)
        case .proceed(let attempts):
            accountAttempts = attempts
        }
        let dummyHash = try await Passwords.dummyHash(cost: configuration.bcryptCost)
        let stored = try await store.credentials(username: username)
        guard
            let account = try await LoginCheck.account(
                password: form.password ?? "", stored: stored, dummyHash: dummyHash,
                verify: { try await Passwords.verifyOffLoop($0, hash: $1) })
        else {
            request.application.tiendoMetrics.recordLoginFailure(
                stored == nil ? .unknownAccount : stored?.account.isActive == false ? .disabledAccount : .wrongPassword)
            try await store.recordEvent(actor: shown, action: .dangNhapSai, subject: "tai-khoan:\(shown)")
            if accountAttempts == throttle.perAccountWatch + 1 {
                try await store.recordEvent(
                    actor: shown, action: .dangNhapSaiNhieuNoi, subject: "tai-khoan:\(shown)",
                    detail: "Hơn \(throttle.perAccountWatch) lần đăng nhập sai trong "
                        + "\(configuration.lockoutMinutes) phút, từ nhiều máy.")
                request.logger.warning(
                    "Tài khoản \(shown): hơn \(throttle.perAccountWatch) lần đăng nhập sai từ nhiều máy")
            }
            // Slows scripted guessing; the same for unknown and real user names.
            let pause: UInt64 = accountAttempts > throttle.perAccountWatch ? 2_000_000_000 : 300_000_000
            try await Task.sleep(nanoseconds: pause)
            return try await loginPage(
                request, username: shown, next: next, error: Self.wrongCredentials, status: .unauthorized)
        }
        try await throttle.succeeded(keys, store: store, now: now)
        request.application.tiendoMetrics.recordLogin()
        // A new token on every login, so a token planted before login is worthless (fixation).
        if let old = request.cookies[SessionMiddleware.cookieName]?.string {
            try await store.deleteSession(tokenHash: Passwords.tokenHash(old))
        }
        let token = Passwords.randomToken()
        try await store.createSession(
            tokenHash: Passwords.tokenHash(token), accountID: account.id, csrfToken: Passwords.randomToken(),
            now: now, lifetime: TimeInterval(configuration.sessionIdleMinutes * 60))
        try await store.recordEvent(actor: username, action: .dangNhap, subject: "tai-khoan:\(username)")
        // A password an administrator gave (new account, reset) is replaced first.
        let response = request.redirect(to: account.mustChangePassword ? SiteRoute.ownPassword.path : next)
        response.cookies[SessionMiddleware.cookieName] = SessionMiddleware.sessionCookie(
            token, request: request, configuration: configuration, maxAge: configuration.sessionMaximumHours * 3600)
        return response
    }

    /// Logs once per process when requests come through a proxy that is not trusted: every
    /// person then shares the proxy's address, and failures of one count for all.
    private static func warnAboutUntrustedProxy(_ request: Request, _ configuration: WebConfiguration) {
        guard configuration.trustedProxies.isEmpty, request.headers.first(name: .xForwardedFor) != nil,
            untrustedProxyWarning.claim()
        else { return }
        request.logger.warning(
            """
            Yêu cầu đến qua proxy (có X-Forwarded-For) nhưng TIENDO_TRUSTED_PROXIES chưa đặt: mọi người dùng được \
            tính chung một địa chỉ khi giới hạn đăng nhập sai. Hãy đặt TIENDO_TRUSTED_PROXIES là địa chỉ của proxy.
            """)
    }

    private static let untrustedProxyWarning = OnceFlag()

    func logout(_ request: Request) async throws -> Response {
        if let user = request.currentUser {
            try await store.deleteSession(tokenHash: user.tokenHash)
            try await store.recordEvent(
                actor: user.account.username, action: .dangXuat, subject: "tai-khoan:\(user.account.username)")
        }
        let response = request.redirect(to: SiteRoute.login.path)
        response.cookies[SessionMiddleware.cookieName] = SessionMiddleware.sessionCookie(
            "", request: request, configuration: configuration, maxAge: 0)
        return response
    }

    // MARK: First run

    struct SetupContext: Encodable {
        let layout: LayoutContext
        let username: String
        let displayName: String
        let unitCode: String
        let errors: [String]
    }

    struct SetupForm: Decodable {
        var username: String
        var displayName: String
        var unitCode: String?
        var password: String
        var passwordAgain: String
    }

    func showSetup(_ request: Request) async throws -> Response {
        guard try await store.accountCount() == 0 else { return request.redirect(to: SiteRoute.login.path) }
        return try await setupPage(
            request, SetupForm(username: "", displayName: "", unitCode: "", password: "", passwordAgain: ""), errors: []
        )
    }

    func setup(_ request: Request) async throws -> Response {
        guard try await store.accountCount() == 0 else { return request.redirect(to: SiteRoute.login.path) }
        let form = try request.content.decode(SetupForm.self)
        var errors: [String] = []
        let username = form.username.trimmingCharacters(in: .whitespaces).lowercased()
        if username.isEmpty
            || !username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
        {
            errors.append("Tên đăng nhập chỉ gồm chữ không dấu, số và dấu . _ -")
        }
        if form.displayName.trimmingCharacters(in: .whitespaces).isEmpty { errors.append("Hãy nhập họ và tên.") }
        if let problem = PasswordPolicy.problem(with: form.password, username: username) { errors.append(problem) }
        if PasswordPolicy.normalized(form.password) != PasswordPolicy.normalized(form.passwordAgain) {
            errors.append("Hai lần nhập mật khẩu không giống nhau.")
        }
        var unitID = Account.everywhere
        if let code = form.unitCode?.trimmingCharacters(in: .whitespaces), !code.isEmpty {
            let directory = try await store.directory()
            if let unit = directory.unit(code: code, on: CivilDate.todayInVietnam()) {
                unitID = unit.unitID
            } else {
                errors.append("Không có đơn vị mã “\(code)”; để trống nếu quản trị toàn hệ thống.")
            }
        }
        guard errors.isEmpty else { return try await setupPage(request, form, errors: errors) }
        let hash = try await Passwords.hashOffLoop(form.password, cost: configuration.bcryptCost)
        let account = Account(username: username, displayName: form.displayName, role: .quanTri, unitID: unitID)
        try await store.createAccount(account, passwordHash: hash)
        try await store.recordEvent(actor: username, action: .khoiTao, subject: "tai-khoan:\(username)")
        return request.redirect(to: SiteRoute.login.path)
    }

    // MARK: Helpers

    static let wrongCredentials = "Tên đăng nhập hoặc mật khẩu không đúng."

    private func anonymousCSRF(_ request: Request) -> (token: String, isNew: Bool) {
        if let existing = request.cookies[SessionMiddleware.anonymousCSRFCookie]?.string, !existing.isEmpty {
            return (existing, false)
        }
        return (Passwords.randomToken(), true)
    }

    private func render<C: Encodable>(
        _ request: Request, _ view: String, _ context: (String) -> C, status: HTTPResponseStatus
    )
        async throws -> Response
    {
        let csrf = anonymousCSRF(request)
        let response = try await request.view.render(view, context(csrf.token)).encodeResponse(for: request)
        response.status = status
        if csrf.isNew {
            response.cookies[SessionMiddleware.anonymousCSRFCookie] = HTTPCookies.Value(
                string: csrf.token, maxAge: 3600, path: "/",
                isSecure: SessionMiddleware.isSecure(request, configuration),
                isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    private func loginPage(
        _ request: Request, username: String, next: String, error: String?, status: HTTPResponseStatus
    )
        async throws -> Response
    {
        let isDemo = try await store.isDemo()
        return try await render(
            request, "auth/login",
            { csrf in
                LoginContext(
                    layout: LayoutContext.make(request, title: "Đăng nhập", section: "", isDemo: isDemo).with(
                        csrf: csrf),
                    username: username, next: next, error: error)
            }, status: status)
    }

    private func setupPage(_ request: Request, _ form: SetupForm, errors: [String]) async throws -> Response {
        try await render(
            request, "auth/setup",
            { csrf in
                SetupContext(
                    layout: LayoutContext.make(request, title: "Khởi tạo hệ thống", section: "", isDemo: false).with(
                        csrf: csrf),
                    username: form.username, displayName: form.displayName, unitCode: form.unitCode ?? "",
                    errors: errors)
            }, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}

/// True for the first caller only.
final class OnceFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var claimed = false

    func claim() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if claimed { return false }
        claimed = true
        return true
    }
}

extension LayoutContext {
    func with(csrf: String) -> LayoutContext {
        LayoutContext(title: title, user: user, csrf: csrf, isDemo: isDemo, nav: nav)
    }
}
