import TiendoCore
import TiendoTestSupport
import XCTest

/// The twelve worked examples of domain.md, word for word in their figures and verdicts.
/// Unit "Phường Mẫu", term 2025–2030, baseline 2025, mid-term review 2027, final review 2030.
final class WorkedExamplesTests: XCTestCase {
    private func growthTarget() -> Target {
        Target(
            number: 1, group: .kinhTe, wording: "Tốc độ tăng trưởng giá trị sản xuất bình quân 10–11%/năm",
            indicatorCode: "GTSX", measure: .averageGrowth(baseYear: 2025, geometric: true),
            condition: .between(low: 10, high: 11, direction: .higherIsBetter), deadlineYear: 2030)
    }

    private func growthWorld(_ value2027: Double, status: ValueStatus = .chinhThuc) -> (CoreFixture, UnitID) {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("GTSX", "Giá trị sản xuất", unit: "tỷ đồng")
        world.value("GTSX", ward, "2025", 5000)
        world.value("GTSX", ward, "2027", value2027, status: status)
        return (world, ward)
    }

    func testExample1GrowthWithinRangeIsDat() {
        let (world, ward) = growthWorld(6070)

        let result = world.assessor().assess(growthTarget(), unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertEqual(result.figureText, "10,18%/năm")
        XCTAssertEqual(result.verdict, .dat)
        XCTAssertEqual(result.explanation, "đạt 10,18%/năm, đạt chỉ tiêu Nghị quyết (kế hoạch 10–11%/năm)")
    }

    func testExample2GrowthAboveRangeIsVuot() {
        let (world, ward) = growthWorld(6200)

        let result = world.assessor().assess(growthTarget(), unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertEqual(result.figureText, "11,36%/năm")
        XCTAssertEqual(result.verdict, .vuot)
    }

    func testExample3GrowthBelowRangeIsChuaDatAndKhoDat() {
        let (world, ward) = growthWorld(5900)

        let result = world.assessor().assess(growthTarget(), unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertEqual(result.figureText, "8,63%/năm")
        XCTAssertEqual(result.verdict, .chuaDat)
        XCTAssertEqual(result.outlook, .khoDat)
        XCTAssertTrue(result.explanation.contains("còn thiếu 13,7%"), result.explanation)
    }

    func testExample4PovertyRateFromRatioIsDatAtMidTerm() {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("HO_NGHEO", "Số hộ nghèo", unit: "hộ")
        world.indicator("TONG_HO", "Tổng số hộ", unit: "hộ")
        world.indicator(
            "TY_LE_HO_NGHEO", "Tỷ lệ hộ nghèo", unit: "%", decimals: 2,
            space: .ratio(numerator: "HO_NGHEO", denominator: "TONG_HO", multiplier: 100), time: .ratio,
            type: .percentage)
        world.value("HO_NGHEO", ward, "2027", 42)
        world.value("TONG_HO", ward, "2027", 3100)
        let target = Target(
            number: 4, group: .vanHoaXaHoiMoiTruong, wording: "Tỷ lệ hộ nghèo còn dưới 1,5%",
            indicatorCode: "TY_LE_HO_NGHEO", measure: .level, condition: .atMost(1.5, exceedBound: nil),
            deadlineYear: 2030)

        let result = world.assessor().assess(target, unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertEqual(result.figureText, "1,35%")
        XCTAssertEqual(result.verdict, .dat)
        XCTAssertNil(result.outlook)
    }

    private func cleanWaterTarget() -> Target {
        Target(
            number: 5, group: .vanHoaXaHoiMoiTruong, wording: "Tỷ lệ hộ dùng nước sạch đạt 100%",
            indicatorCode: "NUOC_SACH", measure: .level, condition: .atLeast(100, exceedBound: nil),
            deadlineYear: 2030)
    }

    func testExample5CleanWaterJustShortAtDeadlineIsGanDat() {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("NUOC_SACH", "Tỷ lệ hộ dùng nước sạch", unit: "%", decimals: 1, type: .percentage)
        world.value("NUOC_SACH", ward, "2030", 99.9)

        let result = world.assessor().assess(cleanWaterTarget(), unit: ward, at: .year(2030), termStart: 2025)

        XCTAssertEqual(result.figureText, "99,9%")
        XCTAssertEqual(result.verdict, .ganDat)
        XCTAssertTrue(result.explanation.contains("còn thiếu 0,1%"), result.explanation)
        XCTAssertNil(result.outlook, "no outlook at the deadline")
    }

    func testExample6CleanWaterAtMidTermIsChuaDatWithLikelyOutlook() {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("NUOC_SACH", "Tỷ lệ hộ dùng nước sạch", unit: "%", decimals: 1, type: .percentage)
        world.yearly("NUOC_SACH", ward, from: 2025, [95.0, 96.2, 97.5])

        let result = world.assessor().assess(cleanWaterTarget(), unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertEqual(result.figureText, "97,5%")
        XCTAssertEqual(result.verdict, .chuaDat)
        // The trend (+1,25/năm) would pass 100% by 2030; a rate stops at its maximum.
        XCTAssertEqual(result.projectionText, "mức tối đa 100%")
        XCTAssertEqual(result.outlook, .coKhaNangDat)
        XCTAssertTrue(
            result.explanation.hasSuffix("dự báo đến năm 2030 đạt mức tối đa 100%, có khả năng đạt"),
            result.explanation)
    }

    func testExample7EveryYearTakesTheWorstYear() {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("KET_NAP", "Số đảng viên mới được kết nạp", unit: "đảng viên")
        world.yearly("KET_NAP", ward, from: 2026, [71, 81, 64])
        let target = Target(
            number: 7, group: .xayDungDang, wording: "Hằng năm kết nạp 65–80 đảng viên mới",
            indicatorCode: "KET_NAP", measure: .everyYear(fromYear: 2026, toYear: 2030),
            condition: .between(low: 65, high: 80, direction: .higherIsBetter), deadlineYear: 2030)

        let result = world.assessor().assess(target, unit: ward, at: .year(2028), termStart: 2025)

        XCTAssertEqual(result.yearly.map(\.verdict), [.dat, .vuot, .ganDat])
        XCTAssertEqual(result.verdict, .ganDat)
        XCTAssertTrue(result.explanation.contains("năm 2028: 64 đảng viên (gần đạt)"), result.explanation)
    }

    func testExample8SumOverTermAbovePlanIsVuot() {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("VON_DAU_TU", "Tổng vốn đầu tư toàn xã hội", unit: "tỷ đồng")
        world.yearly("VON_DAU_TU", ward, from: 2026, [4800, 5300, 5100, 5400, 5200])
        let target = Target(
            number: 8, group: .kinhTe, wording: "Tổng vốn đầu tư giai đoạn 2026–2030 đạt 25.000 tỷ đồng",
            indicatorCode: "VON_DAU_TU", measure: .sum(fromYear: 2026, toYear: 2030), condition: .plan(25000),
            deadlineYear: 2030)

        let result = world.assessor().assess(target, unit: ward, at: .year(2030), termStart: 2025)

        XCTAssertEqual(result.figureText, "25.800 tỷ đồng")
        XCTAssertEqual(result.verdict, .vuot)
        XCTAssertEqual(
            result.explanation,
            "đạt 25.800 tỷ đồng, vượt chỉ tiêu Nghị quyết (kế hoạch 25.000 tỷ đồng, vượt 3,2%)")
    }

    func testExample9ShareOfUnitsThreeOfFourIsChuaDat() {
        var world = CoreFixture()
        let city = world.unit("90", "Mẫu", kind: .thanhPhoTrucThuoc)
        world.indicator("NTM", "Đạt chuẩn nông thôn mới", type: .yesNo)
        for (index, meets) in [1.0, 1, 1, 0].enumerated() {
            let commune = world.unit("9000\(index)", "Xã \(index)", kind: .xa, parent: city)
            world.value("NTM", commune, "2027", meets)
        }
        let target = Target(
            number: 9, group: .kinhTe, wording: "100% xã đạt chuẩn nông thôn mới", indicatorCode: "NTM",
            measure: .shareOfUnits(unitCondition: nil), condition: .atLeast(100, exceedBound: nil),
            deadlineYear: 2030)

        let result = world.assessor().assess(target, unit: city, at: .year(2027), termStart: 2025)

        XCTAssertEqual(result.figure, 75)
        XCTAssertEqual(result.figureText, "03/04 xã (75%)")
        XCTAssertEqual(result.verdict, .chuaDat)
    }

    func testExample10RatioRollsUpAsRatioOfSums() {
        var world = CoreFixture()
        let city = world.unit("90", "Mẫu", kind: .thanhPhoTrucThuoc)
        let wardA = world.unit("90001", "A", parent: city)
        let wardB = world.unit("90002", "B", parent: city)
        world.indicator("HO_NGHEO", unit: "hộ")
        world.indicator("TONG_HO", unit: "hộ")
        world.indicator(
            "TY_LE_HO_NGHEO", unit: "%", decimals: 2,
            space: .ratio(numerator: "HO_NGHEO", denominator: "TONG_HO", multiplier: 100), time: .ratio)
        world.value("HO_NGHEO", wardA, "2027", 30)
        world.value("TONG_HO", wardA, "2027", 2000)
        world.value("HO_NGHEO", wardB, "2027", 10)
        world.value("TONG_HO", wardB, "2027", 3000)

        let figure = world.rollUp.figure("TY_LE_HO_NGHEO", unit: city, period: .year(2027)).figure

        XCTAssertEqual(VietnameseNumber.format(figure!.number, decimals: 2), "0,80")
        XCTAssertNotEqual(VietnameseNumber.format(figure!.number, decimals: 2), "0,92", "never the mean of rates")
    }

    func testExample11MergedUnitGrowthUsesPredecessorsHistory() {
        var world = CoreFixture()
        let reform = CivilDate(2025, 7, 1)
        let a = world.unit("90001", "A", to: CivilDate(2025, 6, 30))
        let b = world.unit("90002", "B", to: CivilDate(2025, 6, 30))
        let c = world.unit("90001", "C", from: reform)  // reuses A's code: history is joined by identity
        world.links = [
            LineageLink(source: a, successor: c, date: reform), LineageLink(source: b, successor: c, date: reform),
        ]
        world.indicator("THU_NGAN_SACH", "Thu ngân sách", unit: "tỷ đồng")
        world.value("THU_NGAN_SACH", a, "2024", 100)
        world.value("THU_NGAN_SACH", b, "2024", 60)
        world.value("THU_NGAN_SACH", c, "2025", 180)
        let target = Target(
            number: 11, group: .kinhTe, wording: "Thu ngân sách tăng bình quân trên 10%/năm",
            indicatorCode: "THU_NGAN_SACH", measure: .averageGrowth(baseYear: 2024, geometric: true),
            condition: .atLeast(10, exceedBound: nil), deadlineYear: 2030)

        let history = world.rollUp.figure("THU_NGAN_SACH", unit: c, period: .year(2024)).figure
        let result = world.assessor().assess(target, unit: c, at: .year(2025), termStart: 2025)

        XCTAssertEqual(history?.number, 160)
        XCTAssertEqual(history?.source, .lineage(estimatedWeights: false))
        XCTAssertEqual(result.figure, 12.5)
        XCTAssertEqual(result.figureText, "12,5%/năm")
    }

    func testExample12EstimateSaysUocDat() {
        let (world, ward) = growthWorld(6070, status: .uoc)

        let result = world.assessor().assess(growthTarget(), unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertTrue(result.isEstimate)
        XCTAssertEqual(result.verdict, .dat)
        XCTAssertTrue(result.explanation.hasPrefix("ước đạt 10,18%/năm"), result.explanation)
    }
}
