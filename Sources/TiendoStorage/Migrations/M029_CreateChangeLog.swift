import FluentKit
import SQLKit

/// The change log: every committed change of what a snapshot reads, in commit order, written by
/// triggers in the same transaction as the change (so no write path can forget it). A server
/// follows it to apply changed figures to the snapshot it holds instead of reading everything
/// again (`ChangeLogReader`, `SnapshotCache`).
///
/// - A figure's row carries the figure as committed (or, `removed` = 1, the key of a figure that
///   went), so following needs no second read of `indicator_values`.
/// - A change of units, lineage, indicators, resolutions, revisions or targets is logged by table
///   name only: the small tables are read again.
/// - `reload` asks for a whole read: a bulk import (`ChangeLog.markBulk`) writes one per batch
///   instead of a row per figure, and a TRUNCATE writes one.
///
/// `seq` orders the log. On SQLite, which has one writer at a time, it is the row's own
/// increasing key. On PostgreSQL it is the transaction's data version, which the deferred trigger
/// takes at commit while holding the `data_version` row: versions are handed out in commit order,
/// so once a reader sees a version, every smaller one has committed (rows of one transaction share
/// it and are ordered by `id`).
///
/// Row 3 of `data_version` holds the log's floor: entries at or below it were pruned
/// (`ChangeLog.prune`), so a server that holds an older snapshot reads everything again.
struct CreateChangeLog: AsyncMigration {
    /// The small tables logged by name.
    static let structureTables = [
        "unit_versions", "lineage_links", "indicators", "resolutions", "resolution_revisions", "targets",
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("INSERT INTO data_version (id, version) VALUES (\(unsafeRaw: "\(ChangeLog.floorRow)"), 0)")
            .run()
        if sql.dialect.name == "sqlite" {
            try await prepareSQLite(sql)
        } else {
            try await preparePostgres(sql)
        }
    }

