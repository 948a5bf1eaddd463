import Foundation
import TiendoChecker
import TiendoCore
import XCTest

/// The rules a commune's full-length 5-year tổng kết (holdout batch 4) showed to be wrong, each on
/// a few short sentences: the consistent text gives nothing, the same text with one figure changed
/// gives the finding.
final class CheckLongReportRulesTests: XCTestCase {

    private func audit(_ text: String) -> CheckReport { ReportCheck.run(text: text) }

    /// Two dated figures of other subjects make 2025 the report's period, as in a real report.
    private let datedContext = """
        Năm 2025, giá trị sản xuất đạt 1.765 tỷ đồng.
        Năm 2025, vốn đầu tư phát triển đạt 120 tỷ đồng.
        """

    // MARK: Periods

    func testTheTermComparedWithIsNotTheFiguresPeriod() throws {
        let consistent = """
            \(datedContext)
            Tổng thu ngân sách 5 năm đạt 186,4 tỷ đồng, tăng 25,8% so với nhiệm kỳ 2015–2020.
            Thu ngân sách nhiệm kỳ 2015–2020 là 148,2 tỷ đồng.
            """
        XCTAssertEqual(audit(consistent).findings, [], "186,4 is of this term, 148,2 of the one compared with")

        let report = audit(consistent + "\nTổng thu ngân sách 5 năm đạt 168,4 tỷ đồng.")
        let finding = try XCTUnwrap(report.findings.first)
        XCTAssertEqual(report.findings.count, 1)
        XCTAssertEqual(finding.kind, .restatedFigure)
        XCTAssertEqual(Set(finding.figures), ["186,4 tỷ đồng", "168,4 tỷ đồng"])
    }

    func testNowDatesAFigureWhateverYearTheSentenceNamesLater() throws {
        let text = """
            \(datedContext)
            12. Toàn xã có 05/06 trường đạt chuẩn quốc gia.
            Hiện nay tỷ lệ trường đạt chuẩn quốc gia của xã mới đạt 83,3%, vì vậy cần đầu tư thêm trong năm 2026.
            """
        XCTAssertEqual(audit(text).findings, [])

        let report = audit(text.replacingOccurrences(of: "83,3%", with: "66,7%"))
        let finding = try XCTUnwrap(report.findings.first)
        XCTAssertEqual(report.findings.count, 1)
        XCTAssertEqual(finding.kind, .restatedFigure)
        XCTAssertEqual(finding.figures, ["05/06 trường", "66,7%"])
    }

    // MARK: Subjects

    func testALongSubjectTheProgrammesNameAndTheTermAreReadAcrossSections() throws {
        // The subject runs over 16 words; "Chương trình mục tiêu quốc gia" is a name, not a target;
        // "trong nhiệm kỳ" dates the figure; "nguồn lực" and "nguồn vốn" huy động are one thing.
        let text = """
            Tổng nguồn vốn huy động thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới trong 5 năm đạt 312,6 tỷ đồng.
            Năm 2025, thu nhập bình quân đầu người đạt 62,5 triệu đồng. Tổng nguồn lực huy động cho xây dựng nông thôn mới trong nhiệm kỳ đạt 312,6 tỷ đồng.
            """
        let consistent = audit(text)
        XCTAssertEqual(consistent.findings, [])
        XCTAssertEqual(consistent.coverage.restatedPairs, 1)

        let report = audit(text.replacingOccurrences(of: "nhiệm kỳ đạt 312,6", with: "nhiệm kỳ đạt 321,6"))
        let finding = try XCTUnwrap(report.findings.first)
        XCTAssertEqual(report.findings.count, 1)
        XCTAssertEqual(finding.kind, .restatedFigure)
        XCTAssertEqual(finding.figures, ["312,6 tỷ đồng", "321,6 tỷ đồng"])
    }

    func testALevelNarrowsWhatIsCounted() throws {
        let text = """
            Đến nay có 05/06 trường đạt chuẩn quốc gia, trong đó 02 trường đạt chuẩn quốc gia mức độ 2.
            Toàn xã có 05/06 trường đạt chuẩn quốc gia.
            """
        XCTAssertEqual(audit(text).findings, [], "02 schools of level 2 are not the 05 schools")

        let report = audit(text.replacingOccurrences(of: "Toàn xã có 05/06", with: "Toàn xã có 04/06"))
        let finding = try XCTUnwrap(report.findings.first)
        XCTAssertEqual(report.findings.count, 1)
        XCTAssertEqual(finding.figures, ["05/06 trường", "04/06 trường"])
    }

    func testAClauseWithoutASubjectAfterACommaGoesOnAboutTheSentencesSubject() throws {
        let text = """
            Trong nhiệm kỳ đã kiên cố hóa 12,8 km kênh mương nội đồng.
            Tổng chiều dài kênh mương do xã quản lý là 41,5 km, đã kiên cố hóa 35,2 km.
            """
        XCTAssertEqual(audit(text).findings, [], "12,8 km of the term are not the 35,2 km of all canals")

        let report = audit(text + "\nKênh mương do xã quản lý đã kiên cố hóa 36,2 km.")
        let finding = try XCTUnwrap(report.findings.first)
        XCTAssertEqual(report.findings.count, 1)
        XCTAssertEqual(finding.figures, ["35,2 km", "36,2 km"])
    }

