import TiendoCore
import TiendoTestSupport
import XCTest

/// Issue 24, items 2 and 3: the average yearly change in points, and verdicts as a review reads
/// them (domain.md, "Verdicts": the latest figure up to the review year with its year named; the
/// years reported so far for an every-year target; a sum before its deadline against the share of
/// its plan due).
final class ReviewReadingTests: XCTestCase {
    // MARK: - Average yearly change (points a year)

    private func povertyWorld(_ numbers: [Int: Double]) -> (CoreFixture, UnitID) {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("TY_LE_HO_NGHEO", "Tỷ lệ hộ nghèo", unit: "%", decimals: 2, time: .last, type: .percentage)
        for (year, number) in numbers { world.value("TY_LE_HO_NGHEO", ward, "\(year)", number) }
        return (world, ward)
    }

    /// "Tỷ lệ hộ nghèo giảm bình quân 1,5%/năm": at most −1,5 points a year.
    private let povertyFall = Target(
        number: 6, group: .vanHoaXaHoiMoiTruong, wording: "Tỷ lệ hộ nghèo giảm bình quân 1,5%/năm",
        indicatorCode: "TY_LE_HO_NGHEO", measure: .averageChange(baseYear: 2025),
        condition: .atMost(-1.5, exceedBound: nil), deadlineYear: 2030)

