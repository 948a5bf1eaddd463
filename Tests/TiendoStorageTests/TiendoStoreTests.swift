import TiendoCore
import TiendoStorage
import TiendoTestSupport
import XCTest

/// Storage round trips, idempotence, transactions and the no-lost-update rule, on SQLite and
/// (when configured) PostgreSQL.
final class TiendoStoreTests: XCTestCase {
    private let reform = CivilDate(2025, 7, 1)

    private func huePair() -> (province: UnitVersion, ward: UnitVersion) {
        let province = UnitVersion(
            unitID: UnitID(code: "46", validFrom: reform), code: "46", name: "Huế", kind: .thanhPhoTrucThuoc,
            parentID: nil, validFrom: reform)
        let ward = UnitVersion(
            unitID: UnitID(code: "19831", validFrom: reform), code: "19831", name: "Phong Dinh", kind: .phuong,
            parentID: province.unitID, validFrom: reform)
        return (province, ward)
    }

    func testUnitImportRoundTripsAndIsIdempotent() async throws {
        try await TestDatabases.forEach { name, store, _ in
            let (province, ward) = huePair()

            let first = try await store.importUnitVersions([province, ward])
            let second = try await store.importUnitVersions([province, ward])
            let directory = try await store.directory()

            XCTAssertEqual(first, ImportCounts(inserted: 2), name)
            XCTAssertEqual(second, ImportCounts(unchanged: 2), name)
            XCTAssertEqual(
                directory.children(of: province.unitID, on: CivilDate(2026, 1, 1)).map(\.name), ["Phong Dinh"], name)
        }
    }

    func testRenamedUnitIsUpdatedNotDuplicated() async throws {
        try await TestDatabases.forEach { name, store, _ in
            var (province, ward) = huePair()
            try await store.importUnitVersions([province, ward])
            ward.name = "Phong Dinh (mới)"

            let counts = try await store.importUnitVersions([ward])
            let versions = try await store.directory().versions(of: ward.unitID)

            XCTAssertEqual(counts, ImportCounts(updated: 1), name)
            XCTAssertEqual(versions.map(\.name), ["Phong Dinh (mới)"], name)
            _ = province
        }
    }

    func testLineageGivesSuccessorHistory() async throws {
        try await TestDatabases.forEach { name, store, _ in
            let (province, ward) = huePair()
            try await store.importUnitVersions([province, ward])
            let old = UnitVersion(
                unitID: UnitID(code: "19832", validFrom: CivilDate(2000, 1, 1)), code: "19832", name: "Phong Hòa",
                kind: .phuong, parentID: province.unitID, validFrom: CivilDate(2000, 1, 1),
                validTo: CivilDate(2025, 6, 30))
            let link = LineageLink(source: old.unitID, successor: ward.unitID, date: reform)

            let first = try await store.importLineage(oldVersions: [old], links: [link])
            let again = try await store.importLineage(oldVersions: [old], links: [link])
            try await store.importIndicators([Indicator(code: "THU", name: "Thu ngân sách", unitOfMeasure: "tỷ đồng")])
            try await store.recordValues([
                IndicatorValue(indicatorCode: "THU", unitID: old.unitID, period: .year(2024), number: 42)
            ])
            let snapshot = try await store.snapshot()

            XCTAssertEqual(first, ImportCounts(inserted: 2), name)
            XCTAssertEqual(again, ImportCounts(unchanged: 2), name)
            XCTAssertEqual(
                snapshot.rollUp.figure("THU", unit: ward.unitID, period: .year(2024)).figure?.number, 42, name)
        }
    }

    func testResolutionRoundTripKeepsEveryMeasureAndRevision() async throws {
        try await TestDatabases.forEach { name, store, _ in
            let (province, _) = huePair()
            let targets = [
                Target(
                    number: 1, group: .kinhTe, wording: "Tăng trưởng bình quân 10–11%/năm", indicatorCode: "GRDP",
                    measure: .averageGrowth(baseYear: 2025, geometric: true),
                    condition: .between(low: 10, high: 11, direction: .higherIsBetter), deadlineYear: 2030),
                Target(
                    number: 2, group: .vanHoaXaHoiMoiTruong, wording: "Hộ nghèo dưới 1,5%", indicatorCode: "HN",
                    measure: .level, condition: .atMost(1.5, exceedBound: nil), deadlineYear: 2030,
                    tolerance: .absolute(0.5)),
                Target(
                    number: 3, group: .xayDungDang, wording: "Kết nạp 65–80 đảng viên", indicatorCode: "KN",
                    measure: .everyYear(fromYear: 2026, toYear: 2030),
                    condition: .between(low: 65, high: 80, direction: .higherIsBetter), deadlineYear: 2030),
                Target(
                    number: 4, group: .kinhTe, wording: "100% xã NTM", indicatorCode: "NTM",
                    measure: .shareOfUnits(unitCondition: .atLeast(1, exceedBound: nil)),
                    condition: .atLeast(100, exceedBound: nil), deadlineYear: 2030),
            ]
            var revised = targets[1]
            revised.condition = .atMost(1.0, exceedBound: nil)
            let resolution = Resolution(
                id: "hue-2025-2030", issuingUnitID: province.unitID, symbol: "01-NQ/ĐH",
                title: "Nghị quyết Đại hội Đảng bộ thành phố Huế", termStart: 2025, termEnd: 2030,
                adoptedOn: CivilDate(2025, 10, 15), targets: targets,
                revisions: [
                    ResolutionRevision(
                        symbol: "12-NQ/TU", title: "Điều chỉnh", effectiveFrom: CivilDate(2027, 1, 1),
                        targets: [revised])
                ])

            try await store.saveResolution(resolution)
            try await store.saveResolution(resolution)
            let loaded = try await store.resolutions()

            XCTAssertEqual(loaded, [resolution], name)
            XCTAssertEqual(
                loaded.first?.targets(on: CivilDate(2026, 12, 31))[1].condition, .atMost(1.5, exceedBound: nil), name)
            XCTAssertEqual(
                loaded.first?.targets(on: CivilDate(2027, 12, 31))[1].condition, .atMost(1.0, exceedBound: nil), name)
        }
    }

