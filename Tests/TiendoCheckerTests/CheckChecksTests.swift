import Foundation
import TiendoChecker
import TiendoCore
import XCTest

/// Each check of the audit on small reports: the contradiction is found, with its passages,
/// figures and arithmetic; the consistent twin gives nothing.
final class CheckChecksTests: XCTestCase {

    private func audit(_ text: String) -> CheckReport { ReportCheck.run(text: text) }

    // MARK: Restated figures

    func testRestatedFigureThatDisagreesIsFoundWithBothPassages() throws {
        let report = audit(
            """
            I. Kết quả nổi bật: năm 2025 kết nạp 243 đảng viên mới.

            III. Xây dựng Đảng: công tác phát triển đảng viên được chú trọng, năm 2025 kết nạp 247 đảng viên mới.
            """)

        let finding = try XCTUnwrap(report.findings.first)
        XCTAssertEqual(report.findings.count, 1)
        XCTAssertEqual(finding.kind, .restatedFigure)
        XCTAssertEqual(finding.severity, .nghiemTrong)
        XCTAssertEqual(finding.figures, ["243 đảng viên", "247 đảng viên"])
        XCTAssertEqual(finding.passages.map(\.location), [.paragraph(1), .paragraph(2)])
        XCTAssertEqual(finding.arithmetic, "243 đảng viên ≠ 247 đảng viên (chênh lệch 4)")
        XCTAssertEqual(report.coverage.restatedPairs, 1)
    }

    func testRestatedFigureThatAgreesAtTheCoarserPrecisionIsNotAFinding() {
        let report = audit(
            """
            Năm 2025, thu ngân sách nhà nước trên địa bàn ước đạt 366,3 tỷ đồng.

            Thu ngân sách nhà nước trên địa bàn năm 2025 đạt 366,25 tỷ đồng.
            """)

        XCTAssertEqual(report.findings, [])
        XCTAssertEqual(report.coverage.restatedPairs, 1)
    }

    func testFractionAndPercentageOfTheSameSubjectAreCompared() throws {
        let report = audit(
            """
            Toàn phường có 28/38 trường đạt chuẩn quốc gia.

            Tỷ lệ trường đạt chuẩn quốc gia đạt 75%.
            """)

        let finding = try XCTUnwrap(report.findings.first)
        XCTAssertEqual(finding.kind, .restatedFigure)
        XCTAssertEqual(finding.arithmetic, "28/38 trường = 73,68%, nơi khác ghi 75%")
    }

    func testDifferentKindsAndPeriodsAreNotTheSameSubject() {
        let report = audit(
            """
            Năm 2020, Đảng bộ có 3 chi bộ hoàn thành xuất sắc nhiệm vụ, 10 chi bộ hoàn thành tốt nhiệm vụ.

            Cuối năm, trao giấy khen cho 10 chi bộ hoàn thành tốt nhiệm vụ năm 2020.

            Năm 2021 phấn đấu có 5 chi bộ hoàn thành xuất sắc nhiệm vụ.

            Tỷ lệ hộ nghèo còn 1,2%; tỷ lệ hộ cận nghèo còn 2,5%.

            Tỷ lệ hộ cận nghèo năm 2025 là 2,5%.
            """)

        XCTAssertEqual(report.findings, [])
    }

    func testQuotedNamesTellSubjectsApart() throws {
        let twoFunds = audit(
            """
            Quỹ “Đền ơn đáp nghĩa” giai đoạn 2025 - 2027 vận động được 1,12 tỷ đồng.

            Giai đoạn 2025 - 2027, Quỹ “Vì người nghèo” của phường vận động được 2,94 tỷ đồng.
            """)
        let oneFund = audit(
            """
            Quỹ “Vì người nghèo” giai đoạn 2025 - 2027 vận động được 2,49 tỷ đồng.

            Giai đoạn 2025 - 2027, Quỹ “Vì người nghèo” của phường vận động được 2,94 tỷ đồng.
            """)

        XCTAssertEqual(twoFunds.findings, [])
        XCTAssertEqual(try XCTUnwrap(oneFund.findings.first).figures, ["2,49 tỷ đồng", "2,94 tỷ đồng"])
    }

