import FluentKit
import Foundation
import Logging
import SQLKit
import TiendoCore

/// The figure table of the read model kept in a file, so a server starts from it and follows the
/// change log from the position it holds instead of reading every figure from the database
/// (a minute for the country's 29 million figures on SQLite, three on PostgreSQL).
///
/// An image is used only when the database vouches for it: each image carries a random token,
/// written to `read_model_images` (`CreateReadModelImages`) with the image's position. A database
/// restored from an older backup, or another database, lacks the token and is read whole; so is
/// a database whose log no longer reaches back to the image (pruned, a bulk import since).
/// A file that is damaged or of another format is refused as it is read (`BinaryImageError`),
/// said in the server log, and the database is read whole.
///
/// The file is written beside the database (`<tệp SQLite>.anh`) or where `TIENDO_READ_IMAGE` says:
/// after each whole read, and by the hourly upkeep when the log has moved on
/// (`TiendoStore.refreshReadModelImage()`). It is written to a temporary file and renamed, so a reader never
/// sees half an image; several instances sharing one path each write whole files.
final class ReadModelImage: @unchecked Sendable {
    /// Where the image lives.
    let path: String
    /// Log entries past the image after which the upkeep writes a new one.
    static let refreshAfter = 10_000
    /// Tokens kept in `read_model_images` (the newest; older images are stale anyway).
    static let tokensKept = 10

    private let lock = NSLock()
    private var writing = false
    /// The position of the image last written or read by this server.
    private var heldSeq: Int?

    private static let magic: UInt64 = 0x4D49_4441_4552_4454  // "TDREADIM", read little-endian
    private static let logger = Logger(label: "tiendo.read-model")

    init(path: String) { self.path = path }

    /// What an image holds: the figure table at a change-log position.
    struct Loaded {
        let seq: Int
        let values: ValueTable
    }

    /// The image, when there is one this database vouches for; nil otherwise (the reason said
    /// in the log, except when there is simply no file yet).
    func load(on database: any Database) async -> Loaded? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            // Read, not mapped: a mapped file that someone truncates in place (a `cp` over it) while
            // it is parsed would stop the process with SIGBUS; reading costs its size in memory
            // until the table is built.
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let (token, seq, offset) = try data.withUnsafeBytes { bytes in
                var reader = BinaryImageReader(bytes)
                guard try reader.read(UInt64.self) == Self.magic else {
                    throw BinaryImageError("không phải tệp ảnh bộ nhớ của Tiến độ")
                }
                let token = try reader.readString()
                let seq = try reader.readCount(atMost: Int(Int64.max))
                return (token, seq, reader.offset)
            }
            guard let sql = database as? any SQLDatabase else { return nil }
            let row = try await sql.raw("SELECT seq FROM read_model_images WHERE token = \(bind: token)").first()
            guard let vouched = try row?.decode(column: "seq", as: Int.self), vouched == seq else {
                Self.logger.notice(
                    "Không dùng ảnh bộ nhớ \(path): cơ sở dữ liệu không ghi nhận ảnh này (khôi phục từ bản sao lưu, hoặc cơ sở dữ liệu khác)."
                )
                return nil
            }
            // Seconds of work for the country's figures: off the pool that answers requests.
            let values = try await Self.onOwnThread {
                try data.withUnsafeBytes { bytes in
                    var reader = BinaryImageReader(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
                    let values = try ValueTable.readImage(from: &reader)
                    guard reader.isAtEnd else { throw BinaryImageError("tệp có dữ liệu thừa sau ảnh") }
                    return values
                }
            }
            lock.withLock { heldSeq = seq }
            return Loaded(seq: seq, values: values)
        } catch {
            Self.logger.warning("Không dùng ảnh bộ nhớ \(path): \(Self.reason(error)).")
            return nil
        }
    }

    /// Writes `position`'s figures as the image, unless another write is under way or (unless
    /// `always`) the image already holds that position. The token is recorded in the database
    /// before the file takes the image's name.
    func write(
        _ position: SnapshotCache.Position, always: Bool, on database: any Database, transaction: TransactionRunner
    ) async throws {
        let claimed = lock.withLock { () -> Bool in
            guard !writing, always || heldSeq != position.seq else { return false }
            writing = true
            return true
        }
        guard claimed else { return }
        defer { lock.withLock { writing = false } }
        let started = ContinuousClock.now
        let token = UUID().uuidString
        let temporary = path + ".dang-ghi-\(token.prefix(8))"
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            // Ten seconds of work for the country's figures, on a thread of its own so the pool
            // that serves requests keeps both cores' threads.
            try await Self.onOwnThread { [path = temporary] in
                try Self.writeFile(at: path, token: token, position: position)
            }
            try await transaction { db in
                guard let sql = db as? any SQLDatabase else { return }
                try await sql.raw(
                    """
                    INSERT INTO read_model_images (token, seq, written_at) \
                    VALUES (\(bind: token), \(bind: position.seq), \(bind: Date().timeIntervalSince1970))
                    """
                ).run()
                try await sql.raw(
                    """
                    DELETE FROM read_model_images WHERE token NOT IN \
                    (SELECT token FROM read_model_images ORDER BY written_at DESC LIMIT \(bind: Self.tokensKept))
                    """
                ).run()
            }
            guard rename(temporary, path) == 0 else {
                throw BinaryImageError("không đổi được tên tệp \(temporary) thành \(path) (mã lỗi \(errno))")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        lock.withLock { heldSeq = position.seq }
        let took = (ContinuousClock.now - started).components
        let seconds = VietnameseNumber.format(Double(took.seconds) + Double(took.attoseconds) / 1e18, decimals: 1)
        Self.logger.info(
            "Đã ghi ảnh bộ nhớ \(path): \(VietnameseNumber.format(position.snapshot.values.count)) số liệu, vị trí \(position.seq) trong nhật ký thay đổi, \(seconds) giây."
        )
    }

    private static func writeFile(at path: String, token: String, position: SnapshotCache.Position) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw BinaryImageError("không tạo được tệp \(path)")
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        do {
            let writer = BinaryImageWriter { bytes in try handle.write(contentsOf: bytes) }
            try writer.write(magic)
            try writer.write(token)
            try writer.write(UInt64(position.seq))
            try position.snapshot.values.writeImage(to: writer)
            try handle.synchronize()
            try handle.close()
        } catch {
            try? handle.close()
            throw error
        }
    }

    /// Runs `work` on a new thread and waits for it without holding a thread of the pool.
    static func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try work() }) }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Whether the log has moved far enough past the image to write a new one.
    func isStale(at seq: Int) -> Bool {
        lock.withLock { heldSeq.map { seq - $0 >= Self.refreshAfter } ?? true }
    }

    static func reason(_ error: any Error) -> String {
        if let image = error as? BinaryImageError { return image.description }
        return StorageError.message(for: error)
    }

    /// Runs its body in one write transaction (`TiendoStore.writeTransaction`, retried when busy).
    typealias TransactionRunner =
        @Sendable (@escaping @Sendable (any Database) async throws -> Void) async throws -> Void
}
