import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import TiendoCore

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

    /// Where `tiendo serve` keeps the read model's image (`ReadModelImage`): `TIENDO_READ_IMAGE`
    /// when set (`tat` turns the image off), otherwise beside an SQLite file (`<tệp>.anh`); none
    /// for PostgreSQL unless set, nor for a database in memory.
    public func readImagePath(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let configured = environment["TIENDO_READ_IMAGE"], !configured.isEmpty {
            return configured == "tat" ? nil : configured
        }
        if case .sqliteFile(let path) = self { return path + ".anh" }
        return nil
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

/// Database failures in Vietnamese: the one place that knows SQLite's, PostgreSQL's and the
/// pool's errors.
extension StorageError {
    /// The Vietnamese error for `error` when it is a database failure (or already a
    /// `StorageError`); nil for anything else, which the caller reports as it does today.
    public static func translating(_ error: any Error) -> StorageError? {
        if let storage = error as? StorageError { return storage }
        if let sqlite = error as? SQLiteError { return translating(sqliteReason: sqlite.reason) }
        if let postgres = error as? PSQLError { return translating(postgres: postgres) }
        if error is ConnectionPoolTimeoutError {
            // Every connection was busy for the pool's whole wait: the database is overloaded.
            return StorageError(busyMessage, kind: .busy)
        }
        return nil
    }

    /// The person's sentence for `error`: its translation when it is a database failure,
    /// otherwise its own description (Tiendo's errors are Vietnamese sentences already).
    public static func message(for error: any Error) -> String {
        translating(error)?.description ?? String(describing: error)
    }

    /// The Vietnamese error for an SQLite result code, nil for one that is not a storage failure.
    public static func translating(sqliteReason reason: SQLiteError.Reason) -> StorageError? {
        switch reason {
        case .busy, .busyInRecovery, .busyInSnapshot, .busyTimeout, .locked, .lockedBySharedCache,
            .lockedVirtualTable:
            return StorageError(busyMessage, kind: .busy)
        case .readOnly, .readonlyInRecovery, .readonlyCantLock, .readonlyInRollback, .readonlyBackingMoved,
            .readonlyDirectory, .permission, .auth, .authUnauthorizedUser:
            return StorageError(readOnlyMessage, kind: .readOnly)
        case .full:
            return StorageError(fullMessage, kind: .full)
        case .corrupt, .corruptIndex, .corruptSequenceSchema, .corruptVirtualTable, .notADatabase:
            return StorageError(corruptMessage, kind: .corrupt)
        case .cantOpen, .cantOpenDirectory, .cantOpenInvalidPath, .cantOpenCygwinPath, .cantOpenUnfollowedSymlink:
            return StorageError(
                "Không mở được tệp cơ sở dữ liệu; hãy kiểm tra đường dẫn TIENDO_SQLITE_PATH và quyền đọc ghi "
                    + "trên tệp và thư mục chứa nó.", kind: .unavailable)
        case .ioError, .ioErrorFailedRead, .ioErrorIncompleteRead, .ioErrorFailedWrite, .ioErrorFailedSync,
            .ioErrorFailedDirSync, .ioErrorFailedTruncate, .ioErrorFailedStat, .ioErrorFailedUnlock,
            .ioErrorFailedReadLock, .ioErrorFailedDelete, .ioErrorNoMemory, .ioErrorFailedAccess,
            .ioErrorFailedLockCheck, .ioErrorFailedAdvisoryLock, .ioErrorFailedClose, .ioErrorFailedSharedMemOpen,
            .ioErrorFailedSharedMemSize, .ioErrorFailedSharedMemMap, .ioErrorFailedDeleteNonexistent,
            .ioErrorFailedMemoryMap, .ioErrorCantFindTempdir, .ioErrorCygwinPath, .ioErrorBadDataChecksum,
            .ioErrorCorruptedFilesystem, .noMemory:
            return StorageError(unavailableMessage, kind: .unavailable)
        default:
            return nil
        }
    }

    static func translating(postgres error: PSQLError) -> StorageError? {
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            switch state {
            case "40001", "40P01", "55P03", "55006", "57014", "53300":
                // Serialization failure, deadlock, lock not available, object in use, statement
                // timeout, too many connections.
                return StorageError(busyMessage, kind: .busy)
            case "25006", "42501":
                return StorageError(readOnlyMessage, kind: .readOnly)
            case "53100", "53200", "54000":
                return StorageError(fullMessage, kind: .full)
            default:
                if state.hasPrefix("08") || state.hasPrefix("57P") || state.hasPrefix("58") || state.hasPrefix("XX") {
                    return StorageError(unavailableMessage, kind: .unavailable)
                }
                return nil
            }
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .queryCancelled:
            return StorageError(unavailableMessage, kind: .unavailable)
        default:
            return nil
        }
    }
}

/// An open connection pool to the database, with the migrations applied. Close it with
/// `shutdown()` when done.
public final class TiendoDatabase: Sendable {
    /// The pools.
    public let databases: Databases
    /// Which database.
    public let location: StorageLocation
    private let logger: Logger

    /// How long an SQLite statement waits for another connection's write lock before it fails
    /// with a "busy" `StorageError` (SQLite's `busy_timeout`). Bulk writes commit in batches far
    /// shorter than this, so a page's write waits at most one batch.
    public static let busyTimeoutMilliseconds = 5_000
    /// How long a starting instance waits for another one's migrations to finish.
    static let migrationWaitMilliseconds = 300_000
    /// The PostgreSQL advisory lock key that serialises migrations ("TIENDO" in ASCII).
    static let migrationLockKey: Int64 = 0x5449_454E_444F

