import Foundation
import TiendoChecker
import TiendoCore
import XCTest

/// The false alarms a real town mid-term review gave (issue 24), each on a few short sentences:
/// the consistent text gives nothing, and a real contradiction of the same shape is still found.
final class CheckPrecisionRulesTests: XCTestCase {

    private func audit(_ text: String) -> CheckReport { ReportCheck.run(text: text) }

    // MARK: Section and subsection path

    private let sectors = """
        I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ PHÁT TRIỂN KINH TẾ
        1. Kinh tế
        a) Công nghiệp, tiểu thủ công nghiệp
        Giai đoạn 2021–2023, giá trị sản xuất tăng bình quân 15,4%/năm, nhiều cơ sở mới đi vào hoạt động.
        b) Nông nghiệp
        Giai đoạn 2021–2023, giá trị sản xuất tăng bình quân 2,9%/năm, cơ cấu cây trồng chuyển dịch tích cực.
        """

    func testGrowthOfTwoSectorsInTheirOwnSubsectionsIsNotARestatement() throws {
        XCTAssertEqual(audit(sectors).findings, [], "15,4% is industry's (subsection a), 2,9% agriculture's (b)")
    }

    func testASectorFigureRestatedWithAnotherValueIsStillFound() throws {
        let text = sectors + "\nGiai đoạn 2021–2023, giá trị sản xuất công nghiệp tăng bình quân 14,5%/năm."
        let report = audit(text)
        let finding = try XCTUnwrap(report.findings.first, report.vietnameseText)
        XCTAssertEqual(report.findings.count, 1, report.vietnameseText)
        XCTAssertEqual(finding.kind, .restatedFigure)
        XCTAssertEqual(Set(finding.figures), ["15,4%/năm", "14,5%/năm"])
    }

    func testAWholeEconomyFigureIsNotTheSectorOfTheSectionBelow() throws {
        let text = """
            Giai đoạn 2021–2023, giá trị sản xuất tăng bình quân 9,8%/năm.
            \(sectors)
            """
        XCTAssertEqual(audit(text).findings, [])
    }

    // MARK: Bodies named in the sentence

    func testCountsOfTwoBodiesInOneFootnoteAreNotARestatement() throws {
        let text = """
            Năm 2023, công tác kiểm tra, giám sát được tăng cường[1].
            Năm 2023, Thị ủy kiểm tra 12 tổ chức đảng.
            [1] Năm 2023, Thị ủy kiểm tra 12 tổ chức đảng, giám sát 9 tổ chức đảng; các đảng ủy cơ sở kiểm tra 45 tổ chức đảng, giám sát 38 tổ chức đảng.
            """
        XCTAssertEqual(audit(text).findings, [], "12 and 45 are counts of the Thị ủy and of the đảng ủy cơ sở")

        let report = audit(
            text.replacingOccurrences(of: "kiểm tra 12 tổ chức đảng.", with: "kiểm tra 14 tổ chức đảng."))
        let finding = try XCTUnwrap(report.findings.first, report.vietnameseText)
        XCTAssertEqual(report.findings.count, 1, report.vietnameseText)
        XCTAssertEqual(finding.kind, .restatedFigure)
        XCTAssertEqual(Set(finding.figures), ["14 tổ chức đảng", "12 tổ chức đảng"])
    }

    func testFiguresOfTwoSourcesNamedAtTheirParagraphsAreTwoSubjects() throws {
        let text = """
            Theo Đảng ủy Khối các cơ quan tỉnh, năm 2023 toàn Đảng bộ kết nạp được 123 đảng viên mới.
            Năm 2023, tỷ lệ đảng viên hoàn thành tốt nhiệm vụ đạt 97,35%.
            Theo Thị ủy Sa Đéc, năm 2023 toàn Đảng bộ kết nạp được 62 đảng viên mới; tỷ lệ đảng viên hoàn thành tốt nhiệm vụ đạt 91,62%.
            """
        XCTAssertEqual(audit(text).findings, [], "each source gives its own party organisation's figures")

        let report = audit(text + "\nNăm 2023, tỷ lệ đảng viên hoàn thành tốt nhiệm vụ đạt 92,62%.")
        let finding = try XCTUnwrap(report.findings.first, report.vietnameseText)
        XCTAssertEqual(report.findings.count, 1, report.vietnameseText)
        XCTAssertEqual(Set(finding.figures), ["91,62%", "92,62%"])
    }

