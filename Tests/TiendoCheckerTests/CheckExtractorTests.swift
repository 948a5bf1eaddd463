import Foundation
import TiendoChecker
import TiendoCore
import XCTest

/// The Vietnamese number and quantity extractor: what is a figure, what it counts, in which unit
/// and for which period — and what is not a figure.
final class CheckExtractorTests: XCTestCase {

    private func figures(_ text: String) -> [CheckFigure] { ReportCheck.figures(inText: text) }

    private func only(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> CheckFigure? {
        let found = figures(text)
        XCTAssertEqual(found.count, 1, "\(found.map(\.text))", file: file, line: line)
        return found.first
    }

    func testMoneyWithThousandsDots() {
        let f = only("Tổng vốn đầu tư toàn xã hội ước đạt 7.943 tỷ đồng.")

        XCTAssertEqual(f?.value, .number(7943))
        XCTAssertEqual(f?.unit, "tỷ đồng")
        XCTAssertEqual(f?.text, "7.943 tỷ đồng")
        XCTAssertEqual(f?.role, .actual)
        XCTAssertTrue(f?.subject.contains("Tổng vốn đầu tư toàn xã hội") ?? false)
    }

    func testGrowthRatePerYearWithDecimalComma() {
        let f = only("Tốc độ tăng trưởng kinh tế bình quân đạt 13,7%/năm.")

        XCTAssertEqual(f?.value, .number(13.7))
        XCTAssertEqual(f?.decimals, 1)
        XCTAssertEqual(f?.unit, "%/năm")
        XCTAssertEqual(f?.isPercent, true)
    }

    func testFractionsIncludingZeroPaddedCounts() {
        let schools = only("Toàn phường có 28/38 trường đạt chuẩn quốc gia.")
        let communes = only("Có 02/04 xã đạt chuẩn nông thôn mới nâng cao.")
        let whole = only("Đã giải quyết đúng hạn 3.491 hồ sơ trên tổng số 3.540 hồ sơ.")

        XCTAssertEqual(schools?.value, .fraction(28, 38))
        XCTAssertEqual(schools?.unit, "trường")
        XCTAssertEqual(communes?.value, .fraction(2, 4))
        XCTAssertEqual(communes?.unit, "xã")
        XCTAssertEqual(whole?.value, .fraction(3491, 3540))
        XCTAssertEqual(whole?.unit, "hồ sơ")
    }

    func testCountNounsAndBounds() {
        let members = only("Đảng bộ có 243 đảng viên.")
        let above = only("Tỷ lệ dân số tham gia bảo hiểm y tế đạt trên 93%.")
        let more = only("Phường đã giải quyết hơn 225 hồ sơ đăng ký kinh doanh.")
        let about = only("Diện tích gieo trồng đạt khoảng 2.450 ha.")

        XCTAssertEqual(members?.unit, "đảng viên")
        XCTAssertEqual(members?.value, .number(243))
        XCTAssertEqual(above?.qualifier, .atLeast)
        XCTAssertEqual(above?.text, "trên 93%")
        XCTAssertEqual(more?.qualifier, .atLeast)
        XCTAssertEqual(about?.qualifier, .about)
        XCTAssertEqual(about?.unit, "ha")
    }

    func testRanges() {
        XCTAssertEqual(only("Tăng trưởng bình quân 14-15%.")?.value, .range(14, 15))
        let members = only("Hằng năm kết nạp 65 - 80 đảng viên mới.")
        XCTAssertEqual(members?.value, .range(65, 80))
        XCTAssertEqual(members?.unit, "đảng viên")
        XCTAssertEqual(only("Tăng bình quân từ 10 đến 11%/năm.")?.value, .range(10, 11))
        XCTAssertEqual(only("Tăng bình quân 10–11%/năm.")?.unit, "%/năm")
    }

    func testLabelledYearsAreThePeriodNotAFigure() {
        let found = figures("Năm 2021: 81; năm 2022: 65; năm 2023: 70.")

        XCTAssertEqual(found.map(\.value), [.number(81), .number(65), .number(70)])
        XCTAssertEqual(found.map(\.period), ["2021", "2022", "2023"])
    }

    func testPeriodsOfFigures() {
        let term = only("Tổng vốn đầu tư giai đoạn 2021 - 2025 ước đạt 7.943 tỷ đồng.")
        let half = only("6 tháng đầu năm 2025, thu ngân sách đạt 120 tỷ đồng.")
        let quarter = only("Quý I/2025 thu ngân sách đạt 60 tỷ đồng.")
        let after = only("Thu ngân sách đạt 181,55 tỷ đồng trong năm 2025.")

        XCTAssertEqual(term?.period, "2021-2025")
        XCTAssertEqual(half?.period, "2025S1")
        XCTAssertEqual(quarter?.period, "2025Q1")
        XCTAssertEqual(after?.period, "2025")
    }

    func testComparisonYearIsNotThePeriod() {
        let found = figures("Năm 2025 thu ngân sách đạt 366,3 tỷ đồng, tăng 12% so với năm 2024.")

        XCTAssertEqual(found.first?.period, "2025")
        XCTAssertEqual(found.last?.role, .change)
    }

    func testDatesSymbolsYearsAndOrdinalsAreNotFigures() {
        let text = """
            Ngày 24/12, sáng 14/11 và ngày 1/7/2025, theo Số 15-BC/ĐU, Nghị quyết 05-NQ/TU, Quyết định \
            766/QĐ-TTg, Quyết định 19/2025/QĐ-TTg, Nghị quyết 54 năm 2019, Quy định 101, Chỉ thị 46-CT/TW, \
            Nghị quyết Trung ương 4 (khóa XII), Đại hội lần thứ 2, bầu cử Quốc hội khóa XVI, nhiệm kỳ 2025 - 2030, \
            Phường 2, COVID-19, mạng 4G, lúc 8h30, sau 5 năm, đảng viên dưới 35 tuổi, Ngày 9 tháng 1 năm 2021.
            """

        XCTAssertEqual(figures(text).map(\.text), [])
    }

    func testListMarkersAreNotFigures() {
        XCTAssertEqual(figures("1. Thu ngân sách đạt 200 tỷ đồng.").map(\.text), ["200 tỷ đồng"])
        XCTAssertEqual(figures("Chỉ tiêu 3: tỷ lệ hộ nghèo còn 0,9%.").map(\.text), ["0,9%"])
        XCTAssertEqual(figures("II. Kết quả: 1.234 hồ sơ.").map(\.text), ["1.234 hồ sơ"])
    }

    func testRolesPlanChangeAndShare() {
        let found = figures(
            "Thu ngân sách đạt 220 tỷ đồng, bằng 110% kế hoạch (kế hoạch 200 tỷ đồng), tăng 15 tỷ đồng so với năm 2024."
        )

        XCTAssertEqual(found.map(\.role), [.actual, .relative, .plan, .change])
    }

    func testASentenceOpeningWithAPlanLabelStatesThePlan() {
        // Subject words between the label and the number do not make the figure a result.
        let labelled = figures(
            "Chỉ tiêu Nghị quyết: hằng năm, tỷ lệ tổ dân phố đạt danh hiệu “Tổ dân phố văn hóa” từ 90% trở lên.")
        let average = figures("Chỉ tiêu Nghị quyết: bình quân hằng năm kết nạp từ 45 đảng viên mới trở lên.")
        // The plan's reach ends where the sentence turns to results.
        let thenResult = figures("Kế hoạch: thu ngân sách 200 tỷ đồng, thực hiện 215,6 tỷ đồng.")
        let secondColon = figures("Chỉ tiêu: thu ngân sách 200 tỷ đồng: đạt 215,6 tỷ đồng.")
        // "Chỉ tiêu 3:" numbers an item; it is not a plan label.
        let item = figures("Chỉ tiêu 3: tỷ lệ hộ nghèo còn 0,9%.")

        XCTAssertEqual(labelled.map(\.role), [.plan])
        XCTAssertEqual(average.map(\.role), [.plan])
        XCTAssertEqual(thenResult.map(\.role), [.plan, .actual])
        XCTAssertEqual(secondColon.map(\.role), [.plan, .actual])
        XCTAssertEqual(item.map(\.role), [.actual])
    }

    func testStarRatingsAreNotFigures() {
        let found = figures("Phường có 06 sản phẩm OCOP, gồm 04 sản phẩm đạt 3 sao và 02 sản phẩm đạt 4 sao.")

        XCTAssertEqual(found.map(\.text), ["06 sản phẩm", "04 sản phẩm", "02 sản phẩm"])
    }

    func testQuotedNameStaysInTheSubject() {
        let fund = only("Giai đoạn 2025 - 2027, Quỹ “Vì người nghèo” của phường vận động được 2,94 tỷ đồng.")

        XCTAssertTrue(fund?.subject.contains("Quỹ “Vì người nghèo”") ?? false, fund?.subject ?? "")
    }

    func testFootnoteReferencesResolveToFootnotes() {
        let document = CheckDocument(
            plainText: """
                Trong nhiệm kỳ kết nạp 353 đảng viên mới[1].

                [1] Năm 2021: 81; năm 2022: 65; năm 2023: 70; năm 2024: 72; năm 2025: 65.
                """)
        let found = ReportCheck.figures(in: document)

        XCTAssertEqual(document.footnoteCount, 1)
        XCTAssertEqual(found.first?.footnotes, [1])
        XCTAssertEqual(found.filter { $0.location == .footnote(1) }.count, 5)
    }

    func testSuperscriptFootnoteMarksButSquareMetresStay() {
        let document = CheckDocument(
            plainText: "Xây dựng 1.200 m² nhà văn hóa, kết nạp 20 đảng viên mới¹.\n¹ Kế hoạch 18 đảng viên.")

        XCTAssertEqual(document.blocks.first?.text, "Xây dựng 1.200 m² nhà văn hóa, kết nạp 20 đảng viên mới[1].")
        XCTAssertEqual(document.footnote(1)?.text, "Kế hoạch 18 đảng viên.")
    }

    func testPlainTextTablesAndWrappedLines() {
        let document = CheckDocument(
            plainText: """
                Thu ngân sách nhà nước trên địa bàn năm 2025 ước đạt
                215,6 tỷ đồng.

                | STT | Chỉ tiêu | ĐVT | Kế hoạch | Thực hiện |
                |---|---|---|---|---|
                | 1 | Thu ngân sách | tỷ đồng | 200 | 215,6 |
                """)
        let found = ReportCheck.figures(in: document)

        XCTAssertEqual(document.paragraphCount, 1)
        XCTAssertEqual(document.tableRowCount, 2)
        XCTAssertEqual(found.map(\.text), ["215,6 tỷ đồng", "200", "215,6"])
        XCTAssertEqual(found.map(\.role), [.actual, .plan, .actual])
        XCTAssertEqual(found.last?.unit, "tỷ đồng")
        XCTAssertEqual(found.last?.location, .tableRow(table: 1, row: 2))
    }

    func testOldToneSpellingMatchesNewSpelling() {
        let old = only("Uỷ ban đã kết nạp 12 hội viên hoà giải.")
        let new = only("Ủy ban đã kết nạp 12 hội viên hòa giải.")

        XCTAssertEqual(old?.value, new?.value)
    }
}
