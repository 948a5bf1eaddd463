import FluentKit
import SQLKit

/// A counter the database itself moves whenever the data a snapshot reads changes: units,
/// lineage, indicators, figures, resolutions, revisions and targets. Triggers move it, so no
/// write path — a page, an import, the CLI, another instance, a restore — can forget to; a
/// server keeps its snapshot in memory for as long as the counter stands still.
///
/// On PostgreSQL the trigger is deferred to commit and moves the counter once per transaction,
/// so the counter row is locked last and briefly (two writers never wait on each other through
/// it in opposite orders). SQLite has one writer at a time, so a plain row trigger does.
struct CreateDataVersion: AsyncMigration {
    static let watchedTables = [
        "unit_versions", "lineage_links", "indicators", "indicator_values", "resolutions",
        "resolution_revisions", "targets",
    ]

    static let triggers = VersionCounterTriggers(
        row: 1, prefix: "data_version", function: "tiendo_bump_data_version", tables: watchedTables)

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await sql.raw("CREATE TABLE data_version (id INTEGER PRIMARY KEY, version INTEGER NOT NULL)").run()
        } else {
            try await sql.raw(
                "CREATE TABLE data_version (id INTEGER PRIMARY KEY, version BIGINT NOT NULL, last_transaction BIGINT)"
            ).run()
        }
        try await sql.raw("INSERT INTO data_version (id, version) VALUES (1, 0)").run()
        try await Self.triggers.create(on: sql)
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await Self.triggers.drop(on: sql)
        try await sql.raw("DROP TABLE data_version").run()
    }
}
