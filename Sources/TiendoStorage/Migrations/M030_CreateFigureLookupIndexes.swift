import FluentKit
import SQLKit

/// Indexes for the lookups the entry page makes on every save: the figures and the reports of
/// one unit and period (`figures(unit:period:)`, `submissions(units:periods:)`), and the history
/// of one figure. The unique keys lead with the indicator code or the form, so each of these
/// read every row: 35 ms of a 50 ms save at a province's 355.000 figures.
struct CreateFigureLookupIndexes: AsyncMigration {
    static let indexes = [
        ("indicator_values_unit_period", "indicator_values", "unit_id, period"),
        ("submissions_unit_period", "submissions", "unit_id, period"),
        ("value_changes_figure", "value_changes", "indicator_code, unit_id, period"),
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for (name, table, columns) in Self.indexes {
            try await sql.raw("CREATE INDEX \(unsafeRaw: name) ON \(ident: table) (\(unsafeRaw: columns))").run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for (name, _, _) in Self.indexes { try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: name)").run() }
    }
}