    func testMeetingTheStandardNarrowsWhatIsCounted() throws {
        let schools = audit(
            """
            Toàn phường có 17 trường công lập (06 trường mầm non, 07 trường tiểu học, 04 trường trung học cơ sở).

            Đến nay, toàn phường có 14 trường công lập đạt chuẩn quốc gia (mầm non 05 trường, tiểu học 06 trường, trung học cơ sở 03 trường).
            """)
        // "theo chuẩn nghèo" is not "đạt chuẩn": the two rates are still one subject.
        let poverty = audit(
            """
            Năm 2025, tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều còn 1,2%.

            Tỷ lệ hộ nghèo năm 2025 còn 1,4%.
            """)

        XCTAssertEqual(schools.findings, [])
        XCTAssertEqual(try XCTUnwrap(poverty.findings.first).kind, .restatedFigure)
    }

    func testTargetsForDifferentDeadlinesAreNotRestatements() throws {
        let milestones = audit(
            """
            Đến năm 2027 phấn đấu có 16/17 trường công lập đạt chuẩn quốc gia.

            Đến năm 2030 phấn đấu có 100% trường công lập đạt chuẩn quốc gia.
            """)
        let sameDeadline = audit(
            """
            Đến năm 2030 phấn đấu có 95% trường công lập đạt chuẩn quốc gia.

            Đến năm 2030 phấn đấu có 100% trường công lập đạt chuẩn quốc gia.
            """)

        XCTAssertEqual(milestones.findings, [])
        XCTAssertEqual(try XCTUnwrap(sameDeadline.findings.first).figures, ["95%", "100%"])
    }

    func testWhatAClauseLeavesUnsaidTellsSubjectsApart() {
        // "với tổng kinh phí": the cost of what the sentence did before it.
        let costs = audit(
            """
            Giai đoạn 2025 - 2027 đã bê tông hóa 14,6 km đường kiệt, hẻm với tổng kinh phí 23,8 tỷ đồng.

            Giai đoạn 2025 - 2027 đã sửa chữa 46 nhà đại đoàn kết, với tổng kinh phí 2,76 tỷ đồng.
            """)
        // A share tied to the things counted just before it.
        let shares = audit(
            """
            Năm 2026, trong 46 tổ chức đảng có 41 tổ chức hoàn thành tốt nhiệm vụ trở lên; tỷ lệ hoàn thành tốt nhiệm vụ trở lên đạt 89,13%.

            Năm 2026, trong 2.139 đảng viên có 1.977 đảng viên hoàn thành tốt nhiệm vụ trở lên; tỷ lệ hoàn thành tốt nhiệm vụ trở lên đạt 92,43%.
            """)
        // Within a paragraph, the lead of each sentence names its topic or its actor.
        let topics = audit(
            "Năm 2026, trên địa bàn xảy ra 42 vụ phạm pháp hình sự. Tai nạn giao thông được kiềm chế; năm 2026 xảy ra 09 vụ."
        )
        let actors = audit(
            "Ban Thường vụ Đảng ủy đã kiểm tra 38 tổ chức đảng trực thuộc; giám sát chuyên đề 27 tổ chức đảng. "
                + "Ủy ban Kiểm tra Đảng ủy kiểm tra 18 tổ chức đảng về thu, nộp đảng phí; giám sát chuyên đề 12 tổ chức đảng."
        )

        XCTAssertEqual(costs.findings, [])
        XCTAssertEqual(shares.findings, [])
        XCTAssertEqual(topics.findings, [])
        XCTAssertEqual(actors.findings, [])
    }

    func testABareClauseStillMeetsItsRestatementElsewhere() throws {
        let report = audit(
            """
            Tai nạn giao thông được kiềm chế; năm 2026 xảy ra 09 vụ.

            Năm 2026 xảy ra 11 vụ tai nạn giao thông.
            """)

        XCTAssertEqual(try XCTUnwrap(report.findings.first).figures, ["09 vụ", "11 vụ"])
    }

