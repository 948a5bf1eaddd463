import ArgumentParser
import Foundation
import TiendoApplication
import TiendoCore
import TiendoDemo
import TiendoStorage

/// `tiendo bench …`: the benchmark suite's dataset and measurements (docs/hieu-nang.md).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Bộ đo hiệu năng: sinh dữ liệu thử nghiệm cấp tỉnh hoặc cả nước và đo các thao tác chính.",
        subcommands: [BenchGenerateCommand.self, BenchRunCommand.self]
    )
}

/// `tiendo bench generate --scale national|province [--seed N] [--tinh CODE]`.
struct BenchGenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract:
            "Sinh dữ liệu thử nghiệm vào một cơ sở dữ liệu trống: đơn vị 2025 và xã cũ, 100 chỉ tiêu báo cáo hằng tháng 2025–2030, lịch sử năm 2020–2024, một nghị quyết cho mỗi tỉnh và mỗi xã."
    )

    @Option(name: .long, help: "Quy mô: province (một tỉnh) hoặc national (cả nước, khoảng 29 triệu số liệu).")
    var scale: String = "province"

    @Option(name: .long, help: "Hạt giống: cùng hạt giống cho cùng dữ liệu trên mọi máy.")
    var seed: UInt64 = 2025

    @Option(name: .customLong("tinh"), help: "Mã tỉnh khi --scale province (mặc định 46, Thành phố Huế).")
    var province: String = "46"

    func run() async throws {
        guard let scale = BenchDataset.Scale(rawValue: scale) else {
            throw CommandFailure("Quy mô “\(scale)” không hợp lệ; hãy dùng province hoặc national.")
        }
        let dataset = BenchDataset(scale: scale, seed: seed, provinceCode: province)
        let started = Date()
        let reporter = ProgressLine()
        let summary = try await withStore { store in
            try await BenchGenerator.generate(
                dataset, into: store, step: { progress($0) }, progress: { reporter.show($0, of: $1) })
        }
        let seconds = Date().timeIntervalSince(started)
        let rate = Double(summary.values) / max(summary.valueSeconds, 0.001)
        say(
            "Đã sinh dữ liệu thử nghiệm (\(scale.rawValue), hạt giống \(seed)): \(summary.provinces) tỉnh, "
                + "\(summary.communes) xã, \(summary.oldCommunes) xã cũ; \(summary.resolutions) nghị quyết với "
                + "\(summary.targets) chỉ tiêu; \(VietnameseNumber.format(Double(summary.values), decimals: 0)) số liệu "
                + "ghi trong \(VietnameseNumber.format(summary.valueSeconds, decimals: 1)) giây "
                + "(\(VietnameseNumber.format(rate, decimals: 0)) số liệu/giây, kèm nhật ký thay đổi); "
                + "tổng \(VietnameseNumber.format(seconds, decimals: 1)) giây.")
    }
}

/// One progress line on standard error, at most every two seconds: count, share, rate, time left.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let started = Date()
    private var lastShown = Date.distantPast

    func show(_ done: Int, of total: Int) {
        lock.withLock {
            let now = Date()
            guard done == total || now.timeIntervalSince(lastShown) >= 2 else { return }
            lastShown = now
            let elapsed = now.timeIntervalSince(started)
            let rate = elapsed > 0 ? Double(done) / elapsed : 0
            let left = rate > 0 ? Double(total - done) / rate : 0
            let share = total > 0 ? Double(done) / Double(total) * 100 : 100
            progress(
                "  \(VietnameseNumber.format(Double(done), decimals: 0)) / "
                    + "\(VietnameseNumber.format(Double(total), decimals: 0)) "
                    + "(\(VietnameseNumber.format(share, decimals: 0)) %), "
                    + "\(VietnameseNumber.format(rate, decimals: 0))/giây, còn khoảng \(Int(left.rounded())) giây")
        }
    }
}