    func testSharesOfOrganisationsAndOfMembersAreTwoSubjects() throws {
        let text = """
            Năm 2023, có 8,8% số TCCSĐ hoàn thành nhiệm vụ và không TCCSĐ nào bị xếp loại không hoàn thành nhiệm vụ.
            Năm 2023, toàn Đảng bộ có 90,33% số đảng viên hoàn thành tốt nhiệm vụ trở lên; 9,1% hoàn thành nhiệm vụ và 0,57% không hoàn thành nhiệm vụ.
            """
        XCTAssertEqual(audit(text).findings, [])
    }

    func testALabourRateIsNotAPovertyRate() throws {
        let text = """
            Năm 2023, tỷ lệ lao động qua đào tạo đạt 65%.
            Năm 2023, tỷ lệ hộ nghèo giảm còn 2,1%; tỷ lệ lao động nông nghiệp còn 38%.
            Năm 2023, tỷ lệ hộ nghèo còn 2,1%, đạt chỉ tiêu.
            """
        XCTAssertEqual(audit(text).findings, [])
    }

    // MARK: "trong đó" breakdowns

    func testAPartAfterTrongDoIsNotARestatementOfAnotherSubject() throws {
        let text = """
            Năm 2023, diện tích trồng cây lâu năm toàn tỉnh đạt 22.598 ha; trong đó, diện tích trồng cây ăn quả 21.695 ha.
            Năm 2023, cây vải là cây lâu năm trọng điểm của tỉnh, diện tích ước đạt 8.880 ha.
            """
        XCTAssertEqual(audit(text).findings, [])
    }

    // MARK: What the text calls a plan

    func testAYearsTotalRevenueIsNotTheLandRevenuesPlan() throws {
        let text = """
            Năm 2023, tổng thu ngân sách trên địa bàn đạt 120 tỷ đồng, dự toán giao 100 tỷ đồng. Năm 2023, thu tiền sử dụng đất đạt 45 tỷ đồng, vượt chỉ tiêu.
            """
        XCTAssertEqual(audit(text).findings, [], "100 tỷ đồng is the total revenue's plan, not the land revenue's")
    }

    func testAFigureMadeAPlanOnlyByStrivingIsNotThePlanOfAnotherSentence() throws {
        let text = """
            Năm 2023, phấn đấu thu ngân sách 150 tỷ đồng. Năm 2023, thu ngân sách đạt 120 tỷ đồng, đạt chỉ tiêu.
            """
        XCTAssertEqual(audit(text).findings, [])

        let called = text.replacingOccurrences(of: "phấn đấu thu ngân sách 150", with: "kế hoạch thu ngân sách 150")
        let report = audit(called)
        let finding = try XCTUnwrap(report.findings.first, report.vietnameseText)
        XCTAssertEqual(finding.kind, .verdictFigure)
        XCTAssertEqual(Set(finding.figures), ["120 tỷ đồng", "150 tỷ đồng"])
    }

    // MARK: A target of several parts

    private let parts = """
        Năm 2023, tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên đạt 83,33%; tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên đạt 48,61%, đạt chỉ tiêu[1].
        [1] Chỉ tiêu Nghị quyết: trên 80%; trên 50%.
        """

    func testAMetVerdictOnATargetWhosePartMissesItsThresholdIsFound() throws {
        let report = audit(parts)
        let finding = try XCTUnwrap(report.findings.first, report.vietnameseText)
        XCTAssertEqual(report.findings.count, 1, report.vietnameseText)
        XCTAssertEqual(finding.kind, .verdictFigure)
        XCTAssertEqual(finding.severity, .nghiemTrong)
        XCTAssertEqual(finding.figures, ["48,61%", "trên 50%"], "the second part against the second threshold")
    }

    func testThresholdsInBracketsAfterTheVerdictAreThePlanOfItsParts() throws {
        let text = """
            Năm 2023, tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên đạt 83,33%; tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên đạt 48,61%, đạt chỉ tiêu Nghị quyết (trên 80%; trên 50%).
            """
        let report = audit(text)
        let finding = try XCTUnwrap(report.findings.first, report.vietnameseText)
        XCTAssertEqual(report.findings.count, 1, report.vietnameseText)
        XCTAssertEqual(finding.figures, ["48,61%", "trên 50%"])
        XCTAssertTrue(finding.message.contains("các phần của chỉ tiêu"), finding.message)
        XCTAssertEqual(audit(text.replacingOccurrences(of: "48,61%", with: "58,61%")).findings, [])
    }

    func testAMetVerdictOnATargetWhosePartsAllMeetTheirThresholdsIsClean() throws {
        XCTAssertEqual(audit(parts.replacingOccurrences(of: "48,61%", with: "58,61%")).findings, [])
    }