    // MARK: Fractions and percentages

    func testFractionNextToAWrongPercentage() throws {
        let report = audit("Toàn phường có 28/38 trường đạt chuẩn quốc gia, đạt 75%.")

        let finding = try XCTUnwrap(report.findings.first)
        XCTAssertEqual(finding.kind, .fractionPercentage)
        XCTAssertEqual(finding.severity, .nghiemTrong)
        XCTAssertEqual(finding.arithmetic, "28/38 = 73,68%, báo cáo ghi 75%")
        XCTAssertEqual(finding.passages.first?.location, .paragraph(1))
    }

    func testFractionAndPercentageThatAgreeByRounding() {
        XCTAssertEqual(audit("Có 28/38 trường đạt chuẩn quốc gia, đạt 73,7%.").findings, [])
        XCTAssertEqual(audit("Đạt 75% (3/4 xã).").findings, [])
        XCTAssertEqual(audit("Có 02/04 xã đạt chuẩn nông thôn mới (50%).").findings, [])
        XCTAssertEqual(audit("Giải quyết đúng hạn 4.673/4.817 hồ sơ, đạt 97,01%.").coverage.fractionPercentPairs, 1)
    }

    func testPercentageCutInsteadOfRoundedIsWorthAReview() throws {
        let report = audit("Giải quyết đúng hạn 4.700/4.817 hồ sơ, đạt 97%.")

        XCTAssertEqual(try XCTUnwrap(report.findings.first).severity, .canXemLai)
    }

    func testPercentageOfAnotherSubjectIsNotPairedWithTheFraction() {
        let report = audit("Có 02/04 xã đạt chuẩn nông thôn mới và tỷ lệ hộ nghèo còn 1,5%.")

        XCTAssertEqual(report.findings, [])
        XCTAssertEqual(report.coverage.fractionPercentPairs, 0)
    }

    // MARK: Parts and totals

    func testYearlyBreakdownInAFootnoteThatDoesNotAddUp() throws {
        let report = audit(
            """
            Trong nhiệm kỳ kết nạp 350 đảng viên mới[1].

            [1] Năm 2021: 81; năm 2022: 65; năm 2023: 70; năm 2024: 72; năm 2025: 65.
            """)

        let finding = try XCTUnwrap(report.findings.first)
        XCTAssertEqual(report.findings.count, 1)
        XCTAssertEqual(finding.kind, .partsTotal)
        XCTAssertEqual(finding.arithmetic, "81 + 65 + 70 + 72 + 65 = 353, báo cáo ghi 350 đảng viên")
        XCTAssertEqual(finding.passages.map(\.location), [.paragraph(1), .footnote(1)])
    }

    func testYearlyMeanAgainstItsBreakdown() {
        let consistent = audit(
            "Bình quân mỗi năm kết nạp 70,6 đảng viên (năm 2021: 81, năm 2022: 65, năm 2023: 70, năm 2024: 72, năm 2025: 65)."
        )
        let wrong = audit(
            "Bình quân mỗi năm kết nạp 75 đảng viên (năm 2021: 81, năm 2022: 65, năm 2023: 70, năm 2024: 72, năm 2025: 65)."
        )

        XCTAssertEqual(consistent.findings, [])
        XCTAssertEqual(consistent.coverage.partsTotals, 1)
        XCTAssertEqual(wrong.findings.map(\.kind), [.partsTotal])
    }

