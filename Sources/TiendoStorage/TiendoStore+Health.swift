import FluentKit
import SQLKit
import TiendoCore

extension TiendoStore {
    /// Runs a trivial query (`SELECT 1`): throws when the database cannot be reached.
    public func ping() async throws {
        guard let sql = database as? any SQLDatabase else {
            throw StorageError("Cơ sở dữ liệu không hỗ trợ truy vấn SQL.")
        }
        _ = try await sql.raw("SELECT 1 AS ok").first()
    }
}
