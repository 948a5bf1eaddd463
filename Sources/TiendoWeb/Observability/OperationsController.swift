import Foundation
import TiendoCore
import Vapor

/// `/healthz` for load balancers and `/metrics` for Prometheus.
struct OperationsController {
    let store: any HealthCheck & ReadModelUpkeep
    let configuration: WebConfiguration

    /// 200 "ok" when the database answers a trivial query, 503 with a Vietnamese sentence when
    /// it does not (a load balancer then sends people to another instance).
    @Sendable func health(_ request: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .plainText
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        do {
            try await store.ping()
            return Response(status: .ok, headers: headers, body: .init(string: "ok"))
        } catch {
            request.logger.error("healthz: cơ sở dữ liệu không trả lời: \(String(reflecting: error))")
            return Response(
                status: .serviceUnavailable, headers: headers,
                body: .init(string: "Không kết nối được cơ sở dữ liệu; máy chủ tạm thời chưa phục vụ được."))
        }
    }

    /// The metrics, only to the machine itself or to a scraper with `TIENDO_METRICS_TOKEN`;
    /// anyone else gets the ordinary 404, so the endpoint does not advertise itself.
    @Sendable func metrics(_ request: Request) async throws -> Response {
        guard Self.mayReadMetrics(request, token: configuration.metricsToken) else {
            throw Abort(.notFound)
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(
            status: .ok, headers: headers,
            body: .init(string: request.application.tiendoMetrics.render(readModel: store.readModelStatus)))
    }

    /// A bearer token equal to the configured one, or a direct connection from loopback. A
    /// request relayed by a proxy (it carries Forwarded or X-Forwarded-For) is not local even
    /// when the proxy runs on the same machine.
    static func mayReadMetrics(_ request: Request, token: String?) -> Bool {
        if let token, !token.isEmpty, let sent = request.headers.bearerAuthorization?.token {
            return constantTimeEquals(sent, token)
        }
        let relayed =
            request.headers.first(name: "Forwarded") != nil
            || request.headers.first(name: .xForwardedFor) != nil
        guard !relayed, let address = request.remoteAddress?.ipAddress else { return false }
        return address == "127.0.0.1" || address == "::1" || address == "::ffff:127.0.0.1"
    }

    private static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
