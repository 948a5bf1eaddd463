import Foundation
import Logging
import NIOConcurrencyHelpers
import TiendoApplication
import TiendoCore
import TiendoDocuments
import TiendoStorage
import XCTVapor
import XCTest

@testable import TiendoWeb

/// Request ids, one log line per request without secrets, Prometheus metrics behind their
/// access rule, and a health check that notices a dead database.
final class ObservabilityTests: XCTestCase {
    static let metricsToken = "bi-mat-cua-prometheus-0123456789"

    /// Every log event, kept for the test to read.
    final class LogCapture: Sendable {
        struct Line {
            let level: Logger.Level
            let message: String
            let metadata: Logger.Metadata
        }
        private let box = NIOLockedValueBox<[Line]>([])
        var lines: [Line] { box.withLockedValue { $0 } }
        func append(_ line: Line) { box.withLockedValue { $0.append(line) } }
    }

    struct CapturingHandler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        var metadataProvider: Logger.MetadataProvider?

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            capture.append(.init(level: event.level, message: event.message.description, metadata: merged))
        }
    }

    private func capturingLogs(_ web: WebTestApp) -> LogCapture {
        let capture = LogCapture()
        web.app.logger = Logger(label: "tiendo.test") { _ in CapturingHandler(capture: capture) }
        return capture
    }

    private func metrics(_ web: WebTestApp) async throws -> String {
        let response = try await web.app.testable().sendRequest(
            .GET, "/metrics", headers: ["Authorization": "Bearer \(Self.metricsToken)"])
        XCTAssertEqual(response.status, .ok)
        return response.body.string
    }

    func testARequestIdIsEchoedOrMadeAndGoesIntoTheLogLine() async throws {
        try await WebTestApp.withDemo { web in
            let capture = capturingLogs(web)

            let echoed = try await web.app.testable().sendRequest(
                .GET, "/dang-nhap?tiep=%2Fbi-mat", headers: ["X-Request-Id": "lb-42.abc"])
            let made = try await web.get("/dang-nhap")
            let forged = try await web.app.testable().sendRequest(
                .GET, "/dang-nhap", headers: ["X-Request-Id": "x\" status=200 giả"])

            XCTAssertEqual(echoed.headers.first(name: "X-Request-Id"), "lb-42.abc")
            let madeID = try XCTUnwrap(made.headers.first(name: "X-Request-Id"))
            XCTAssertNotNil(UUID(uuidString: madeID), madeID)
            let forgedID = try XCTUnwrap(forged.headers.first(name: "X-Request-Id"))
            XCTAssertNotNil(UUID(uuidString: forgedID), "an id that could forge log fields is replaced")
            let line = try XCTUnwrap(
                capture.lines.first { $0.message == "http_request" && $0.metadata["request-id"] == "lb-42.abc" })
            XCTAssertEqual(line.level, .info)
            XCTAssertEqual(line.metadata["method"], "GET")
            XCTAssertEqual(line.metadata["path"], "/dang-nhap", "the path without its query")
            XCTAssertEqual(line.metadata["route"], "/dang-nhap")
            XCTAssertEqual(line.metadata["status"]?.description, "200")
            XCTAssertNotNil(line.metadata["duration_ms"].flatMap { Double($0.description) })
            XCTAssertTrue(capture.lines.contains { $0.metadata["request-id"]?.description == madeID })
        }
    }

    func testLogLinesCarryNoPasswordCookieTokenCSRFOrQuery() async throws {
        try await WebTestApp.withDemo { web in
            let capture = capturingLogs(web)
            let password = WebTestApp.password("phongdinh")

            let session = try await web.login("phongdinh")
            _ = try await web.get("/tim-kiem?q=ho-ngheo-bi-mat", as: session)
            let token = try await web.token("phongdinh")
            _ = try await web.api(.GET, "/api/v1/units", token: token)

            let text = capture.lines.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
            XCTAssertTrue(text.contains("http_request"))
            XCTAssertGreaterThanOrEqual(capture.lines.filter { $0.message == "http_request" }.count, 5)
            let cookieValue = String(session.cookie.split(separator: "=", maxSplits: 1)[1])
            for secret in [password, cookieValue, session.csrf, token, "ho-ngheo-bi-mat", "tiep="] {
                XCTAssertFalse(text.contains(secret), "the logs contain “\(secret)”")
            }
        }
    }

    /// The value of the series written exactly as `series` in the exposition.
    private func value(_ series: String, in text: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap {
            Double($0.dropFirst(series.count + 1))
        }
    }

    func testMetricsCountARequestUnderItsRoutePatternAndAnImport() async throws {
        try await WebTestApp.withDemo(metricsToken: Self.metricsToken) { web in
            let session = try await web.login("phongdinh")
            _ = try await web.get("/nhap-lieu/CHI-TIEU-NAM/19831/2027", as: session)
            _ = try await web.get("/nhap-lieu/CHI-TIEU-NAM/19831/2027", as: session)
            let token = try await web.token("phongdinh")
            let written = try await web.api(
                .PUT, "/api/v1/values/19831/THU_NSNN/2026Q1", token: token, json: ["value": 312.5, "status": "uoc"])
            let refused = try await web.api(
                .PUT, "/api/v1/values/19831/THU_NSNN/2027", token: token, json: ["value": "12a"])
            let before = try await metrics(web)
            _ = try await web.api(.GET, "/api/v1/verdicts?unit=19831&period=2027", token: token)

            let text = try await metrics(web)

            XCTAssertEqual(written.status, .created, written.body.string)
            XCTAssertEqual(refused.status, .unprocessableEntity)
            let entry = "route=\"/nhap-lieu/:form/:unit/:period\""
            XCTAssertEqual(
                value("tiendo_http_requests_total{method=\"GET\",\(entry),status=\"200\"}", in: text), 2, text)
            XCTAssertFalse(text.contains("/nhap-lieu/CHI-TIEU-NAM/19831"), "no raw path becomes a label")
            XCTAssertEqual(value("tiendo_http_request_duration_seconds_count{\(entry)}", in: text), 2, text)
            XCTAssertEqual(value("tiendo_http_request_duration_seconds_bucket{\(entry),le=\"+Inf\"}", in: text), 2)
            XCTAssertEqual(value("tiendo_figure_imports_total{source=\"api\",outcome=\"ok\"}", in: text), 1, text)
            XCTAssertEqual(value("tiendo_figure_imports_total{source=\"api\",outcome=\"failed\"}", in: text), 1, text)
            let computed = try XCTUnwrap(value("tiendo_verdict_computations_total", in: text))
            let computedBefore = try XCTUnwrap(value("tiendo_verdict_computations_total", in: before))
            XCTAssertEqual(computed - computedBefore, 1, "the ward has one resolution to assess")
            XCTAssertTrue(text.contains("# TYPE tiendo_verdict_computations_total counter"), text)
            XCTAssertTrue(text.contains("no verdict cache"), text)
        }
    }

    func testTheExpositionComesFromThePrometheusRegistryWithTheLinesCIAndScrapersRead() async throws {
        try await WebTestApp.withDemo(metricsToken: Self.metricsToken) { web in
            _ = try await web.get("/dang-nhap")

            let text = try await metrics(web)

            // The exact line `.ci/run` greps, and one HELP and one TYPE line per family.
            XCTAssertTrue(
                text.contains("tiendo_http_requests_total{method=\"GET\",route=\"/dang-nhap\",status=\"200\"} 1\n"),
                text)
            XCTAssertEqual(value("tiendo_http_request_duration_seconds_count{route=\"/dang-nhap\"}", in: text), 1, text)
            XCTAssertTrue(text.contains("# TYPE tiendo_http_request_duration_seconds histogram"), text)
            for family in TiendoMetrics.help.keys where !family.hasPrefix("tiendo_replica_") {
                XCTAssertEqual(
                    text.components(separatedBy: "# TYPE \(family) ").count - 1, 1, "one TYPE line for \(family)")
                XCTAssertEqual(text.components(separatedBy: "# HELP \(family) ").count - 1, 1, family)
            }
            XCTAssertEqual(value("tiendo_database_up", in: text), 1, text)
        }
    }

    func testLoginFailuresAreCountedByReasonAndNeverByUserName() async throws {
        try await WebTestApp.withDemo(metricsToken: Self.metricsToken) { web in
            let before = try await metrics(web)
            try await web.store.setActive(username: "tonghop", false)
            var refusals: [HTTPResponseStatus] = []
            for (username, password) in [
                ("phongdinh", "sai-mat-khau-1"), ("khongaicoten", "sai-mat-khau-2"),
                ("tonghop", WebTestApp.password("tonghop")),
            ] {
                do {
                    _ = try await web.login(username, password: password)
                } catch let failed as WebTestApp.LoginFailed {
                    refusals.append(failed.status)
                }
            }
            _ = try await web.login("phongdinh")

            let text = try await metrics(web)

            XCTAssertEqual(refusals, [.unauthorized, .unauthorized, .unauthorized])
            for reason in TiendoMetrics.LoginFailure.allCases {
                XCTAssertEqual(
                    value("tiendo_login_failures_total{reason=\"\(reason.rawValue)\"}", in: before), 0, before)
            }
            XCTAssertEqual(value("tiendo_login_failures_total{reason=\"wrong_password\"}", in: text), 1, text)
            XCTAssertEqual(value("tiendo_login_failures_total{reason=\"unknown_account\"}", in: text), 1, text)
            XCTAssertEqual(value("tiendo_login_failures_total{reason=\"disabled_account\"}", in: text), 1, text)
            XCTAssertEqual(value("tiendo_login_failures_total{reason=\"throttled\"}", in: text), 0, text)
            XCTAssertEqual(value("tiendo_logins_total", in: text), 1, text)
            for secret in ["phongdinh", "khongaicoten", "tonghop", "sai-mat-khau"] {
                XCTAssertFalse(text.contains(secret), "the metrics contain “\(secret)”")
            }
        }
    }

    func testTheReadModelSeriesShowASaveBehindTheLogUntilItIsFollowed() async throws {
        try await WebTestApp.withDemo(metricsToken: Self.metricsToken) { web in
            let session = try await web.login("phongdinh")
            _ = try await web.get("/nhap-lieu/CHI-TIEU-NAM/19831/2027", as: session)
            let before = try await metrics(web)
            let token = try await web.token("phongdinh")
            let written = try await web.api(
                .PUT, "/api/v1/values/19831/THU_NSNN/2026Q1", token: token, json: ["value": 312.5, "status": "uoc"])
            let afterSave = try await metrics(web)
            _ = try await web.get("/nhap-lieu/CHI-TIEU-NAM/19831/2027", as: session)

            let text = try await metrics(web)

            XCTAssertEqual(written.status, .created, written.body.string)
            func number(_ series: String, _ text: String) throws -> Double {
                try XCTUnwrap(value(series, in: text), "\(series) in\n\(text)")
            }
            // The save moved the log and the data version on the database ...
            let logBefore = try number("tiendo_change_log_position", before)
            let logAfter = try number("tiendo_change_log_position", afterSave)
            XCTAssertGreaterThan(logAfter, logBefore)
            XCTAssertGreaterThan(
                try number("tiendo_database_data_version", afterSave),
                try number("tiendo_database_data_version", before))
            XCTAssertEqual(try number("tiendo_read_model_log_entries_behind", before), 0, before)
            XCTAssertGreaterThanOrEqual(try number("tiendo_read_model_log_entries_behind", afterSave), 1, afterSave)
            // ... and it was applied by following the log (the page read or the catch-up after the scrape),
            // not by a whole read.
            XCTAssertEqual(try number("tiendo_read_model_log_entries_behind", text), 0, text)
            XCTAssertEqual(
                try number("tiendo_read_model_position", text), try number("tiendo_change_log_position", text))
            XCTAssertEqual(
                try number("tiendo_read_model_data_version", text), try number("tiendo_database_data_version", text))
            XCTAssertGreaterThan(
                try number("tiendo_read_model_follows_total", text),
                try number("tiendo_read_model_follows_total", before))
            XCTAssertGreaterThanOrEqual(
                try number("tiendo_read_model_changes_applied_total", text)
                    - number("tiendo_read_model_changes_applied_total", before), 1)
            XCTAssertGreaterThan(
                try number("tiendo_read_model_follow_seconds_total", text),
                try number("tiendo_read_model_follow_seconds_total", before))
            XCTAssertEqual(
                try number("tiendo_read_model_whole_reads_total", text),
                try number("tiendo_read_model_whole_reads_total", before), "a save is followed, not read again whole")
            XCTAssertGreaterThanOrEqual(try number("tiendo_read_model_whole_reads_total", text), 1, "the start")
            XCTAssertFalse(text.contains("tiendo_replica_"), "no replica configured, no replica series")
        }
    }

    func testThePDFQueueIsReadWhenScraped() async throws {
        try await WebTestApp.withDemo(metricsToken: Self.metricsToken) { web in
            let limiter = ReportPDF.shared
            try XCTSkipIf(limiter.maxWaiting < 1, "TIENDO_PDF_QUEUE=0: no conversion can wait")
            let released = NIOLockedValueBox(false)
            let jobs = (0...limiter.maxRunning).map { _ in
                Task {
                    try await limiter.run {
                        while !released.withLockedValue({ $0 }) { try? await Task.sleep(for: .milliseconds(5)) }
                    }
                }
            }
            for _ in 0..<500 {
                let load = await limiter.load
                if load.running == limiter.maxRunning && load.waiting == 1 { break }
                try await Task.sleep(for: .milliseconds(10))
            }

            let busy = try await metrics(web)
            released.withLockedValue { $0 = true }
            for job in jobs { try await job.value }
            let idle = try await metrics(web)

            XCTAssertEqual(value("tiendo_pdf_conversions_running", in: busy), Double(limiter.maxRunning), busy)
            XCTAssertEqual(value("tiendo_pdf_conversions_waiting", in: busy), 1, busy)
            XCTAssertEqual(value("tiendo_pdf_conversions_max_waiting", in: busy), Double(limiter.maxWaiting), busy)
            XCTAssertEqual(value("tiendo_pdf_conversions_running", in: idle), 0, idle)
            XCTAssertEqual(value("tiendo_pdf_conversions_waiting", in: idle), 0, idle)
        }
    }

    func testReminderMailNotSentIsTheMailQueueUntilTheNextRunSendsIt() async throws {
        try await WebTestApp.withDemo(metricsToken: Self.metricsToken) { web in
            try await web.store.setEmail(username: "tonghop", "vpthanhuy@hue.gov.vn")
            try await web.store.setEmail(username: "phongdinh", "phongdinh@hue.gov.vn")
            var settings = MailSettings()
            settings.smtpHost = "127.0.0.1"
            settings.from = "tiendo@hue.gov.vn"
            let relay = FlakyTransport(downFor: ["vpthanhuy@hue.gov.vn"])
            let morning = ReminderDayDoneTests.morning
            let metricsOfApp = web.app.tiendoMetrics
            let idle = try await metrics(web)

            let first = await ReminderScheduler.runIfDue(
                store: web.store, settings: settings, logger: web.app.logger, now: morning, transport: relay,
                retry: .once, metrics: metricsOfApp)
            let queued = try await metrics(web)
            await relay.recover()
            _ = await ReminderScheduler.runIfDue(
                store: web.store, settings: settings, logger: web.app.logger, now: morning.addingTimeInterval(31 * 60),
                transport: relay, retry: .once, metrics: metricsOfApp)
            let drained = try await metrics(web)

            XCTAssertEqual(first?.sent, 1)
            XCTAssertEqual(value("tiendo_mail_queue_length", in: idle), 0, idle)
            XCTAssertEqual(value("tiendo_mail_queue_length", in: queued), 1, queued)
            XCTAssertEqual(value("tiendo_mail_sent_total", in: queued), 1, queued)
            XCTAssertEqual(value("tiendo_mail_failures_total{permanent=\"false\"}", in: queued), 1, queued)
            XCTAssertEqual(value("tiendo_mail_failures_total{permanent=\"true\"}", in: queued), 0, queued)
            XCTAssertEqual(value("tiendo_mail_queue_length", in: drained), 0, drained)
            XCTAssertEqual(value("tiendo_mail_sent_total", in: drained), 2, drained)
        }
    }

    func testAReplicaBehindOrSilentAndTheReadModelCountersAreWrittenOnceEach() throws {
        let metrics = TiendoMetrics()
        var status = ReadModelStatus()
        status.wholeReads = 1
        status.follows = 2
        status.changesApplied = 5
        status.position = 40
        status.dataVersion = 7

        metrics.observe(
            readModel: status,
            lag: ReadModelLag(logPosition: 42, dataVersion: 9, replica: .init(versionsBehind: 3)))
        metrics.observe(
            readModel: status,
            lag: ReadModelLag(logPosition: 42, dataVersion: 9, replica: .init(versionsBehind: 3)))
        let behind = metrics.render()
        status.follows = 3
        metrics.observe(
            readModel: status,
            lag: ReadModelLag(logPosition: 42, dataVersion: 9, replica: .init(versionsBehind: nil)))
        let silent = metrics.render()
        metrics.observe(readModel: status, lag: nil)
        let databaseDown = metrics.render()

        XCTAssertEqual(value("tiendo_replica_data_versions_behind", in: behind), 3, behind)
        XCTAssertEqual(value("tiendo_replica_up", in: behind), 1, behind)
        XCTAssertEqual(value("tiendo_read_model_log_entries_behind", in: behind), 2, behind)
        XCTAssertEqual(value("tiendo_read_model_follows_total", in: behind), 2, "two scrapes, counted once")
        XCTAssertEqual(value("tiendo_read_model_changes_applied_total", in: behind), 5, behind)
        XCTAssertEqual(value("tiendo_read_model_whole_reads_total", in: behind), 1, behind)
        XCTAssertEqual(value("tiendo_replica_up", in: silent), 0, silent)
        XCTAssertEqual(value("tiendo_read_model_follows_total", in: silent), 3, silent)
        XCTAssertEqual(value("tiendo_database_up", in: silent), 1, silent)
        XCTAssertEqual(value("tiendo_database_up", in: databaseDown), 0, databaseDown)
    }

    func testAnExcelUploadIsCountedAsAnImport() async throws {
        try await WebTestApp.withDemo(metricsToken: Self.metricsToken) { web in
            let session = try await web.login("phongdinh")
            let path = "/nhap-lieu/CHI-TIEU-NAM/19831/2027"
            let template = try await web.get(path + "/mau-excel", as: session)
            let uploaded = try await web.upload(
                path + "/tai-len", file: Data(buffer: template.body), fileName: "mau.xlsx", as: session)
            let broken = try await web.upload(
                path + "/tai-len", file: Data("không phải Excel".utf8), fileName: "hong.xlsx", as: session)

            let text = try await metrics(web)

            XCTAssertEqual(uploaded.status, .seeOther, uploaded.body.string)
            XCTAssertEqual(broken.status, .unprocessableEntity)
            XCTAssertTrue(text.contains("tiendo_figure_imports_total{source=\"excel\",outcome=\"ok\"} 1"), text)
            XCTAssertTrue(text.contains("tiendo_figure_imports_total{source=\"excel\",outcome=\"failed\"} 1"), text)
        }
    }

    func testMetricsAreRefusedFromOutsideWithoutTheToken() async throws {
        try await WebTestApp.withDemo(metricsToken: Self.metricsToken) { web in
            // The testing API connects from no address at all: not loopback.
            let anonymous = try await web.get("/metrics")
            let wrong = try await web.app.testable().sendRequest(
                .GET, "/metrics", headers: ["Authorization": "Bearer sai-ma-0123456789abcdef"])
            let forwarded = try await web.app.testable().sendRequest(
                .GET, "/metrics", headers: ["X-Forwarded-For": "127.0.0.1"])
            let session = try await web.login("quantri")
            let loggedIn = try await web.get("/metrics", as: session)

            for response in [anonymous, wrong, forwarded, loggedIn] {
                XCTAssertEqual(response.status, .notFound)
                XCTAssertFalse(response.body.string.contains("tiendo_http_requests_total"))
            }
        }
    }

    func testHealthIsOkWithTheDatabaseAnd503WithoutIt() async throws {
        try await WebTestApp.withDemo { web in
            let healthy = try await web.get("/healthz")
            XCTAssertEqual(healthy.status, .ok)
            XCTAssertEqual(healthy.body.string, "ok")
        }

        // A second app whose database has been shut down.
        let database = try TiendoDatabase(location: .sqliteMemory)
        try await database.migrate()
        let store = TiendoStore(database: database.database)
        await database.shutdown()
        let app = try await Application.make(.testing)
        do {
            try TiendoWebApp.configure(app, store: store, configuration: WebConfiguration())
            let response = try await app.testable().sendRequest(.GET, "/healthz")

            XCTAssertEqual(response.status, .serviceUnavailable)
            XCTAssertTrue(response.body.string.contains("Không kết nối được cơ sở dữ liệu"), response.body.string)
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    func testTheMetricsTokenIsReadFromTheEnvironmentAndAWeakOneIsRefused() throws {
        let unset = try WebConfiguration.fromEnvironment([:])
        let set = try WebConfiguration.fromEnvironment(["TIENDO_METRICS_TOKEN": Self.metricsToken])

        XCTAssertNil(unset.metricsToken, "by default only the machine itself reads /metrics")
        XCTAssertEqual(set.metricsToken, Self.metricsToken)
        for weak in ["ngan", "có khoảng trắng 0123456789"] {
            XCTAssertThrowsError(try WebConfiguration.fromEnvironment(["TIENDO_METRICS_TOKEN": weak])) { error in
                XCTAssertTrue(String(describing: error).contains("TIENDO_METRICS_TOKEN"), "\(error)")
            }
        }
    }
}
