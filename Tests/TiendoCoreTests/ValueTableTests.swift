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

    /// A change applied to a kept table (`replace`) shows at once, leaves any copy taken before
    /// as it was, and, folded into the columns, gives the table a fresh build would.
    func testReplacedFiguresShowAtOnceLeaveEarlierCopiesAloneAndFoldIntoTheSameTable() {
        func figure(_ code: String, _ unit: UnitID, _ year: Int, _ number: Double, version: Int = 1) -> IndicatorValue {
            IndicatorValue(
                indicatorCode: code, unitID: unit, period: .year(year), number: number, status: .chinhThuc,
                version: version)
        }
        let stored = [figure("THU_NS", phongDinh, 2025, 10), figure("THU_NS", caiRang, 2025, 20)]
        let before = ValueTable(stored)
        var table = before
        // An estimate replaces an official figure: the database holds what was saved, so the
        // build rule (an official figure wins) does not apply to a committed change.
        let estimate = IndicatorValue(
            indicatorCode: "THU_NS", unitID: phongDinh, period: .year(2025), number: 11, status: .uoc, version: 2)
        table.replace(estimate.key, with: estimate)
        let new = figure("HO_NGHEO", phongDinh, 2027, 3)
        table.replace(new.key, with: new)
        table.replace(stored[1].key, with: nil)

        XCTAssertEqual(table.reported(estimate.key), estimate)
        XCTAssertEqual(table.reportedNumber(estimate.key)?.status, .uoc)
        XCTAssertNil(table.reported(stored[1].key))
        XCTAssertEqual(table.count, 2)
        XCTAssertEqual(table.latestYear, 2027)
        XCTAssertEqual(table.periods(of: "HO_NGHEO"), [.year(2027)])
        XCTAssertEqual(Set(table.all), [estimate, new])
        XCTAssertEqual(before.reported(stored[1].key)?.number, 20, "an earlier copy keeps its figures")
        XCTAssertEqual(before.count, 2)

        table.foldEdits()
        XCTAssertEqual(table.editCount, 0)
        XCTAssertEqual(Set(table.all), [estimate, new])
        XCTAssertEqual(table.count, 2)
        XCTAssertNil(table.reported(stored[1].key))
        XCTAssertEqual(table.reported(estimate.key), estimate)
        XCTAssertEqual(before.reported(estimate.key)?.number, 10, "folding copies the shared columns")
        // Another unit still has a figure of 2025: the period stays; when the last one goes, the
        // period and (being the latest) the latest year go with it.
        XCTAssertEqual(table.periods(of: "THU_NS"), [.year(2025)])
        table.replace(estimate.key, with: nil)
        XCTAssertEqual(table.periods(of: "THU_NS"), [], "a period without figures leaves")
        XCTAssertEqual(table.count, 1)
        table.replace(new.key, with: nil)
        XCTAssertNil(table.latestYear)
        XCTAssertEqual(table.count, 0)
    }

    /// A snapshot brought up to date with `applying` rolls up exactly as one built afresh from the
    /// same figures, whichever roll-ups were worked out before the change.
    func testAnAppliedSnapshotRollsUpAsAFreshOne() {
        let city = UnitVersion(
            unitID: UnitID("46"), code: "46", name: "Huế", kind: .thanhPhoTrucThuoc, parentID: nil,
            validFrom: CivilDate(2025, 7, 1))
        func ward(_ id: String) -> UnitVersion {
            UnitVersion(
                unitID: UnitID(id), code: id, name: "Phường \(id)", kind: .phuong, parentID: city.unitID,
                validFrom: CivilDate(2025, 7, 1))
        }
        let wards = [ward("1"), ward("2")]
        let directory = UnitDirectory(versions: [city] + wards)
        let indicators = [
            Indicator(code: "THU", name: "Thu", unitOfMeasure: "tỷ đồng", space: .sum, time: .sum),
            Indicator(code: "DAN", name: "Dân", unitOfMeasure: "người", space: .sum, time: .last),
            Indicator(
                code: "THU_BQ", name: "Thu bình quân", unitOfMeasure: "tỷ đồng/người",
                space: .ratio(numerator: "THU", denominator: "DAN", multiplier: 1), time: .ratio),
        ]
        var figures: [IndicatorValue] = []
        for w in wards {
            for month in 1...12 {
                figures.append(
                    IndicatorValue(
                        indicatorCode: "THU", unitID: w.unitID, period: .month(2026, month), number: Double(month)))
            }
            figures.append(IndicatorValue(indicatorCode: "DAN", unitID: w.unitID, period: .year(2026), number: 100))
        }
        let old = Snapshot(directory: directory, indicators: indicators, values: ValueTable(figures), resolutions: [])
        let keys = [("THU", city.unitID), ("THU_BQ", city.unitID), ("THU", wards[1].unitID), ("DAN", city.unitID)]
        for (code, unit) in keys {
            for period in [Period.year(2026), .quarter(2026, 2), .month(2026, 5)] {
                _ = old.rollUp.figure(code, unit: unit, period: period)
            }
        }
        let changed = IndicatorValue(
            indicatorCode: "THU", unitID: wards[0].unitID, period: .month(2026, 5), number: 500, version: 2)
        let applied = old.applying([.saved(changed)])
        var all = figures.filter { $0.key != changed.key }
        all.append(changed)
        let fresh = Snapshot(directory: directory, indicators: indicators, values: ValueTable(all), resolutions: [])
        for (code, unit) in keys + [("THU", wards[0].unitID), ("THU_BQ", wards[0].unitID)] {
            for period in [Period.year(2026), .quarter(2026, 2), .month(2026, 5), .half(2026, 1)] {
                XCTAssertEqual(
                    applied.rollUp.figure(code, unit: unit, period: period),
                    fresh.rollUp.figure(code, unit: unit, period: period), "\(code) \(unit) \(period)")
            }
        }
        XCTAssertNotEqual(
            applied.rollUp.figure("THU", unit: city.unitID, period: .year(2026)),
            old.rollUp.figure("THU", unit: city.unitID, period: .year(2026)))
        // The unchanged ward's pages stay; the changed ward's and the city's move.
        XCTAssertEqual(applied.generations.of(wards[1].unitID), old.generations.of(wards[1].unitID))
        XCTAssertNotEqual(applied.generations.of(wards[0].unitID), old.generations.of(wards[0].unitID))
        XCTAssertNotEqual(applied.generations.of(city.unitID), old.generations.of(city.unitID))
        XCTAssertEqual(applied.generations.common, old.generations.common)
    }
}
