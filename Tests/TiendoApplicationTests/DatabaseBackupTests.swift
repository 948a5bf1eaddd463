import Foundation
import SQLKit
import TiendoCore
import TiendoDemo
import TiendoStorage
import TiendoTestSupport
import XCTest

@testable import TiendoApplication

/// A backup taken from the demo, then changes, then a restore: every table is back row for row
/// as it was at backup time — on SQLite always, on PostgreSQL when it is configured and
/// pg_dump is installed.
final class DatabaseBackupTests: XCTestCase {
    private var folder: URL!

    override func setUp() async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tiendo-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() async throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Loads the demo into `location`, backs it up, damages the data, restores, and compares.
    private func roundTrip(_ location: StorageLocation, name: String) async throws {
        let backupFile = folder.appendingPathComponent("sao-luu-\(name).bak").path
        var database = try TiendoDatabase(location: location)
        let atBackup: [String: [String]]
        let backedUp: DatabaseBackup.Summary
        do {
            if case .postgres = location, let sql = database.database as? any SQLDatabase {
                try await sql.raw("DROP SCHEMA public CASCADE").run()
                try await sql.raw("CREATE SCHEMA public").run()
            }
            try await database.migrate()
            let store = TiendoStore(database: database.database)
            _ = try await DemoData.load(into: store, hashPassword: TestPasswords.hash)
            atBackup = try await TableDump.rows(database.database)
            backedUp = try await DatabaseBackup.backup(database, to: backupFile, overwrite: false)

            // After the backup: a figure deleted, an account locked, a new narrative, a session.
            let sql = try XCTUnwrap(database.database as? any SQLDatabase)
            try await sql.raw("DELETE FROM indicator_values WHERE id IN (SELECT id FROM indicator_values LIMIT 5)")
                .run()
            try await store.setActive(username: "phongdinh", false)
            try await sql.raw("DELETE FROM value_changes").run()
            let changed = try await TableDump.rows(database.database)
            XCTAssertNotEqual(changed, atBackup, "the changes are visible before the restore (\(name))")
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()

        let restored = try await DatabaseBackup.restore(location, from: backupFile, logger: .init(label: "test"))
        database = try TiendoDatabase(location: location)
        let afterRestore: [String: [String]]
        do {
            afterRestore = try await TableDump.rows(database.database)
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()

        XCTAssertEqual(Set(afterRestore.keys), Set(atBackup.keys), name)
        for (table, rows) in atBackup.sorted(by: { $0.key < $1.key }) {
            XCTAssertEqual(afterRestore[table]?.count, rows.count, "\(table) (\(name))")
            XCTAssertTrue(afterRestore[table] == rows, "\(table) differs after the restore (\(name))")
        }
        XCTAssertGreaterThan(backedUp.bytes, 0, name)
        XCTAssertEqual(backedUp.tables, restored.tables, name)
        XCTAssertGreaterThan(
            backedUp.tables.first { $0.table == "indicator_values" }?.rows ?? 0, 100, "the demo has figures (\(name))")
    }

    func testSQLiteBackupRestoresEveryTableRowByRow() async throws {
        let file = folder.appendingPathComponent("tiendo.sqlite").path
        try await roundTrip(.sqliteFile(file), name: "SQLite")

        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [], "no temporary file is left behind")
    }

    func testPostgreSQLBackupRestoresEveryTableRowByRow() async throws {
        guard let url = ProcessInfo.processInfo.environment["TIENDO_TEST_POSTGRES_URL"], !url.isEmpty else {
            throw XCTSkip("TIENDO_TEST_POSTGRES_URL is not set")
        }
        guard PostgresToolsProbe.hasPgDump else { throw XCTSkip("pg_dump is not installed") }
        try await roundTrip(.postgres(url), name: "PostgreSQL")
    }

    func testAnExistingFileIsKeptUnlessOverwriteIsAsked() async throws {
        let file = folder.appendingPathComponent("tiendo.sqlite").path
        let target = folder.appendingPathComponent("co-san.bak").path
        try Data("cũ".utf8).write(to: URL(fileURLWithPath: target))
        let database = try TiendoDatabase(location: .sqliteFile(file))
        do {
            try await database.migrate()
            do {
                _ = try await DatabaseBackup.backup(database, to: target, overwrite: false)
                XCTFail("an existing backup file is not overwritten without --overwrite")
            } catch let error as StorageError {
                XCTAssertTrue(error.description.contains("--overwrite"), error.description)
            }
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: target)), Data("cũ".utf8))
            let summary = try await DatabaseBackup.backup(database, to: target, overwrite: true)
            XCTAssertGreaterThan(summary.bytes, 100)
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }

    func testARestoreRefusesAFileThatIsNotATiendoBackup() async throws {
        let file = folder.appendingPathComponent("tiendo.sqlite").path
        let database = try TiendoDatabase(location: .sqliteFile(file))
        try await database.migrate()
        await database.shutdown()
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let text = folder.appendingPathComponent("khong-phai.bak").path
        try Data("đây không phải cơ sở dữ liệu".utf8).write(to: URL(fileURLWithPath: text))
        let empty = folder.appendingPathComponent("trong.sqlite").path
        let other = try TiendoDatabase(location: .sqliteFile(empty))
        if let sql = other.database as? any SQLDatabase { try await sql.raw("CREATE TABLE x (a INTEGER)").run() }
        await other.shutdown()

        for bad in [text, empty, folder.appendingPathComponent("khong-co.bak").path] {
            do {
                _ = try await DatabaseBackup.restore(.sqliteFile(file), from: bad, logger: .init(label: "test"))
                XCTFail("\(bad) is refused")
            } catch let error as StorageError {
                XCTAssertFalse(error.description.isEmpty)
            }
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), before, "the database is untouched")
    }
}

/// Whether pg_dump can be found the way the backup finds it.
enum PostgresToolsProbe {
    static var hasPgDump: Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        var candidates = path.split(separator: ":").map { "\($0)/pg_dump" }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        candidates += versions.map { "/usr/lib/postgresql/\($0)/bin/pg_dump" }
        return candidates.contains { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
