import Foundation
import TiendoApplication
import TiendoCore
import TiendoStorage

/// Writes a `BenchDataset` into an empty database through the store: units and lineage by the
/// same imports an office uses, indicators, one resolution per province and commune, then the
/// figures in batches of whole communes, each batch one transaction with its audit rows.
public enum BenchGenerator {
    /// What was written.
    public struct Summary: Sendable {
        public var provinces = 0
        public var communes = 0
        public var oldCommunes = 0
        public var resolutions = 0
        public var targets = 0
        public var values = 0
        /// Seconds spent writing figures only.
        public var valueSeconds = 0.0
    }

    /// How far the figures are: written so far, total.
    public typealias Progress = @Sendable (_ written: Int, _ total: Int) -> Void

    /// Generates `dataset` into `store`, which must hold no unit yet.
    public static func generate(
        _ dataset: BenchDataset, into store: TiendoStore, step: @Sendable (String) -> Void, progress: Progress
    ) async throws -> Summary {
        guard try await store.directory().unitIDs.isEmpty else {
            throw StorageError(
                "Cơ sở dữ liệu đã có đơn vị; dữ liệu thử nghiệm chỉ sinh vào một cơ sở dữ liệu trống (ví dụ: đặt TIENDO_SQLITE_PATH=/tmp/thu-nghiem.sqlite)."
            )
        }
        var summary = Summary()
        step("Đang nhập danh mục đơn vị và quan hệ sáp nhập…")
        let units = dataset.unitListText(try DemoData.resource("vn_units_2025.csv"))
        let lineage = dataset.lineageText(try DemoData.resource("vn_lineage_2025.csv"), unitList: units)
        if lineage.skipped > 0 {
            step(
                "Bỏ qua \(lineage.skipped) dòng quan hệ sáp nhập có mã xã mới không có trong danh sách đơn vị (dữ liệu tham khảo chưa khớp)."
            )
        }
        _ = try await SetupImporter.importUnits(text: units, fileName: "vn_units_2025.csv", into: store)
        _ = try await SetupImporter.importLineage(text: lineage.text, fileName: "vn_lineage_2025.csv", into: store)
        try await store.importIndicators(BenchDataset.indicators)

        let directory = try await store.directory()
        let reform = CivilDate(2025, 7, 1)
        let all = directory.unitIDs.compactMap { directory.latestVersion(of: $0) }
        let provinces = all.filter { $0.parentID == nil && $0.validFrom == reform }.sorted { $0.code < $1.code }
        let communes = provinces.flatMap { directory.children(of: $0.unitID, on: reform) }
            .sorted { $0.code < $1.code }
        let oldCommunes = all.filter { $0.validTo != nil && $0.validFrom < reform }.sorted { $0.code < $1.code }
        summary.provinces = provinces.count
        summary.communes = communes.count
        summary.oldCommunes = oldCommunes.count

        step("Đang ghi \(provinces.count + communes.count) nghị quyết…")
        let resolutions =
            provinces.map { province in
                dataset.resolution(for: province, communes: directory.children(of: province.unitID, on: reform))
            } + communes.map { dataset.resolution(for: $0, communes: []) }
        try await store.inTransaction { tx in
            for resolution in resolutions { try await tx.saveResolution(resolution) }
        }
        summary.resolutions = resolutions.count
        summary.targets = resolutions.reduce(0) { $0 + $1.targets.count }

        let total = communes.count * 100 * 72 + oldCommunes.count * 100 * BenchDataset.historyYears.count
        step("Đang ghi \(total) số liệu…")
        let started = Date()
        var written = 0
        progress(0, total)
        for batch in stride(from: 0, to: communes.count, by: 25) {
            let values = communes[batch..<min(batch + 25, communes.count)].flatMap { dataset.communeValues($0) }
            try await store.insertNewValues(values)
            written += values.count
            progress(written, total)
        }
        for batch in stride(from: 0, to: oldCommunes.count, by: 300) {
            let values = oldCommunes[batch..<min(batch + 300, oldCommunes.count)].flatMap {
                dataset.historyValues($0)
            }
            try await store.insertNewValues(values)
            written += values.count
            progress(written, total)
        }
        summary.values = written
        summary.valueSeconds = Date().timeIntervalSince(started)
        return summary
    }
}