    private func prepareSQLite(_ sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            CREATE TABLE change_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, \
            indicator_code TEXT, unit_id TEXT, period TEXT, number DOUBLE, status TEXT, note TEXT, author TEXT, \
            entered_at DATETIME, version INTEGER, removed INTEGER NOT NULL DEFAULT 0)
            """
        ).run()
        // A row here, inserted and deleted inside one import transaction (SQLite's single writer
        // means nobody else ever sees it), tells the figure triggers to stay quiet.
        try await sql.raw("CREATE TABLE change_log_bulk (id INTEGER PRIMARY KEY)").run()
        let quiet = "WHEN NOT EXISTS (SELECT 1 FROM change_log_bulk)"
        let columns = "source, indicator_code, unit_id, period, number, status, note, author, entered_at, version"
        func saved(_ row: String) -> String {
            """
            INSERT INTO change_log (\(columns)) VALUES ('indicator_values', \(row).indicator_code, \(row).unit_id, \
            \(row).period, \(row).number, \(row).status, \(row).note, \(row).author, \(row).entered_at, \(row).version);
            """
        }
        let removedOld =
            "INSERT INTO change_log (source, indicator_code, unit_id, period, removed) "
            + "VALUES ('indicator_values', OLD.indicator_code, OLD.unit_id, OLD.period, 1);"
        let triggers = [
            "change_log_indicator_values_insert AFTER INSERT ON indicator_values \(quiet) BEGIN \(saved("NEW")) END",
            """
            change_log_indicator_values_update AFTER UPDATE ON indicator_values \(quiet) BEGIN \
            INSERT INTO change_log (source, indicator_code, unit_id, period, removed) \
            SELECT 'indicator_values', OLD.indicator_code, OLD.unit_id, OLD.period, 1 \
            WHERE OLD.indicator_code IS NOT NEW.indicator_code OR OLD.unit_id IS NOT NEW.unit_id \
            OR OLD.period IS NOT NEW.period; \(saved("NEW")) END
            """,
            "change_log_indicator_values_delete AFTER DELETE ON indicator_values \(quiet) BEGIN \(removedOld) END",
        ]
        for trigger in triggers { try await sql.raw("CREATE TRIGGER \(unsafeRaw: trigger)").run() }
        for table in Self.structureTables {
            for event in ["INSERT", "UPDATE", "DELETE"] {
                try await sql.raw(
                    """
                    CREATE TRIGGER \(unsafeRaw: "change_log_\(table)_\(event.lowercased())") \
                    AFTER \(unsafeRaw: event) ON \(ident: table) \
                    BEGIN INSERT INTO change_log (source) VALUES ('\(unsafeRaw: table)'); END
                    """
                ).run()
            }
        }
    }

    private func preparePostgres(_ sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            CREATE TABLE change_log (id BIGSERIAL PRIMARY KEY, seq BIGINT NOT NULL, source TEXT NOT NULL, \
            indicator_code TEXT, unit_id TEXT, period TEXT, number DOUBLE PRECISION, status TEXT, note TEXT, \
            author TEXT, entered_at TIMESTAMPTZ, version BIGINT, removed INTEGER NOT NULL DEFAULT 0)
            """
        ).run()
        try await sql.raw("CREATE INDEX change_log_seq ON change_log (seq)").run()
        // Deferred to commit like the version counter's own trigger (M023), and moving the counter
        // the same way (once per transaction) in case it fires first: the version read after it is
        // this transaction's, and stays so while the row is locked until commit.
        try await sql.raw(
            """
            CREATE FUNCTION tiendo_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE v BIGINT;
            BEGIN
                UPDATE data_version SET version = version + 1, last_transaction = txid_current()
                WHERE id = 1 AND last_transaction IS DISTINCT FROM txid_current();
                SELECT version INTO v FROM data_version WHERE id = 1;
                IF TG_TABLE_NAME <> 'indicator_values' OR current_setting('tiendo.bulk', true) = 'on' THEN
                    INSERT INTO change_log (seq, source)
                    SELECT v, CASE WHEN TG_TABLE_NAME = 'indicator_values' THEN 'reload' ELSE TG_TABLE_NAME END
                    WHERE NOT EXISTS (
                        SELECT 1 FROM change_log WHERE seq = v
                        AND source = CASE WHEN TG_TABLE_NAME = 'indicator_values' THEN 'reload' ELSE TG_TABLE_NAME END);
                    RETURN NULL;
                END IF;
                IF TG_OP = 'DELETE' THEN
                    INSERT INTO change_log (seq, source, indicator_code, unit_id, period, removed)
                    VALUES (v, 'indicator_values', OLD.indicator_code, OLD.unit_id, OLD.period, 1);
                    RETURN NULL;
                END IF;
                IF TG_OP = 'UPDATE' THEN
                    IF (OLD.indicator_code, OLD.unit_id, OLD.period)
                        IS DISTINCT FROM (NEW.indicator_code, NEW.unit_id, NEW.period) THEN
                        INSERT INTO change_log (seq, source, indicator_code, unit_id, period, removed)
                        VALUES (v, 'indicator_values', OLD.indicator_code, OLD.unit_id, OLD.period, 1);
                    END IF;
                END IF;
                INSERT INTO change_log (seq, source, indicator_code, unit_id, period, number, status, note,
                    author, entered_at, version)
                VALUES (v, 'indicator_values', NEW.indicator_code, NEW.unit_id, NEW.period, NEW.number,
                    NEW.status, NEW.note, NEW.author, NEW.entered_at, NEW.version);
                RETURN NULL;
            END $$
            """
        ).run()
        try await sql.raw(
            """
            CREATE FUNCTION tiendo_log_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE v BIGINT;
            BEGIN
                UPDATE data_version SET version = version + 1, last_transaction = txid_current()
                WHERE id = 1 AND last_transaction IS DISTINCT FROM txid_current();
                SELECT version INTO v FROM data_version WHERE id = 1;
                INSERT INTO change_log (seq, source) VALUES (v, 'reload');
                RETURN NULL;
            END $$
            """
        ).run()
        for table in ["indicator_values"] + Self.structureTables {
            try await sql.raw(
                """
                CREATE CONSTRAINT TRIGGER \(unsafeRaw: "change_log_\(table)") \
                AFTER INSERT OR UPDATE OR DELETE ON \(ident: table) \
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tiendo_log_change()
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER \(unsafeRaw: "change_log_\(table)_truncate") \
                AFTER TRUNCATE ON \(ident: table) FOR EACH STATEMENT EXECUTE FUNCTION tiendo_log_truncate()
                """
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            for table in ["indicator_values"] + Self.structureTables {
                for event in ["insert", "update", "delete"] {
                    try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: "change_log_\(table)_\(event)")").run()
                }
            }
            try await sql.raw("DROP TABLE change_log_bulk").run()
        } else {
            for table in ["indicator_values"] + Self.structureTables {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: "change_log_\(table)") ON \(ident: table)").run()
                try await sql.raw(
                    "DROP TRIGGER IF EXISTS \(unsafeRaw: "change_log_\(table)_truncate") ON \(ident: table)"
                )
                .run()
            }
            try await sql.raw("DROP FUNCTION IF EXISTS tiendo_log_change()").run()
            try await sql.raw("DROP FUNCTION IF EXISTS tiendo_log_truncate()").run()
        }
        try await sql.raw("DROP TABLE change_log").run()
        try await sql.raw("DELETE FROM data_version WHERE id = \(unsafeRaw: "\(ChangeLog.floorRow)")").run()
    }
}
