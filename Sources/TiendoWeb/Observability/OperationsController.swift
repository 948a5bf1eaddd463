import Foundation
import TiendoCore
import TiendoDocuments
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
        let metrics = request.application.tiendoMetrics
        // A database that does not answer still gets its metrics: `tiendo_database_up` says 0.
        let lag: ReadModelLag?
        do {
            lag = try await store.readModelLag()
        } catch {
            request.logger.warning("metrics: cơ sở dữ liệu không trả lời: \(String(reflecting: error))")
            lag = nil
        }
        let status = store.readModelStatus
        metrics.observe(readModel: status, lag: lag)
        if let lag, lag.logPosition > status.position || lag.dataVersion != status.dataVersion {
            // A server nobody reads from would stay behind for ever; caught up after the scrape,
            // it is behind at the next one only if it cannot follow (the alert in trien-khai.md).
            Task { [store] in try? await store.catchUpReadModel() }
        }
        let pdf = await ReportPDF.shared.load
        metrics.observe(
            pdf: pdf.running, waiting: pdf.waiting, maxRunning: ReportPDF.shared.maxRunning,
            maxWaiting: ReportPDF.shared.maxWaiting)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: metrics.render()))
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
