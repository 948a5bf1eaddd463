import Foundation
import Vapor

/// Gives every request an id and writes one structured log line per request.
///
/// The id comes from `X-Request-Id` when a proxy sent a sensible one (so a request can be
/// followed across the proxy and the app), otherwise a new UUID; it is put on the response and
/// into the metadata of `request.logger`, so every line logged while answering carries it.
/// The log line holds method, path (never the query, which may carry search words or a
/// `tiep=` return address), status, duration and route — never headers, cookies, tokens or
/// form fields. The same numbers feed the metrics.
struct RequestLogMiddleware: AsyncMiddleware {
    static let header = "X-Request-Id"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let id = Self.acceptable(request.headers.first(name: Self.header)) ?? UUID().uuidString
        request.logger[metadataKey: "request-id"] = .string(id)
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            // Errors become pages further in; one that still escapes is answered 500 by Vapor.
            finish(request, status: .internalServerError, start: start)
            throw error
        }
        response.headers.replaceOrAdd(name: Self.header, value: id)
        finish(request, status: response.status, start: start)
        return response
    }

    private func finish(_ request: Request, status: HTTPResponseStatus, start: ContinuousClock.Instant) {
        let elapsed = start.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let route = Self.routePattern(request)
        request.application.tiendoMetrics.recordRequest(
            method: request.method.rawValue, route: route, status: status.code, seconds: seconds)
        request.logger.info(
            "http_request",
            metadata: [
                "method": .string(request.method.rawValue),
                "path": .string(request.url.path),
                "route": .string(route),
                "status": .stringConvertible(status.code),
                "duration_ms": .string(String(format: "%.1f", seconds * 1000)),
            ])
    }

    /// The pattern Vapor matched ("/nhap-lieu/:form/:unit/:period"), or "unmatched".
    static func routePattern(_ request: Request) -> String {
        guard let route = request.route else { return "unmatched" }
        return "/" + route.path.map(\.description).joined(separator: "/")
    }

    /// A client's request id when it is short and plain (letters, digits, `-_.:`), so it cannot
    /// forge log lines or grow the logs.
    static func acceptable(_ value: String?) -> String? {
        guard let value, (1...128).contains(value.utf8.count) else { return nil }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:".utf8)
        return value.utf8.allSatisfy(allowed.contains) ? value : nil
    }
}
