import Foundation
import TiendoChecker
import TiendoCore
import TiendoTestSupport
import XCTest

/// Figures of a report checked against Tiendo's data for the unit and period.
final class CheckDataTests: XCTestCase {

    private func world() -> (CoreFixture, UnitID) {
        var world = CoreFixture()
        let ward = world.unit("19831", "Phong Dinh")
        world.indicator("DANG_VIEN_MOI", "Số đảng viên mới được kết nạp", unit: "đảng viên", type: .count)
        world.indicator("THU_NSNN", "Thu ngân sách nhà nước trên địa bàn", unit: "tỷ đồng", decimals: 1)
        world.indicator("SO_HO_NGHEO", "Số hộ nghèo (chuẩn đa chiều)", unit: "hộ", time: .last, type: .count)
        world.indicator("TONG_SO_HO", "Tổng số hộ dân cư", unit: "hộ", time: .last, type: .count)
        world.indicator(
            "TY_LE_HO_NGHEO", "Tỷ lệ hộ nghèo (chuẩn đa chiều)", unit: "%", decimals: 2,
            space: .ratio(numerator: "SO_HO_NGHEO", denominator: "TONG_SO_HO", multiplier: 100), time: .ratio,
            type: .percentage)
        world.value("DANG_VIEN_MOI", ward, "2025", 247)
        world.value("THU_NSNN", ward, "2025", 366.3, status: .uoc)
        world.value("SO_HO_NGHEO", ward, "2025", 42)
        world.value("TONG_SO_HO", ward, "2025", 3100)
        return (world, ward)
    }

    private func context(_ world: CoreFixture, _ ward: UnitID) -> CheckDataContext {
        CheckDataContext(rollUp: world.rollUp, unitID: ward, unitName: "phường Phong Dinh", period: .year(2025))
    }

    func testReportFigureThatDiffersFromTheDataIsFound() throws {
        let (world, ward) = world()

        let report = ReportCheck.run(
            text: "Năm 2025, Đảng bộ phường kết nạp 243 đảng viên mới.", data: context(world, ward))

        let finding = try XCTUnwrap(report.findings.first)
        XCTAssertEqual(finding.kind, .dataMismatch)
        XCTAssertEqual(finding.figures, ["243 đảng viên", "247 đảng viên"])
        XCTAssertTrue(finding.arithmetic.hasPrefix("báo cáo ghi 243 đảng viên, dữ liệu Tiến độ ghi 247 đảng viên"))
        XCTAssertEqual(report.coverage.dataComparisons, 1)
        XCTAssertTrue(report.coverage.vietnameseText.contains("1 số liệu đối chiếu với dữ liệu Tiến độ"))
    }

    func testFiguresThatAgreeWithTheDataAtTheirPrecision() {
        let (world, ward) = world()

        let report = ReportCheck.run(
            text: """
                Tổng thu ngân sách nhà nước trên địa bàn ước đạt 366,3 tỷ đồng.

                Tỷ lệ hộ nghèo còn 1,35%.

                Kết nạp 247 đảng viên mới.
                """, data: context(world, ward))

        XCTAssertEqual(report.findings, [])
        XCTAssertEqual(report.coverage.dataComparisons, 3)
    }

    func testFiguresOfOtherPeriodsOrUnmatchedSubjectsAreNotCompared() {
        let (world, ward) = world()

        let report = ReportCheck.run(
            text: """
                Năm 2024 kết nạp 200 đảng viên mới.

                Có 4.817 hồ sơ thủ tục hành chính được giải quyết.

                Tỷ lệ hộ cận nghèo còn 2,1%.
                """, data: context(world, ward))

        XCTAssertEqual(report.findings, [])
        XCTAssertEqual(report.coverage.dataComparisons, 0)
    }
}
