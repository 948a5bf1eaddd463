import FluentKit
import Foundation
import SQLKit
import TiendoCore
import TiendoStorage
import XCTest

/// Two connection pools on one SQLite file stand for two processes (`tiendo import csv` beside
/// `tiendo serve`): a bulk write must not starve or abort the other's reads and saves, two
/// instances starting together migrate once, and database failures speak Vietnamese.
final class StorageConcurrencyTests: XCTestCase {
    private var folder: URL!

    override func setUp() async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tiendo-h6-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() async throws {
        for database in opened { await database.shutdown() }
        opened = []
        try? FileManager.default.removeItem(at: folder)
    }

    /// Opens a database that `tearDown` closes, whatever the test did (a pool dropped unclosed
    /// stops the whole test process).
    private var opened: [TiendoDatabase] = []
    private func open(_ location: StorageLocation) throws -> TiendoDatabase {
        let database = try TiendoDatabase(location: location)
        opened.append(database)
        return database
    }

    private func figures(_ count: Int, number: Double = 1) -> [IndicatorValue] {
        let from = CivilDate(2025, 7, 1)
        return (0..<count).map { index in
            IndicatorValue(
                indicatorCode: "CT\(index / 1_200)", unitID: UnitID(code: "U\(index / 30 % 40)", validFrom: from),
                period: .year(2000 + index % 30), number: number + Double(index), author: "nhập hàng loạt")
        }
    }

    private func storedCount(_ store: TiendoStore) async throws -> Int {
        let sql = try XCTUnwrap(store.database as? any SQLDatabase)
        return try await sql.raw("SELECT COUNT(*) AS n FROM indicator_values").first()?
            .decode(column: "n", as: Int.self) ?? -1
    }

