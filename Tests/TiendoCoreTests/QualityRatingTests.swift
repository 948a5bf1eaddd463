import TiendoCore
import XCTest

/// Quality ratings: the four levels as typed, the 20% cap (rounded down) per group, the counts
/// and rates, on a small example checked by hand (docs/xep-loai.md has the same example).
final class QualityRatingTests: XCTestCase {
    static let ward = UnitID("19831@2025-07-01")
    static let other = UnitID("19753@2025-07-01")

    /// Đảng viên: Chi bộ Khu vực 3 — 3 HTXSNV, 8 HTTNV, 1 HTNV; Chi bộ Khu vực 1 — 1 HTXSNV,
    /// 5 HTTNV, 1 KHTNV. TCCS đảng (nhóm Đảng bộ phường Phong Dinh): 1 HTXSNV, 1 HTTNV, 1 HTNV.
    static func example(year: Int = 2027, unit: UnitID = ward) -> [QualityRating] {
        var list: [QualityRating] = []
        func add(_ kind: RatedSubjectKind, _ group: String, _ name: String, _ level: QualityLevel) {
            list.append(QualityRating(year: year, unitID: unit, kind: kind, group: group, subject: name, level: level))
        }
        for i in 1...3 { add(.dangVien, "Chi bộ Khu vực 3", "Đảng viên KV3 xuất sắc \(i)", .htxsnv) }
        for i in 1...8 { add(.dangVien, "Chi bộ Khu vực 3", "Đảng viên KV3 tốt \(i)", .httnv) }
        add(.dangVien, "Chi bộ Khu vực 3", "Đảng viên KV3 hoàn thành", .htnv)
        add(.dangVien, "Chi bộ Khu vực 1", "Đảng viên KV1 xuất sắc", .htxsnv)
        for i in 1...5 { add(.dangVien, "chi bộ  khu vực 1", "Đảng viên KV1 tốt \(i)", .httnv) }
        add(.dangVien, "Chi bộ Khu vực 1", "Đảng viên KV1 không hoàn thành", .khtnv)
        add(.toChucCoSoDang, "Đảng bộ phường Phong Dinh", "Chi bộ Khu vực 3", .htxsnv)
        add(.toChucCoSoDang, "Đảng bộ phường Phong Dinh", "Chi bộ Khu vực 1", .httnv)
        add(.toChucCoSoDang, "Đảng bộ phường Phong Dinh", "Chi bộ Công an phường", .htnv)
        return list
    }

    func testLevelsAreReadAsOfficersWriteThem() {
        let cases: [(String, QualityLevel?)] = [
            ("Hoàn thành xuất sắc nhiệm vụ", .htxsnv), ("hoan thanh xuat sac nhiem vu", .htxsnv), ("HTXSNV", .htxsnv),
            ("htxs", .htxsnv), ("Hoàn thành tốt nhiệm vụ", .httnv), ("HOÀN THÀNH TỐT", .httnv), ("HTTNV", .httnv),
            ("Hoàn thành nhiệm vụ", .htnv), ("HTNV", .htnv), ("Không hoàn thành nhiệm vụ", .khtnv),
            ("khong hoan thanh nhiem vu", .khtnv), ("KHTNV", .khtnv), ("  “Hoàn thành tốt nhiệm vụ”  ", .httnv),
            ("Tốt", .httnv), ("Xuất sắc", .htxsnv), ("Khá", nil), ("", nil), ("HTX", nil), ("4", nil),
        ]
        for (text, expected) in cases { XCTAssertEqual(QualityLevel(typed: text), expected, text) }
        XCTAssertEqual(
            QualityLevel.allCases.map(\.vietnameseName),
            [
                "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ",
                "Không hoàn thành nhiệm vụ",
            ])
    }

    func testKindsAreReadAsTyped() {
        XCTAssertEqual(RatedSubjectKind(typed: "TCCS đảng"), .toChucCoSoDang)
        XCTAssertEqual(RatedSubjectKind(typed: "tổ chức cơ sở đảng"), .toChucCoSoDang)
        XCTAssertEqual(RatedSubjectKind(typed: "chi-bo"), .chiBoTrucThuoc)
        XCTAssertEqual(RatedSubjectKind(typed: "Đảng bộ bộ phận"), .chiBoTrucThuoc)
        XCTAssertEqual(RatedSubjectKind(typed: "Đảng viên"), .dangVien)
        XCTAssertEqual(RatedSubjectKind(typed: "dang_vien"), .dangVien)
        XCTAssertNil(RatedSubjectKind(typed: "đoàn viên"))
    }

