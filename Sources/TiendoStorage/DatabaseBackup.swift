import FluentKit
import Foundation
import Logging
import SQLKit
import TiendoCore

/// Backups of the whole database and restores from them.
///
/// SQLite: `VACUUM INTO` writes a transactionally consistent copy while the server keeps
/// running (readers and writers are not stopped); a restore checks the copy
/// (`PRAGMA integrity_check`, Tiendo's tables present) before it replaces the file atomically.
/// PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean --if-exists`, run as separate
/// processes with the connection details of `DATABASE_URL` passed in the environment (so the
/// password never shows in the process list).
public enum DatabaseBackup {
    /// A table and how many rows it holds.
    public struct TableCount: Sendable, Equatable {
        /// The table's name.
        public let table: String
        /// Its rows.
        public let rows: Int
    }

    /// What a backup or a restore did: the file's size and the rows of every table.
    public struct Summary: Sendable {
        /// The backup file.
        public let file: String
        /// Its size in bytes.
        public let bytes: Int64
        /// Every table of the database (after a restore: of the restored database).
        public let tables: [TableCount]

        /// Total rows over all tables.
        public var totalRows: Int { tables.reduce(0) { $0 + $1.rows } }
    }

    /// Tables every Tiendo database has; a file without them is not a Tiendo backup.
    static let requiredTables = ["_fluent_migrations", "unit_versions", "indicators", "indicator_values", "accounts"]

    // MARK: Backup

    /// Writes a consistent copy of `database` to `file`. An existing `file` is refused unless
    /// `overwrite`; the copy is written next to it first and renamed into place, so `file` is
    /// never half-written.
    public static func backup(_ database: TiendoDatabase, to file: String, overwrite: Bool) async throws -> Summary {
        let target = URL(fileURLWithPath: file)
        if FileManager.default.fileExists(atPath: target.path) && !overwrite {
            throw StorageError("Tệp “\(file)” đã có; hãy chọn tên khác hoặc thêm --overwrite để ghi đè.")
        }
        let folder = target.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: folder.path) else {
            throw StorageError("Không có thư mục “\(folder.path)”; hãy tạo thư mục trước khi sao lưu.")
        }
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let tables: [TableCount]
        switch database.location {
        case .sqliteFile, .sqliteMemory:
            let sql = try sqlDatabase(database.database)
            do {
                try await sql.raw("VACUUM INTO \(literal: temporary.path)").run()
            } catch {
                throw StorageError(
                    "Không sao lưu được cơ sở dữ liệu SQLite vào “\(file)”: \(String(reflecting: error))")
            }
            // Counted in the copy itself: the live database may have changed since.
            let copy = try TiendoDatabase(location: .sqliteFile(temporary.path))
            do {
                tables = try await tableCounts(copy.database)
            } catch {
                await copy.shutdown()
                throw error
            }
            await copy.shutdown()
        case .postgres(let url):
            tables = try await tableCounts(database.database)
            try PostgresTools.run(
                "pg_dump", ["--format=custom", "--file=\(temporary.path)"], url: url,
                failure: "Không sao lưu được cơ sở dữ liệu PostgreSQL")
        }
        try replace(target, with: temporary)
        return Summary(file: file, bytes: size(of: target.path), tables: tables)
    }

    // MARK: Restore

    /// Replaces the data of `location` with the backup in `file`, after checking the backup.
    /// Stop the server first: it keeps connections to the old data.
    public static func restore(_ location: StorageLocation, from file: String, logger: Logger) async throws
        -> Summary
    {
        guard FileManager.default.fileExists(atPath: file) else {
            throw StorageError("Không tìm thấy tệp sao lưu “\(file)”.")
        }
        switch location {
        case .sqliteMemory:
            throw StorageError("Không thể phục hồi vào cơ sở dữ liệu trong bộ nhớ.")
        case .sqliteFile(let path):
            try await checkSQLiteBackup(file, logger: logger)
            let target = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = target.deletingLastPathComponent().appendingPathComponent(
                ".\(target.lastPathComponent).\(UUID().uuidString).tmp")
            defer { try? FileManager.default.removeItem(at: temporary) }
            do {
                try FileManager.default.copyItem(at: URL(fileURLWithPath: file), to: temporary)
            } catch {
                throw StorageError("Không chép được tệp sao lưu vào “\(temporary.path)”: \(error.localizedDescription)")
            }
            // The old write-ahead log belongs to the old file: left behind, SQLite would replay
            // it onto the restored one.
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            try replace(target, with: temporary)
        case .postgres(let url):
            let listing = try PostgresTools.run(
                "pg_restore", ["--list", file], url: url,
                failure: "Tệp “\(file)” không phải bản sao lưu PostgreSQL hợp lệ")
            let entries = listing.split(separator: "\n").map { " " + $0 + " " }
            for table in requiredTables where !entries.contains(where: { $0.contains(" TABLE public \(table) ") }) {
                throw StorageError("Tệp “\(file)” không phải bản sao lưu của Tiến độ (thiếu bảng \(table)).")
            }
            try PostgresTools.run(
                "pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname", "", file],
                url: url, failure: "Không phục hồi được cơ sở dữ liệu PostgreSQL")
        }
        let database = try TiendoDatabase(location: location, logger: logger)
        do {
            let tables = try await tableCounts(database.database)
            await database.shutdown()
            return Summary(file: file, bytes: size(of: file), tables: tables)
        } catch {
            await database.shutdown()
            throw error
        }
    }

    /// Opens an SQLite backup read-only in effect (no migration) and checks that it is whole and
    /// Tiendo's.
    static func checkSQLiteBackup(_ file: String, logger: Logger) async throws {
        let backup = try TiendoDatabase(location: .sqliteFile(file), logger: logger)
        do {
            let sql = try sqlDatabase(backup.database)
            let rows: [SQLRow]
            do {
                rows = try await sql.raw("PRAGMA integrity_check").all()
            } catch {
                throw StorageError("Tệp “\(file)” không phải cơ sở dữ liệu SQLite đọc được; không phục hồi.")
            }
            let results = rows.compactMap { try? $0.decode(column: "integrity_check", as: String.self) }
            guard results == ["ok"] else {
                throw StorageError(
                    "Tệp sao lưu “\(file)” bị hỏng (\(results.prefix(3).joined(separator: "; "))); không phục hồi.")
            }
            let tables = Set(try await tableNames(backup.database))
            for table in requiredTables where !tables.contains(table) {
                throw StorageError(
                    "Tệp “\(file)” không phải bản sao lưu của Tiến độ (thiếu bảng \(table)); không phục hồi.")
            }
        } catch {
            await backup.shutdown()
            throw error
        }
        await backup.shutdown()
    }

    // MARK: Tables

    /// The names of every table, sorted (Fluent's own bookkeeping included).
    public static func tableNames(_ database: any Database) async throws -> [String] {
        let sql = try sqlDatabase(database)
        let query: SQLQueryString =
            sql.dialect.name == "sqlite"
            ? "SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            : "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        return try await sql.raw(query).all().map { try $0.decode(column: "t", as: String.self) }
    }

    /// Every table with its row count.
    public static func tableCounts(_ database: any Database) async throws -> [TableCount] {
        let sql = try sqlDatabase(database)
        var counts: [TableCount] = []
        for table in try await tableNames(database) {
            let row = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()
            counts.append(TableCount(table: table, rows: try row?.decode(column: "n", as: Int.self) ?? 0))
        }
        return counts
    }

    // MARK: Helpers

    static func sqlDatabase(_ database: any Database) throws -> any SQLDatabase {
        guard let sql = database as? any SQLDatabase else {
            throw StorageError("Cơ sở dữ liệu này không hỗ trợ sao lưu.")
        }
        return sql
    }

    static func size(of path: String) -> Int64 {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? NSNumber)?.int64Value ?? 0
    }

    /// Moves `temporary` over `target` in one rename (same folder, so same file system).
    static func replace(_ target: URL, with temporary: URL) throws {
        if rename(temporary.path, target.path) != 0 {
            throw StorageError(
                "Không ghi được tệp “\(target.path)”: \(String(cString: strerror(errno))).")
        }
    }
}

