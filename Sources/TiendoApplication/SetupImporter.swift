import Foundation
import TiendoCore
import TiendoImport
import TiendoStorage

/// The imports that set a province up without a UI: parse the whole file, check it against what
/// storage holds, then write it in one transaction — or throw `ImportFailure` and write nothing.
/// Shared by the CLI and the demo.
public enum SetupImporter {
    /// Imports the official unit list (shape of vn_units_2025.csv).
    public static func importUnits(text: String, fileName: String, into store: TiendoStore) async throws
        -> (units: Int, counts: ImportCounts)
    {
        let rows = try UnitListFile.parse(text: text, fileName: fileName)
        let counts = try await store.importUnitVersions(UnitListFile.versions(rows))
        return (rows.count, counts)
    }

    /// Imports lineage (shape of vn_lineage_2025.csv): the old communes become units valid until
    /// 30/06/2025 and are linked to the new ones valid from 01/07/2025.
    public static func importLineage(text: String, fileName: String, into store: TiendoStore) async throws
        -> ImportCounts
    {
        let directory = try await store.directory()
        let newUnits = directory.unitIDs.compactMap { directory.version(of: $0, on: UnitListFile.validFrom) }
        guard !newUnits.isEmpty else {
            throw ImportFailure(
                fileName: fileName,
                issues: [
                    ImportIssue(
                        fileName: fileName, line: nil, field: nil,
                        reason:
                            "chưa có danh sách đơn vị mới; hãy chạy “tiendo units import” trước khi nhập quan hệ sáp nhập"
                    )
                ])
        }
        let rows = try LineageFile.parse(text: text, fileName: fileName, knownNewUnits: newUnits)
        let plan = LineagePlan.build(rows: rows, newUnits: newUnits)
        return try await store.importLineage(oldVersions: plan.oldVersions, links: plan.links)
    }

    /// Imports a resolution with its indicators, targets and revisions.
    @discardableResult
    public static func importResolution(text: String, fileName: String, into store: TiendoStore) async throws
        -> Resolution
    {
        let known = Set(try await store.indicators().map(\.code))
        let document = try ResolutionFile.parse(text: text, fileName: fileName, knownIndicatorCodes: known)
        let directory = try await store.directory()
        guard let issuer = directory.unit(code: document.issuingUnitCode, on: document.adoptedOn) else {
            throw document.unknownIssuingUnitFailure()
        }
        let resolution = document.resolution(issuingUnitID: issuer.unitID)
        try await store.saveResolution(resolution, indicators: document.indicators)
        return resolution
    }
}
