import TiendoCore
import TiendoImport
import TiendoStorage
import TiendoTestSupport
import XCTest

@testable import TiendoApplication
@testable import TiendoDemo

/// The benchmark dataset must be the same on every machine, believable (a part never above its
/// whole), and shaped as the issue asks: one province or the country, 15–20 targets a resolution.
final class BenchDatasetTests: XCTestCase {
    let province = BenchDataset(scale: .province)

    func testTheSameSeedGivesTheSameFiguresAndAnotherSeedOthers() {
        let again = BenchDataset(scale: .national, seed: 2025)
        let other = BenchDataset(scale: .province, seed: 7)
        var differ = 0
        for number in [1, 42, 61, 62, 85, 100] {
            for month in 1...12 {
                let value = province.monthly("19831", indicator: number, year: 2026, month: month)
                XCTAssertEqual(value, again.monthly("19831", indicator: number, year: 2026, month: month))
                XCTAssertEqual(value, value.rounded(), "whole numbers")
                XCTAssertGreaterThan(value, 0)
                if value != other.monthly("19831", indicator: number, year: 2026, month: month) { differ += 1 }
            }
        }
        XCTAssertGreaterThan(differ, 60, "another seed, other figures")
    }

    func testAPartNeverExceedsItsWholeAndAYearIsItsMonthsOrItsDecember() {
        for code in ["19831", "00004", "31285"] {
            for pair in 0..<10 {
                for year in 2025...2030 {
                    for month in 1...12 {
                        let part = province.monthly(code, indicator: 61 + 2 * pair, year: year, month: month)
                        let whole = province.monthly(code, indicator: 62 + 2 * pair, year: year, month: month)
                        XCTAssertLessThanOrEqual(part, whole, "\(code) BM_\(61 + 2 * pair) \(year)-\(month)")
                    }
                }
            }
        }
        let months = (1...12).reduce(0.0) { $0 + province.monthly("19843", indicator: 5, year: 2022, month: $1) }
        XCTAssertEqual(province.yearly("19843", indicator: 5, year: 2022), months)
        XCTAssertEqual(
            province.yearly("19843", indicator: 90, year: 2022),
            province.monthly("19843", indicator: 90, year: 2022, month: 12))
    }

    func testIndicatorsAre80Flows20StocksAnd10RatiosOfFlowPairs() {
        let indicators = BenchDataset.indicators
        XCTAssertEqual(indicators.count, 110)
        XCTAssertEqual(Set(indicators.map(\.code)).count, 110)
        XCTAssertEqual(indicators.filter { $0.space == .sum && $0.time == .sum }.count, 80)
        XCTAssertEqual(indicators.filter { $0.space == .sum && $0.time == .last }.count, 20)
        let ratio = indicators.first { $0.code == "TL_03" }
        XCTAssertEqual(ratio?.ratioParts?.numerator, "BM_065")
        XCTAssertEqual(ratio?.ratioParts?.denominator, "BM_066")
        XCTAssertEqual(ratio?.ratioParts?.multiplier, 100)
        XCTAssertTrue(indicators.allSatisfy { $0.name.contains("thử nghiệm") })
    }

    func testProvinceScaleKeepsHueItsCommunesAndTheirPredecessors() throws {
        let units = try DemoData.resource("vn_units_2025.csv")
        let lineage = try DemoData.resource("vn_lineage_2025.csv")
        let hue = try UnitListFile.parse(text: province.unitListText(units), fileName: "vn_units_2025.csv")
        XCTAssertEqual(hue.filter { $0.level == .province }.map(\.code), ["46"])
        XCTAssertEqual(hue.filter { $0.level == .commune }.count, 40)
        let hueLineage = province.lineageText(lineage, unitList: province.unitListText(units))
        XCTAssertEqual(hueLineage.skipped, 0)
        XCTAssertTrue(hueLineage.text.split(whereSeparator: \.isNewline).dropFirst().allSatisfy { $0.contains(",46,") })

        let national = BenchDataset(scale: .national)
        let all = try UnitListFile.parse(text: national.unitListText(units), fileName: "vn_units_2025.csv")
        XCTAssertEqual(all.filter { $0.level == .province }.count, 34)
        XCTAssertEqual(all.filter { $0.level == .commune }.count, 3321)
        // The shared lineage names two new communes (06970, 23737) that the unit list lacks.
        XCTAssertEqual(national.lineageText(lineage, unitList: units).skipped, 6)
    }

    func testEachResolutionHas15To20TargetsOnItsOwnFiguresAndKnownIndicators() {
        let codes = Set(BenchDataset.indicators.map(\.code))
        let city = UnitVersion(
            unitID: UnitID("46"), code: "46", name: "Huế", kind: .thanhPhoTrucThuoc, parentID: nil,
            validFrom: CivilDate(2025, 7, 1))
        let wards = ["19831", "19753", "19774"].map {
            UnitVersion(
                unitID: UnitID($0), code: $0, name: $0, kind: .phuong, parentID: city.unitID,
                validFrom: CivilDate(2025, 7, 1))
        }
        var counts = Set<Int>()
        for unit in [city] + wards {
            let resolution = province.resolution(for: unit, communes: unit == city ? wards : [])
            counts.insert(resolution.targets.count)
            XCTAssertTrue((15...20).contains(resolution.targets.count), unit.code)
            XCTAssertEqual(resolution.targets.map(\.number), Array(1...resolution.targets.count))
            XCTAssertEqual(Set(resolution.targets.map(\.indicatorCode)).count, resolution.targets.count)
            XCTAssertTrue(resolution.targets.allSatisfy { codes.contains($0.indicatorCode) })
            for target in resolution.targets where target.baseline != nil {
                // A stock's plan starts from the unit's own December 2025 (the city: its wards').
                let number = Int(target.indicatorCode.dropFirst(3))!
                let members = unit == city ? wards : [unit]
                let december = members.reduce(0.0) {
                    $0 + province.monthly($1.code, indicator: number, year: 2025, month: 12)
                }
                XCTAssertEqual(target.baseline, december, "\(unit.code) \(target.indicatorCode)")
            }
        }
        XCTAssertGreaterThan(counts.count, 1, "not every resolution the same size")
    }

    func testGeneratingIntoADatabaseThatHoldsUnitsIsRefusedAndWritesNothing() async throws {
        try await TestDatabases.forEach { name, store, _ in
            let unit = UnitVersion(
                unitID: UnitID("46"), code: "46", name: "Huế", kind: .thanhPhoTrucThuoc, parentID: nil,
                validFrom: CivilDate(2025, 7, 1))
            try await store.importUnitVersions([unit])
            do {
                _ = try await BenchGenerator.generate(
                    province, into: store, step: { _ in }, progress: { _, _ in })
                XCTFail("generated into a database in use (\(name))")
            } catch {
                XCTAssertTrue(String(describing: error).contains("chỉ sinh vào một cơ sở dữ liệu trống"), name)
            }
            let indicators = try await store.indicators()
            XCTAssertTrue(indicators.isEmpty, name)
        }
    }
}