    func testANotMetVerdictOnATargetWhosePartsAllMeetTheirThresholdsIsFound() throws {
        let text = parts.replacingOccurrences(of: "48,61%", with: "58,61%").replacingOccurrences(
            of: "đạt chỉ tiêu[1]", with: "chưa đạt chỉ tiêu[1]")
        let report = audit(text)
        let finding = try XCTUnwrap(report.findings.first, report.vietnameseText)
        XCTAssertEqual(finding.kind, .verdictFigure)
        XCTAssertEqual(finding.severity, .canXemLai)
    }

    // MARK: A share of a total stated before

    func testAShareOfTheTotalTheParagraphStatedMustAgree() throws {
        let text = """
            Năm 2023, Đảng bộ có 709 tổ chức cơ sở đảng. Qua đánh giá có 444 TCCSĐ đạt trong sạch vững mạnh (chiếm 62,62%), trong đó có 107 TCCSĐ đạt tiêu biểu (chiếm 24,1%).
            """
        XCTAssertEqual(audit(text).findings, [])

        let report = audit(text.replacingOccurrences(of: "có 444 TCCSĐ", with: "có 439 TCCSĐ"))
        let finding = try XCTUnwrap(report.findings.first, report.vietnameseText)
        XCTAssertEqual(finding.kind, .fractionPercentage)
        XCTAssertEqual(Array(finding.figures.prefix(2)), ["439 TCCSĐ", "62,62%"])
    }

    func testAShareFarFromTheStatedTotalIsOfAnotherWhole() throws {
        let text = """
            Năm 2023, toàn xã có 120 hộ nghèo. Đến cuối năm còn 95 hộ nghèo (chiếm 2,1%).
            """
        XCTAssertEqual(audit(text).findings, [], "2,1% is of all households, not of the 120 poor ones")
    }

    // MARK: Held-out batch 2 (public texts measured once before these rules)

    func testAFigureThatLeavesSomethingOutIsNotTheWhole() throws {
        let text = """
            Năm 2020, thu nội địa đạt 16.186 tỷ đồng, đạt 117,6% dự toán.
            Không tính số thu từ tiền sử dụng đất (5.056 tỷ đồng) thì thu nội địa năm 2020 thực hiện 11.104 tỷ đồng.
            """
        XCTAssertEqual(audit(text).findings, [])

        let report = audit(text + "\nNăm 2020, thu nội địa đạt 16.168 tỷ đồng.")
        let finding = try XCTUnwrap(report.findings.first, report.vietnameseText)
        XCTAssertEqual(report.findings.count, 1, report.vietnameseText)
        XCTAssertEqual(Set(finding.figures), ["16.186 tỷ đồng", "16.168 tỷ đồng"])
    }

    func testAFieldBreakdownOfTargetsMetIsNotTheTotal() throws {
        let text = """
            Kết quả, có 18 chỉ tiêu đạt và vượt kế hoạch; trong đó, kinh tế 4/4 chỉ tiêu; văn hóa-xã hội 9/10 chỉ tiêu; quốc phòng-an ninh 2/2 chỉ tiêu và xây dựng Đảng 3/3 chỉ tiêu.
            """
        XCTAssertEqual(audit(text).findings, [])
    }

    // MARK: A term not yet over

    func testASumOverATermNotYetOverIsNotJudgedAgainstTheFullPlan() throws {
        let text = """
            Năm 2026, tổng vốn đầu tư toàn xã hội đạt 51.000 tỷ đồng.

            | Chỉ tiêu | Kế hoạch | Thực hiện năm 2026 | Đánh giá |
            | Tổng vốn đầu tư toàn xã hội giai đoạn 2026–2030 đạt 250.000 tỷ đồng | 250.000 tỷ đồng | 51.000 tỷ đồng | Đạt |
            """
        XCTAssertEqual(audit(text).findings, [], "a sum target at mid-term is judged pro rata, not on 250.000")
    }

    func testAnAverageRateIsJudgedAgainstItsTermsPlanAtAnyTime() throws {
        let text = """
            Giai đoạn 2026–2027, giá trị sản xuất tăng bình quân 8,6%/năm, đạt chỉ tiêu Nghị quyết giai đoạn 2026–2030 là 9 - 10%/năm.
            """
        let report = audit(text)
        let finding = try XCTUnwrap(report.findings.first, report.vietnameseText)
        XCTAssertEqual(finding.kind, .verdictFigure)
    }
}
