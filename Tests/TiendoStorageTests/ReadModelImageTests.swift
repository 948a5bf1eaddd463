import FluentKit
import Foundation
import SQLKit
import TiendoCore
import TiendoTestSupport
import XCTest

@testable import TiendoStorage

/// A server starts from the read model's image on disk and follows the log from there, giving
/// exactly what a whole read gives; it reads everything when the database does not vouch for the
/// image (restored, another database), when the log cannot be followed from it, or when the file
/// is damaged.
final class ReadModelImageTests: XCTestCase {
    typealias World = SnapshotCacheTests

    private func temporaryPath() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("anh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder.appendingPathComponent("tiendo.sqlite.anh").path
    }

    /// Waits for an image written in the background after a whole read (at most 20 s): until
    /// the file exists and holds something else than `old`. The file takes its name only after
    /// its token is in the database, so once it is there the database vouches for it.
    @discardableResult
    private func waitForNewImage(at path: String, replacing old: Data? = nil) async throws -> Data {
        for _ in 0..<200 {
            if let now = try? Data(contentsOf: URL(fileURLWithPath: path)), now != old { return now }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        XCTFail("không thấy ảnh bộ nhớ được ghi tại \(path)")
        return Data()
    }

    private func assertSameAsWholeRead(_ snapshot: Snapshot, _ store: TiendoStore, _ message: String) async throws {
        let whole = try await store.loadSnapshot()
        func sorted(_ values: [IndicatorValue]) -> [IndicatorValue] {
            values.sorted { ($0.indicatorCode, $0.period.id, $0.number) < ($1.indicatorCode, $1.period.id, $1.number) }
        }
        XCTAssertEqual(sorted(snapshot.values.all), sorted(whole.values.all), message)
        XCTAssertEqual(snapshot.values.count, whole.values.count, message)
        XCTAssertEqual(snapshot.values.latestYear, whole.values.latestYear, message)
        XCTAssertEqual(
            snapshot.rollUp.figure("SO_HO", unit: World.city.unitID, period: .year(2026)).figure?.number,
            whole.rollUp.figure("SO_HO", unit: World.city.unitID, period: .year(2026)).figure?.number, message)
    }

    func testAServerStartsFromTheImageAndFollowsTheLogFromIt() async throws {
        try await TestDatabases.forEach { name, plain, _ in
            let path = try temporaryPath()
            try await plain.importUnitVersions([World.city, World.ward])
            try await plain.importIndicators([World.households])
            try await plain.recordValues((1...6).map { World.figure(Double($0 * 10), month: $0) })

            // The first server reads everything and writes the image.
            let first = TiendoStore(database: plain.database, imagePath: path)
            _ = try await first.snapshot()
            XCTAssertEqual(first.readModelStatus.wholeReads, 1, name)
            let image = try await waitForNewImage(at: path)

            // Saves after the image: a change, a removal, a new figure, a renamed unit.
            _ = try await plain.saveValue(World.figure(25, month: 2), expectedVersion: 1)
            _ = try await plain.recordValues([World.figure(70, month: 7)])
            try await plain.writeTransaction { db in
                try await IndicatorValueModel.query(on: db).filter(\.$period == Period.month(2026, 3).id).delete()
            }
            var renamed = World.ward
            renamed.name = "Phong Dinh sau ảnh"
            try await plain.importUnitVersions([renamed])

            // A second server starts from the image and the log after it.
            let second = TiendoStore(database: plain.database, imagePath: path)
            let snapshot = try await second.snapshot()
            XCTAssertEqual(second.readModelStatus.imageStarts, 1, name)
            XCTAssertEqual(second.readModelStatus.wholeReads, 0, name)
            XCTAssertEqual(snapshot.values.reported(World.figure(0, month: 2).key)?.number, 25, name)
            XCTAssertNil(snapshot.values.reported(World.figure(0, month: 3).key), name)
            XCTAssertEqual(snapshot.directory.latestVersion(of: World.ward.unitID)?.name, "Phong Dinh sau ảnh", name)
            try await assertSameAsWholeRead(snapshot, plain, name)

            // The upkeep writes a new image only once the log has moved well past it: not yet.
            try await second.refreshReadModelImage()
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), image, name)
        }
    }

    func testAnImageTheDatabaseDoesNotVouchForOrCannotFollowOrIsDamagedIsReadWhole() async throws {
        try await TestDatabases.forEach { name, plain, _ in
            let path = try temporaryPath()
            try await plain.importUnitVersions([World.city, World.ward])
            try await plain.importIndicators([World.households])
            try await plain.recordValues([World.figure(100)])
            let first = TiendoStore(database: plain.database, imagePath: path)
            _ = try await first.snapshot()
            let image = try await waitForNewImage(at: path)
            let sql = try XCTUnwrap(plain.database as? any SQLDatabase)

            // A restored database (or another one) does not know the image's token.
            let tokens = try await sql.raw("SELECT token, seq, written_at FROM read_model_images").all()
            XCTAssertEqual(tokens.count, 1, name)
            try await sql.raw("DELETE FROM read_model_images").run()
            let restored = TiendoStore(database: plain.database, imagePath: path)
            _ = try await restored.snapshot()
            XCTAssertEqual(restored.readModelStatus.imageStarts, 0, name)
            XCTAssertEqual(restored.readModelStatus.wholeReads, 1, name)
            // …and writes an image it vouches for.
            let rewritten = try await waitForNewImage(at: path, replacing: image)
            let vouched = TiendoStore(database: plain.database, imagePath: path)
            _ = try await vouched.snapshot()
            XCTAssertEqual(vouched.readModelStatus.imageStarts, 1, name)

            // A bulk import after the image: the log says "read everything".
            var bulk: [IndicatorValue] = []
            for index in 0..<(TiendoStore.recordBatchSize + 5) {
                bulk.append(
                    IndicatorValue(
                        indicatorCode: "SO_HO", unitID: World.ward.unitID,
                        period: .month(2030 + index / 12, index % 12 + 1), number: Double(index)))
            }
            try await plain.recordValues(bulk)
            let afterBulk = TiendoStore(database: plain.database, imagePath: path)
            let snapshot = try await afterBulk.snapshot()
            XCTAssertEqual(afterBulk.readModelStatus.imageStarts, 0, name)
            XCTAssertEqual(afterBulk.readModelStatus.wholeReads, 1, name)
            try await assertSameAsWholeRead(snapshot, plain, name)
            let bytes = try await waitForNewImage(at: path, replacing: rewritten)

            // A damaged file: cut in half, then garbage. Read whole, no trap.
            for damaged in [bytes.prefix(bytes.count / 2), Data("không phải ảnh".utf8)] {
                try damaged.write(to: URL(fileURLWithPath: path))
                let server = TiendoStore(database: plain.database, imagePath: path)
                let snapshot = try await server.snapshot()
                XCTAssertEqual(server.readModelStatus.imageStarts, 0, name)
                XCTAssertEqual(server.readModelStatus.wholeReads, 1, name)
                XCTAssertEqual(snapshot.values.count, 1 + bulk.count, name)
                // Let its background write finish before the next round replaces the file.
                try await waitForNewImage(at: path, replacing: damaged)
            }
        }
    }

    func testTheImageIsBesideTheSQLiteFileUnlessConfigured() {
        XCTAssertEqual(StorageLocation.sqliteFile("/srv/tiendo.sqlite").readImagePath([:]), "/srv/tiendo.sqlite.anh")
        XCTAssertNil(StorageLocation.postgres("postgres://x@y/z").readImagePath([:]))
        XCTAssertNil(StorageLocation.sqliteMemory.readImagePath([:]))
        XCTAssertEqual(
            StorageLocation.postgres("postgres://x@y/z").readImagePath(["TIENDO_READ_IMAGE": "/var/lib/tiendo/anh"]),
            "/var/lib/tiendo/anh")
        XCTAssertNil(StorageLocation.sqliteFile("/srv/t.sqlite").readImagePath(["TIENDO_READ_IMAGE": "tat"]))
    }
}