    func testAverageChangeIsPointsAYearNotARelativeRate() {
        // 4,0% → 1,6% in two years is −1,2 points a year (a relative fall would be −36,8%/năm).
        let (world, ward) = povertyWorld([2025: 4.0, 2027: 1.6])

        let result = world.assessor().assess(povertyFall, unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertEqual(result.figure, -1.2)
        XCTAssertEqual(result.figureText, "giảm 1,2%/năm")
        XCTAssertEqual(result.planText, "giảm từ 1,5%/năm trở lên")
        XCTAssertEqual(result.verdict, .chuaDat)
        XCTAssertEqual(result.outlook, .khoDat)
        XCTAssertEqual(
            result.explanation,
            "giảm 1,2%/năm, chưa đạt chỉ tiêu Nghị quyết (kế hoạch giảm từ 1,5%/năm trở lên, còn thiếu 20,0%); "
                + "dự báo đến năm 2030 giảm 1,2%/năm, khó đạt")
    }

    func testAverageChangeMeetingTheFallIsDat() {
        let (world, ward) = povertyWorld([2025: 4.0, 2027: 0.9])

        let result = world.assessor().assess(povertyFall, unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertEqual(result.figure, -1.55)
        XCTAssertEqual(result.verdict, .dat)
        XCTAssertEqual(
            result.explanation, "giảm 1,55%/năm, đạt chỉ tiêu Nghị quyết (kế hoạch giảm từ 1,5%/năm trở lên)")
    }

    func testAverageChangeInPerMilleAndAReportSentence() {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("TY_SUAT_SINH", "Tỷ suất sinh thô", unit: "‰", decimals: 1, time: .last)
        world.yearly("TY_SUAT_SINH", ward, from: 2025, [14.2, 13.8, 13.5])
        let target = Target(
            number: 9, group: .vanHoaXaHoiMoiTruong, wording: "Giảm tỷ suất sinh thô 0,3‰/năm",
            indicatorCode: "TY_SUAT_SINH", measure: .averageChange(baseYear: 2025),
            condition: .atMost(-0.3, exceedBound: nil), deadlineYear: 2030)

        let result = world.assessor().assess(target, unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertEqual(result.figure, -0.35)
        XCTAssertEqual(result.figureText, "giảm 0,35‰/năm")
        XCTAssertEqual(result.verdict, .dat)
        let indicator = world.indicators.first { $0.code == "TY_SUAT_SINH" }
        XCTAssertEqual(
            ReportWording.resultSentence(result, indicator: indicator),
            "Tỷ suất sinh thô giai đoạn 2026–2027 giảm bình quân 0,35‰/năm, đạt chỉ tiêu Nghị quyết.")
    }

    func testAverageChangeRiseIsWrittenAsAnIncrease() {
        // "Tỷ lệ lao động qua đào tạo tăng bình quân 2%/năm": at least +2 points a year.
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("LAO_DONG_DAO_TAO", "Tỷ lệ lao động qua đào tạo", unit: "%", decimals: 1, time: .last)
        world.yearly("LAO_DONG_DAO_TAO", ward, from: 2025, [70, 72.5, 74.6])
        let target = Target(
            number: 10, group: .vanHoaXaHoiMoiTruong, wording: "Tỷ lệ lao động qua đào tạo tăng bình quân 2%/năm",
            indicatorCode: "LAO_DONG_DAO_TAO", measure: .averageChange(baseYear: 2025),
            condition: .atLeast(2, exceedBound: nil), deadlineYear: 2030)

        let result = world.assessor().assess(target, unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertEqual(result.figure, 2.3)
        XCTAssertEqual(result.figureText, "2,3%/năm")
        XCTAssertEqual(result.verdict, .dat)
    }

    // MARK: - The latest figure up to the review year

    func testLevelReadsTheLatestYearAndNamesIt() {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("NUOC_SACH", "Tỷ lệ hộ dùng nước sạch", unit: "%", decimals: 1, time: .last)
        world.yearly("NUOC_SACH", ward, from: 2025, [95, 96.2, 97.5])
        let target = Target(
            number: 5, group: .vanHoaXaHoiMoiTruong, wording: "Tỷ lệ hộ dùng nước sạch đạt 100%",
            indicatorCode: "NUOC_SACH", measure: .level, condition: .atLeast(100, exceedBound: nil),
            deadlineYear: 2030)

        let result = world.assessor().assess(target, unit: ward, at: .year(2028), termStart: 2025)

        XCTAssertEqual(result.verdict, .chuaDat)
        XCTAssertEqual(result.figureYear, 2027)
        XCTAssertEqual(result.figure, 97.5)
        XCTAssertEqual(result.tableFigureText, "97,5% (năm 2027)")
        XCTAssertTrue(
            result.explanation.hasPrefix("năm 2027 đạt 97,5%, chưa đạt chỉ tiêu Nghị quyết"), result.explanation)
        XCTAssertFalse(result.explanation.contains("chưa có số liệu"), result.explanation)
        let indicator = world.indicators.first { $0.code == "NUOC_SACH" }
        XCTAssertTrue(
            ReportWording.resultSentence(result, indicator: indicator).hasPrefix(
                "Tỷ lệ hộ dùng nước sạch năm 2027 đạt 97,5%"))
    }

    func testLevelWithNothingInTheTermHasNoData() {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("NUOC_SACH", "Tỷ lệ hộ dùng nước sạch", unit: "%", decimals: 1, time: .last)
        world.value("NUOC_SACH", ward, "2023", 90)  // the previous term: not read
        let target = Target(
            number: 5, group: .vanHoaXaHoiMoiTruong, wording: "Tỷ lệ hộ dùng nước sạch đạt 100%",
            indicatorCode: "NUOC_SACH", measure: .level, condition: .atLeast(100, exceedBound: nil),
            deadlineYear: 2030)

        let result = world.assessor().assess(target, unit: ward, at: .year(2028), termStart: 2025)

        XCTAssertEqual(result.verdict, .chuaCoSoLieu)
        XCTAssertTrue(result.explanation.hasPrefix("chưa có số liệu từ năm 2025 đến năm 2028"), result.explanation)
    }

    func testGrowthIsMeasuredToTheLatestYearReported() {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("GTSX", "Giá trị sản xuất", unit: "tỷ đồng")
        world.value("GTSX", ward, "2025", 5000)
        world.value("GTSX", ward, "2026", 5500)
        let target = Target(
            number: 1, group: .kinhTe, wording: "Tốc độ tăng trưởng giá trị sản xuất bình quân 10–11%/năm",
            indicatorCode: "GTSX", measure: .averageGrowth(baseYear: 2025, geometric: true),
            condition: .between(low: 10, high: 11, direction: .higherIsBetter), deadlineYear: 2030)

        let result = world.assessor().assess(target, unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertEqual(result.figure, 10)
        XCTAssertEqual(result.verdict, .dat)
        XCTAssertEqual(result.figureYear, 2026)
        XCTAssertEqual(result.explanation, "năm 2026 đạt 10%/năm, đạt chỉ tiêu Nghị quyết (kế hoạch 10–11%/năm)")
    }

    // MARK: - Every year: the years reported so far

    func testEveryYearJudgesTheYearsReportedAndNamesTheMissing() {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("KET_NAP", "Số đảng viên kết nạp", unit: "đảng viên")
        world.value("KET_NAP", ward, "2026", 71)
        world.value("KET_NAP", ward, "2028", 64)
        let target = Target(
            number: 7, group: .xayDungDang, wording: "Hằng năm kết nạp 65–80 đảng viên", indicatorCode: "KET_NAP",
            measure: .everyYear(fromYear: 2026, toYear: 2030),
            condition: .between(low: 65, high: 80, direction: .higherIsBetter), deadlineYear: 2030)

        let result = world.assessor().assess(target, unit: ward, at: .year(2028), termStart: 2025)

        XCTAssertEqual(result.verdict, .ganDat)
        XCTAssertEqual(result.missingYears, [2027])
        XCTAssertEqual(result.yearly.map(\.year), [2026, 2028])
        XCTAssertTrue(
            result.explanation.contains(
                "gần đạt chỉ tiêu Nghị quyết (kế hoạch hằng năm 65–80 đảng viên); chưa có số liệu năm 2027"),
            result.explanation)
    }

    // MARK: - A sum before its deadline: the share of the plan due

    private func investmentWorld(_ numbers: [Int: Double]) -> (CoreFixture, UnitID, Target) {
        var world = CoreFixture()
        let ward = world.unit("90001", "Mẫu")
        world.indicator("VON_DAU_TU", "Vốn đầu tư phát triển toàn xã hội", unit: "tỷ đồng")
        for (year, number) in numbers { world.value("VON_DAU_TU", ward, "\(year)", number) }
        let target = Target(
            number: 8, group: .kinhTe, wording: "Tổng vốn đầu tư giai đoạn 2026–2030 đạt 250.000 tỷ đồng",
            indicatorCode: "VON_DAU_TU", measure: .sum(fromYear: 2026, toYear: 2030), condition: .plan(250_000),
            deadlineYear: 2030)
        return (world, ward, target)
    }

    func testSumOnPaceAtMidTermCountsAsMet() {
        // Issue 23: 103.020 of 250.000 after two of five years is on pace, not "chưa đạt".
        let (world, ward, target) = investmentWorld([2026: 50_000, 2027: 53_020])

        let result = world.assessor().assess(target, unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertEqual(result.figure, 103_020)
        XCTAssertEqual(result.verdict, .dat)
        XCTAssertEqual(result.pace?.onPace, true)
        XCTAssertNil(result.outlook)
        XCTAssertEqual(
            result.explanation,
            "đạt 103.020 tỷ đồng, đúng tiến độ (kế hoạch 250.000 tỷ đồng; đến năm 2027 cần 100.000 tỷ đồng)")
        XCTAssertEqual(VerdictSummary([result]).metOrExceeded, [8])
        let indicator = world.indicators.first { $0.code == "VON_DAU_TU" }
        XCTAssertEqual(
            ReportWording.resultSentence(result, indicator: indicator),
            "Tổng vốn đầu tư phát triển toàn xã hội giai đoạn 2026–2027 đạt 103.020 tỷ đồng, đúng tiến độ.")
        XCTAssertEqual(
            ReportWording.footnote(result, indicator: indicator),
            "Kế hoạch: 250.000 tỷ đồng; đến năm 2027 cần 100.000 tỷ đồng. "
                + "Năm 2026: 50.000 tỷ đồng; năm 2027: 53.020 tỷ đồng.")
    }

    func testSumBehindPaceIsChuaDatWithAnOutlook() {
        let (world, ward, target) = investmentWorld([2026: 40_000, 2027: 45_000])

        let result = world.assessor().assess(target, unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertEqual(result.verdict, .chuaDat)
        XCTAssertEqual(result.pace?.onPace, false)
        XCTAssertNotNil(result.outlook)
        XCTAssertTrue(
            result.explanation.hasPrefix(
                "đạt 85.000 tỷ đồng, chậm tiến độ (kế hoạch 250.000 tỷ đồng; đến năm 2027 cần 100.000 tỷ đồng, còn thiếu 15,0%)"
            ), result.explanation)
    }

    func testSumWithAYearMissingIsJudgedOnTheYearsReported() {
        let (world, ward, target) = investmentWorld([2027: 52_000])

        let result = world.assessor().assess(target, unit: ward, at: .year(2027), termStart: 2025)

        XCTAssertEqual(result.verdict, .dat)
        XCTAssertEqual(result.missingYears, [2026])
        XCTAssertEqual(result.pace?.dueText, "50.000 tỷ đồng")
        XCTAssertTrue(result.explanation.hasSuffix("; chưa có số liệu năm 2026"), result.explanation)
    }

    func testCompleteSumAtTheDeadlineIsJudgedOnTheWholePlan() {
        // domain.md example 8 is unchanged: the whole term reported, no pace.
        let (world, ward, target) = investmentWorld([
            2026: 4_800, 2027: 5_300, 2028: 5_100, 2029: 5_400, 2030: 5_200,
        ])
        let small = Target(
            number: 8, group: .kinhTe, wording: target.wording, indicatorCode: target.indicatorCode,
            measure: target.measure, condition: .plan(25_000), deadlineYear: 2030)

        let result = world.assessor().assess(small, unit: ward, at: .year(2030), termStart: 2025)

        XCTAssertEqual(result.verdict, .vuot)
        XCTAssertNil(result.pace)
        let shortOfPlan = world.assessor().assess(target, unit: ward, at: .year(2030), termStart: 2025)
        XCTAssertEqual(shortOfPlan.verdict, .khongDat)
        XCTAssertNil(shortOfPlan.pace)
    }
}

/// Issue 23 item 3: the right kind at the right date.
final class ReportTimingTests: XCTestCase {
    func testTheDefaultDateIsThePeriodsCutOff() {
        XCTAssertEqual(ReportTiming.defaultDate(for: .year(2027)), CivilDate(2027, 12, 14))
        XCTAssertEqual(ReportTiming.defaultDate(for: .half(2027, 1)), CivilDate(2027, 6, 14))
    }

    func testFinalReviewOnlyFromTheTermsLastYear() {
        XCTAssertNotNil(ReportTiming.kindProblem(.tongKet, period: .year(2027), termStart: 2025, termEnd: 2030))
        XCTAssertNil(ReportTiming.kindProblem(.tongKet, period: .year(2030), termStart: 2025, termEnd: 2030))
        XCTAssertNil(ReportTiming.kindProblem(.soKet, period: .year(2027), termStart: 2025, termEnd: 2030))
        XCTAssertNil(ReportTiming.kindProblem(.nam, period: .year(2026), termStart: 2025, termEnd: 2030))
    }

    func testADateBeforeThePeriodIsRefusedAndBeforeItsCutOffWarned() {
        XCTAssertNotNil(ReportTiming.dateProblem(CivilDate(2026, 12, 1), period: .year(2027)))
        XCTAssertNil(ReportTiming.dateProblem(CivilDate(2026, 12, 20), period: .year(2027)))
        XCTAssertEqual(
            ReportTiming.dateWarning(CivilDate(2027, 6, 10), period: .year(2027)),
            "Ngày ban hành 10/06/2027 trước ngày khóa sổ năm 2027 (14/12/2027): số liệu của kỳ chỉ là số ước.")
        XCTAssertNil(ReportTiming.dateWarning(CivilDate(2027, 12, 14), period: .year(2027)))
        XCTAssertNil(ReportTiming.dateWarning(CivilDate(2028, 3, 1), period: .year(2027)))
    }
}