    /// The import: the server kept answering 500 and a save aborted the import with
    /// "busyInSnapshot: database is locked". Now the import commits in batches (progress is
    /// visible from the other process while it runs), a save lands before the import ends, and
    /// the import still completes with the right counts.
    func testSaveDuringBulkImportLandsAndImportCompletes() async throws {
        let file = folder.appendingPathComponent("tiendo.sqlite").path
        let importing = try open(.sqliteFile(file))
        let serving = try open(.sqliteFile(file))
        try await importing.migrate()
        try await serving.migrate()
        let importer = TiendoStore(database: importing.database)
        let server = TiendoStore(database: serving.database)
        let values = figures(36_000)

        let started = Date()
        let importTask = Task { try await importer.recordValues(values) }
        var partial: Int?
        while Date().timeIntervalSince(started) < 120 {
            let count = try await storedCount(server)
            if count > 0 && count < values.count {
                partial = count
                break
            }
            if count == values.count { break }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        let saved = try await server.saveValue(
            IndicatorValue(
                indicatorCode: "NHAP_TAY", unitID: UnitID(code: "U0", validFrom: CivilDate(2025, 7, 1)),
                period: .year(2025), number: 7, author: "cán bộ phường"),
            expectedVersion: nil)
        let savedDuringImport = try await storedCount(server) < values.count + 1
        let counts = try await importTask.value

        XCTAssertNotNil(partial, "the import should commit in batches that the server sees while it runs")
        XCTAssertTrue(savedDuringImport, "the save should not wait for the whole import")
        XCTAssertEqual(saved.version, 1)
        XCTAssertEqual(counts, ImportCounts(inserted: values.count))
        let total = try await storedCount(server)
        XCTAssertEqual(total, values.count + 1)
        let snapshot = try await server.snapshot()
        XCTAssertEqual(snapshot.values.all.count, values.count + 1, "the server's snapshot shows the whole import")
    }

    /// An import interrupted midway is re-run: what was stored counts as unchanged, only the
    /// rest is written, and a changed figure is updated once.
    func testRerunOfImportStoresOnlyWhatRemains() async throws {
        let database = try open(.sqliteFile(folder.appendingPathComponent("a.sqlite").path))
        try await database.migrate()
        let store = TiendoStore(database: database.database)
        let values = figures(5_000)
        try await store.recordValues(Array(values.prefix(3_000)))
        var again = values
        again[4_000].number = -1
        again[10].number = -2

        let counts = try await store.recordValues(again)

        XCTAssertEqual(counts, ImportCounts(inserted: 2_000, updated: 1, unchanged: 2_999))
        let stored = try await storedCount(store)
        XCTAssertEqual(stored, 5_000)
        let history = try await store.history(
            indicatorCode: again[10].indicatorCode, unit: again[10].unitID, period: again[10].period)
        XCTAssertEqual(history.map(\.version), [1, 2])
        XCTAssertEqual(history.last?.oldNumber, values[10].number)
        let sql = try XCTUnwrap(store.database as? any SQLDatabase)
        let row = try await sql.raw(
            "SELECT number, version FROM indicator_values WHERE indicator_code = \(bind: again[10].indicatorCode) AND unit_id = \(bind: again[10].unitID.rawValue) AND period = \(bind: again[10].period.id)"
        ).first()
        XCTAssertEqual(try row?.decode(column: "number", as: Double.self), -2)
        XCTAssertEqual(try row?.decode(column: "version", as: Int.self), 2)
    }

    /// A batched import moves the data version once, not per batch: each move makes every server
    /// reread the whole database, which during a large import kept dashboards from answering.
    func testBatchedImportMovesTheDataVersionOnce() async throws {
        let database = try open(.sqliteFile(folder.appendingPathComponent("v.sqlite").path))
        try await database.migrate()
        let store = TiendoStore(database: database.database)
        let before = try await store.dataVersion()

        try await store.recordValues(figures(7_000))
        let afterImport = try await store.dataVersion()
        try await store.recordValues(figures(7_000))
        let afterUnchanged = try await store.dataVersion()

        XCTAssertEqual(afterImport, before + 1)
        XCTAssertEqual(afterUnchanged, afterImport, "an import that changes nothing leaves the version")
        let snapshot = try await store.snapshot()
        XCTAssertEqual(snapshot.values.all.count, 7_000)
    }

    /// Two instances starting on one new SQLite file at once: both start, and every migration
    /// ran exactly once.
    func testTwoInstancesMigrateOneSQLiteFileOnce() async throws {
        for round in 0..<3 {
            let file = folder.appendingPathComponent("pair-\(round).sqlite").path
            let first = try open(.sqliteFile(file))
            let second = try open(.sqliteFile(file))
            do {
                async let a: Void = first.migrate()
                async let b: Void = second.migrate()
                _ = try await (a, b)
                let sql = try XCTUnwrap(first.database as? any SQLDatabase)
                let rows = try await sql.raw("SELECT name FROM _fluent_migrations").all()
                let names = try rows.map { try $0.decode(column: "name", as: String.self) }
                XCTAssertEqual(names.count, TiendoMigrations.all.count, "round \(round)")
                XCTAssertEqual(Set(names).count, names.count, "round \(round)")
            } catch {
                XCTFail("round \(round): \(error)")
            }
        }
    }

    /// The same on PostgreSQL (`TIENDO_TEST_POSTGRES_URL`): the advisory lock serialises them.
    func testTwoInstancesMigrateOnePostgreSQLDatabaseOnce() async throws {
        guard let url = ProcessInfo.processInfo.environment["TIENDO_TEST_POSTGRES_URL"], !url.isEmpty else {
            throw XCTSkip("TIENDO_TEST_POSTGRES_URL is not set")
        }
        let first = try open(.postgres(url))
        let second = try open(.postgres(url))
        do {
            let sql = try XCTUnwrap(first.database as? any SQLDatabase)
            try await sql.raw("DROP SCHEMA public CASCADE").run()
            try await sql.raw("CREATE SCHEMA public").run()
            async let a: Void = first.migrate()
            async let b: Void = second.migrate()
            _ = try await (a, b)
            let rows = try await sql.raw("SELECT name FROM _fluent_migrations").all()
            XCTAssertEqual(rows.count, TiendoMigrations.all.count)
        } catch {
            XCTFail("\(error)")
        }
    }

    /// A database that cannot be written (as root, `chmod 444` stops nothing, so the file is
    /// opened read-only through SQLite's URI instead) is refused at start in Vietnamese, and a
    /// save on it fails with a typed Vietnamese error rather than SQLite's English.
    func testReadOnlyDatabaseIsRefusedInVietnamese() async throws {
        let file = folder.appendingPathComponent("ro.sqlite").path
        let writable = try open(.sqliteFile(file))
        try await writable.migrate()

        let readOnly = try open(.sqliteFile("file:\(file)?mode=ro"))
        do {
            try await readOnly.migrate()
            XCTFail("a read-only database should be refused at start")
        } catch let error as StorageError {
            XCTAssertEqual(error.kind, .readOnly)
            XCTAssertTrue(error.description.hasPrefix("Không ghi được vào cơ sở dữ liệu"), error.description)
            XCTAssertTrue(error.description.contains("kiểm tra quyền"), error.description)
        }

        let store = TiendoStore(database: readOnly.database)
        do {
            try await store.saveValue(
                IndicatorValue(
                    indicatorCode: "THU", unitID: UnitID(code: "U1", validFrom: CivilDate(2025, 7, 1)),
                    period: .year(2025), number: 1),
                expectedVersion: nil)
            XCTFail("a save on a read-only database should fail")
        } catch {
            let translated = try XCTUnwrap(StorageError.translating(error), "\(error)")
            XCTAssertEqual(translated.kind, .readOnly)
            XCTAssertEqual(translated.httpStatus, 500)
            XCTAssertTrue(translated.description.contains("chỉ cho phép đọc"))
        }
    }

    /// Busy, locked, full and damaged databases each get their own Vietnamese sentence; an
    /// error that is not the database's is left alone.
    func testDatabaseFailuresAreTranslated() throws {
        let busy = try XCTUnwrap(StorageError.translating(sqliteReason: .busyInSnapshot))
        XCTAssertEqual(busy.kind, .busy)
        XCTAssertTrue(busy.isTransient)
        XCTAssertEqual(busy.httpStatus, 503)
        XCTAssertFalse(busy.description.contains("locked"))
        XCTAssertEqual(StorageError.translating(sqliteReason: .locked)?.kind, .busy)
        XCTAssertEqual(StorageError.translating(sqliteReason: .readonlyDirectory)?.kind, .readOnly)
        XCTAssertEqual(StorageError.translating(sqliteReason: .full)?.kind, .full)
        XCTAssertEqual(StorageError.translating(sqliteReason: .notADatabase)?.kind, .corrupt)
        XCTAssertNil(StorageError.translating(sqliteReason: .constraintUniqueFailed))
        XCTAssertNil(StorageError.translating(CocoaError(.fileNoSuchFile)))
        XCTAssertEqual(StorageError.message(for: StorageError("Đã rõ.")), "Đã rõ.")
    }
}
