import Foundation
import TiendoChecker
import TiendoCore
import XCTest

/// Issue 24 item 5: the figures a past review states, proposed for entry with their sentence.
final class PastFiguresTests: XCTestCase {
    private let indicators = [
        Indicator(code: "GTSX", name: "Tổng giá trị sản xuất", unitOfMeasure: "tỷ đồng", decimals: 2),
        Indicator(code: "THU_NS", name: "Thu ngân sách nhà nước trên địa bàn", unitOfMeasure: "tỷ đồng", decimals: 0),
        Indicator(code: "DT_GIEO_TRONG", name: "Diện tích gieo trồng", unitOfMeasure: "ha", decimals: 1),
        Indicator(
            code: "TY_LE_HO_NGHEO", name: "Tỷ lệ hộ nghèo", unitOfMeasure: "%", decimals: 2, valueType: .percentage,
            space: .ratio(numerator: "HO_NGHEO", denominator: "TONG_HO", multiplier: 100), time: .ratio),
        Indicator(code: "HO_NGHEO", name: "Số hộ nghèo", unitOfMeasure: "hộ"),
        Indicator(code: "TONG_HO", name: "Tổng số hộ dân cư", unitOfMeasure: "hộ"),
    ]

    private func propose(_ text: String) -> PastFigureProposal {
        PastFigures.propose(document: CheckDocument(plainText: text), indicators: indicators)
    }

    func testAResultForAnExplicitYearIsProposedWithItsSentenceAndStatus() throws {
        let result = propose(
            "Tổng giá trị sản xuất ước thực hiện năm 2023 là 4.202,24 tỷ đồng, đạt 100,01% so với kế hoạch, "
                + "tăng 8,33% so với năm 2022. Năm 2022, thu ngân sách nhà nước trên địa bàn đạt 355 tỷ đồng.")

        XCTAssertEqual(result.figures.map(\.indicatorCode), ["GTSX", "THU_NS"])
        let output = try XCTUnwrap(result.figures.first)
        XCTAssertEqual(output.period, .year(2023))
        XCTAssertEqual(output.number, 4202.24)
        XCTAssertTrue(output.isEstimate)
        XCTAssertTrue(output.sentence.hasPrefix("Tổng giá trị sản xuất ước thực hiện năm 2023"))
        let revenue = result.figures[1]
        XCTAssertEqual(revenue.period, .year(2022))
        XCTAssertEqual(revenue.number, 355)
        XCTAssertFalse(revenue.isEstimate)
    }

    func testPlansBoundsChangesAndYearlessFiguresAreNotProposed() {
        let result = propose(
            "Kế hoạch năm 2024 thu ngân sách nhà nước trên địa bàn 400 tỷ đồng. "
                + "Tổng thu ngân sách nhà nước trên địa bàn năm 2023 trên 371 tỷ đồng. "
                + "\nDiện tích gieo trồng đạt 11.574,3 ha.")

        XCTAssertEqual(result.figures, [], "\(result.figures)")
    }

    func testTwoValuesForOneIndicatorAndYearAreAConflictNotAProposal() {
        let result = propose(
            "Năm 2023, thu ngân sách nhà nước trên địa bàn đạt 371 tỷ đồng. "
                + "Thu ngân sách nhà nước trên địa bàn năm 2023 đạt 380 tỷ đồng.")

        XCTAssertEqual(result.figures, [])
        XCTAssertEqual(result.conflicts.count, 1)
        XCTAssertEqual(result.conflicts.first?.texts, ["371 tỷ đồng", "380 tỷ đồng"])
    }

    func testARateIsProposedInPercent() {
        let result = propose("Năm 2024, tỷ lệ hộ nghèo còn 1,35%.")

        XCTAssertEqual(result.figures.map(\.indicatorCode), ["TY_LE_HO_NGHEO"])
        XCTAssertEqual(result.figures.first?.number, 1.35)
    }

    func testARealDistrictReviewGivesItsResultsAndNothingElse() throws {
        // A public report (Tests/Fixtures/audit/public/ayun-pa-2023.txt, source and licence in its
        // README): the sown area of 2023 is proposed; the revenue "trên 371 tỷ đồng" is a bound,
        // not a figure to enter.
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/audit/public/ayun-pa-2023.txt")
        let text = try String(contentsOf: url, encoding: .utf8)

        let result = propose(text)

        let byCode = Dictionary(result.figures.map { ($0.indicatorCode, $0) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(byCode["DT_GIEO_TRONG"]?.number, 11574.3, "\(result.figures)")
        XCTAssertEqual(byCode["DT_GIEO_TRONG"]?.period, .year(2023), "the paragraph's year")
        // "Tổng giá trị sản xuất … 4.202,24" and "Giá trị sản xuất công nghiệp … 2.310" both read
        // as the value of production: the officer is shown both rather than one chosen for him.
        let conflict = try XCTUnwrap(result.conflicts.first { $0.indicatorName == "Tổng giá trị sản xuất" })
        XCTAssertEqual(conflict.texts, ["4.202,24 tỷ đồng", "2.310 tỷ đồng"])
        XCTAssertNil(byCode["GTSX"])
        XCTAssertNil(byCode["THU_NS"], "a bound is not proposed")
    }
}
