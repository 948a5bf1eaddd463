import Foundation
import TiendoCore
import XCTest

/// Each check of the audit on small reports: the contradiction is found, with its passages,
/// figures and arithmetic; the consistent twin gives nothing.
final class AuditChecksTests: XCTestCase {

    private func audit(_ text: String) -> AuditReport { ReportAudit.run(text: text) }

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

        let decoded = try JSONDecoder().decode(AuditReport.self, from: try JSONEncoder().encode(report))

        XCTAssertEqual(decoded, report)
    }
}
