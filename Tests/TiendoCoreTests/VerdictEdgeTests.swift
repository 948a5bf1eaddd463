import TiendoTestSupport
import XCTest

@testable import TiendoCore

final class VerdictEdgeTests: XCTestCase {
    private func levelTarget(_ condition: Condition, deadline: Int = 2030, tolerance: Tolerance? = nil) -> Target {
        Target(
            number: 1, group: .kinhTe, wording: "Chỉ tiêu thử", indicatorCode: "X", measure: .level,
            condition: condition, deadlineYear: deadline, tolerance: tolerance)
    }

    private func assess(_ target: Target, value: Double, decimals: Int = 2, at year: Int = 2027, unit: String = "%")
        -> Assessment
    {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("X", unit: unit, decimals: decimals)
        world.value("X", ward, "\(year)", value)
        return world.assessor().assess(target, unit: ward, at: .year(year), termStart: 2025)
    }

    func testValueExactlyOnTheBoundMeetsIt() {
        XCTAssertEqual(assess(levelTarget(.atLeast(90, exceedBound: nil)), value: 90).verdict, .dat)
        XCTAssertEqual(assess(levelTarget(.atMost(1.5, exceedBound: nil)), value: 1.5).verdict, .dat)
        XCTAssertEqual(
            assess(levelTarget(.between(low: 10, high: 11, direction: .higherIsBetter)), value: 11).verdict, .dat)
    }

    func testComparisonIsAtDisplayPrecision() {
        // 89,996 is shown as 90,00% and so meets "≥ 90%"; 89,994 is shown as 89,99%.
        XCTAssertEqual(assess(levelTarget(.atLeast(90, exceedBound: nil)), value: 89.996).verdict, .dat)
        XCTAssertEqual(assess(levelTarget(.atLeast(90, exceedBound: nil)), value: 89.994).verdict, .ganDat)
    }

    func testThresholdTargetIsNeverVuot() {
        XCTAssertEqual(assess(levelTarget(.atLeast(90, exceedBound: nil)), value: 99).verdict, .dat)
    }

    func testLowerIsBetterRange() {
        let target = levelTarget(.between(low: 1, high: 1.5, direction: .lowerIsBetter))

        XCTAssertEqual(assess(target, value: 0.9).verdict, .vuot)
        XCTAssertEqual(assess(target, value: 1.2).verdict, .dat)
        XCTAssertEqual(assess(target, value: 1.52).verdict, .ganDat)
        XCTAssertEqual(assess(target, value: 1.8).verdict, .chuaDat)
        XCTAssertEqual(assess(target, value: 1.8, at: 2030).verdict, .khongDat)
    }

    func testAbsoluteToleranceOverridesRelative() {
        let target = levelTarget(.atLeast(90, exceedBound: nil), tolerance: .absolute(0.5))

        XCTAssertEqual(assess(target, value: 89.6).verdict, .ganDat)
        XCTAssertEqual(assess(target, value: 89.4).verdict, .chuaDat)
    }

