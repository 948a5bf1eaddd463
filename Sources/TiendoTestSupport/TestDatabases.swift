import FluentKit
import Foundation
import SQLKit
import TiendoStorage

/// The databases every storage test runs on: in-memory SQLite always, and PostgreSQL when
/// `TIENDO_TEST_POSTGRES_URL` is set (CI sets it).
public enum TestDatabases {
    /// The locations to test, with a short name for failure messages.
    public static var locations: [(name: String, location: StorageLocation)] {
        var result: [(String, StorageLocation)] = [("SQLite", .sqliteMemory)]
        if let url = ProcessInfo.processInfo.environment["TIENDO_TEST_POSTGRES_URL"], !url.isEmpty {
            result.append(("PostgreSQL", .postgres(url)))
        }
        return result
    }

    /// Runs `body` once per database, each time on a freshly migrated, empty database.
    public static func forEach(
        _ body: (_ name: String, _ store: TiendoStore, _ database: TiendoDatabase) async throws -> Void
    ) async throws {
        for (name, location) in locations {
            let database = try TiendoDatabase(location: location)
            do {
                if case .postgres = location, let sql = database.database as? any SQLDatabase {
                    try await sql.raw("DROP SCHEMA public CASCADE").run()
                    try await sql.raw("CREATE SCHEMA public").run()
                }
                try await database.migrate()
                try await body(name, TiendoStore(database: database.database), database)
            } catch {
                await database.shutdown()
                throw error
            }
            await database.shutdown()
        }
    }
}
