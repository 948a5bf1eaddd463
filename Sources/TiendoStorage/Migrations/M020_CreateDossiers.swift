import FluentKit
import SQLKit

/// The dossier log (hồ sơ thủ tục hành chính), keyed by the one-stop system's dossier id so a
/// re-import updates a dossier instead of adding it twice. Dates are ISO `yyyy-MM-dd` text (they
/// compare as dates); `received_month` is the period id of the month the dossier counts in.
struct CreateDossiers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("dossiers")
            .field("id", .string, .identifier(auto: false))
            .field("unit_id", .string, .required)
            .field("procedure_name", .string, .required)
            .field("received", .string, .required)
            .field("due", .string, .required)
            .field("finished", .string)
            .field("channel", .string, .required)
            .field("digitised", .int, .required)
            .field("electronic_result", .int, .required)
            .field("supplement_requests", .int, .required)
            .field("received_month", .string, .required)
            .field("imported_at", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "dossiers_unit_month").on("dossiers").column("received_month")
                .column("unit_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("dossiers").delete()
    }
}