    func testValuesAreAuditedAndEstimateIsSupersededByOfficial() async throws {
        try await TestDatabases.forEach { name, store, _ in
            let (province, ward) = huePair()
            try await store.importUnitVersions([province, ward])
            try await store.importIndicators([Indicator(code: "THU", name: "Thu ngân sách", unitOfMeasure: "tỷ đồng")])
            let estimate = IndicatorValue(
                indicatorCode: "THU", unitID: ward.unitID, period: .year(2025), number: 100, status: .uoc, author: "an")
            var official = estimate
            official.number = 104.5
            official.status = .chinhThuc
            official.author = "binh"

            try await store.recordValues([estimate])
            try await store.recordValues([official])
            try await store.recordValues([official])
            let history = try await store.history(indicatorCode: "THU", unit: ward.unitID, period: .year(2025))
            let current = try await store.values().reported(official.key)

            XCTAssertEqual(history.map(\.newNumber), [100, 104.5], name)
            XCTAssertEqual(history.map(\.oldNumber), [nil, 100], name)
            XCTAssertEqual(history.map(\.newStatus), [.uoc, .chinhThuc], name)
            XCTAssertEqual(current?.number, 104.5, name)
            XCTAssertEqual(current?.version, 2, name)
        }
    }

    func testFiguresWrittenInBulkReadBackAsTheyWereWrittenAndCanBeEdited() async throws {
        try await TestDatabases.forEach { name, store, _ in
            let (province, ward) = huePair()
            try await store.importUnitVersions([province, ward])
            // 2.500 figures: two full statements of 1.000 rows and a shorter one.
            let written = (0..<2_500).map { index -> IndicatorValue in
                // (code, unit, month, year) spell out the index in mixed radix 25 × 2 × 12: no key twice.
                let unit = (index / 25).isMultiple(of: 2) ? ward.unitID : province.unitID
                let period = Period.month(2025 + index / 600, 1 + (index / 50) % 12)
                let note: String? = index.isMultiple(of: 5) ? "Số liệu ước tính của Chi cục Thống kê \(index)" : nil
                let enteredAt = Date(timeIntervalSince1970: 1_775_000_000 + Double(index) / 4)
                return IndicatorValue(
                    indicatorCode: "CT\(index % 25)", unitID: unit, period: period, number: Double(index) / 8,
                    status: index.isMultiple(of: 7) ? .uoc : .chinhThuc, note: note, author: "Nguyễn Thị Hằng",
                    enteredAt: enteredAt)
            }
            try await store.importIndicators(
                (0..<25).map { Indicator(code: "CT\($0)", name: "Chỉ tiêu \($0)", unitOfMeasure: "người") })

            let counts = try await store.recordValues(written)
            let table = try await store.values()

            XCTAssertEqual(counts, ImportCounts(inserted: 2_500), name)
            XCTAssertEqual(Set(table.all), Set(written), name)
            let edited = written[1_234]
            var next = edited
            next.number = 99
            let saved = try await store.saveValue(next, expectedVersion: 1)
            XCTAssertEqual(saved.version, 2, name)
            let history = try await store.history(
                indicatorCode: edited.indicatorCode, unit: edited.unitID, period: edited.period)
            XCTAssertEqual(history.map(\.newNumber), [edited.number, 99], name)
            XCTAssertEqual(history.first?.note, edited.note, name)
        }
    }

    func testSecondSaveOfTheSameVersionIsRefusedWithTheOtherValue() async throws {
        try await TestDatabases.forEach { name, store, _ in
            let (_, ward) = huePair()
            let base = IndicatorValue(
                indicatorCode: "THU", unitID: ward.unitID, period: .year(2025), number: 100, author: "an")
            let saved = try await store.saveValue(base, expectedVersion: nil)
            var first = base
            first.number = 110
            first.author = "an"
            var second = base
            second.number = 120
            second.author = "bình"

            try await store.saveValue(first, expectedVersion: saved.version)
            do {
                try await store.saveValue(second, expectedVersion: saved.version)
                XCTFail("the second save must be refused (\(name))")
            } catch let conflict as ValueConflict {
                XCTAssertEqual(conflict.current.number, 110, name)
                XCTAssertTrue(conflict.description.contains("110"), conflict.description)
            }
            let history = try await store.history(indicatorCode: "THU", unit: ward.unitID, period: .year(2025))
            XCTAssertEqual(history.map(\.newNumber), [100, 110], name)
        }
    }

    func testWritesInOneTransactionAreUndoneTogether() async throws {
        struct Refused: Error {}
        try await TestDatabases.forEach { name, store, _ in
            let (province, ward) = huePair()

            do {
                try await store.inTransaction { tx in
                    try await tx.importUnitVersions([province, ward])
                    try await tx.importIndicators([Indicator(code: "THU", name: "Thu", unitOfMeasure: "tỷ đồng")])
                    throw Refused()
                }
                XCTFail("the transaction must fail (\(name))")
            } catch is Refused {}
            let directory = try await store.directory()
            let indicators = try await store.indicators()

            XCTAssertTrue(directory.unitIDs.isEmpty, name)
            XCTAssertTrue(indicators.isEmpty, name)
        }
    }
}