    func testCapIsTwentyPercentRoundedDown() {
        XCTAssertEqual(QualityRatingRules.limit(good: 0), 0)
        XCTAssertEqual(QualityRatingRules.limit(good: 4), 0)
        XCTAssertEqual(QualityRatingRules.limit(good: 5), 1)
        XCTAssertEqual(QualityRatingRules.limit(good: 8), 1)  // 1,6 → 1: 2 would exceed 20%
        XCTAssertEqual(QualityRatingRules.limit(good: 9), 1)
        XCTAssertEqual(QualityRatingRules.limit(good: 10), 2)
        XCTAssertEqual(QualityRatingRules.limit(good: 14), 2)
        XCTAssertEqual(QualityRatingRules.limit(good: 15), 3)
    }

    func testWarningsNameTheGroupTheCountsAndTheLimit() {
        let warnings = QualityRatingRules.warnings(Self.example())

        XCTAssertEqual(
            warnings.map(\.message),
            [
                "Chi bộ Khu vực 3: 3 đảng viên “Hoàn thành xuất sắc nhiệm vụ” vượt 20% số “Hoàn thành tốt nhiệm vụ” (8 → tối đa 1)",
                "Đảng bộ phường Phong Dinh: 1 tổ chức cơ sở đảng “Hoàn thành xuất sắc nhiệm vụ” vượt 20% số “Hoàn thành tốt nhiệm vụ” (1 → tối đa 0)",
            ])
        // Chi bộ Khu vực 1 (1 excellent, 5 good → at most 1) is within the cap; its name is
        // matched whatever the case and spacing.
        XCTAssertFalse(warnings.contains { $0.group.lowercased().contains("khu vực 1") })
    }

    func testGroupsAreSeparatedByKindUnitAndYear() {
        let one = QualityRating(
            year: 2027, unitID: Self.ward, kind: .dangVien, group: "Chi bộ 1", subject: "A", level: .htxsnv)
        var list = [one]
        for i in 1...5 {
            list.append(
                QualityRating(
                    year: 2027, unitID: Self.ward, kind: .dangVien, group: "Chi bộ 1", subject: "B\(i)", level: .httnv))
        }
        XCTAssertEqual(QualityRatingRules.warnings(list), [])
        // The same group name in another year, unit or kind is another group.
        var elsewhere = list
        elsewhere.append(
            QualityRating(
                year: 2026, unitID: Self.ward, kind: .dangVien, group: "Chi bộ 1", subject: "C", level: .htxsnv))
        elsewhere.append(
            QualityRating(
                year: 2027, unitID: Self.other, kind: .dangVien, group: "Chi bộ 1", subject: "D", level: .htxsnv))
        elsewhere.append(
            QualityRating(
                year: 2027, unitID: Self.ward, kind: .chiBoTrucThuoc, group: "Chi bộ 1", subject: "E", level: .htxsnv))
        XCTAssertEqual(QualityRatingRules.warnings(elsewhere).count, 3)
        XCTAssertEqual(QualityRatingRules.warnings(elsewhere).map(\.limit), [0, 0, 0])
    }

