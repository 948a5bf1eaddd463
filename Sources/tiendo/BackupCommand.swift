import ArgumentParser
import Foundation
import Logging
import TiendoCore
import TiendoStorage

/// `tiendo backup FILE`: a consistent copy of the database while the server keeps running.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Sao lưu toàn bộ cơ sở dữ liệu vào một tệp (chạy được khi máy chủ đang hoạt động).",
        discussion: """
            SQLite: bản sao nhất quán bằng VACUUM INTO. PostgreSQL: pg_dump --format=custom \
            (cần gói postgresql-client).
            """)

    @Argument(help: "Tệp sao lưu sẽ tạo, ví dụ /var/backups/tiendo/tiendo-2027-12-31.sqlite.")
    var file: String

    @Flag(name: .long, help: "Ghi đè nếu tệp đã có.")
    var overwrite = false

    func run() async throws {
        let location = StorageLocation.fromEnvironment()
        if case .sqliteFile(let path) = location, !FileManager.default.fileExists(atPath: path) {
            throw CommandFailure("Không có cơ sở dữ liệu SQLite “\(path)” để sao lưu.")
        }
        var logger = Logger(label: "tiendo.storage")
        logger.logLevel = .warning
        let database = try TiendoDatabase(location: location, logger: logger)
        say("Đang sao lưu \(location) vào “\(file)”…")
        let summary: DatabaseBackup.Summary
        do {
            summary = try await DatabaseBackup.backup(database, to: file, overwrite: overwrite)
        } catch let error as StorageError {
            await database.shutdown()
            throw CommandFailure(error.description)
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
        report(summary)
        say("Đã sao lưu xong: “\(summary.file)”, \(describeSize(summary.bytes)).")
    }
}

/// `tiendo restore FILE`: replaces the database with a backup, after checking it.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Phục hồi cơ sở dữ liệu từ một tệp sao lưu (hãy dừng máy chủ trước).",
        discussion: """
            Toàn bộ dữ liệu hiện có được thay bằng dữ liệu trong tệp sao lưu. SQLite: tệp được \
            kiểm tra (PRAGMA integrity_check, đủ các bảng của Tiến độ) rồi mới thay. PostgreSQL: \
            pg_restore --clean --if-exists.
            """)

    @Argument(help: "Tệp sao lưu do “tiendo backup” tạo.")
    var file: String

    func run() async throws {
        let location = StorageLocation.fromEnvironment()
        var logger = Logger(label: "tiendo.storage")
        logger.logLevel = .warning
        say("Đang phục hồi \(location) từ “\(file)”…")
        let summary: DatabaseBackup.Summary
        do {
            summary = try await DatabaseBackup.restore(location, from: file, logger: logger)
        } catch let error as StorageError {
            throw CommandFailure(error.description)
        }
        report(summary)
        say("Đã phục hồi xong từ “\(summary.file)” (\(describeSize(summary.bytes))). Hãy khởi động lại máy chủ.")
    }
}

/// One line per table, then the total: "  accounts: 7 dòng".
private func report(_ summary: DatabaseBackup.Summary) {
    for table in summary.tables {
        say("  \(table.table): \(VietnameseNumber.format(table.rows)) dòng")
    }
    say(
        "\(VietnameseNumber.format(summary.tables.count)) bảng, \(VietnameseNumber.format(summary.totalRows)) dòng.")
}

/// "1,4 MB", "812 KB", "96 byte".
func describeSize(_ bytes: Int64) -> String {
    let value = Double(bytes)
    if value >= 1_000_000 { return VietnameseNumber.format(value / 1_000_000, maxDecimals: 1) + " MB" }
    if value >= 1_000 { return VietnameseNumber.format(value / 1_000, maxDecimals: 0) + " KB" }
    return "\(bytes) byte"
}