    func testATotalIsNotOneKindOfItsPartition() throws {
        let text = """
            Tổng giá trị sản xuất năm 2025 ước đạt 1.765 tỷ đồng.
            Giá trị sản xuất công nghiệp - xây dựng năm 2025 ước đạt 492 tỷ đồng.
            """
        XCTAssertEqual(audit(text).findings, [])

        let report = audit(text + "\nTổng giá trị sản xuất năm 2025 đạt 1.756 tỷ đồng.")
        let finding = try XCTUnwrap(report.findings.first)
        XCTAssertEqual(report.findings.count, 1)
        XCTAssertEqual(finding.figures, ["1.765 tỷ đồng", "1.756 tỷ đồng"])
    }

    // MARK: Roles

    func testAResultByTheReportsYearJudgedAgainstItsTargetIsNotATarget() throws {
        let text = """
            8. Số thôn đạt chuẩn nông thôn mới kiểu mẫu đến năm 2025 là 04 thôn[1], chưa đạt chỉ tiêu Nghị quyết.
            [1] Kế hoạch: đến năm 2025 có 05 thôn đạt chuẩn nông thôn mới kiểu mẫu.
            """
        XCTAssertEqual(audit(text).findings, [], "04 is the result, 05 the target: not a restatement")

        let report = audit(text.replacingOccurrences(of: "chưa đạt chỉ tiêu", with: "đạt chỉ tiêu"))
        let finding = try XCTUnwrap(report.findings.first)
        XCTAssertEqual(report.findings.count, 1)
        XCTAssertEqual(finding.kind, .verdictFigure)
        XCTAssertEqual(finding.figures, ["04 thôn", "05 thôn"])
    }

    func testAHeadingOfTargetsForTheComingTermMakesItsFiguresPlans() throws {
        let text = """
            Đảng bộ kết nạp được 86 đảng viên mới trong nhiệm kỳ.
            PHẦN THỨ HAI
            PHƯƠNG HƯỚNG, MỤC TIÊU NHIỆM KỲ 2025–2030
            Về xây dựng Đảng: kết nạp từ 90 đảng viên mới trở lên trong nhiệm kỳ.
            """
        XCTAssertEqual(audit(text).findings, [], "90 is the next term's target")

        // The section ends at the next heading: a result under it is compared again.
        let report = audit(text + "\nIV. NHIỆM VỤ VÀ GIẢI PHÁP\nĐảng bộ đã kết nạp 68 đảng viên mới trong nhiệm kỳ.")
        let finding = try XCTUnwrap(report.findings.first)
        XCTAssertEqual(report.findings.count, 1)
        XCTAssertEqual(finding.figures, ["86 đảng viên", "68 đảng viên"])
    }

    // MARK: Counts of targets

    func testTheNumberedListOfTargetsIsFoundAmongOtherListsAndChiTieuNayJudgesIt() throws {
        let text = """
            1. Thu ngân sách đạt 200 tỷ đồng, vượt chỉ tiêu.
            2. Có 04 thôn đạt chuẩn nông thôn mới kiểu mẫu. Chỉ tiêu này chưa đạt.
            3. Kết nạp 86 đảng viên, đạt chỉ tiêu.
            Như vậy, trong 3 chỉ tiêu chủ yếu, có 2/3 chỉ tiêu đạt và vượt; 01 chỉ tiêu chưa đạt.
            1. Tập trung phát triển kinh tế.
            2. Giữ vững quốc phòng, an ninh, hoàn thành chỉ tiêu giao quân.
            """
        let consistent = audit(text)
        XCTAssertEqual(consistent.findings, [])
        XCTAssertEqual(consistent.coverage.verdictCounts, 1)

        let report = audit(text.replacingOccurrences(of: "có 2/3 chỉ tiêu", with: "có 3/3 chỉ tiêu"))
        XCTAssertEqual(Set(report.findings.map(\.kind)), [.verdictCount, .partsTotal])
        let count = try XCTUnwrap(report.findings.first { $0.kind == .verdictCount })
        XCTAssertEqual(count.figures, ["3/3 chỉ tiêu"])
    }

    // MARK: Parts

    func testTrongTongSoDividesATotalOfLengths() throws {
        let text = """
            Trong nhiệm kỳ đã làm mới 24,6 km đường giao thông. Trong tổng số 24,6 km nói trên, có 6,8 km đường trục xã; 11,5 km đường trục thôn và 6,3 km đường ngõ, xóm.
            Trong tổng số 86 đảng viên mới, có 59 đoàn viên thanh niên và 32 nữ.
            """
        let consistent = audit(text)
        XCTAssertEqual(consistent.findings, [], "people may be counted in two categories")
        XCTAssertGreaterThanOrEqual(consistent.coverage.partsTotals, 1)

        let report = audit(text.replacingOccurrences(of: "11,5 km", with: "12,5 km"))
        let finding = try XCTUnwrap(report.findings.first)
        XCTAssertEqual(report.findings.count, 1)
        XCTAssertEqual(finding.kind, .partsTotal)
        XCTAssertEqual(finding.arithmetic, "6,8 + 12,5 + 6,3 = 25,6, báo cáo ghi 24,6 km")
    }
}