    func testBreakdownByKindAfterGom() throws {
        let wrong = audit(
            "Năm 2025 có 38 tổ chức cơ sở đảng được đánh giá, gồm: 06 tổ chức hoàn thành xuất sắc nhiệm vụ, 29 tổ chức hoàn thành tốt nhiệm vụ, 04 tổ chức hoàn thành nhiệm vụ."
        )
        let right = audit(
            "Năm 2025 có 38 tổ chức cơ sở đảng được đánh giá, gồm: 06 tổ chức hoàn thành xuất sắc nhiệm vụ, 29 tổ chức hoàn thành tốt nhiệm vụ, 03 tổ chức hoàn thành nhiệm vụ."
        )

        XCTAssertEqual(
            try XCTUnwrap(wrong.findings.first).arithmetic, "6 + 29 + 4 = 39, báo cáo ghi 38 tổ chức cơ sở đảng")
        XCTAssertEqual(right.findings, [])
    }

    func testPartialListAfterTrongDoMayAddUpToLess() {
        let partial = audit(
            "Giải quyết việc làm cho 950 lao động, trong đó 320 lao động nữ và 150 lao động nam đi làm việc ở nước ngoài."
        )
        let overflowing = audit("Toàn phường có 243 đảng viên, trong đó 150 đảng viên nam và 100 đảng viên nữ.")

        XCTAssertEqual(partial.findings, [])
        XCTAssertEqual(overflowing.findings.map(\.kind), [.partsTotal])
    }

    func testOverlappingCategoriesAreNotSummed() {
        let report = audit(
            "Toàn Đảng bộ có 243 đảng viên, trong đó 150 đảng viên trẻ, 120 đảng viên có trình độ đại học.")

        XCTAssertEqual(report.findings, [])
    }

    func testStarRatingsAreNotParts() throws {
        let consistent = audit(
            "Phường có 06 sản phẩm đạt chuẩn OCOP, gồm 04 sản phẩm đạt 3 sao và 02 sản phẩm đạt 4 sao.")
        let wrong = audit("Phường có 07 sản phẩm đạt chuẩn OCOP, gồm 04 sản phẩm đạt 3 sao và 02 sản phẩm đạt 4 sao.")

        XCTAssertEqual(consistent.findings, [])
        XCTAssertEqual(consistent.coverage.partsTotals, 1)
        XCTAssertEqual(try XCTUnwrap(wrong.findings.first).arithmetic, "4 + 2 = 6, báo cáo ghi 07 sản phẩm")
    }

    func testAStockRaisedByTheFlowsIsNotTheirTotal() throws {
        let consistent = audit(
            "Giai đoạn 2025 - 2027 thành lập mới 96 doanh nghiệp (năm 2025: 28; năm 2026: 34; năm 2027: 34), "
                + "nâng tổng số doanh nghiệp đang hoạt động lên 412 doanh nghiệp.")
        let wrong = audit(
            "Giai đoạn 2025 - 2027 thành lập mới 95 doanh nghiệp (năm 2025: 28; năm 2026: 34; năm 2027: 34), "
                + "nâng tổng số doanh nghiệp đang hoạt động lên 412 doanh nghiệp.")

        XCTAssertEqual(consistent.findings, [])
        XCTAssertEqual(consistent.coverage.partsTotals, 1)
        let finding = try XCTUnwrap(wrong.findings.first)
        XCTAssertEqual(wrong.findings.count, 1)
        XCTAssertEqual(finding.arithmetic, "28 + 34 + 34 = 96, báo cáo ghi 95 doanh nghiệp")
    }

    func testSummaryCountWhosePartsDoNotMakeTheTotal() throws {
        let report = audit("Trong 14 chỉ tiêu, có 08 chỉ tiêu đạt và vượt; 02 chỉ tiêu gần đạt; 05 chỉ tiêu chưa đạt.")

        let finding = try XCTUnwrap(report.findings.first)
        XCTAssertEqual(finding.kind, .partsTotal)
        XCTAssertEqual(finding.arithmetic, "08 + 02 + 05 = 15, báo cáo ghi tổng số 14 chỉ tiêu")
    }

    // MARK: Verdicts