    func testTalliesAndIndicatorValues() throws {
        let tallies = QualityTally.of(Self.example())
        XCTAssertEqual(tallies.map(\.kind), [.toChucCoSoDang, .dangVien])
        let members = try XCTUnwrap(tallies.last)
        XCTAssertEqual(QualityLevel.allCases.map { members.count($0) }, [4, 13, 1, 1])
        XCTAssertEqual(members.total, 19)
        XCTAssertEqual(members.goodOrBetter, 17)
        XCTAssertEqual(try XCTUnwrap(members.goodOrBetterRate), 17.0 / 19.0 * 100, accuracy: 1e-9)

        let values = QualityIndicators.values(for: Self.example(), unit: Self.ward, year: 2027)
        let byCode = Dictionary(uniqueKeysWithValues: values.map { ($0.indicatorCode, $0.number) })
        XCTAssertEqual(values.count, 14, "7 figures for each of the two kinds present")
        XCTAssertTrue(values.allSatisfy { $0.period == .year(2027) && $0.unitID == Self.ward })
        XCTAssertEqual(byCode["XL_DANG_VIEN_HTXSNV"], 4)
        XCTAssertEqual(byCode["XL_DANG_VIEN_HTTNV"], 13)
        XCTAssertEqual(byCode["XL_DANG_VIEN_HTT_TRO_LEN"], 17)
        XCTAssertEqual(byCode["XL_DANG_VIEN_TONG"], 19)
        XCTAssertEqual(try XCTUnwrap(byCode["TY_LE_DANG_VIEN_HTT_TRO_LEN"]), 89.47368, accuracy: 1e-4)
        XCTAssertEqual(try XCTUnwrap(byCode["TY_LE_TCCS_HTT_TRO_LEN"]), 66.66667, accuracy: 1e-4)
        XCTAssertNil(byCode["XL_CHI_BO_TONG"], "no figure for a kind not in the list")
        XCTAssertEqual(QualityIndicators.values(for: Self.example(), unit: Self.other, year: 2027), [])
    }

    func testCatalogueRatesAreRatiosOfCountsThatAddUp() throws {
        let catalogue = Dictionary(uniqueKeysWithValues: QualityIndicators.catalogue.map { ($0.code, $0) })
        XCTAssertEqual(catalogue.count, 21)
        let rate = try XCTUnwrap(catalogue["TY_LE_TCCS_HTT_TRO_LEN"])
        XCTAssertEqual(rate.name, "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên")
        XCTAssertEqual(
            rate.space, .ratio(numerator: "XL_TCCS_HTT_TRO_LEN", denominator: "XL_TCCS_TONG", multiplier: 100))
        XCTAssertEqual(rate.time, .ratio)
        XCTAssertEqual(
            catalogue["TY_LE_DANG_VIEN_HTT_TRO_LEN"]?.name, "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên")
        let count = try XCTUnwrap(catalogue["XL_DANG_VIEN_HTXSNV"])
        XCTAssertEqual(count.space, .sum)
        XCTAssertEqual(count.time, .last)
        XCTAssertEqual(count.name, "Số đảng viên xếp loại “Hoàn thành xuất sắc nhiệm vụ”")
    }

    func testProvinceRateIsRecomputedFromTheCommunesCounts() {
        let city = UnitVersion(
            unitID: UnitID("46@2025-07-01"), code: "46", name: "Huế", kind: .thanhPhoTrucThuoc, parentID: nil,
            validFrom: CivilDate(2025, 7, 1))
        let a = UnitVersion(
            unitID: Self.ward, code: "19831", name: "Phong Dinh", kind: .phuong, parentID: city.unitID,
            validFrom: CivilDate(2025, 7, 1))
        let b = UnitVersion(
            unitID: Self.other, code: "19753", name: "Phú Xuân", kind: .phuong, parentID: city.unitID,
            validFrom: CivilDate(2025, 7, 1))
        // Phú Xuân: 1 member, rated HTNV (rate 0%). Phong Dinh: 17 of 19 (89,5%).
        let values =
            QualityIndicators.values(for: Self.example(), unit: Self.ward, year: 2027)
            + QualityIndicators.values(
                for: [
                    QualityRating(
                        year: 2027, unitID: Self.other, kind: .dangVien, group: "", subject: "X", level: .htnv)
                ], unit: Self.other, year: 2027)
        let rollUp = RollUp(
            directory: UnitDirectory(versions: [city, a, b]), indicators: QualityIndicators.catalogue,
            values: ValueTable(values))

        let rate = rollUp.figure("TY_LE_DANG_VIEN_HTT_TRO_LEN", unit: city.unitID, period: .year(2027)).figure?.number
        let total = rollUp.figure("XL_DANG_VIEN_TONG", unit: city.unitID, period: .year(2027)).figure?.number

        XCTAssertEqual(total, 20)
        XCTAssertEqual(rate ?? 0, 85, accuracy: 1e-9, "17 of 20, not the mean of 89,5% and 0%")
    }
}
