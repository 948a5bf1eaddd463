import TiendoCore
import XCTest

final class PeriodTests: XCTestCase {
    func testEveryPeriodIdRoundTrips() {
        let ids = ["2025", "2025S1", "2025S2", "2025N9", "2025Q1", "2025Q4", "2025M01", "2025M12", "2025-2030"]

        let parsed = ids.map { Period(id: $0)?.id }

        XCTAssertEqual(parsed, ids)
    }

    func testInvalidIdsAreRefused() {
        for bad in [
            "", "25", "2025S3", "2025N6", "2025Q5", "2025M1", "2025M13", "2030-2025", "2025-2025", "abcd", "2025X1",
        ] {
            XCTAssertNil(Period(id: bad), bad)
        }
    }

    func testStatisticalCalendarUsesCalendarMonths() {
        let q1 = Period.quarter(2025, 1).span(in: .statistical)

        XCTAssertEqual(q1.start, CivilDate(2025, 1, 1))
        XCTAssertEqual(q1.end, CivilDate(2025, 3, 31))
        XCTAssertEqual(Period.month(2024, 2).span(in: .statistical).end, CivilDate(2024, 2, 29))
    }

    /// Decree 09/2019/NĐ-CP Art. 12, as domain.md spells it out.
    func testAdministrativeCalendarCutsOffFromThe15thToThe14th() {
        func span(_ id: String) -> String {
            let s = Period(id: id)!.span(in: .administrative)
            return "\(VietnameseDate.short(s.start))–\(VietnameseDate.short(s.end))"
        }

        XCTAssertEqual(span("2025M03"), "15/02/2025–14/03/2025")
        XCTAssertEqual(span("2025Q1"), "15/12/2024–14/03/2025")
        XCTAssertEqual(span("2025S1"), "15/12/2024–14/06/2025")
        XCTAssertEqual(span("2025"), "15/12/2024–14/12/2025")
        XCTAssertEqual(span("2025N9"), "15/12/2024–14/09/2025")
        XCTAssertEqual(span("2025M01"), "15/12/2024–14/01/2025")
    }

    func testVietnameseLabels() {
        XCTAssertEqual(Period.year(2027).vietnameseLabel, "năm 2027")
        XCTAssertEqual(Period.term(2026, 2030).vietnameseLabel, "giai đoạn 2026–2030")
        XCTAssertEqual(Period.quarter(2025, 3).vietnameseLabel, "quý III/2025")
        XCTAssertEqual(Period.half(2025, 1).vietnameseLabel, "6 tháng đầu năm 2025")
        XCTAssertEqual(Period.nineMonths(2025).vietnameseLabel, "9 tháng năm 2025")
    }

    func testOrderingByEndThenLength() {
        let sorted = [Period.year(2025), .month(2025, 12), .quarter(2025, 1), .half(2025, 1), .nineMonths(2025)]
            .sorted()

        XCTAssertEqual(sorted.map(\.id), ["2025Q1", "2025S1", "2025N9", "2025M12", "2025"])
    }

    func testCivilDateArithmetic() {
        XCTAssertEqual(CivilDate(2024, 12, 31).adding(days: 1), CivilDate(2025, 1, 1))
        XCTAssertEqual(CivilDate(2025, 3, 31).adding(months: -1), CivilDate(2025, 2, 28))
        XCTAssertEqual(CivilDate(2025, 7, 1).isoWeekday, 2, "1 July 2025 was a Tuesday")
        XCTAssertNil(CivilDate(year: 2025, month: 2, day: 29))
        XCTAssertEqual(CivilDate(iso: "2025-07-01"), CivilDate(2025, 7, 1))
        XCTAssertNil(CivilDate(iso: "2025-7-1"))
    }
}
