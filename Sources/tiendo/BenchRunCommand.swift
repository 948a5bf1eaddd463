import ArgumentParser
import Foundation
import TiendoCore
import TiendoDocuments
import TiendoStorage

/// `tiendo bench run`: times, in this process, what a server does with the data — reading the
/// snapshot, judging every resolution of every unit, rolling every indicator up to every
/// province, writing review reports — and the process's peak memory after each step. The
/// dashboards under load are measured over HTTP by `benchmarks/suite.py`.
struct BenchRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract:
            "Đo trên dữ liệu hiện có: đọc dữ liệu, đánh giá mọi chỉ tiêu của mọi đơn vị (lạnh và ấm), tổng hợp cả nước, báo cáo của một xã và của mọi xã một tỉnh, bộ nhớ đỉnh."
    )

    @Option(name: .long, help: "Kỳ đánh giá (mặc định 2026).")
    var at: String = "2026"

    @Option(name: .long, help: "Số lần đo mỗi phép (lấy trung vị).")
    var runs: Int = 3

    @Option(name: .customLong("tinh"), help: "Mã tỉnh lập báo cáo cho mọi xã (mặc định: tỉnh đầu tiên có nghị quyết).")
    var province: String?

    @Option(name: .long, help: "Ghi kết quả dạng JSON vào tệp này.")
    var json: String?

    @Option(name: .customLong("tong-hop-csv"), help: "Ghi bảng tổng hợp cả nước (tỉnh × chỉ tiêu) vào tệp CSV này.")
    var rollupCSV: String?

    func run() async throws {
        let period = try SubjectLookup.period(at)
        guard runs >= 1 else { throw CommandFailure("Số lần đo phải từ 1 trở lên.") }
        var results = BenchResults()
        try await withStore { store in
            progress("Đang đọc toàn bộ dữ liệu từ cơ sở dữ liệu…")
            let (loaded, loadSeconds) = try await timed { try await store.loadSnapshot() }
            results.add("snapshot_load_s", loadSeconds)
            results.add("values", Double(loaded.values.count))
            results.memory("after_load")
            say(
                "Đọc dữ liệu: \(loaded.values.count) số liệu, \(loaded.resolutions.count) nghị quyết trong \(seconds(loadSeconds))."
            )

            // A snapshot built anew has an empty roll-up memo: that is "cold".
            func fresh() -> Snapshot {
                Snapshot(
                    directory: loaded.directory, indicators: loaded.indicators, values: loaded.values,
                    resolutions: loaded.resolutions)
            }
            let asOf = period.span(in: .statistical).end
            let subjects = loaded.resolutions.compactMap { resolution -> (UnitVersion, Resolution)? in
                guard let unit = loaded.directory.version(of: resolution.issuingUnitID, on: asOf) else { return nil }
                return (unit, resolution)
            }
            func assessAll(_ snapshot: Snapshot) -> (targets: Int, verdicts: [String: Int]) {
                var targets = 0
                var verdicts: [String: Int] = [:]
                for (unit, resolution) in subjects {
                    let assessed = UnitAssessment(
                        snapshot: snapshot, unit: unit, resolution: resolution, period: period)
                    targets += assessed.assessments.count
                    for assessment in assessed.assessments {
                        verdicts[assessment.verdict.vietnameseName, default: 0] += 1
                    }
                }
                return (targets, verdicts)
            }
            progress("Đang đánh giá \(subjects.count) nghị quyết (lạnh: bộ nhớ tổng hợp trống)…")
            var coldTimes: [Double] = []
            var warmTimes: [Double] = []
            var outcome = (targets: 0, verdicts: [String: Int]())
            for _ in 0..<runs {
                let snapshot = fresh()
                let (cold, coldSeconds) = try await timed { assessAll(snapshot) }
                coldTimes.append(coldSeconds)
                outcome = cold
                let (_, warmSeconds) = try await timed { assessAll(snapshot) }
                warmTimes.append(warmSeconds)
            }
            results.add("verdicts_targets", Double(outcome.targets))
            results.add("verdicts_units", Double(subjects.count))
            results.add("verdicts_cold_s", median(coldTimes), runs: coldTimes)
            results.add("verdicts_warm_s", median(warmTimes), runs: warmTimes)
            results.memory("after_verdicts")
            let counts = outcome.verdicts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                .joined(separator: ", ")
            say(
                "Đánh giá \(outcome.targets) chỉ tiêu của \(subjects.count) đơn vị, kỳ \(period.vietnameseLabel): "
                    + "lạnh \(seconds(median(coldTimes))), ấm \(seconds(median(warmTimes))) (trung vị \(runs) lần). "
                    + "Kết quả: \(counts).")

            progress("Đang tổng hợp mọi chỉ tiêu lên mọi tỉnh…")
            let provinces = loaded.directory.unitIDs.compactMap { loaded.directory.version(of: $0, on: asOf) }
                .filter { $0.parentID == nil && $0.kind.isProvinceLevel }.sorted { $0.code < $1.code }
            let rolled = loaded.indicators.filter { $0.space.isAdditive || $0.ratioParts != nil }
            var rollUpTimes: [Double] = []
            var rows: [(String, String, FigureOutcome)] = []
            for _ in 0..<runs {
                let rollUp = fresh().rollUp
                let (table, rollSeconds) = try await timed {
                    provinces.flatMap { province in
                        rolled.map {
                            (province.code, $0.code, rollUp.figure($0.code, unit: province.unitID, period: period))
                        }
                    }
                }
                rollUpTimes.append(rollSeconds)
                rows = table
            }
            results.add("rollup_figures", Double(rows.count))
            results.add("rollup_s", median(rollUpTimes), runs: rollUpTimes)
            say(
                "Tổng hợp cả nước: \(rows.count) số liệu (\(provinces.count) tỉnh × \(rolled.count) chỉ tiêu) "
                    + "trong \(seconds(median(rollUpTimes))) (trung vị, bộ nhớ tổng hợp trống).")
            if let rollupCSV {
                var text = "province_code,indicator_code,number\n"
                for (province, indicator, figure) in rows {
                    text += "\(province),\(indicator),\(figure.figure.map { String($0.number) } ?? "")\n"
                }
                try write(Data(text.utf8), to: rollupCSV)
            }

            let warm = fresh()
            _ = assessAll(warm)
            let chosen =
                province.flatMap { code in provinces.first { $0.code == code } }
                ?? provinces.first { province in subjects.contains { $0.0.parentID == province.unitID } }
            guard let chosen else { throw CommandFailure("Không có tỉnh nào có xã có nghị quyết để lập báo cáo.") }
            let communes = subjects.filter { $0.0.parentID == chosen.unitID }
            guard let first = communes.first else {
                throw CommandFailure("\(chosen.fullName) không có xã nào có nghị quyết để lập báo cáo.")
            }
            let options = ReportOptions(kind: .soKet, date: CivilDate(2027, 1, 15))
            func report(_ subject: (UnitVersion, Resolution)) throws -> Int {
                let assessed = UnitAssessment(snapshot: warm, unit: subject.0, resolution: subject.1, period: period)
                let narrative = Narrative(unitID: subject.0.unitID, period: period, kind: .soKet)
                return try ReviewReport(
                    assessed: assessed, snapshot: warm, narrative: narrative, options: options, isDemo: false
                ).docx().count
            }
            progress(
                "Đang lập báo cáo sơ kết của \(first.0.fullName) và của \(communes.count) xã thuộc \(chosen.fullName)…")
            var oneTimes: [Double] = []
            var bytes = 0
            for _ in 0..<max(runs, 5) {
                let (size, oneSeconds) = try await timed { try report(first) }
                oneTimes.append(oneSeconds)
                bytes = size
            }
            let (_, allSeconds) = try await timed { try communes.reduce(0) { $0 + (try report($1)) } }
            results.add("report_commune_s", median(oneTimes), runs: oneTimes)
            results.add("report_province_communes", Double(communes.count))
            results.add("report_province_all_s", allSeconds)
            results.memory("after_reports")
            say(
                "Báo cáo sơ kết (Word) của \(first.0.fullName): \(seconds(median(oneTimes))) (trung vị), \(bytes / 1024) KB; "
                    + "của cả \(communes.count) xã thuộc \(chosen.fullName): \(seconds(allSeconds)).")
        }
        let peak = BenchResults.peakMemoryMB()
        say("Bộ nhớ đỉnh của tiến trình: \(VietnameseNumber.format(peak, decimals: 0)) MB.")
        if let json { try write(results.json(), to: json) }
    }

    private func write(_ data: Data, to path: String) throws {
        do { try data.write(to: URL(fileURLWithPath: path)) } catch {
            throw CommandFailure("Không ghi được tệp “\(path)”.")
        }
    }
}

/// Times `body` on the monotonic clock.
func timed<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try await body()
    let elapsed = clock.now - start
    return (value, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1
        ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func seconds(_ value: Double) -> String {
    value < 1
        ? "\(VietnameseNumber.format(value * 1000, decimals: 1)) ms"
        : "\(VietnameseNumber.format(value, decimals: 2)) giây"
}

/// Figures of one `bench run`, written as JSON for `benchmarks/suite.py`.
struct BenchResults {
    private var figures: [String: Double] = [:]
    private var allRuns: [String: [Double]] = [:]

    mutating func add(_ key: String, _ value: Double, runs: [Double]? = nil) {
        figures[key] = value
        if let runs { allRuns[key] = runs }
    }

    mutating func memory(_ step: String) { figures["peak_mb_" + step] = Self.peakMemoryMB() }

    /// The process's peak resident memory (VmHWM), in MB; 0 where /proc is missing.
    static func peakMemoryMB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kilobytes / 1024
        }
        return 0
    }

    func json() throws -> Data {
        struct Output: Encodable {
            let figures: [String: Double]
            let runs: [String: [Double]]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(Output(figures: figures, runs: allRuns))
    }
}
