import FluentKit
import SQLKit

/// The images of the read model that servers wrote to disk (`ReadModelImage`), one row each: its
/// random token and the change-log position it holds. A server starts from an image only when its
/// token is found here, so an image never outlives the database it was taken from — a database
/// restored from a backup older than the image does not have the token, and is read whole.
struct CreateReadModelImages: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw(
            "CREATE TABLE read_model_images (token TEXT PRIMARY KEY, seq BIGINT NOT NULL, written_at DOUBLE PRECISION NOT NULL)"
        ).run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP TABLE IF EXISTS read_model_images").run()
    }
}
