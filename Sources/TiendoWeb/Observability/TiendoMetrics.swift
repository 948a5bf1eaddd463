import CoreMetrics
import Foundation
import Metrics
import NIOConcurrencyHelpers
import Prometheus
import TiendoCore
import Vapor

/// The server's metrics, recorded through swift-metrics and written by swift-prometheus's
/// registry in the Prometheus text format at `/metrics`.
///
/// Every application has a registry of its own, handed to swift-metrics' objects through their
/// `factory:` argument instead of bootstrapping the process-wide `MetricsSystem`: that can be done
/// only once per process, and the tests start many applications in one. Each series has one name,
/// one type and one set of label names, all fixed here (the registry stops the process on a clash,
/// so nothing taken from a request ever becomes a name or a label name; requests give label
/// values only). The read model, the database and the PDF queue are read when Prometheus scrapes
/// (``observe(readModel:lag:)``, ``observe(pdf:)``); the rest is counted as it happens.
public final class TiendoMetrics: Sendable {
    /// The registry that writes the exposition.
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory

    /// Where figures came in from.
    public enum ImportSource: String, Sendable, CaseIterable {
        /// A filled Excel template uploaded on the entry page.
        case excel
        /// `PUT /api/v1/values/…`.
        case api
    }

    /// Why a login was refused: the label of `tiendo_login_failures_total`. Never a user name.
    public enum LoginFailure: String, Sendable, CaseIterable {
        /// No account has this user name.
        case unknownAccount = "unknown_account"
        /// The account exists but the password is wrong.
        case wrongPassword = "wrong_password"
        /// The account is disabled.
        case disabledAccount = "disabled_account"
        /// Refused before the password was checked: too many failures from the address or for the account.
        case throttled
    }

    /// The read model's counters as last written, so each scrape adds only what happened since.
    private let readModelSeen = NIOLockedValueBox(ReadModelStatus())

