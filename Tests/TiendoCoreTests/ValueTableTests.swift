import XCTest

@testable import TiendoCore

/// The in-memory table of reported figures: which figure wins a key, and the lookups a page uses
/// instead of a pass over every figure.
final class ValueTableTests: XCTestCase {
    private let phongDinh = UnitID("19831")
    private let caiRang = UnitID("31186")

    func testAnOfficialFigureWinsOverAnEstimateAndALaterVersionOverAnEarlierOne() {
        let estimate = IndicatorValue(
            indicatorCode: "THU_NS", unitID: phongDinh, period: .year(2026), number: 90, status: .uoc, version: 5)
        let official = IndicatorValue(
            indicatorCode: "THU_NS", unitID: phongDinh, period: .year(2026), number: 100, status: .chinhThuc,
            version: 1)
        let corrected = IndicatorValue(
            indicatorCode: "THU_NS", unitID: phongDinh, period: .year(2026), number: 101, status: .chinhThuc,
            version: 2)

        XCTAssertEqual(ValueTable([official, estimate]).reported(official.key)?.number, 100)
        XCTAssertEqual(ValueTable([estimate, official]).reported(official.key)?.number, 100)
        XCTAssertEqual(ValueTable([corrected, official]).reported(official.key)?.number, 101)
        XCTAssertEqual(ValueTable([official, corrected, estimate]).count, 1)
    }

    func testOneIndicatorOfOneUnitIsFoundWithoutTheOtherFigures() {
        var values: [IndicatorValue] = []
        for (code, unit) in [("THU_NS", phongDinh), ("THU_NS", caiRang), ("HO_NGHEO", phongDinh)] {
            for year in 2023...2026 {
                values.append(.init(indicatorCode: code, unitID: unit, period: .year(year), number: Double(year)))
                for month in 1...12 where (month + year).isMultiple(of: 3) {
                    values.append(
                        .init(indicatorCode: code, unitID: unit, period: .month(year, month), number: Double(month)))
                }
            }
        }
        // Only Cái Răng has a term figure and a 2022 figure of THU_NS.
        values.append(.init(indicatorCode: "THU_NS", unitID: caiRang, period: .term(2020, 2025), number: 7))
        values.append(.init(indicatorCode: "THU_NS", unitID: caiRang, period: .year(2022), number: 8))
        let table = ValueTable(values)

        func sorted(_ values: [IndicatorValue]) -> [String] { values.map(\.period.id).sorted() }
        for (code, unit) in [
            ("THU_NS", phongDinh), ("THU_NS", caiRang), ("HO_NGHEO", phongDinh), ("HO_NGHEO", caiRang),
        ] {
            XCTAssertEqual(
                sorted(table.reported(code, unit: unit)),
                sorted(table.all.filter { $0.indicatorCode == code && $0.unitID == unit }), "\(code) \(unit)")
        }
        XCTAssertEqual(table.reported("HO_NGHEO", unit: caiRang), [])
        XCTAssertEqual(table.reported("KHONG_CO", unit: phongDinh), [])
        // A term counts under its last year, as `Period.year` says.
        XCTAssertEqual(Set(table.periods(of: "THU_NS").map(\.year)), Set(2022...2026))
        XCTAssertTrue(table.periods(of: "THU_NS").contains(.term(2020, 2025)))
        XCTAssertEqual(Set(table.periods(of: "HO_NGHEO").map(\.year)), Set(2023...2026))
        XCTAssertEqual(Set(table.indicatorCodes), ["THU_NS", "HO_NGHEO"])
        XCTAssertEqual(table.latestYear, 2026)
    }

    func testAFigureComesBackWholeAndAReplacementLeavesNothingOfTheFigureItReplaced() {
        let noted = IndicatorValue(
            indicatorCode: "THU_NS", unitID: phongDinh, period: .month(2026, 3), number: 12.5, status: .uoc,
            note: "Số ước của Chi cục Thuế", author: "Nguyễn Thị Lan",
            enteredAt: Date(timeIntervalSince1970: 1_775_000_000.25), version: 3)
        let other = IndicatorValue(
            indicatorCode: "HO_NGHEO", unitID: caiRang, period: .term(2020, 2025), number: -4, author: "Trần Văn Bình",
            enteredAt: Date(timeIntervalSince1970: 1_700_000_000), version: 7)
        var table = ValueTable([noted, other])
        XCTAssertEqual(table.reported(noted.key), noted)
        XCTAssertEqual(table.reported(other.key), other)
        XCTAssertEqual(Set(table.all), [noted, other])
        XCTAssertNil(table.reported(ValueKey(indicatorCode: "THU_NS", unitID: caiRang, period: .month(2026, 3))))
        XCTAssertEqual(table.reportedNumber(noted.key)?.number, 12.5)
        XCTAssertEqual(table.reportedNumber(noted.key)?.status, .uoc)

        // The official figure replaces the estimate in place: no note, author or version survives.
        let official = IndicatorValue(
            indicatorCode: "THU_NS", unitID: phongDinh, period: .month(2026, 3), number: 13, author: "Lê Văn Cường",
            enteredAt: Date(timeIntervalSince1970: 1_776_000_000), version: 1)
        table.insert(official)
        XCTAssertEqual(table.reported(noted.key), official)
        XCTAssertEqual(table.count, 2)
        XCTAssertEqual(Set(table.all), [official, other])
    }
}