    func testVerdictMetWhosePlanInAFootnoteIsMissed() throws {
        let report = audit(
            """
            Tốc độ tăng trưởng kinh tế bình quân đạt 9,5%/năm[1], đạt chỉ tiêu Nghị quyết.

            [1] Nghị quyết đề ra tăng trưởng bình quân 10 - 11%/năm.
            """)

        let finding = try XCTUnwrap(report.findings.first)
        XCTAssertEqual(finding.kind, .verdictFigure)
        XCTAssertEqual(finding.severity, .nghiemTrong)
        XCTAssertEqual(finding.figures, ["9,5%/năm", "10 - 11%/năm"])
        XCTAssertEqual(finding.passages.map(\.location), [.paragraph(1), .footnote(1)])
        XCTAssertEqual(report.coverage.verdicts, 1)
    }

    func testVerdictNotMetWhoseFigureMeetsThePlanIsWorthAReview() throws {
        let report = audit("Tỷ lệ hộ nghèo còn 1,2% (chỉ tiêu dưới 1,5%), chưa đạt chỉ tiêu.")

        let finding = try XCTUnwrap(report.findings.first)
        XCTAssertEqual(finding.kind, .verdictFigure)
        XCTAssertEqual(finding.severity, .canXemLai)
    }

    func testConsistentVerdictsInAllSupportedShapes() {
        let report = audit(
            """
            1. Tốc độ tăng giá trị sản xuất bình quân 10 - 11%/năm: ước đạt 10,4%/năm, đạt chỉ tiêu.
            2. Tỷ lệ hộ nghèo giảm còn dưới 1,5%: còn 0,9%, đạt chỉ tiêu.
            3. Số vụ tai nạn giao thông giảm bình quân 5 - 10%/năm: giảm bình quân 6,2%/năm, đạt chỉ tiêu.
            4. Thu nhập bình quân đầu người đạt 80 triệu đồng/người: ước đạt 76,5 triệu đồng/người, chưa đạt chỉ tiêu.
            Thu ngân sách đạt 110% dự toán, vượt kế hoạch.
            Tỷ lệ khu dân cư văn hóa đạt 91,7% (kế hoạch 90%), đạt chỉ tiêu.
            """)

        XCTAssertEqual(report.findings, [])
        XCTAssertEqual(report.coverage.verdicts, 6)
    }

    func testShareOfPlanBelowHundredCalledMet() throws {
        let report = audit("Thu ngân sách đạt 92% dự toán, đạt kế hoạch.")

        XCTAssertEqual(try XCTUnwrap(report.findings.first).kind, .verdictFigure)
    }

    func testPlanInAFootnoteWithSubjectWordsBeforeItsFigure() throws {
        let missed = audit(
            """
            Năm 2026 có 34/36 tổ dân phố đạt danh hiệu (94,44%)[1], đạt chỉ tiêu.

            [1] Chỉ tiêu Nghị quyết: hằng năm, tỷ lệ tổ dân phố đạt danh hiệu “Tổ dân phố văn hóa” từ 95% trở lên.
            """)
        // The plan in the footnote is not a restatement of the result either.
        let met = audit(
            """
            Giai đoạn 2025 - 2027 ước kết nạp 135 đảng viên mới[1], đạt chỉ tiêu.

            [1] Chỉ tiêu Nghị quyết: bình quân hằng năm kết nạp từ 45 đảng viên mới trở lên.
            """)

        let finding = try XCTUnwrap(missed.findings.first)
        XCTAssertEqual(missed.findings.count, 1)
        XCTAssertEqual(finding.kind, .verdictFigure)
        XCTAssertEqual(finding.figures, ["94,44%", "từ 95% trở lên"])
        XCTAssertEqual(met.findings, [])
        XCTAssertEqual(met.coverage.verdicts, 1)
    }