    /// A registry of its own (`registry`, by default a new one).
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        self.factory = PrometheusMetricsFactory(registry: registry)
        // Series that should read 0 before anything happened, so that `rate()` and alerts see them.
        for source in ImportSource.allCases {
            for outcome in ["ok", "failed"] { _ = importCounter(source.rawValue, outcome) }
        }
        for reason in LoginFailure.allCases { _ = loginFailureCounter(reason) }
        for name in [
            Name.verdictComputations, Name.logins, Name.readModelWholeReads, Name.readModelImageStarts,
            Name.readModelFollows, Name.readModelChangesApplied, Name.mailSent,
        ] {
            _ = counter(name)
        }
        _ = floatingCounter(Name.readModelFollowSeconds)
        for permanent in [false, true] { _ = mailFailureCounter(permanent: permanent) }
        gauge(Name.mailQueue).record(0)
    }

    // MARK: Recording

    /// Counts one answered request under its route pattern (never its raw path, which would
    /// make one series per unit and period), and its duration.
    func recordRequest(method: String, route: String, status: UInt, seconds: Double) {
        counter(Name.httpRequests, [("method", method), ("route", route), ("status", String(status))]).increment()
        CoreMetrics.Timer(label: Name.httpRequestDuration, dimensions: [("route", route)], factory: factory)
            .recordSeconds(seconds.isFinite ? max(seconds, 0) : 0)
    }

    /// Counts one import of figures that was written (`succeeded`) or refused.
    func recordImport(_ source: ImportSource, succeeded: Bool) {
        importCounter(source.rawValue, succeeded ? "ok" : "failed").increment()
    }

    /// Counts the assessment of one unit's resolution for one period.
    func recordVerdictComputation() {
        counter(Name.verdictComputations).increment()
    }

    /// Counts one login that opened a session.
    func recordLogin() {
        counter(Name.logins).increment()
    }

    /// Counts one refused login, by reason (never by user name or address).
    func recordLoginFailure(_ reason: LoginFailure) {
        loginFailureCounter(reason).increment()
    }

    /// Records a run of the reminder mail: messages sent, refused for good, and those that did
    /// not go out and wait for the next run (the mail queue).
    func recordMailRun(sent: Int, permanentFailures: Int, waiting: Int) {
        counter(Name.mailSent).increment(by: max(sent, 0))
        mailFailureCounter(permanent: true).increment(by: max(permanentFailures, 0))
        mailFailureCounter(permanent: false).increment(by: max(waiting, 0))
        gauge(Name.mailQueue).record(max(waiting, 0))
    }

    // MARK: Read at scrape time

    /// The read model's status and, when the database answered, how far it is behind.
    func observe(readModel status: ReadModelStatus, lag: ReadModelLag?) {
        readModelSeen.withLockedValue { seen in
            // The store's numbers only grow; a counter is moved by what is new since the last scrape.
            func add(_ name: String, _ now: Int, _ before: Int) {
                if now > before { counter(name).increment(by: now - before) }
            }
            add(Name.readModelWholeReads, status.wholeReads, seen.wholeReads)
            add(Name.readModelImageStarts, status.imageStarts, seen.imageStarts)
            add(Name.readModelFollows, status.follows, seen.follows)
            add(Name.readModelChangesApplied, status.changesApplied, seen.changesApplied)
            let followSeconds = status.followSecondsTotal - seen.followSecondsTotal
            if followSeconds.isFinite, followSeconds > 0 {
                floatingCounter(Name.readModelFollowSeconds).increment(by: followSeconds)
            }
            seen = status
        }
        gauge(Name.readModelPosition).record(status.position)
        gauge(Name.readModelDataVersion).record(status.dataVersion)
        gauge(Name.readModelLastWholeRead).record(status.lastWholeReadSeconds)
        gauge(Name.readModelLastFollow).record(status.lastFollowSeconds)
        gauge(Name.databaseUp).record(lag == nil ? 0 : 1)
        guard let lag else { return }
        gauge(Name.changeLogPosition).record(lag.logPosition)
        gauge(Name.databaseDataVersion).record(lag.dataVersion)
        // The model is brought up to date by the next request that reads it (or after the scrape).
        gauge(Name.readModelEntriesBehind).record(max(lag.logPosition - status.position, 0))
        if let replica = lag.replica {
            gauge(Name.replicaUp).record(replica.versionsBehind == nil ? 0 : 1)
            if let behind = replica.versionsBehind { gauge(Name.replicaVersionsBehind).record(max(behind, 0)) }
        }
    }

    /// The PDF conversions running and waiting now, and the limits they are held to.
    func observe(pdf running: Int, waiting: Int, maxRunning: Int, maxWaiting: Int) {
        gauge(Name.pdfRunning).record(running)
        gauge(Name.pdfWaiting).record(waiting)
        gauge(Name.pdfMaxRunning).record(maxRunning)
        gauge(Name.pdfMaxWaiting).record(maxWaiting)
    }

    // MARK: Exposition

    /// The Prometheus text exposition (format 0.0.4): the registry's output, families in name
    /// order, each with its `# HELP` line (the registry writes one only for series made without
    /// swift-metrics, so the meanings are added here from ``help``).
    func render() -> String {
        var families: [(name: String, lines: [Substring])] = []
        for line in registry.emitToString().split(separator: "\n") {
            if line.hasPrefix("# TYPE ") {
                let name = line.dropFirst("# TYPE ".count).split(separator: " ").first.map(String.init) ?? ""
                families.append((name, [line]))
            } else if !families.isEmpty {
                families[families.count - 1].lines.append(line)
            }
        }
        var out: [String] = []
        for family in families.sorted(by: { $0.name < $1.name }) {
            if let help = Self.help[family.name] { out.append("# HELP \(family.name) \(help)") }
            out += family.lines.map(String.init)
        }
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: Series

    /// The names of the series, each written once.
    enum Name {
        static let httpRequests = "tiendo_http_requests_total"
        static let httpRequestDuration = "tiendo_http_request_duration_seconds"
        static let figureImports = "tiendo_figure_imports_total"
        static let verdictComputations = "tiendo_verdict_computations_total"
        static let logins = "tiendo_logins_total"
        static let loginFailures = "tiendo_login_failures_total"
        static let readModelWholeReads = "tiendo_read_model_whole_reads_total"
        static let readModelImageStarts = "tiendo_read_model_image_starts_total"
        static let readModelFollows = "tiendo_read_model_follows_total"
        static let readModelChangesApplied = "tiendo_read_model_changes_applied_total"
        static let readModelFollowSeconds = "tiendo_read_model_follow_seconds_total"
        static let readModelPosition = "tiendo_read_model_position"
        static let readModelDataVersion = "tiendo_read_model_data_version"
        static let readModelLastWholeRead = "tiendo_read_model_last_whole_read_seconds"
        static let readModelLastFollow = "tiendo_read_model_last_follow_seconds"
        static let readModelEntriesBehind = "tiendo_read_model_log_entries_behind"
        static let changeLogPosition = "tiendo_change_log_position"
        static let databaseDataVersion = "tiendo_database_data_version"
        static let databaseUp = "tiendo_database_up"
        static let replicaUp = "tiendo_replica_up"
        static let replicaVersionsBehind = "tiendo_replica_data_versions_behind"
        static let pdfRunning = "tiendo_pdf_conversions_running"
        static let pdfWaiting = "tiendo_pdf_conversions_waiting"
        static let pdfMaxRunning = "tiendo_pdf_conversions_max_running"
        static let pdfMaxWaiting = "tiendo_pdf_conversions_max_waiting"
        static let mailSent = "tiendo_mail_sent_total"
        static let mailFailures = "tiendo_mail_failures_total"
        static let mailQueue = "tiendo_mail_queue_length"
    }

    /// What each series means, for its `# HELP` line (docs/trien-khai.md lists the same).
    static let help: [String: String] = [
        Name.httpRequests: "HTTP requests answered, by method, route pattern and status.",
        Name.httpRequestDuration: "Time to answer a request, by route pattern.",
        Name.figureImports:
            "Figure imports through the server (Excel upload, API), written (ok) or refused (failed).",
        Name.verdictComputations:
            "Assessments of a unit's resolution for a period (overview page, API). There is no verdict cache, so every view computes afresh and there is no cache-hit metric.",
        Name.logins: "Logins that opened a session.",
        Name.loginFailures:
            "Refused logins, by reason (unknown_account, wrong_password, disabled_account, throttled); never by user name.",
        Name.readModelWholeReads:
            "Whole reads of the database into memory (at start, and when the change log could not be followed).",
        Name.readModelImageStarts: "Starts from the read model's image on disk instead of a whole read.",
        Name.readModelFollows: "Times the change log was followed instead of a whole read.",
        Name.readModelChangesApplied: "Figure changes applied from the change log.",
        Name.readModelFollowSeconds:
            "Time spent following the change log, in seconds; divided by the follows, the mean time to apply.",
        Name.readModelPosition: "Change-log position of the data served.",
        Name.readModelDataVersion: "Data version of the data served.",
        Name.readModelLastWholeRead: "Duration of the last whole read (or start from the image), in seconds.",
        Name.readModelLastFollow: "Duration of the last follow of the change log, in seconds.",
        Name.readModelEntriesBehind:
            "Change-log entries committed on the database and not yet applied to the data served (applied by the next request that reads it, or in the background after this scrape).",
        Name.changeLogPosition: "Newest change-log position on the database.",
        Name.databaseDataVersion: "Data version on the database.",
        Name.databaseUp: "1 when the database answered the last scrape's questions, 0 when it did not.",
        Name.replicaUp: "1 when the read replica (DATABASE_READ_URL) answered, 0 when it did not.",
        Name.replicaVersionsBehind:
            "Data versions the read replica is behind the database; while behind, reads go to the database.",
        Name.pdfRunning: "PDF conversions (LibreOffice) running now.",
        Name.pdfWaiting: "PDF downloads waiting for a conversion slot now.",
        Name.pdfMaxRunning: "Conversions allowed at once (TIENDO_PDF_CONCURRENCY).",
        Name.pdfMaxWaiting: "Downloads allowed to wait (TIENDO_PDF_QUEUE); past that they are refused.",
        Name.mailSent: "Reminder e-mails handed to the relay.",
        Name.mailFailures:
            "Reminder e-mails that did not go out: refused for good (permanent=\"true\") or to be tried again (permanent=\"false\").",
        Name.mailQueue: "Reminder e-mails of the day that did not go out and wait for the next run.",
    ]

    private func counter(_ name: String, _ labels: [(String, String)] = []) -> CoreMetrics.Counter {
        CoreMetrics.Counter(label: name, dimensions: labels, factory: factory)
    }

    private func floatingCounter(_ name: String) -> CoreMetrics.FloatingPointCounter {
        CoreMetrics.FloatingPointCounter(label: name, dimensions: [], factory: factory)
    }

    private func gauge(_ name: String) -> CoreMetrics.Gauge {
        CoreMetrics.Gauge(label: name, dimensions: [], factory: factory)
    }

    private func importCounter(_ source: String, _ outcome: String) -> CoreMetrics.Counter {
        counter(Name.figureImports, [("source", source), ("outcome", outcome)])
    }

    private func loginFailureCounter(_ reason: LoginFailure) -> CoreMetrics.Counter {
        counter(Name.loginFailures, [("reason", reason.rawValue)])
    }

    private func mailFailureCounter(permanent: Bool) -> CoreMetrics.Counter {
        counter(Name.mailFailures, [("permanent", permanent ? "true" : "false")])
    }
}

extension Application {
    private struct MetricsKey: StorageKey, LockKey {
        typealias Value = TiendoMetrics
    }

    /// The metrics of this application, with a registry of its own, made on first use (under a
    /// lock: two first requests at once must not count into two registries).
    public var tiendoMetrics: TiendoMetrics {
        locks.lock(for: MetricsKey.self).withLock {
            if let metrics = storage[MetricsKey.self] { return metrics }
            let metrics = TiendoMetrics()
            storage[MetricsKey.self] = metrics
            return metrics
        }
    }
}
