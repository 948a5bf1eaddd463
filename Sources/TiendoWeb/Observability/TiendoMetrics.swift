import Foundation
import NIOConcurrencyHelpers
import TiendoCore
import Vapor

/// The server's counters and histograms, written in the Prometheus text format at `/metrics`.
///
/// A small registry of our own (one lock around plain dictionaries) rather than a metrics
/// package: the few series below are all Tiendo needs, and no dependency is added.
public final class TiendoMetrics: Sendable {
    /// Upper bounds (seconds) of the request duration buckets.
    static let durationBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    /// Where figures came in from.
    public enum ImportSource: String, Sendable, CaseIterable {
        /// A filled Excel template uploaded on the entry page.
        case excel
        /// `PUT /api/v1/values/…`.
        case api
    }

    struct RequestKey: Hashable {
        let method: String
        let route: String
        let status: UInt
    }

    struct ImportKey: Hashable {
        let source: String
        let outcome: String
    }

    struct Histogram {
        var buckets = [Int](repeating: 0, count: TiendoMetrics.durationBuckets.count)
        var count = 0
        var sum = 0.0
    }

    struct State {
        var requests: [RequestKey: Int] = [:]
        var durations: [String: Histogram] = [:]
        var imports: [ImportKey: Int] = [:]
        var verdictComputations = 0
    }

    private let state = NIOLockedValueBox(State())

    /// An empty registry.
    public init() {}

    /// Counts one answered request under its route pattern (never its raw path, which would
    /// make one series per unit and period).
    func recordRequest(method: String, route: String, status: UInt, seconds: Double) {
        state.withLockedValue { state in
            state.requests[RequestKey(method: method, route: route, status: status), default: 0] += 1
            var histogram = state.durations[route] ?? Histogram()
            for (index, bound) in Self.durationBuckets.enumerated() where seconds <= bound {
                histogram.buckets[index] += 1
            }
            histogram.count += 1
            histogram.sum += seconds
            state.durations[route] = histogram
        }
    }

    /// Counts one import of figures that was written (`succeeded`) or refused.
    func recordImport(_ source: ImportSource, succeeded: Bool) {
        state.withLockedValue {
            $0.imports[ImportKey(source: source.rawValue, outcome: succeeded ? "ok" : "failed"), default: 0] += 1
        }
    }

    /// Counts the assessment of one unit's resolution for one period.
    func recordVerdictComputation() {
        state.withLockedValue { $0.verdictComputations += 1 }
    }

    /// The Prometheus text exposition (format 0.0.4), with the read model's status when given.
    func render(readModel: ReadModelStatus? = nil) -> String {
        let state = state.withLockedValue { $0 }
        var lines: [String] = []
        lines.append("# HELP tiendo_http_requests_total HTTP requests answered, by method, route pattern and status.")
        lines.append("# TYPE tiendo_http_requests_total counter")
        for (key, count) in state.requests.sorted(by: {
            ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status)
        }) {
            lines.append(
                "tiendo_http_requests_total{method=\"\(Self.escape(key.method))\",route=\"\(Self.escape(key.route))\",status=\"\(key.status)\"} \(count)"
            )
        }
        lines.append("# HELP tiendo_http_request_duration_seconds Time to answer a request, by route pattern.")
        lines.append("# TYPE tiendo_http_request_duration_seconds histogram")
        for (route, histogram) in state.durations.sorted(by: { $0.key < $1.key }) {
            let label = "route=\"\(Self.escape(route))\""
            for (index, bound) in Self.durationBuckets.enumerated() {
                lines.append(
                    "tiendo_http_request_duration_seconds_bucket{\(label),le=\"\(bound)\"} \(histogram.buckets[index])")
            }
            lines.append("tiendo_http_request_duration_seconds_bucket{\(label),le=\"+Inf\"} \(histogram.count)")
            lines.append("tiendo_http_request_duration_seconds_sum{\(label)} \(histogram.sum)")
            lines.append("tiendo_http_request_duration_seconds_count{\(label)} \(histogram.count)")
        }
        lines.append(
            "# HELP tiendo_figure_imports_total Figure imports through the server (Excel upload, API), written (ok) or refused (failed)."
        )
        lines.append("# TYPE tiendo_figure_imports_total counter")
        for source in ImportSource.allCases {
            for outcome in ["ok", "failed"] {
                let count = state.imports[ImportKey(source: source.rawValue, outcome: outcome)] ?? 0
                lines.append(
                    "tiendo_figure_imports_total{source=\"\(source.rawValue)\",outcome=\"\(outcome)\"} \(count)")
            }
        }
        lines.append(
            "# HELP tiendo_verdict_computations_total Assessments of a unit's resolution for a period (overview page, API). There is no verdict cache, so every view computes afresh and there is no cache-hit metric."
        )
        lines.append("# TYPE tiendo_verdict_computations_total counter")
        lines.append("tiendo_verdict_computations_total \(state.verdictComputations)")
        if let readModel { lines += Self.lines(readModel) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The read model's series: how it was kept up to date with the database.
    static func lines(_ status: ReadModelStatus) -> [String] {
        [
            "# HELP tiendo_read_model_whole_reads_total Whole reads of the database into memory (at start, and when the change log could not be followed).",
            "# TYPE tiendo_read_model_whole_reads_total counter",
            "tiendo_read_model_whole_reads_total \(status.wholeReads)",
            "# HELP tiendo_read_model_image_starts_total Starts from the read model's image on disk instead of a whole read.",
            "# TYPE tiendo_read_model_image_starts_total counter",
            "tiendo_read_model_image_starts_total \(status.imageStarts)",
            "# HELP tiendo_read_model_follows_total Times the change log was followed instead of a whole read.",
            "# TYPE tiendo_read_model_follows_total counter",
            "tiendo_read_model_follows_total \(status.follows)",
            "# HELP tiendo_read_model_changes_applied_total Figure changes applied from the change log.",
            "# TYPE tiendo_read_model_changes_applied_total counter",
            "tiendo_read_model_changes_applied_total \(status.changesApplied)",
            "# HELP tiendo_read_model_position Change-log position of the data served.",
            "# TYPE tiendo_read_model_position gauge",
            "tiendo_read_model_position \(status.position)",
            "# HELP tiendo_read_model_last_whole_read_seconds Duration of the last whole read (or start from the image).",
            "# TYPE tiendo_read_model_last_whole_read_seconds gauge",
            "tiendo_read_model_last_whole_read_seconds \(status.lastWholeReadSeconds)",
            "# HELP tiendo_read_model_last_follow_seconds Duration of the last follow of the change log.",
            "# TYPE tiendo_read_model_last_follow_seconds gauge",
            "tiendo_read_model_last_follow_seconds \(status.lastFollowSeconds)",
        ]
    }

    /// A label value with backslash, quote and newline escaped, as the format requires.
    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}

extension Application {
    private struct MetricsKey: StorageKey {
        typealias Value = TiendoMetrics
    }

    /// The registry of this application, made on first use.
    public var tiendoMetrics: TiendoMetrics {
        if let metrics = storage[MetricsKey.self] { return metrics }
        let metrics = TiendoMetrics()
        storage[MetricsKey.self] = metrics
        return metrics
    }
}
