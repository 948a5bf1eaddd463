import TiendoTestSupport
import XCTest

@testable import TiendoCore

final class ResolutionPreviewTests: XCTestCase {
    private let output = Indicator(code: "GTSX", name: "Giá trị sản xuất", unitOfMeasure: "tỷ đồng")
    private let rate = Indicator(
        code: "TL", name: "Tỷ lệ dân số tham gia bảo hiểm y tế", unitOfMeasure: "%", decimals: 2)
    private let members = Indicator(code: "DV", name: "Số đảng viên mới", unitOfMeasure: "người", valueType: .count)

    private func target(_ measure: Measure, _ condition: Condition, tolerance: Tolerance? = nil, code: String = "GTSX")
        -> Target
    {
        Target(
            number: 1, group: .kinhTe, wording: "Chỉ tiêu thử", indicatorCode: code, measure: measure,
            condition: condition, deadlineYear: 2030, baseline: nil, tolerance: tolerance)
    }

    func testGrowthRangePreviewPrintsThePlanAsTheReportDoes() {
        let growth = target(
            .averageGrowth(baseYear: 2025, geometric: true), .between(low: 10, high: 11, direction: .higherIsBetter))

        let preview = TargetPreview(growth, indicator: output, termStart: 2025)

        XCTAssertEqual(preview.plan, "10–11%/năm")
        XCTAssertEqual(preview.footnote, "Kế hoạch: 10–11%/năm.")
        XCTAssertEqual(
            preview.condition, "Đạt khi kết quả từ 10%/năm trở lên; cao hơn 11%/năm là “vượt” (càng cao càng tốt).")
        XCTAssertTrue(preview.measure.hasPrefix("Tăng trưởng bình quân: tốc độ tăng bình quân mỗi năm từ năm gốc 2025"))
        XCTAssertTrue(preview.measure.contains("bình quân nhân"))
    }

    func testThePreviewPlanIsTheAssessorsOwnPlanForEveryMeasure() {
        // Setup: a ward with figures, so the assessor judges on real data.
        var world = CoreFixture()
        let city = world.unit("46", "Huế", kind: .thanhPhoTrucThuoc)
        let ward = world.unit("19831", "Phong Dinh", kind: .phuong, parent: city)
        world.indicator("GTSX", "Giá trị sản xuất", unit: "tỷ đồng")
        world.indicator("TL", "Tỷ lệ", unit: "%", decimals: 2)
        world.yearly("GTSX", city, from: 2025, [5000, 5500, 6070])
        world.yearly("TL", ward, from: 2025, [96, 97, 98])
        let targets = [
            target(.level, .atMost(1.5, exceedBound: nil), code: "TL"),
            target(.averageGrowth(baseYear: 2025, geometric: false), .atLeast(12, exceedBound: nil)),
            target(
                .averageGrowth(baseYear: 2025, geometric: true), .between(low: -10, high: -5, direction: .lowerIsBetter)
            ),
            target(.sum(fromYear: 2026, toYear: 2030), .plan(25_000)),
            target(.annualMean(fromYear: 2026, toYear: 2030), .atLeast(900, exceedBound: 1000)),
            target(.everyYear(fromYear: 2026, toYear: 2030), .between(low: 65, high: 80, direction: .higherIsBetter)),
            target(
                .shareOfUnits(unitCondition: .atLeast(95, exceedBound: nil), unitKinds: [.phuong]), .plan(100),
                code: "TL"),
        ]

        for item in targets {
            let judged = world.assessor().assess(item, unit: city, at: .year(2027), termStart: 2025)
            let indicator = world.indicators.first { $0.code == item.indicatorCode }

            let preview = TargetPreview(item, indicator: indicator, termStart: 2025)

            XCTAssertEqual(preview.plan, judged.planText, "\(item.measure)")
        }
    }

    func testFallsAndEveryYearPlansReadAsOfficesWriteThem() {
        let fall = target(
            .averageGrowth(baseYear: 2025, geometric: true), .between(low: -10, high: -5, direction: .lowerIsBetter))
        let yearly = target(.everyYear(fromYear: 2026, toYear: 2030), .atLeast(80, exceedBound: nil), code: "DV")

        XCTAssertEqual(TargetPreview(fall, indicator: output, termStart: 2025).plan, "giảm 5–10%/năm")
        let preview = TargetPreview(yearly, indicator: members, termStart: 2025)
        XCTAssertEqual(preview.plan, "hằng năm từ 80 người trở lên")
        XCTAssertTrue(
            preview.condition.hasPrefix("Đạt khi kết quả từ 80 người trở lên (nghị quyết ghi “trên 80 người”"))
        XCTAssertTrue(preview.measure.hasPrefix("Hằng năm: mỗi năm từ 2026 đến 2030 được đánh giá riêng"))
    }

    func testShareOfUnitsPreviewSaysWhichUnitsCountAndWhen() {
        let share = target(
            .shareOfUnits(unitCondition: .atLeast(95, exceedBound: nil), unitKinds: [.xa, .phuong]),
            .atLeast(90, exceedBound: nil), code: "TL")

        let preview = TargetPreview(share, indicator: rate, termStart: 2025)

        XCTAssertEqual(preview.plan, "từ 90% trở lên")
        XCTAssertEqual(
            preview.measure,
            "Tỷ lệ đơn vị: tỷ lệ % số phường, xã có tỷ lệ dân số tham gia bảo hiểm y tế từ 95% trở lên trên tổng số phường, xã (hiển thị dạng 17/19)."
        )
        XCTAssertEqual(preview.subject, "Số phường, xã có tỷ lệ dân số tham gia bảo hiểm y tế từ 95% trở lên")
    }

    func testNearlyMetAndDeadlineAreExplained() {
        let relative = target(.level, .atLeast(100, exceedBound: nil), tolerance: .relative(0.05), code: "TL")
        let absolute = target(.level, .atLeast(100, exceedBound: nil), tolerance: .absolute(0.5), code: "TL")
        let standard = target(.level, .atMost(1.5, exceedBound: nil), code: "TL")

        XCTAssertEqual(
            TargetPreview(relative, indicator: rate, termStart: 2025).nearlyMet,
            "Gần đạt: chưa đạt nhưng thiếu không quá 5% của mức chỉ tiêu.")
        XCTAssertEqual(
            TargetPreview(absolute, indicator: rate, termStart: 2025).nearlyMet,
            "Gần đạt: chưa đạt nhưng thiếu không quá 0,5 điểm phần trăm.")
        let preview = TargetPreview(standard, indicator: rate, termStart: 2025)
        XCTAssertEqual(
            preview.nearlyMet, "Gần đạt: chưa đạt nhưng thiếu không quá 2% của mức chỉ tiêu (mức chung của hệ thống).")
        XCTAssertTrue(preview.condition.contains("“dưới 1,5%”"))
        XCTAssertTrue(preview.deadline.hasPrefix("Hạn: năm 2030"))
    }

    func testBaselineGoesIntoTheFootnote() {
        var level = target(.level, .atMost(1.5, exceedBound: nil), code: "TL")
        level.baseline = 2.6

        XCTAssertEqual(
            TargetPreview(level, indicator: rate, termStart: 2025).footnote,
            "Kế hoạch: không quá 1,5%. Số liệu đầu nhiệm kỳ: 2,6%.")
    }
}
