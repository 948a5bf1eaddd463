import FluentKit
import SQLKit

/// The triggers that move one row of `data_version` whenever one of `tables` changes, so that no
/// write path can forget to (M023 for the data counter, M024 for the follow-up counter).
///
/// SQLite has one writer at a time, so a plain row trigger per table and event does. On
/// PostgreSQL a deferred constraint trigger moves the counter once per transaction, at commit, so
/// the counter row is locked last and briefly; a statement trigger covers TRUNCATE.
struct VersionCounterTriggers {
    /// The counter's row in `data_version`.
    let row: Int
    /// The triggers' name prefix, e.g. "data_version".
    let prefix: String
    /// The PostgreSQL trigger function, e.g. "tiendo_bump_data_version".
    let function: String
    /// The tables whose changes move the counter.
    let tables: [String]

    func create(on sql: any SQLDatabase) async throws {
        if sql.dialect.name == "sqlite" {
            for table in tables {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try await sql.raw(
                        """
                        CREATE TRIGGER \(unsafeRaw: "\(prefix)_\(table)_\(event.lowercased())") \
                        AFTER \(unsafeRaw: event) ON \(ident: table) \
                        BEGIN UPDATE data_version SET version = version + 1 WHERE id = \(unsafeRaw: "\(row)"); END
                        """
                    ).run()
                }
            }
            return
        }
        try await sql.raw(
            """
            CREATE FUNCTION \(unsafeRaw: function)() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE data_version SET version = version + 1, last_transaction = txid_current()
                WHERE id = \(unsafeRaw: "\(row)") AND last_transaction IS DISTINCT FROM txid_current();
                RETURN NULL;
            END $$
            """
        ).run()
        for table in tables {
            try await sql.raw(
                """
                CREATE CONSTRAINT TRIGGER \(unsafeRaw: "\(prefix)_\(table)") \
                AFTER INSERT OR UPDATE OR DELETE ON \(ident: table) \
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION \(unsafeRaw: function)()
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER \(unsafeRaw: "\(prefix)_\(table)_truncate") \
                AFTER TRUNCATE ON \(ident: table) FOR EACH STATEMENT EXECUTE FUNCTION \(unsafeRaw: function)()
                """
            ).run()
        }
    }

    func drop(on sql: any SQLDatabase) async throws {
        if sql.dialect.name == "sqlite" {
            for table in tables {
                for event in ["insert", "update", "delete"] {
                    try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: "\(prefix)_\(table)_\(event)")").run()
                }
            }
            return
        }
        for table in tables {
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: "\(prefix)_\(table)") ON \(ident: table)").run()
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: "\(prefix)_\(table)_truncate") ON \(ident: table)")
                .run()
        }
        try await sql.raw("DROP FUNCTION IF EXISTS \(unsafeRaw: function)()").run()
    }
}