    func testVerdictOnTheScheduleIsNotJudgedAgainstTheWholeTermPlan() throws {
        let schedule = audit(
            """
            Tổng vốn đầu tư toàn xã hội giai đoạn 2025 - 2027 ước đạt 5.236 tỷ đồng, bằng 52,4% chỉ tiêu cả nhiệm kỳ[1], đạt yêu cầu tiến độ.

            [1] Chỉ tiêu Nghị quyết: tổng vốn đầu tư toàn xã hội giai đoạn 2025 - 2030 đạt 10.000 tỷ đồng.
            """)
        let target = audit(
            "Tổng vốn đầu tư toàn xã hội giai đoạn 2025 - 2027 ước đạt 5.236 tỷ đồng, bằng 52,4% chỉ tiêu cả nhiệm kỳ, đạt chỉ tiêu."
        )

        XCTAssertEqual(schedule.findings, [])
        XCTAssertEqual(schedule.coverage.verdictsWithoutPlan, 1)
        XCTAssertEqual(try XCTUnwrap(target.findings.first).kind, .verdictFigure)
    }

    func testVerdictWordsThatAreNotVerdicts() {
        let report = audit(
            """
            Các chỉ tiêu chủ yếu cơ bản đạt và vượt kế hoạch. Trường đạt chuẩn quốc gia. Phấn đấu đạt chỉ tiêu.
            Đạt kết quả tích cực; 3 chi bộ hoàn thành xuất sắc nhiệm vụ.
            """)

        XCTAssertEqual(report.findings, [])
        XCTAssertEqual(report.coverage.verdicts, 0)
    }

    // MARK: Summary count against the list

    func testSummaryCountAgainstTheListOfTargets() throws {
        let report = audit(
            """
            1. Thu ngân sách 200 tỷ đồng: đạt 215 tỷ đồng, vượt chỉ tiêu.
            2. Tỷ lệ hộ nghèo dưới 1,5%: còn 0,9%, đạt chỉ tiêu.
            3. Tỷ lệ trường đạt chuẩn quốc gia 80%: đạt 73,68%, chưa đạt chỉ tiêu.
            Như vậy có 03/03 chỉ tiêu đạt và vượt.
            """)

        let finding = try XCTUnwrap(report.findings.first)
        XCTAssertEqual(report.findings.count, 1)
        XCTAssertEqual(finding.kind, .verdictCount)
        XCTAssertEqual(
            finding.arithmetic,
            "danh sách 3 chỉ tiêu có 02 chỉ tiêu đạt và vượt, báo cáo ghi 03/03 chỉ tiêu đạt và vượt")
        XCTAssertEqual(report.coverage.verdictCounts, 1)
    }

    func testSummaryCountThatMatchesTheList() {
        let report = audit(
            """
            1. Thu ngân sách 200 tỷ đồng: đạt 215 tỷ đồng, vượt chỉ tiêu.
            2. Tỷ lệ hộ nghèo dưới 1,5%: còn 0,9%, đạt chỉ tiêu.
            3. Tỷ lệ trường đạt chuẩn quốc gia 80%: đạt 73,68%, chưa đạt chỉ tiêu.
            Như vậy có 02/03 chỉ tiêu đạt và vượt, 01 chỉ tiêu chưa đạt.
            """)

        XCTAssertEqual(report.findings, [])
        XCTAssertEqual(report.coverage.verdictCounts, 1)
    }

    func testSummaryCountOfMainTargetsAgainstTheList() throws {
        let list = """
            1. Thu ngân sách 200 tỷ đồng: đạt 215 tỷ đồng, vượt chỉ tiêu.
            2. Tỷ lệ hộ nghèo dưới 1,5%: còn 0,9%, đạt chỉ tiêu.
            3. Tỷ lệ trường đạt chuẩn quốc gia 80%: đạt 73,68%, chưa đạt chỉ tiêu.
            Như vậy có 02/03 chỉ tiêu đạt và vượt, 01 chỉ tiêu chưa đạt.

            """
        let wrong = audit(list + "Hạn chế: còn 02/03 chỉ tiêu chủ yếu chưa đạt, nhất là trường đạt chuẩn quốc gia.")
        let right = audit(list + "Hạn chế: còn 01/03 chỉ tiêu chủ yếu chưa đạt, là trường đạt chuẩn quốc gia.")

        // One contradiction, one finding: the count against the list, not also "01" against "02/03".
        let finding = try XCTUnwrap(wrong.findings.first)
        XCTAssertEqual(wrong.findings.count, 1)
        XCTAssertEqual(finding.kind, .verdictCount)
        XCTAssertEqual(finding.figures, ["02/03 chỉ tiêu"])
        XCTAssertEqual(right.findings, [])
        XCTAssertEqual(right.coverage.verdictCounts, 2)
    }

