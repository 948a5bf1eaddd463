import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit

/// Where the data lives: the embedded SQLite file by default, PostgreSQL when `DATABASE_URL`
/// is set.
public enum StorageLocation: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite file, created with its folder on first use.
    case sqliteFile(String)
    /// An in-memory SQLite database (tests).
    case sqliteMemory
    /// A PostgreSQL URL, e.g. `postgres://tiendo:secret@localhost:5432/tiendo`.
    case postgres(String)

    /// The default file, relative to the working directory.
    public static let defaultSQLitePath = "./data/tiendo.sqlite"

    /// Chooses from the environment: `DATABASE_URL` (PostgreSQL) or the default SQLite file.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        -> StorageLocation
    {
        if let url = environment["DATABASE_URL"], !url.isEmpty { return .postgres(url) }
        return .sqliteFile(environment["TIENDO_SQLITE_PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultSQLitePath)
    }

    /// The streaming replica named by `DATABASE_READ_URL`, read by `tiendo serve` for snapshots
    /// (dashboards, reports). Only beside a PostgreSQL `DATABASE_URL`.
    public static func replicaFromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> StorageLocation?
    {
        guard let url = environment["DATABASE_READ_URL"], !url.isEmpty else { return nil }
        guard case .postgres = fromEnvironment(environment) else {
            throw StorageError(
                "DATABASE_READ_URL chỉ dùng được khi DATABASE_URL trỏ tới PostgreSQL (bản sao đọc của máy chủ chính).")
        }
        return .postgres(url)
    }

    public var description: String {
        switch self {
        case .sqliteFile(let path): return "SQLite (\(path))"
        case .sqliteMemory: return "SQLite (bộ nhớ)"
        case .postgres(let url):
            // Never print the password.
            guard var parts = URLComponents(string: url) else { return "PostgreSQL" }
            if parts.password != nil { parts.password = "***" }
            return "PostgreSQL (\(parts.string ?? "?"))"
        }
    }
}

/// Errors of opening storage, in Vietnamese.
public struct StorageError: Error, CustomStringConvertible, Sendable {
    /// The message shown to the person.
    public let description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}

/// An open connection pool to the database, with the migrations applied. Close it with
/// `shutdown()` when done.
public final class TiendoDatabase: Sendable {
    /// The pools.
    public let databases: Databases
    /// Which database.
    public let location: StorageLocation
    private let logger: Logger

    /// Opens the database (creating an SQLite file and its folder if needed) without migrating.
    public init(location: StorageLocation, logger: Logger = Logger(label: "tiendo.storage")) throws {
        self.location = location
        self.logger = logger
        databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        switch location {
        case .sqliteFile(let path):
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw StorageError("Không tạo được thư mục dữ liệu “\(folder.path)”: \(error.localizedDescription)")
            }
            databases.use(.sqlite(.file(path), sqlLogLevel: nil), as: .sqlite)
        case .sqliteMemory:
            databases.use(.sqlite(.memory, sqlLogLevel: nil), as: .sqlite)
        case .postgres(let url):
            do {
                databases.use(try .postgres(url: url, sqlLogLevel: .trace), as: .psql)
            } catch {
                throw StorageError(
                    "DATABASE_URL không hợp lệ: hãy dùng dạng postgres://người_dùng:mật_khẩu@máy:5432/tên_csdl")
            }
        }
    }

    /// A database handle for queries.
    public var database: any Database {
        databases.database(logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!
    }

    /// Applies every pending migration; on SQLite also switches the file to WAL mode so readers
    /// do not block the writer.
    public func migrate() async throws {
        if case .sqliteFile = location, let sql = database as? any SQLDatabase {
            try await sql.raw("PRAGMA journal_mode=WAL").run()
        }
        let migrations = Migrations()
        migrations.add(TiendoMigrations.all)
        let migrator = Migrator(
            databases: databases, migrations: migrations, logger: logger,
            on: MultiThreadedEventLoopGroup.singleton.any())
        do {
            try await migrator.setupIfNeeded().get()
            try await migrator.prepareBatch().get()
        } catch {
            throw StorageError("Không cập nhật được cấu trúc cơ sở dữ liệu \(location): \(String(reflecting: error))")
        }
    }

    /// Closes every connection.
    public func shutdown() async {
        await databases.shutdownAsync()
    }
}
