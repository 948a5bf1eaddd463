import Foundation
import TiendoCore
import Vapor

/// Everything under /api/v1 passes here: the bearer token is checked (no cookies, no CSRF),
/// every failure becomes the one JSON error, and every successful GET gets a strong ETag that
/// `If-None-Match` can answer with 304. Other paths pass through untouched.
struct APIMiddleware: AsyncMiddleware {
    let store: any APITokenStore

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path
        guard APIRoute.contains(path: path) else { return try await next.respond(to: request) }
        var response: Response
        do {
            if path != APIRoute.openAPI.documentedPath {
                try await authenticate(request)
            }
            response = try await next.respond(to: request)
        } catch {
            var failure = APIError.from(error, request: request)
            // The router answers 404 for a known path asked with another method: say 405.
            let allowed = APIRoute.methods(matching: path)
            if failure.status == .notFound, !(error is APIError), !allowed.isEmpty {
                failure = APIError(
                    .methodNotAllowed, "method_not_allowed",
                    "Đường dẫn này không nhận phương thức \(request.method.rawValue); hãy dùng "
                        + allowed.map(\.rawValue).joined(separator: ", ") + ".")
            }
            response = try APIJSON.response(failure.body, status: failure.status)
            if failure.status == .methodNotAllowed {
                response.headers.replaceOrAdd(name: .allow, value: allowed.map(\.rawValue).joined(separator: ", "))
            }
            if failure.status == .unauthorized {
                response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer realm=\"tiendo\"")
            }
        }
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-cache")
        if request.method == .GET, response.status == .ok, let body = response.body.buffer {
            let tag = "\"" + SHA256.hash(data: Data(body.readableBytesView)).lowercaseHex + "\""
            response.headers.replaceOrAdd(name: .eTag, value: tag)
            if Self.matches(request.headers.first(name: .ifNoneMatch), tag) {
                let notModified = Response(status: .notModified)
                for (name, value) in response.headers where name.lowercased() != "content-length" {
                    notModified.headers.replaceOrAdd(name: name, value: value)
                }
                return notModified
            }
        }
        return response
    }

    /// Sets the request's user from its token, or refuses with 401.
    private func authenticate(_ request: Request) async throws {
        guard let secret = APITokens.bearer(request.headers.first(name: .authorization)) else {
            throw APIError(
                .unauthorized, "unauthorized",
                "Thiếu mã truy cập; hãy gửi tiêu đề “Authorization: Bearer <mã>” với mã do quản trị viên cấp.")
        }
        let hash = Passwords.tokenHash(secret)
        guard let token = try await store.apiToken(tokenHash: hash) else {
            throw APIError(
                .unauthorized, "unauthorized",
                "Mã truy cập không đúng, đã bị thu hồi hoặc tài khoản của nó đã bị khóa; hãy xin quản trị viên cấp mã mới."
            )
        }
        request.currentUser = CurrentUser(account: token.account, csrfToken: "", tokenHash: hash)
        request.apiTokenName = token.name
    }

    /// Whether an `If-None-Match` header names `tag` (or is `*`); weak tags compare by value.
    static func matches(_ header: String?, _ tag: String) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { candidate in
            var text = candidate.trimmingCharacters(in: .whitespaces)
            if text == "*" { return true }
            if text.hasPrefix("W/") { text.removeFirst(2) }
            return text == tag
        }
    }
}

extension Request {
    private struct APITokenNameKey: StorageKey { typealias Value = String }

    /// The name of the API token the request came with, for the audit trail.
    var apiTokenName: String? {
        get { storage[APITokenNameKey.self] }
        set { storage[APITokenNameKey.self] = newValue }
    }
}
