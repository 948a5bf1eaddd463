import FluentKit
import SQLKit

/// Reports' states join what a snapshot reads: a verdict resting on a report not yet approved is
/// marked "dựa trên số liệu chưa duyệt" (`ReportStates`), so submitting, approving or returning a
/// report must move the data counter and reach every server through the change log, like a figure.
///
/// - A report's row is logged with its key and new state (`source` = 'submissions', the form's code
///   in `indicator_code`, the state in `status`; `removed` = 1 when the row went), so a server
///   applies it without reading the submissions table again.
/// - A form's change is logged by table name, like the other small tables: forms are read again.
/// - A TRUNCATE of either asks for a whole read.
struct CreateReportChangeLog: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            let bump = "UPDATE data_version SET version = version + 1 WHERE id = 1;"
            let row = "(source, indicator_code, unit_id, period, status)"
            let triggers = [
                """
                change_log_submissions_insert AFTER INSERT ON submissions BEGIN \
                INSERT INTO change_log \(row) VALUES ('submissions', NEW.form_code, NEW.unit_id, NEW.period, NEW.status); \
                \(bump) END
                """,
                """
                change_log_submissions_update AFTER UPDATE ON submissions BEGIN \
                INSERT INTO change_log (source, indicator_code, unit_id, period, removed) \
                SELECT 'submissions', OLD.form_code, OLD.unit_id, OLD.period, 1 \
                WHERE OLD.form_code IS NOT NEW.form_code OR OLD.unit_id IS NOT NEW.unit_id OR OLD.period IS NOT NEW.period; \
                INSERT INTO change_log \(row) VALUES ('submissions', NEW.form_code, NEW.unit_id, NEW.period, NEW.status); \
                \(bump) END
                """,
                """
                change_log_submissions_delete AFTER DELETE ON submissions BEGIN \
                INSERT INTO change_log (source, indicator_code, unit_id, period, removed) \
                VALUES ('submissions', OLD.form_code, OLD.unit_id, OLD.period, 1); \
                \(bump) END
                """,
            ]
            for trigger in triggers { try await sql.raw("CREATE TRIGGER \(unsafeRaw: trigger)").run() }
            for event in ["INSERT", "UPDATE", "DELETE"] {
                try await sql.raw(
                    """
                    CREATE TRIGGER \(unsafeRaw: "change_log_reporting_forms_\(event.lowercased())") \
                    AFTER \(unsafeRaw: event) ON reporting_forms \
                    BEGIN INSERT INTO change_log (source) VALUES ('reporting_forms'); \(unsafeRaw: bump) END
                    """
                ).run()
            }
            return
        }
        // Deferred to commit like the other log triggers (M029), moving the counter the same way.
        try await sql.raw(
            """
            CREATE FUNCTION tiendo_log_report() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE v BIGINT;
            BEGIN
                UPDATE data_version SET version = version + 1, last_transaction = txid_current()
                WHERE id = 1 AND last_transaction IS DISTINCT FROM txid_current();
                SELECT version INTO v FROM data_version WHERE id = 1;
                IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (OLD.form_code, OLD.unit_id, OLD.period)
                    IS DISTINCT FROM (NEW.form_code, NEW.unit_id, NEW.period)) THEN
                    INSERT INTO change_log (seq, source, indicator_code, unit_id, period, removed)
                    VALUES (v, 'submissions', OLD.form_code, OLD.unit_id, OLD.period, 1);
                END IF;
                IF TG_OP <> 'DELETE' THEN
                    INSERT INTO change_log (seq, source, indicator_code, unit_id, period, status)
                    VALUES (v, 'submissions', NEW.form_code, NEW.unit_id, NEW.period, NEW.status);
                END IF;
                RETURN NULL;
            END $$
            """
        ).run()
        for (table, function) in [("submissions", "tiendo_log_report"), ("reporting_forms", "tiendo_log_change")] {
            try await sql.raw(
                """
                CREATE CONSTRAINT TRIGGER \(unsafeRaw: "change_log_\(table)") \
                AFTER INSERT OR UPDATE OR DELETE ON \(ident: table) \
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION \(unsafeRaw: function)()
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
            for table in ["submissions", "reporting_forms"] {
                for event in ["insert", "update", "delete"] {
                    try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: "change_log_\(table)_\(event)")").run()
                }
            }
            return
        }
        for table in ["submissions", "reporting_forms"] {
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: "change_log_\(table)") ON \(ident: table)").run()
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: "change_log_\(table)_truncate") ON \(ident: table)")
                .run()
        }
        try await sql.raw("DROP FUNCTION IF EXISTS tiendo_log_report()").run()
    }
}
