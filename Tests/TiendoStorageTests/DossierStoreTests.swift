import TiendoCore
import TiendoStorage
import TiendoTestSupport
import XCTest

/// Dossier logs in storage, on SQLite and (when configured) PostgreSQL: upsert by dossier id,
/// counts recomputed from the table, no double count on an overlapping re-import.
final class DossierStoreTests: XCTestCase {
    static let units = [UnitID("A"), UnitID("B"), UnitID("C")]
    static let asOf = CivilDate(2026, 5, 15)

    /// Every stored dossier figure must equal what the core computes from `records` alone.
    func assertStoredFiguresMatch(_ records: [DossierRecord], _ store: TiendoStore, _ name: String) async throws {
        let counts = DossierRates.counts(records, asOf: Self.asOf)
        let (expected, _) = DossierRates.values(counts, author: "", enteredAt: Date())
        let stored = try await store.values().all.filter { DossierIndicators.codes.contains($0.indicatorCode) }
        let storedByKey = Dictionary(uniqueKeysWithValues: stored.map { ($0.key, $0.number) })
        XCTAssertEqual(stored.count, expected.count, name)
        for value in expected {
            let number = try XCTUnwrap(storedByKey[value.key], "\(name): \(value.key)")
            XCTAssertEqual(number, value.number, accuracy: 1e-9, "\(name): \(value.key)")
        }
    }

    func testOverlappingReimportUpdatesAndNeverDoubleCounts() async throws {
        try await TestDatabases.forEach { name, store, _ in
            let log = DossierLogGenerator.records(count: 2_000, units: Self.units)
            let firstHalf = Array(log[0..<1_200])
            let first = try await store.importDossiers(firstHalf, asOf: Self.asOf, author: "kiểm thử", actor: "t")
            XCTAssertEqual(first.dossiers, ImportCounts(inserted: 1_200), name)
            try await assertStoredFiguresMatch(firstHalf, store, name + " (lần 1)")

            // The second export overlaps the first on 800..<1200; 100 of those changed meanwhile
            // (returned, or their return date corrected), and 800 are new.
            var secondHalf = Array(log[800..<2_000])
            for i in 200..<300 {
                var r = secondHalf[i]
                r.finished = r.finished == nil ? r.due : nil
                r.electronicResult = false
                secondHalf[i] = r
            }
            let second = try await store.importDossiers(secondHalf, asOf: Self.asOf, author: "kiểm thử", actor: "t")
            XCTAssertEqual(second.dossiers, ImportCounts(inserted: 800, updated: 100, unchanged: 300), name)
            let final = Array(log[0..<800]) + secondHalf
            let dossierCount = try await store.dossierCount()
            XCTAssertEqual(dossierCount, 2_000, name)
            try await assertStoredFiguresMatch(final, store, name + " (lần 2)")

            // The same file again changes nothing.
            let again = try await store.importDossiers(secondHalf, asOf: Self.asOf, author: "kiểm thử", actor: "t")
            XCTAssertEqual(again.dossiers, ImportCounts(unchanged: 1_200), name)
            XCTAssertEqual(again.values.inserted + again.values.updated, 0, name)
            try await assertStoredFiguresMatch(final, store, name + " (lần 3)")
        }
    }

    func testADossierMovedToAnotherMonthLeavesTheOldMonthExact() async throws {
        try await TestDatabases.forEach { name, store, _ in
            let a = UnitID("A")
            let lone = DossierRecord(
                id: "M-1", unitID: a, procedure: "Khai sinh", received: CivilDate(2026, 1, 30),
                due: CivilDate(2026, 2, 5), finished: CivilDate(2026, 2, 2), channel: .trucTuyen, digitised: true,
                electronicResult: true)
            try await store.importDossiers([lone], asOf: Self.asOf, author: "", actor: "t")
            var moved = lone
            moved.received = CivilDate(2026, 2, 1)  // the date was typed wrong the first time
            let outcome = try await store.importDossiers([moved], asOf: Self.asOf, author: "", actor: "t")
            XCTAssertEqual(outcome.dossiers, ImportCounts(updated: 1), name)
            XCTAssertEqual(outcome.unitMonths, 2, name)
            XCTAssertEqual(outcome.ratesRemoved, 4, name)
            let values = try await store.values()
            func number(_ code: String, _ month: Int) -> Double? {
                values.reported(ValueKey(indicatorCode: code, unitID: a, period: .month(2026, month)))?.number
            }
            XCTAssertEqual(number(DossierIndicators.received, 1), 0, name)
            XCTAssertNil(number(DossierIndicators.onTimeRate, 1), name)
            XCTAssertEqual(number(DossierIndicators.received, 2), 1, name)
            XCTAssertEqual(number(DossierIndicators.onTimeRate, 2), 100, name)
        }
    }

    func testAnOpenDossierTurnsLateWhenItsDueDatePasses() async throws {
        try await TestDatabases.forEach { name, store, _ in
            let a = UnitID("A")
            let open = DossierRecord(
                id: "O-1", unitID: a, procedure: "Khai sinh", received: CivilDate(2026, 3, 2),
                due: CivilDate(2026, 3, 10), finished: nil, channel: .trucTiep, digitised: false,
                electronicResult: false)
            try await store.importDossiers([open], asOf: CivilDate(2026, 3, 5), author: "", actor: "t")
            let other = DossierRecord(
                id: "O-2", unitID: UnitID("B"), procedure: "Khai tử", received: CivilDate(2026, 4, 1),
                due: CivilDate(2026, 4, 3), finished: CivilDate(2026, 4, 2), channel: .trucTiep, digitised: false,
                electronicResult: false)
            // A later import of another unit's log still re-judges A's open dossier.
            try await store.importDossiers([other], asOf: CivilDate(2026, 4, 5), author: "", actor: "t")
            let rate = try await store.values().reported(
                ValueKey(indicatorCode: DossierIndicators.onTimeRate, unitID: a, period: .month(2026, 3)))
            XCTAssertEqual(rate?.number, 0, name)
        }
    }

    func testACommuneWithoutDossiersThatMonthCountsZeroSoTheProvinceAddsUp() async throws {
        try await TestDatabases.forEach { name, store, _ in
            let start = CivilDate(2025, 7, 1)
            let province = UnitVersion(
                unitID: UnitID("P"), code: "P", name: "Thử", kind: .tinh, parentID: nil, validFrom: start)
            let wards = ["A", "B"].map {
                UnitVersion(
                    unitID: UnitID($0), code: $0, name: $0, kind: .xa, parentID: province.unitID, validFrom: start)
            }
            try await store.importUnitVersions([province] + wards)
            let lone = DossierRecord(
                id: "HS-1", unitID: UnitID("A"), procedure: "Chứng thực", received: CivilDate(2026, 3, 2),
                due: CivilDate(2026, 3, 4), finished: CivilDate(2026, 3, 3), channel: .trucTuyen, digitised: true,
                electronicResult: true, supplementRequests: 0)

            _ = try await store.importDossiers([lone], asOf: Self.asOf, author: "kiểm thử", actor: "t")

            let snapshot = try await store.snapshot()
            let zero = snapshot.values.reported(
                ValueKey(indicatorCode: DossierIndicators.received, unitID: UnitID("B"), period: .month(2026, 3)))
            XCTAssertEqual(zero?.number, 0, name)
            let rate = snapshot.rollUp.figure(
                DossierIndicators.onTimeRate, unit: province.unitID, period: .month(2026, 3))
            XCTAssertEqual(rate.figure?.number, 100, name)
        }
    }
}
