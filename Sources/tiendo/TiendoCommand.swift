import ArgumentParser
import Foundation
import Logging
import TiendoCore
import TiendoImport
import TiendoStorage

/// `tiendo`: one executable, one subcommand per job.
struct TiendoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tiendo",
        abstract: "Tiến độ — theo dõi thực hiện nghị quyết, chỉ tiêu, số liệu và báo cáo.",
        discussion: """
            Cơ sở dữ liệu: mặc định là tệp SQLite ./data/tiendo.sqlite; đặt biến môi trường \
            DATABASE_URL=postgres://… để dùng PostgreSQL.
            """,
        subcommands: [
            ServeCommand.self, MigrateCommand.self, DemoCommand.self, AssessCommand.self,
            UnitsCommand.self, LineageCommand.self, ResolutionCommand.self, UserCommand.self, TokenCommand.self,
            ReportCommand.self, NarrativeCommand.self,
            CheckCommand.self, TemplateCommand.self, ImportFiguresCommand.self, ExportCommand.self,
            BackupCommand.self, RestoreCommand.self, RemindCommand.self, BenchCommand.self, EntryChecksCommand.self,
        ]
    )
}

/// An error the person can act on, printed as one Vietnamese sentence.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

@main
enum TiendoMain {
    static func main() async {
        // Writing to a peer that went away (a mail relay, `sendmail`, LibreOffice, a client) must
        // be an error for that one piece of work, not the signal that ends the whole server.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try TiendoCommand.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // Help, usage and parsing errors are ArgumentParser's to print; a database failure
            // (SQLite busy, read-only, full; PostgreSQL errors) is said in Vietnamese by
            // `StorageError`; everything else is ours and already a Vietnamese sentence.
            if String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
                TiendoCommand.exit(withError: error)
            }
            fail(StorageError.message(for: error))
        }
    }

    static func fail(_ message: String) -> Never {
        emit("Lỗi: " + message + "\n", to: .standardError)
        Foundation.exit(1)
    }
}

/// Writes a line to standard output at once (unbuffered), so progress reaches a log file or a
/// pipe as it happens.
func say(_ line: String) {
    emit(line + "\n", to: .standardOutput)
}

/// Writes `text` to `handle`, dropping it when the reader has gone (`tiendo … | head`, a closed
/// log): SIGPIPE is ignored so that a peer's hang-up cannot end the server, and Foundation's
/// non-throwing `write(_:)` would trap on the EPIPE that takes its place.
func emit(_ text: String, to handle: FileHandle) {
    try? handle.write(contentsOf: Data(text.utf8))
}

/// Opens the database the environment points at and applies pending migrations.
func openDatabase() async throws -> TiendoDatabase {
    var logger = Logger(label: "tiendo.storage")
    logger.logLevel = .warning
    let database = try TiendoDatabase(location: .fromEnvironment(), logger: logger)
    do {
        try await database.migrate()
    } catch {
        await database.shutdown()
        throw error
    }
    return database
}

/// Runs `body` with the store, closing the database afterwards whatever happens.
func withStore<T>(_ body: (TiendoStore) async throws -> T) async throws -> T {
    let database = try await openDatabase()
    do {
        let result = try await body(TiendoStore(database: database.database))
        await database.shutdown()
        return result
    } catch {
        await database.shutdown()
        throw error
    }
}

/// Reads a text file as UTF-8, with a Vietnamese error when it cannot.
func readTextFile(_ path: String) throws -> String {
    guard FileManager.default.fileExists(atPath: path) else {
        throw CommandFailure("Không tìm thấy tệp “\(path)”.")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CommandFailure("Không đọc được tệp “\(path)”.")
    }
    do {
        return try ImportEncoding.decode(data, fileName: (path as NSString).lastPathComponent)
    } catch {
        throw CommandFailure(error.report())
    }
}

/// "3.356 mới, 0 cập nhật, 12 giữ nguyên".
func describe(_ counts: ImportCounts) -> String {
    "\(counts.inserted) mới, \(counts.updated) cập nhật, \(counts.unchanged) giữ nguyên"
}
