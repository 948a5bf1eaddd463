import Foundation
import TiendoApplication
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

    /// The demo accounts, one per role, with their demo passwords (listed in the README under a
    /// "demo only" warning; never use them on real data).
    public static let accounts:
        [(username: String, displayName: String, role: Role, unitCode: String, password: String)] = [
            ("quantri", "Quản trị hệ thống (minh họa)", .quanTri, "46", "quantri-minhhoa"),
            ("tonghop", "Văn phòng Thành ủy Huế (minh họa)", .tongHop, "46", "tonghop-minhhoa"),
            (
                "phongdinh", "Cán bộ văn phòng Đảng ủy phường Phong Dinh (minh họa)", .baoCao, "19831",
                "phongdinh-minhhoa"
            ),
            ("lanhdao", "Lãnh đạo thành phố (minh họa)", .xem, "46", "lanhdao-minhhoa"),
        ]

    /// The demo's reporting form: the figures the communes report each year.
    public static let formCode = "CHI-TIEU-NAM"

    /// Loads (or reloads: it is idempotent) the demo into `store`, in one transaction, and
    /// returns a one-line Vietnamese summary. `hashPassword` makes the stored hash of a demo
    /// password (bcrypt lives with the web layer).
    public static func load(into store: TiendoStore, hashPassword: @escaping @Sendable (String) throws -> String)
        async throws -> String
    {
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
            try await tx.saveForm(try await form(resolutionIssuer: resolution.issuingUnitID, store: tx))
            try await createAccounts(store: tx, hashPassword: hashPassword)
            _ = try await DemoFollowUp.load(into: tx, cityCode: cityCode, resolutionID: resolution.id)
            try await DemoQualityRatings.load(into: tx)
            try await tx.markAsDemo()
            let linkCount = lineageCounts.inserted + lineageCounts.updated + lineageCounts.unchanged
            return
                "Đã nạp dữ liệu minh họa Thành phố Huế: \(unitCount) đơn vị, \(linkCount) bản ghi đơn vị cũ và quan hệ sáp nhập, "
                + "nghị quyết của thành phố (\(resolution.targets.count) chỉ tiêu) và của phường Phong Dinh "
                + "(\(ward.targets.count) chỉ tiêu), \(values.count) số liệu, một thông báo kết luận với "
                + "\(DemoFollowUp.items.count) nhiệm vụ giao các phường."
        }
    }

    /// The yearly form the communes of the city report: the indicators of the ward targets.
    static func form(resolutionIssuer city: UnitID, store: TiendoStore) async throws -> ReportingForm {
        let directory = try await store.directory()
        let communes = directory.children(of: city, on: CivilDate(2026, 1, 1)).map(\.unitID)
        return ReportingForm(
            code: formCode, name: "Báo cáo kết quả thực hiện chỉ tiêu năm (cấp xã)",
            indicatorCodes: [
                "THU_NSNN", "VON_DAU_TU", "LAO_DONG_VIEC_LAM", "SO_HO_NGHEO", "TONG_SO_HO", "SO_NGUOI_BHYT", "DAN_SO",
                "AN_KHAM_PHA", "AN_XAY_RA", "DANG_VIEN_MOI", "HS_DUNG_HAN", "HS_DA_GIAI_QUYET",
            ],
            unitIDs: communes, periodKind: .year, calendar: .statistical, deadline: DeadlineRule(workingDays: 10))
    }

    /// One account per role; an existing username is left as it is.
    static func createAccounts(store: TiendoStore, hashPassword: @Sendable (String) throws -> String) async throws {
        let directory = try await store.directory()
        for demo in accounts where try await store.credentials(username: demo.username) == nil {
            guard let unit = directory.unit(code: demo.unitCode, on: CivilDate(2026, 1, 1)) else { continue }
            let account = Account(
                username: demo.username, displayName: demo.displayName, role: demo.role, unitID: unit.unitID)
            try await store.createAccount(account, passwordHash: try hashPassword(demo.password))
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
        // Not `Bundle.module`: it stops the process when the resources are not beside the binary.
        let url: URL
        do {
            url = try ResourceLocation.installed().url(of: "Resources/" + name, module: "TiendoDemo")
        } catch {
            throw StorageError("Thiếu tệp dữ liệu minh họa “\(name)” trong bản cài đặt. \(error.description)")
        }
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw StorageError("Không đọc được tệp dữ liệu minh họa “\(name)” (\(url.path)).")
        }
        return text
    }
}
