import TiendoTestSupport
import XCTest

@testable import TiendoCore

/// A forecast to the end of the term stays within what its indicator can take, and says so
/// when it reaches an end: a rate 0–100%, a count from 0.
final class ForecastDomainTests: XCTestCase {
    func testARisingRateIsForecastAtMostAtOneHundredPercent() {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("THU", "Tỷ lệ thu phí vệ sinh", unit: "%", decimals: 1, type: .percentage)
        world.yearly("THU", ward, from: 2025, [90.0, 95.0, 98.0])
        let target = Target(
            number: 1, group: .kinhTe, wording: "Tỷ lệ thu đạt 100%", indicatorCode: "THU", measure: .level,
            condition: .atLeast(100, exceedBound: nil), deadlineYear: 2030)

        let result = world.assessor().assess(target, unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertEqual(result.projectionText, "mức tối đa 100%", "the trend gives about 110%; a rate stops at 100%")
        XCTAssertEqual(result.outlook, .coKhaNangDat)
        XCTAssertTrue(
            result.explanation.hasSuffix("dự báo đến năm 2030 đạt mức tối đa 100%, có khả năng đạt"),
            result.explanation)
        XCTAssertFalse(result.explanation.contains("110,"), result.explanation)
    }

    func testAFallingRateIsForecastAtLeastAtZeroAndWordedAsTheFloor() {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("HN", "Tỷ lệ hộ nghèo", unit: "%", decimals: 2, type: .percentage)
        world.yearly("HN", ward, from: 2025, [4.0, 2.5, 1.2])
        let target = Target(
            number: 3, group: .vanHoaXaHoiMoiTruong, wording: "Tỷ lệ hộ nghèo giảm còn dưới 1%", indicatorCode: "HN",
            measure: .level, condition: .atMost(1, exceedBound: nil), deadlineYear: 2030)

        let result = world.assessor().assess(target, unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertEqual(result.projectionText, "giảm về mức tối thiểu 0%")
        XCTAssertTrue(
            result.explanation.hasSuffix("dự báo đến năm 2030 giảm về mức tối thiểu 0%, có khả năng đạt"),
            result.explanation)
        XCTAssertFalse(result.explanation.contains("0,00%"), result.explanation)
    }

    func testAFallingCountIsNeverForecastBelowZero() {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("VU", "Số vụ tai nạn giao thông", unit: "vụ", type: .count)
        world.yearly("VU", ward, from: 2025, [40, 20, 5])
        let target = Target(
            number: 7, group: .quocPhongAnNinh, wording: "Số vụ tai nạn giao thông không quá 3 vụ", indicatorCode: "VU",
            measure: .level, condition: .atMost(3, exceedBound: nil), deadlineYear: 2030)

        let result = world.assessor().assess(target, unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertEqual(result.projectionText, "giảm về mức tối thiểu 0 vụ")
        XCTAssertEqual(result.outlook, .coKhaNangDat)
    }

    func testAForecastInsideTheDomainIsPrintedAsAFigure() {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("BHYT", "Tỷ lệ tham gia bảo hiểm y tế", unit: "%", decimals: 1, type: .percentage)
        world.yearly("BHYT", ward, from: 2025, [90.0, 91.0, 92.0])
        let target = Target(
            number: 5, group: .vanHoaXaHoiMoiTruong, wording: "Tỷ lệ tham gia BHYT trên 95%", indicatorCode: "BHYT",
            measure: .level, condition: .atLeast(95, exceedBound: nil), deadlineYear: 2030)

        let result = world.assessor().assess(target, unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertEqual(result.projectionText, "95,0%")
    }

    func testDomainsByKindOfIndicatorAndMeasure() {
        let level = Target(
            number: 1, group: .kinhTe, wording: "", indicatorCode: "X", measure: .level,
            condition: .atLeast(1, exceedBound: nil), deadlineYear: 2030)
        let rate = Indicator(code: "X", name: "Tỷ lệ", unitOfMeasure: "%", valueType: .percentage)
        let ofBudget = Indicator(code: "X", name: "Thu so với dự toán", unitOfMeasure: "% dự toán")
        let count = Indicator(code: "X", name: "Số hộ", unitOfMeasure: "hộ", valueType: .count)

        XCTAssertEqual(ForecastDomain.of(level, indicator: rate), ForecastDomain(lower: 0, upper: 100))
        XCTAssertEqual(ForecastDomain.of(level, indicator: ofBudget), ForecastDomain(lower: nil, upper: nil))
        XCTAssertEqual(ForecastDomain.of(level, indicator: count), ForecastDomain(lower: 0, upper: nil))
        XCTAssertEqual(ForecastDomain(lower: 0, upper: 100).bound(102.5), .init(value: 100, end: .upper))
        XCTAssertEqual(ForecastDomain(lower: 0, upper: 100).bound(-0.4), .init(value: 0, end: .lower))
        XCTAssertEqual(ForecastDomain(lower: 0, upper: 100).bound(42), .init(value: 42, end: nil))
    }
}
