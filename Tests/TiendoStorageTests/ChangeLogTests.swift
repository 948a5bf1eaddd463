import FluentKit
import Foundation
import SQLKit
import TiendoCore
import TiendoTestSupport
import XCTest

@testable import TiendoStorage

/// A server follows the change log: a save is applied to the snapshot it holds, and the whole
/// database is read again only at start, after a bulk import, or when the log was pruned past it.
final class ChangeLogTests: XCTestCase {
    typealias World = SnapshotCacheTests

    func testSavesAreFollowedAndOnlyBulkImportsAndPrunedLogsReadEverythingAgain() async throws {
        try await TestDatabases.forEach { name, store, _ in
            try await store.importUnitVersions([World.city, World.ward])
            try await store.importIndicators([World.households])
            try await store.recordValues([World.figure(100)])
            _ = try await store.snapshot()
            XCTAssertEqual(store.readModelStatus.wholeReads, 1, name)

            // A save, a changed figure and a new one, one after the other: followed, not re-read.
            let saved = try await store.saveValue(World.figure(120), expectedVersion: 1)
            var snapshot = try await store.snapshot()
            XCTAssertEqual(snapshot.values.reported(World.figure(0).key)?.number, 120, name)
            XCTAssertEqual(snapshot.values.reported(World.figure(0).key)?.version, saved.version, name)
            try await store.recordValues([World.figure(7, month: 2), World.figure(8, month: 3)])
            snapshot = try await store.snapshot()
            XCTAssertEqual(snapshot.values.reported(World.figure(0, month: 3).key)?.number, 8, name)
            XCTAssertEqual(snapshot.values.count, 3, name)
            // The city's quarter is rolled up from the ward's months as they are now.
            XCTAssertEqual(
                snapshot.rollUp.figure("SO_HO", unit: World.city.unitID, period: .quarter(2026, 1)).figure?.number, 8,
                name)
            try await store.recordValues([World.figure(9, month: 3)])
            snapshot = try await store.snapshot()
            XCTAssertEqual(
                snapshot.rollUp.figure("SO_HO", unit: World.city.unitID, period: .quarter(2026, 1)).figure?.number, 9,
                "a kept roll-up of a changed figure is worked out again (\(name))")
            XCTAssertEqual(store.readModelStatus.wholeReads, 1, "saves are followed (\(name))")
            XCTAssertEqual(store.readModelStatus.follows, 3, name)
            XCTAssertEqual(store.readModelStatus.changesApplied, 4, name)

            // A renamed unit: the small tables are read again, the figures kept.
            var renamed = World.ward
            renamed.name = "Phong Dinh mới"
            try await store.importUnitVersions([renamed])
            snapshot = try await store.snapshot()
            XCTAssertEqual(snapshot.directory.latestVersion(of: World.ward.unitID)?.name, "Phong Dinh mới", name)
            XCTAssertEqual(snapshot.values.count, 3, name)
            XCTAssertEqual(store.readModelStatus.wholeReads, 1, name)

            // A bulk import (more than one batch) is one "read everything again", not a row per figure.
            var bulk: [IndicatorValue] = []
            for index in 0..<(TiendoStore.recordBatchSize + 10) {
                let period = Period.month(2030 + index / 12, index % 12 + 1)
                bulk.append(
                    IndicatorValue(
                        indicatorCode: "SO_HO", unitID: World.ward.unitID, period: period, number: Double(index)))
            }
            try await store.recordValues(bulk)
            snapshot = try await store.snapshot()
            XCTAssertEqual(snapshot.values.count, 3 + bulk.count, name)
            XCTAssertEqual(store.readModelStatus.wholeReads, 2, "a bulk import is read again as a whole (\(name))")
            let logged = try await Self.logRows(store)
            XCTAssertLessThan(logged, 100, "a bulk import writes no row per figure (\(name))")

            // A pruned log: a second server that held the model from before reads everything again.
            let other = TiendoStore(database: store.database)
            _ = try await other.snapshot()
            try await store.recordValues([World.figure(11, month: 4)])
            try await store.writeTransaction { db in try await ChangeLog.prune(on: db, keeping: 0) }
            snapshot = try await other.snapshot()
            XCTAssertEqual(snapshot.values.reported(World.figure(0, month: 4).key)?.number, 11, name)
            XCTAssertEqual(other.readModelStatus.wholeReads, 2, "a pruned log is not followed (\(name))")

            // The first server too held a position the prune removed.
            _ = try await store.snapshot()
            XCTAssertEqual(store.readModelStatus.wholeReads, 3, name)

            // A removed figure leaves the model, followed.
            let sql = try XCTUnwrap(store.database as? any SQLDatabase)
            try await sql.raw("DELETE FROM indicator_values WHERE period = '2026M04'").run()
            snapshot = try await store.snapshot()
            XCTAssertNil(snapshot.values.reported(World.figure(0, month: 4).key), name)
            XCTAssertEqual(snapshot.values.count, 3 + bulk.count, name)
            XCTAssertEqual(store.readModelStatus.wholeReads, 3, name)
        }
    }

    static func logRows(_ store: TiendoStore) async throws -> Int {
        let sql = try XCTUnwrap(store.database as? any SQLDatabase)
        return try await sql.raw("SELECT COUNT(*) AS n FROM change_log").first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