    func testGlobalToleranceIsConfigurable() {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("X", unit: "%", decimals: 1)
        world.value("X", ward, "2027", 95)
        let target = levelTarget(.atLeast(100, exceedBound: nil))

        let strict = world.assessor().assess(target, unit: ward, at: .year(2027), termStart: 2025)
        let lenient = world.assessor(settings: AssessmentSettings(nearTolerance: .relative(0.05)))
            .assess(target, unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertEqual(strict.verdict, .chuaDat)
        XCTAssertEqual(lenient.verdict, .ganDat)
    }

    func testPlanFigureEqualToPlanIsDatNotVuot() {
        XCTAssertEqual(assess(levelTarget(.plan(200)), value: 200, decimals: 0, unit: "tỷ đồng").verdict, .dat)
        XCTAssertEqual(assess(levelTarget(.plan(200)), value: 201, decimals: 0, unit: "tỷ đồng").verdict, .vuot)
    }

    func testMissingPeriodGivesNoDataWithTheReason() {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("X", unit: "%")

        let result = world.assessor().assess(
            levelTarget(.atLeast(90, exceedBound: nil)), unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertEqual(result.verdict, .chuaCoSoLieu)
        // A review at 2027 looks back to the term's first year before saying there is nothing.
        XCTAssertTrue(result.explanation.hasPrefix("chưa có số liệu từ năm 2025 đến năm 2027"), result.explanation)
    }

    func testGrowthFromZeroOrNegativeBaseIsNotComputed() {
        for base in [0.0, -50] {
            var world = CoreFixture()
            let ward = world.unit("90001", "Mẫu")
            world.indicator("X", unit: "tỷ đồng")
            world.value("X", ward, "2025", base)
            world.value("X", ward, "2027", 100)
            let target = Target(
                number: 1, group: .kinhTe, wording: "Tăng trưởng", indicatorCode: "X",
                measure: .averageGrowth(baseYear: 2025, geometric: true), condition: .atLeast(10, exceedBound: nil),
                deadlineYear: 2030)

            let result = world.assessor().assess(target, unit: ward, at: .year(2027), termStart: 2025)

            XCTAssertEqual(result.verdict, .chuaCoSoLieu, "base \(base)")
            XCTAssertTrue(result.explanation.contains("bằng 0 hoặc âm"), result.explanation)
        }
    }

    func testArithmeticGrowthIsTheMeanOfYearlyRates() {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("X", unit: "tỷ đồng")
        world.yearly("X", ward, from: 2025, [100, 110, 132])
        let target = Target(
            number: 1, group: .kinhTe, wording: "Tăng trưởng", indicatorCode: "X",
            measure: .averageGrowth(baseYear: 2025, geometric: false), condition: .atLeast(10, exceedBound: nil),
            deadlineYear: 2030)

        let result = world.assessor().assess(target, unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertEqual(result.figure, 15)
        XCTAssertEqual(result.figureText, "15%/năm")
    }

    func testAnnualMeanAndSumOutlookProjectsTheRemainingYears() {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("VIEC_LAM", unit: "lao động")
        world.yearly("VIEC_LAM", ward, from: 2026, [850, 880])
        let target = Target(
            number: 1, group: .vanHoaXaHoiMoiTruong, wording: "Bình quân giải quyết việc làm 900 lao động/năm",
            indicatorCode: "VIEC_LAM", measure: .annualMean(fromYear: 2026, toYear: 2030),
            condition: .atLeast(900, exceedBound: nil), deadlineYear: 2030)

        let result = world.assessor().assess(target, unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertEqual(result.figureText, "865 lao động/năm")
        XCTAssertEqual(result.verdict, .chuaDat)
        // 850, 880, then 910, 940, 970 on the trend: mean 910 ≥ 900.
        XCTAssertEqual(result.projectionText, "910 lao động/năm")
        XCTAssertEqual(result.outlook, .coKhaNangDat)
    }

    func testRevisionChangesTheTargetFromItsEffectiveDate() {
        let original = levelTarget(.atMost(2, exceedBound: nil))
        var revised = original
        revised.condition = .atMost(1.5, exceedBound: nil)
        let resolution = Resolution(
            id: "r", issuingUnitID: UnitID("x"), symbol: "01-NQ/ĐH", title: "Nghị quyết", termStart: 2025,
            termEnd: 2030, adoptedOn: CivilDate(2025, 10, 1), targets: [original],
            revisions: [
                ResolutionRevision(
                    symbol: "05-NQ/TU", title: "Điều chỉnh", effectiveFrom: CivilDate(2027, 6, 1), targets: [revised])
            ])

        XCTAssertEqual(resolution.targets(on: CivilDate(2026, 12, 31)).first?.condition, .atMost(2, exceedBound: nil))
        XCTAssertEqual(resolution.targets(on: CivilDate(2027, 12, 31)).first?.condition, .atMost(1.5, exceedBound: nil))
    }

    func testSummaryLinePadsCountsAndSkipsEmptyGroups() {
        func stub(_ number: Int, _ verdict: Verdict) -> Assessment {
            Assessment(
                target: levelTarget(.atLeast(1, exceedBound: nil)).with(number: number), period: .year(2027),
                verdict: verdict,
                outlook: nil, figure: nil, figureText: nil, planText: "", projectionText: nil, isEstimate: false,
                yearly: [],
                explanation: "")
        }
        let verdicts: [Verdict] = [
            .dat, .vuot, .dat, .dat, .dat, .vuot, .dat, .ganDat, .ganDat, .chuaDat, .chuaDat, .chuaDat, .chuaDat,
            .chuaDat,
        ]
        let summary = VerdictSummary(verdicts.enumerated().map { stub($0.offset + 1, $0.element) })

        XCTAssertEqual(summary.line, "có 07/14 chỉ tiêu đạt và vượt; 02 chỉ tiêu gần đạt; 05 chỉ tiêu chưa đạt")
        XCTAssertEqual(summary.nearlyMet, [8, 9])
    }
}

extension Target {
    fileprivate func with(number: Int) -> Target {
        var copy = self
        copy.number = number
        return copy
    }
}

final class ExplanationWordingTests: XCTestCase {
    func testPlannedFallIsWrittenAsAFall() {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("TNGT", "Số vụ tai nạn giao thông", unit: "vụ")
        world.value("TNGT", ward, "2025", 100)
        world.value("TNGT", ward, "2027", 90.25)
        let target = Target(
            number: 11, group: .quocPhongAnNinh, wording: "Số vụ tai nạn giao thông giảm bình quân 5–10%/năm",
            indicatorCode: "TNGT", measure: .averageGrowth(baseYear: 2025, geometric: true),
            condition: .between(low: -10, high: -5, direction: .lowerIsBetter), deadlineYear: 2030,
            tolerance: .relative(0.1))

        let result = world.assessor().assess(target, unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertEqual(result.figureText, "giảm 5%/năm")
        XCTAssertEqual(result.verdict, .dat)
        XCTAssertEqual(result.explanation, "giảm 5%/năm, đạt chỉ tiêu Nghị quyết (kế hoạch giảm 5–10%/năm)")
    }

    func testAboveACeilingSaysHowMuchHigher() {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("HN", "Tỷ lệ hộ nghèo", unit: "%", decimals: 2)
        world.value("HN", ward, "2027", 1.35)
        let target = Target(
            number: 3, group: .vanHoaXaHoiMoiTruong, wording: "Tỷ lệ hộ nghèo giảm còn dưới 1%", indicatorCode: "HN",
            measure: .level, condition: .atMost(1, exceedBound: nil), deadlineYear: 2030)

        let result = world.assessor().assess(target, unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertTrue(result.explanation.contains("(kế hoạch không quá 1%, còn cao hơn 35,0%)"), result.explanation)
    }

    func testProjectionOfAFallingRateStopsAtZero() {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("HN", "Tỷ lệ hộ nghèo", unit: "%", decimals: 2)
        world.yearly("HN", ward, from: 2025, [3.0, 2.0, 1.2])
        let target = Target(
            number: 3, group: .vanHoaXaHoiMoiTruong, wording: "Tỷ lệ hộ nghèo giảm còn dưới 1%", indicatorCode: "HN",
            measure: .level, condition: .atMost(1, exceedBound: nil), deadlineYear: 2030)

        let result = world.assessor().assess(target, unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertEqual(result.projectionText, "giảm về mức tối thiểu 0%", "the floor, not a measured-looking 0,00%")
        XCTAssertEqual(result.outlook, .coKhaNangDat)
    }

    func testEveryYearMarksOnlyTheEstimatedYear() {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("KN", "Kết nạp đảng viên", unit: "đảng viên")
        world.value("KN", ward, "2026", 30)
        world.value("KN", ward, "2027", 28, status: .uoc)
        let target = Target(
            number: 7, group: .xayDungDang, wording: "Hằng năm kết nạp 25–35 đảng viên mới", indicatorCode: "KN",
            measure: .everyYear(fromYear: 2026, toYear: 2030),
            condition: .between(low: 25, high: 35, direction: .higherIsBetter), deadlineYear: 2030)

        let result = world.assessor().assess(target, unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertEqual(result.tableFigureText, "28 đảng viên (ước năm 2027)")
        XCTAssertTrue(
            result.explanation.hasPrefix(
                "năm 2026: 30 đảng viên (đạt); ước năm 2027: 28 đảng viên (đạt), đạt chỉ tiêu"),
            result.explanation)
    }
}
