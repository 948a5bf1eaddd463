import Foundation

/// A storage error in Vietnamese: every database failure a person can meet, whether it comes
/// from SQLite, PostgreSQL or the connection pool, becomes one of these (`translating(_:)`) in
/// one place (TiendoStorage's `StorageError.translating`), so the command line and the web say the same sentence.
public struct StorageError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, for the answer's status and for deciding whether a retry can help.
    public enum Kind: Sendable, Equatable {
        /// A request refused for what it asks (the message says why). The default.
        case refused
        /// Another writer holds the database for now (SQLite busy/locked, a PostgreSQL lock or
        /// serialization conflict, a full connection pool): trying again shortly can succeed.
        case busy
        /// The database cannot be written: a read-only file or folder, or a read-only server.
        case readOnly
        /// The disk or the database server is full.
        case full
        /// The database cannot be reached or answered with a fault (connection lost, disk I/O).
        case unavailable
        /// The database file is damaged or is not a database.
        case corrupt
    }

    /// The message shown to the person.
    public let description: String
    /// What kind of failure it is.
    public let kind: Kind

    /// Creates an error.
    public init(_ description: String, kind: Kind = .refused) {
        self.description = description
        self.kind = kind
    }

    /// The HTTP status a web answer carrying this error should have: 503 (with `Retry-After`)
    /// when waiting can help or the database is out of reach, 507 when storage is full, 500 for
    /// a read-only or damaged database (the administrator must act), 400 for a refusal.
    public var httpStatus: Int {
        switch kind {
        case .refused: return 400
        case .busy, .unavailable: return 503
        case .full: return 507
        case .readOnly, .corrupt: return 500
        }
    }

    /// Whether trying the same thing again a moment later can succeed.
    public var isTransient: Bool { kind == .busy }

    public static let busyMessage =
        "Cơ sở dữ liệu đang bận ghi dữ liệu khác (ví dụ một lần nhập số liệu lớn); hãy thử lại sau ít giây."
    public static let readOnlyMessage =
        "Không ghi được vào cơ sở dữ liệu: tệp hoặc máy chủ cơ sở dữ liệu chỉ cho phép đọc. "
        + "Hãy kiểm tra quyền ghi của tài khoản chạy Tiến độ trên tệp dữ liệu và thư mục chứa nó "
        + "(hoặc quyền của người dùng PostgreSQL), rồi thử lại."
    public static let fullMessage =
        "Không ghi được vào cơ sở dữ liệu vì ổ đĩa (hoặc máy chủ cơ sở dữ liệu) đã đầy; "
        + "hãy giải phóng dung lượng rồi thử lại. Dữ liệu đã lưu trước đó không bị ảnh hưởng."
    public static let unavailableMessage =
        "Không kết nối được cơ sở dữ liệu hoặc cơ sở dữ liệu báo lỗi đọc ghi; hãy thử lại sau, "
        + "nếu vẫn lỗi hãy báo quản trị viên kiểm tra máy chủ cơ sở dữ liệu và ổ đĩa."
    public static let corruptMessage =
        "Tệp cơ sở dữ liệu bị hỏng hoặc không phải cơ sở dữ liệu của Tiến độ; hãy báo quản trị viên "
        + "khôi phục từ bản sao lưu (tiendo restore)."
}
