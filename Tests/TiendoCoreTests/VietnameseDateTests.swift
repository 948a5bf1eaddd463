import XCTest

@testable import TiendoCore

final class VietnameseDateTests: XCTestCase {

    // MARK: long

    func testLongPadsDaysAndOnlyJanuaryAndFebruaryAsDecree30Says() {
        XCTAssertEqual(VietnameseDate.long(CivilDate(2026, 1, 5)), "ngày 05 tháng 01 năm 2026")
        XCTAssertEqual(VietnameseDate.long(CivilDate(2025, 12, 24)), "ngày 24 tháng 12 năm 2025")
        XCTAssertEqual(VietnameseDate.long(CivilDate(2025, 3, 9)), "ngày 09 tháng 3 năm 2025")
        XCTAssertEqual(VietnameseDate.long(CivilDate(2024, 2, 29)), "ngày 29 tháng 02 năm 2024")
        XCTAssertEqual(VietnameseDate.long(CivilDate(2025, 10, 10)), "ngày 10 tháng 10 năm 2025")
    }

    func testLongWithDecree30MonthPadding() {
        XCTAssertEqual(
            VietnameseDate.long(CivilDate(2026, 1, 5), monthPadding: .januaryAndFebruaryOnly),
            "ngày 05 tháng 01 năm 2026")
        XCTAssertEqual(
            VietnameseDate.long(CivilDate(2026, 2, 15), monthPadding: .januaryAndFebruaryOnly),
            "ngày 15 tháng 02 năm 2026")
        XCTAssertEqual(
            VietnameseDate.long(CivilDate(2026, 3, 9), monthPadding: .januaryAndFebruaryOnly),
            "ngày 09 tháng 3 năm 2026")
        XCTAssertEqual(
            VietnameseDate.long(CivilDate(2026, 11, 1), monthPadding: .januaryAndFebruaryOnly),
            "ngày 01 tháng 11 năm 2026")
        XCTAssertEqual(VietnameseDate.long(CivilDate(2026, 3, 9), monthPadding: .always), "ngày 09 tháng 03 năm 2026")
    }

    // MARK: short

    func testShort() {
        XCTAssertEqual(VietnameseDate.short(CivilDate(2026, 1, 5)), "05/01/2026")
        XCTAssertEqual(VietnameseDate.short(CivilDate(2025, 12, 31)), "31/12/2025")
        XCTAssertEqual(VietnameseDate.short(CivilDate(2000, 2, 29)), "29/02/2000")
    }

    // MARK: placeAndDate

    func testPlaceAndDate() {
        XCTAssertEqual(
            VietnameseDate.placeAndDate(place: "An Cựu", CivilDate(2025, 11, 14)), "An Cựu, ngày 14 tháng 11 năm 2025")
        XCTAssertEqual(
            VietnameseDate.placeAndDate(place: "Huế", CivilDate(2026, 1, 5)), "Huế, ngày 05 tháng 01 năm 2026")
        XCTAssertEqual(
            VietnameseDate.placeAndDate(place: "Huế", CivilDate(2026, 3, 5), monthPadding: .januaryAndFebruaryOnly),
            "Huế, ngày 05 tháng 3 năm 2026")
    }

    func testPlaceAndDateNormalisesThePlace() {
        let nfd = "An Cu\u{031B}\u{0323}u"
        let line = VietnameseDate.placeAndDate(place: "  \(nfd)\u{00A0} ", CivilDate(2025, 11, 14))
        XCTAssertEqual(
            Array(line.unicodeScalars),
            Array("An Cựu, ngày 14 tháng 11 năm 2025".precomposedStringWithCanonicalMapping.unicodeScalars))
        XCTAssertEqual(
            VietnameseDate.placeAndDate(place: "Phường   An  Cựu", CivilDate(2025, 11, 14)),
            "Phường An Cựu, ngày 14 tháng 11 năm 2025")
    }

    func testPlaceAndDateWithoutAPlace() {
        XCTAssertEqual(VietnameseDate.placeAndDate(place: "", CivilDate(2025, 11, 14)), "ngày 14 tháng 11 năm 2025")
        XCTAssertEqual(VietnameseDate.placeAndDate(place: "  ", CivilDate(2025, 11, 14)), "ngày 14 tháng 11 năm 2025")
    }