/// Runs `pg_dump` and `pg_restore` with the connection details of a `DATABASE_URL`.
enum PostgresTools {
    /// Finds a tool on PATH, then in Debian's versioned folders (newest first).
    static func find(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        var candidates = path.split(separator: ":").map { "\($0)/\(tool)" }
        let debian = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: debian)) ?? []
        candidates += versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "\(debian)/\($0)/bin/\(tool)" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The libpq environment for `url`: host, port, user, password, database, SSL mode.
    static func environment(_ url: String) throws -> [String: String] {
        guard let parts = URLComponents(string: url), let host = parts.host else {
            throw StorageError(
                "DATABASE_URL không hợp lệ: hãy dùng dạng postgres://người_dùng:mật_khẩu@máy:5432/tên_csdl")
        }
        var environment = ProcessInfo.processInfo.environment
        environment["PGHOST"] = host
        environment["PGPORT"] = String(parts.port ?? 5432)
        if let user = parts.user { environment["PGUSER"] = user.removingPercentEncoding ?? user }
        if let password = parts.password { environment["PGPASSWORD"] = password.removingPercentEncoding ?? password }
        let name = String(parts.path.drop { $0 == "/" })
        if !name.isEmpty { environment["PGDATABASE"] = name }
        if let mode = parts.queryItems?.first(where: { $0.name == "sslmode" })?.value {
            environment["PGSSLMODE"] = mode
        }
        return environment
    }

    /// Runs `tool` and returns its standard output; a failure carries its standard error.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], url: String, failure: String) throws -> String {
        guard let executable = find(tool) else {
            throw StorageError(
                "Không tìm thấy chương trình \(tool); hãy cài gói postgresql-client (ví dụ: apt-get install postgresql-client) cùng phiên bản với máy chủ PostgreSQL."
            )
        }
        var environment = try Self.environment(url)
        var arguments = arguments
        // "--dbname" with an empty value stands for the database of the URL.
        if let index = arguments.firstIndex(of: "--dbname"), index + 1 < arguments.count, arguments[index + 1].isEmpty {
            arguments[index + 1] = environment["PGDATABASE"] ?? ""
        }
        environment["PGAPPNAME"] = "tiendo-\(tool)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        // Standard error goes to a file: only standard output is read while the tool runs, so
        // neither can fill a pipe and block it.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tiendo-\(tool)-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let errors = try FileHandle(forWritingTo: errorFile)
        defer { try? errors.close() }
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: (try? Data(contentsOf: errorFile)) ?? Data(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            throw StorageError("\(failure): \(tool) báo lỗi (mã \(process.terminationStatus)): \(message)")
        }
        return String(decoding: outputData, as: UTF8.self)
    }
}
