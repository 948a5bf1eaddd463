import Foundation
import TiendoCore
import TiendoStorage
import TiendoTestSupport
import XCTest

/// A form's figures are written together (`saveFigures`): each still checked against the version
/// the officer saw, the audit trail complete, and one stale figure refusing the whole form.
final class SaveFiguresTests: XCTestCase {
    typealias World = SnapshotCacheTests

    func testAFormIsSavedInOneGoAndOneStaleFigureUndoesAllOfIt() async throws {
        try await TestDatabases.forEach { name, store, _ in
            try await store.importUnitVersions([World.city, World.ward])
            try await store.importIndicators([World.households])
            try await store.recordValues([World.figure(100, month: 1)])

            let saved = try await store.inEntryTransaction { tx in
                try await tx.saveFigures([
                    FigureToSave(World.figure(110, month: 1), expectedVersion: 1),
                    FigureToSave(World.figure(5, month: 2), expectedVersion: nil),
                ])
            }
            XCTAssertEqual(saved.map(\.number), [110, 5], name)
            XCTAssertEqual(saved.map(\.version), [2, 1], name)

            // Someone saved month 1 meanwhile (version 2): a form that saw version 1 is refused
            // with that person's figure, and its new month 3 is not kept either.
            do {
                _ = try await store.inEntryTransaction { tx in
                    try await tx.saveFigures([
                        FigureToSave(World.figure(7, month: 3), expectedVersion: nil),
                        FigureToSave(World.figure(120, month: 1), expectedVersion: 1),
                    ])
                }
                XCTFail("a stale figure must refuse the form (\(name))")
            } catch let conflict as ValueConflict {
                XCTAssertEqual(conflict.current.number, 110, name)
                XCTAssertEqual(conflict.current.version, 2, name)
            }
            // A figure that was deleted meanwhile is refused too.
            do {
                _ = try await store.inEntryTransaction { tx in
                    try await tx.saveFigures([
                        FigureToSave(World.figure(8, month: 4), expectedVersion: 3),
                        FigureToSave(World.figure(9, month: 5), expectedVersion: nil),
                    ])
                }
                XCTFail("a figure saved over one that is gone must be refused (\(name))")
            } catch is ValueConflict {
                XCTFail("not a conflict: the figure is gone (\(name))")
            } catch {}

            let values = try await store.loadSnapshot().values
            XCTAssertNil(values.reported(World.figure(0, month: 3).key), "undone (\(name))")
            XCTAssertNil(values.reported(World.figure(0, month: 5).key), "undone (\(name))")
            XCTAssertEqual(values.reported(World.figure(0, month: 1).key)?.number, 110, name)
            let history = try await store.history(
                indicatorCode: "SO_HO", unit: World.ward.unitID, period: .month(2026, 1))
            XCTAssertEqual(history.map(\.version), [1, 2], name)
            XCTAssertEqual(history.last?.oldNumber, 100, name)
            XCTAssertEqual(history.last?.newNumber, 110, name)
            let second = try await store.history(
                indicatorCode: "SO_HO", unit: World.ward.unitID, period: .month(2026, 2))
            XCTAssertEqual(second.map(\.version), [1], name)
        }
    }
}