    // MARK: parse

    func testParseScreenForms() {
        XCTAssertEqual(VietnameseDate.parse("05/01/2026"), CivilDate(2026, 1, 5))
        XCTAssertEqual(VietnameseDate.parse("5/1/2026"), CivilDate(2026, 1, 5))
        XCTAssertEqual(VietnameseDate.parse("31/12/2025"), CivilDate(2025, 12, 31))
        XCTAssertEqual(VietnameseDate.parse(" 05/01/2026\u{00A0}"), CivilDate(2026, 1, 5))
        XCTAssertEqual(VietnameseDate.parse("05-01-2026"), CivilDate(2026, 1, 5))
        XCTAssertEqual(VietnameseDate.parse("05.01.2026"), CivilDate(2026, 1, 5))
    }

    func testParseISO() {
        XCTAssertEqual(VietnameseDate.parse("2026-01-05"), CivilDate(2026, 1, 5))
        XCTAssertEqual(VietnameseDate.parse("2026-1-5"), CivilDate(2026, 1, 5))
        XCTAssertEqual(VietnameseDate.parse("2024-02-29"), CivilDate(2024, 2, 29))
        XCTAssertNil(VietnameseDate.parse("2025-02-29"))
        XCTAssertNil(VietnameseDate.parse("2026-13-01"))
        XCTAssertNil(VietnameseDate.parse("0000-01-01"))
    }

    func testParseLongForm() {
        XCTAssertEqual(VietnameseDate.parse("ngày 05 tháng 01 năm 2026"), CivilDate(2026, 1, 5))
        XCTAssertEqual(VietnameseDate.parse("Ngày 5 tháng 1 năm 2026"), CivilDate(2026, 1, 5))
        XCTAssertEqual(VietnameseDate.parse("ngay 24 thang 12 nam 2025"), CivilDate(2025, 12, 24))
        XCTAssertEqual(VietnameseDate.parse("ngày 09 tháng 3 năm 2026"), CivilDate(2026, 3, 9))
        XCTAssertNil(VietnameseDate.parse("ngày 31 tháng 02 năm 2026"))
        XCTAssertNil(VietnameseDate.parse("ngày 05 tháng 01 năm 26"))
        XCTAssertNil(VietnameseDate.parse("ngày năm tháng một năm 2026"))
    }

    func testParseRejectsDaysThatDoNotExist() {
        for text in [
            "31/02/2026", "30/02/2024", "29/02/2025", "31/04/2026", "31/06/2026", "31/09/2026", "31/11/2026",
            "00/01/2026", "01/00/2026", "32/01/2026", "1/13/2026",
        ] {
            XCTAssertNil(VietnameseDate.parse(text), text)
        }
        XCTAssertEqual(VietnameseDate.parse("29/02/2024"), CivilDate(2024, 2, 29))
        XCTAssertEqual(VietnameseDate.parse("29/02/2000"), CivilDate(2000, 2, 29))
        XCTAssertNil(VietnameseDate.parse("29/02/1900"))
    }

    func testParseRejectsOtherText() {
        for text in [
            "", "   ", "abc", "05/01/26", "05/01", "05/01/2026/1", "2026/01/05", "05/01-2026", "+5/1/2026",
            "-5/1/2026", "5 / 1 / 2026", "١/١/٢٠٢٦", "05/01/20266", "005/01/2026", "2026-001-05", "2026-01-05T00:00",
            "\u{0000}", String(repeating: "1/", count: 10_000),
        ] {
            XCTAssertNil(VietnameseDate.parse(text), text)
        }
    }

    func testParseRoundTripsEveryFormattedForm() {
        var date = CivilDate(2023, 12, 25)
        let end = CivilDate(2028, 3, 5)
        while date <= end {
            XCTAssertEqual(VietnameseDate.parse(VietnameseDate.short(date)), date)
            XCTAssertEqual(VietnameseDate.parse(VietnameseDate.long(date)), date)
            XCTAssertEqual(VietnameseDate.parse(VietnameseDate.long(date, monthPadding: .januaryAndFebruaryOnly)), date)
            XCTAssertEqual(VietnameseDate.parse(date.iso), date)
            date = date.adding(days: 1)
        }
    }
}
