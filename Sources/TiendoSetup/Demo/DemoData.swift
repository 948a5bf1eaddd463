import Foundation
import TiendoCore
import TiendoImport
import TiendoStorage

/// The demo: Thành phố Huế with its real communes and their lineage from the official lists, the
/// city's 2025–2030 resolution, and 2024–2027 figures made up for it. Everything that shows demo
/// figures says "Dữ liệu minh họa".
public enum DemoData {
    /// The resolution file the demo loads; also the complete example of docs/resolution-yaml.md.
    public static let resolutionFileName = "nghi-quyet-hue-2025-2030.yaml"

    /// The resolution of one ward (Phường Phong Dinh, formed by merger on 1 July 2025), so that
    /// the board of a commune has targets of its own; its figures are the ward's share of the city's.
    public static let wardResolutionFileName = "nghi-quyet-phong-dinh-2025-2030.yaml"

    /// The code of Thành phố Huế.
    public static let cityCode = "46"

    /// Loads (or reloads: it is idempotent) the demo into `store`, in one transaction, and
    /// returns a one-line Vietnamese summary.
    public static func load(into store: TiendoStore) async throws -> String {
        let units = try resource("hue_units_2025.csv")
        let lineage = try resource("hue_lineage_2025.csv")
        let resolutionText = try resource(resolutionFileName)
        let wardResolutionText = try resource(wardResolutionFileName)
        return try await store.inTransaction { tx in
            let (unitCount, _) = try await SetupImporter.importUnits(
                text: units, fileName: "hue_units_2025.csv", into: tx)
            let lineageCounts = try await SetupImporter.importLineage(
                text: lineage, fileName: "hue_lineage_2025.csv", into: tx)
            let resolution = try await SetupImporter.importResolution(
                text: resolutionText, fileName: resolutionFileName, into: tx)
            let values = try await figures(for: resolution, store: tx)
            // The ward's targets use indicators the city's file declares, so it comes second.
            let ward = try await SetupImporter.importResolution(
                text: wardResolutionText, fileName: wardResolutionFileName, into: tx)
            try await tx.recordValues(values)
            try await tx.setSetting("demo", "1")
            let linkCount = lineageCounts.inserted + lineageCounts.updated + lineageCounts.unchanged
            return
                "Đã nạp dữ liệu minh họa Thành phố Huế: \(unitCount) đơn vị, \(linkCount) bản ghi đơn vị cũ và quan hệ sáp nhập, "
                + "nghị quyết của thành phố (\(resolution.targets.count) chỉ tiêu) và của phường Phong Dinh "
                + "(\(ward.targets.count) chỉ tiêu), \(values.count) số liệu."
        }
    }

    /// The figures of the demo for `resolution`, from what the store holds.
    static func figures(for resolution: Resolution, store: TiendoStore) async throws -> [IndicatorValue] {
        let directory = try await store.directory()
        let indicators = try await store.indicators()
        let today = CivilDate(2026, 1, 1)
        let communes = directory.children(of: resolution.issuingUnitID, on: today)
        var predecessors: [UnitID: [LineageLink]] = [:]
        for commune in communes { predecessors[commune.unitID] = directory.predecessorLinks(of: commune.unitID) }
        let maker = DemoFigures(
            city: resolution.issuingUnitID, communes: communes, predecessors: predecessors,
            indicators: Dictionary(indicators.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a }))
        return maker.values(for: resolution)
    }

    /// The text of a bundled resource.
    static func resource(_ name: String) throws -> String {
        let base = (name as NSString).deletingPathExtension
        let ext = (name as NSString).pathExtension
        guard let url = Bundle.module.url(forResource: "Resources/" + base, withExtension: ext),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { throw StorageError("Thiếu tệp dữ liệu minh họa “\(name)” trong bản cài đặt.") }
        return text
    }
}
