import Foundation
import TiendoCore
import Vapor

/// Loads the session from its cookie (sessions live in the database, so several app instances
/// share them), checks the CSRF token of every state-changing request, and sends a person who is
/// not logged in to the login page (or to first-run setup when no account exists yet).
struct SessionMiddleware: AsyncMiddleware {
    static let cookieName = "tiendo_phien"
    static let anonymousCSRFCookie = "tiendo_csrf"

    let store: any SessionStore & AccountStore
    let configuration: WebConfiguration

    /// The largest form body accepted.
    static let maximumFormBytes = 2 * 1024 * 1024

    /// The largest file upload accepted (a report with pictures, a filled Excel template).
    static let maximumUploadBytes = 20_000_000

    /// The largest body accepted on `path`: an upload is larger than a form.
    static func maximumBodyBytes(path: String) -> Int {
        acceptsUpload(path: path) ? maximumUploadBytes : maximumFormBytes
    }

    /// The routes that take a file: the report check, a form's Excel upload, a directive's text,
    /// a task's evidence of progress, a list of quality ratings and a one-stop dossier log.
    static func acceptsUpload(path: String) -> Bool {
        let parts = path.split(separator: "/")
        return path == SiteRoute.audit.path || (path.hasPrefix("/nhap-lieu/") && path.hasSuffix("/tai-len"))
            || path == SiteRoute.directives.path || (parts.count == 2 && parts[0] == "nhiem-vu")
            || path == SiteRoute.qualityRatingsUpload.path || path == SiteRoute.dossierLog.path
    }

    /// Paths anyone may open.
    static let publicPaths: Set<String> = [
        SiteRoute.login.path, SiteRoute.setup.path, SiteRoute.stylesheet.path, SiteRoute.health.path,
        // /metrics checks its own access (loopback or TIENDO_METRICS_TOKEN) and answers 404 otherwise.
        SiteRoute.metrics.path,
    ]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // The JSON API authenticates by bearer token (APIMiddleware): no cookie, no CSRF.
        if APIRoute.contains(path: request.url.path) { return try await next.respond(to: request) }
        if let token = request.cookies[Self.cookieName]?.string {
            let hash = Passwords.tokenHash(token)
            if let session = try await store.session(
                tokenHash: hash, now: Date(), idleLifetime: TimeInterval(configuration.sessionIdleMinutes * 60),
                maximumAge: TimeInterval(configuration.sessionMaximumHours * 3600))
            {
                request.currentUser = CurrentUser(
                    account: session.account, csrfToken: session.csrfToken, tokenHash: hash)
                request.keepPageStamp(session.pageStamp)
            }
        }
        if request.method == .POST {
            // The body may still be arriving (a browser sends it after the headers): collect it
            // before reading the token, within the same limit the routes use.
            let limit = Self.maximumBodyBytes(path: request.url.path)
            do {
                _ = try await request.body.collect(max: limit).get()
                // A body handed over whole (a buffering proxy, the tests) is measured here.
                if let data = request.body.data, data.readableBytes > limit { throw Abort(.payloadTooLarge) }
            } catch {
                throw PageError(
                    .payloadTooLarge,
                    "Dữ liệu gửi lên quá lớn (tối đa \(VietnameseNumber.format(limit / 1_000_000)) MB); "
                        + "hãy gửi tệp nhỏ hơn.")
            }
            try checkCSRF(request)
        }
        let path = request.url.path
        if request.currentUser == nil && !Self.publicPaths.contains(path) {
            if try await store.accountCount() == 0 {
                return request.redirect(to: SiteRoute.setup.path)
            }
            let back = request.url.string
            return request.redirect(
                to: SiteRoute.login.path + "?tiep="
                    + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
        }
        // A password an administrator gave must be replaced before anything else is done.
        if let user = request.currentUser, user.account.mustChangePassword, !Self.openWhileChangingPassword(path) {
            return request.redirect(to: SiteRoute.ownPassword.path)
        }
        return try await next.respond(to: request)
    }

    /// The pages a person whose password must change may still open: the page that changes it,
    /// logging out, and what every page needs.
    static func openWhileChangingPassword(_ path: String) -> Bool {
        path == SiteRoute.ownPassword.path || path == SiteRoute.logout.path || publicPaths.contains(path)
    }

    private func checkCSRF(_ request: Request) throws {
        let sent = try? request.content.get(String.self, at: "_csrf")
        let expected = request.currentUser?.csrfToken ?? request.cookies[Self.anonymousCSRFCookie]?.string
        guard let sent, let expected, !expected.isEmpty, constantTimeEquals(sent, expected) else {
            throw PageError(
                .forbidden, "Biểu mẫu đã hết hạn hoặc không hợp lệ (thiếu mã bảo vệ); hãy tải lại trang rồi gửi lại.")
        }
    }

    private func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The session cookie, HttpOnly and SameSite=Lax, Secure behind HTTPS.
    static func sessionCookie(_ token: String, request: Request, configuration: WebConfiguration, maxAge: Int?)
        -> HTTPCookies.Value
    {
        HTTPCookies.Value(
            string: token, maxAge: maxAge, path: "/", isSecure: isSecure(request, configuration), isHTTPOnly: true,
            sameSite: .lax)
    }

    static func isSecure(_ request: Request, _ configuration: WebConfiguration) -> Bool {
        switch configuration.secureCookies {
        case .always: return true
        case .never: return false
        case .automatic:
            return request.url.scheme == "https" || request.headers.first(name: "X-Forwarded-Proto") == "https"
        }
    }
}