    /// Opens the database (creating an SQLite file and its folder if needed) without migrating.
    public init(location: StorageLocation, logger: Logger = Logger(label: "tiendo.storage")) throws {
        self.location = location
        self.logger = logger
        databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        switch location {
        case .sqliteFile(let path):
            // An SQLite URI (`file:…?mode=ro`) names its own file; only a plain path gets a folder.
            if !path.hasPrefix("file:") {
                let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
                do {
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                } catch {
                    throw StorageError(
                        "Không tạo được thư mục dữ liệu “\(folder.path)”: \(error.localizedDescription). "
                            + "Hãy kiểm tra quyền ghi của tài khoản chạy Tiến độ trên thư mục này.",
                        kind: .readOnly)
                }
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
        // Unreachable nil: `init` registered a default database for every location, and
        // `Databases` answers nil only for an id never registered.
        databases.database(logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!
    }

    private var isSQLite: Bool {
        switch location {
        case .sqliteFile, .sqliteMemory: return true
        case .postgres: return false
        }
    }

    /// Applies every pending migration under a lock, so two instances starting together migrate
    /// once: on SQLite inside one `BEGIN EXCLUSIVE` transaction (the other instance waits for it,
    /// then finds nothing to do), on PostgreSQL holding `pg_advisory_lock` on the connection that
    /// runs them. On SQLite it also switches the file to WAL mode (readers do not block the
    /// writer) and gives every connection a busy timeout. Finally it checks that the database
    /// can be written, so a read-only file is refused at start with a Vietnamese sentence
    /// instead of failing every save later.
    public func migrate() async throws {
        let migrations = Migrations()
        migrations.add(TiendoMigrations.all)
        do {
            // Two connections switching a new file to WAL at once can deadlock inside SQLite,
            // which then answers "busy" without waiting: the whole step is tried again.
            try await TiendoStore.retryingWhenBusy(tries: 10) { try await self.migrateOnce(migrations) }
        } catch {
            throw Self.startFailure(error, location: location)
        }
        try await configureConnections()
    }

    private func migrateOnce(_ migrations: Migrations) async throws {
        try await database.withConnection { connection in
            guard let sql = connection as? any SQLDatabase else {
                throw StorageError("Cơ sở dữ liệu không hỗ trợ SQL")
            }
            let migrator = Migrator(
                databaseFactory: { _ in connection }, migrations: migrations, on: connection.eventLoop,
                migrationLogLevel: .debug)
            if self.isSQLite {
                try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(Self.migrationWaitMilliseconds))")
                    .run()
                if case .sqliteFile = self.location { try await sql.raw("PRAGMA journal_mode=WAL").run() }
                try await sql.raw("BEGIN EXCLUSIVE").run()
                do {
                    try await migrator.setupIfNeeded().get()
                    try await migrator.prepareBatch().get()
                    try await Self.probeWrite(sql)
                    try await sql.raw("COMMIT").run()
                } catch {
                    try? await sql.raw("ROLLBACK").run()
                    throw error
                }
                try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(Self.busyTimeoutMilliseconds))").run()
            } else {
                try await sql.raw("SELECT pg_advisory_lock(\(bind: Self.migrationLockKey))").run()
                do {
                    try await migrator.setupIfNeeded().get()
                    try await migrator.prepareBatch().get()
                    try await Self.probeWrite(sql)
                } catch {
                    _ = try? await sql.raw("SELECT pg_advisory_unlock(\(bind: Self.migrationLockKey))").run()
                    throw error
                }
                try await sql.raw("SELECT pg_advisory_unlock(\(bind: Self.migrationLockKey))").run()
            }
        }
    }

    /// A write that changes nothing but needs write access: fails on a read-only database.
    static func probeWrite(_ sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE data_version SET version = version WHERE id = -1").run()
    }

    /// The Vietnamese sentence for a failure to open or migrate the database.
    static func startFailure(_ error: any Error, location: StorageLocation) -> StorageError {
        guard let translated = StorageError.translating(error) else {
            return StorageError(
                "Không cập nhật được cấu trúc cơ sở dữ liệu \(location): \(String(reflecting: error))",
                kind: .unavailable)
        }
        switch translated.kind {
        case .readOnly:
            return StorageError(
                "Không ghi được vào cơ sở dữ liệu \(location): cơ sở dữ liệu chỉ cho phép đọc. "
                    + "Hãy kiểm tra quyền ghi của tài khoản chạy Tiến độ trên tệp dữ liệu, các tệp -wal, -shm "
                    + "bên cạnh và thư mục chứa chúng (hoặc quyền của người dùng PostgreSQL), rồi chạy lại.",
                kind: .readOnly)
        case .refused:
            return translated
        default:
            return StorageError(
                "Không mở hoặc cập nhật được cơ sở dữ liệu \(location): \(translated.description)",
                kind: translated.kind)
        }
    }

    /// Gives every pooled SQLite connection (one per event loop) a busy timeout: SQLiteNIO's own
    /// busy handler retries at once and forever, so a page's write behind a bulk import spun a
    /// core and held its event loop's only connection until the import ended. Write
    /// transactions set it again (`TiendoStore.writeTransaction`) for connections opened later.
    public func configureConnections() async throws {
        guard isSQLite else { return }
        for loop in MultiThreadedEventLoopGroup.singleton.makeIterator() {
            guard let sql = databases.database(logger: logger, on: loop) as? any SQLDatabase else { continue }
            try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(Self.busyTimeoutMilliseconds))").run()
        }
    }

    /// Closes every connection.
    public func shutdown() async {
        await databases.shutdownAsync()
    }
}