    // MARK: Output

    func testOutputSaysWhatWasCheckedEvenWithoutFindings() {
        let report = audit("Năm 2025, thu ngân sách đạt 366,3 tỷ đồng.\n\nCó 28/38 trường đạt chuẩn, đạt 73,68%.")

        XCTAssertEqual(
            report.vietnameseText,
            """
            Đã kiểm tra 3 số liệu trong 2 đoạn: 0 cặp số liệu nhắc lại, 1 phân số – tỷ lệ, 0 tổng – thành phần, \
            0 đánh giá chỉ tiêu, 0 dòng tổng hợp số chỉ tiêu.
            Không phát hiện mâu thuẫn nào giữa các số liệu.
            """)
    }

    func testFindingRenderingQuotesPlacesFiguresAndArithmetic() throws {
        let report = audit("Toàn phường có 28/38 trường đạt chuẩn quốc gia, đạt 75%.")

        XCTAssertEqual(
            try XCTUnwrap(report.findings.first).vietnameseText,
            """
            [nghiêm trọng] Phân số và tỷ lệ phần trăm không khớp: 28/38 trường là 73,68%, nhưng câu này ghi 75%.
               - đoạn 1: “Toàn phường có 28/38 trường đạt chuẩn quốc gia, đạt 75%.”
               Số liệu: 28/38 trường; 75%. Phép tính: 28/38 = 73,68%, báo cáo ghi 75%.
            """)
        XCTAssertTrue(report.summaryLine.hasPrefix("Phát hiện 1 điểm mâu thuẫn (1 nghiêm trọng)"))
    }

    func testReportIsCodableForTheWebPage() throws {
        let report = audit("Toàn phường có 28/38 trường đạt chuẩn quốc gia, đạt 75%.")

        let decoded = try JSONDecoder().decode(CheckReport.self, from: try JSONEncoder().encode(report))

        XCTAssertEqual(decoded, report)
    }

    func testTableWordingWithADeadlineDoesNotMakeTheResultColumnAPlan() {
        let text = """
            2. GRDP bình quân đầu người năm 2025 đạt 86,4 triệu đồng/người, chưa đạt chỉ tiêu Nghị quyết[1].
            TT | Chỉ tiêu | Kế hoạch | Thực hiện năm 2025 | Đánh giá
            2 | GRDP bình quân đầu người đến năm 2030 đạt trên 150 triệu đồng | từ 150 triệu đồng/người trở lên | 86,4 triệu đồng/người | Chưa đạt
            [1] Kế hoạch: từ 150 triệu đồng/người trở lên. Số liệu đầu nhiệm kỳ: 86,4 triệu đồng/người.
            """

        let report = ReportCheck.run(text: text)

        XCTAssertEqual(report.findings, [], "the result 86,4 is not a restatement of the plan 150")
    }

    func testTableResultThatDisagreesWithTheTextIsStillFound() throws {
        let text = """
            2. GRDP bình quân đầu người năm 2025 đạt 86,4 triệu đồng/người, chưa đạt chỉ tiêu Nghị quyết.
            TT | Chỉ tiêu | Kế hoạch | Thực hiện năm 2025 | Đánh giá
            2 | GRDP bình quân đầu người đến năm 2030 đạt trên 150 triệu đồng | từ 150 triệu đồng/người trở lên | 68,4 triệu đồng/người | Chưa đạt
            """

        let report = ReportCheck.run(text: text)

        let finding = try XCTUnwrap(report.findings.first)
        XCTAssertEqual(finding.kind, .restatedFigure)
        XCTAssertEqual(Set(finding.figures), ["86,4 triệu đồng/người", "68,4 triệu đồng/người"])
    }
}
