import FluentKit

/// Every migration, in order. Append-only: never edit or reorder one that has landed; add
/// `M0NN_Update<Table><Change>` for a change.
///
/// `TiendoDatabase.migrate()` runs them under a lock so two instances starting together migrate
/// once: on SQLite all pending migrations run on one connection inside one `BEGIN EXCLUSIVE`
/// transaction (so a migration must not open a transaction of its own, nor run `VACUUM` or
/// `PRAGMA journal_mode`), on PostgreSQL while that connection holds `pg_advisory_lock`.
public enum TiendoMigrations {
    /// The migrations in the order they run.
    public static let all: [any Migration] = [
        CreateUnitVersions(),
        CreateLineageLinks(),
        CreateIndicators(),
        CreateIndicatorValues(),
        CreateValueChanges(),
        CreateResolutions(),
        CreateResolutionRevisions(),
        CreateTargets(),
        CreateSettings(),
        CreateNarratives(),
        CreateAccounts(),
        CreateSessions(),
        CreateReportingForms(),
        CreateSubmissions(),
        CreateAuditEvents(),
        CreateAPITokens(),
        CreateDirectives(),
        CreateFollowUpTasks(),
        CreateTaskReports(),
        CreateDossiers(),
        CreateQualityRatings(),
        UpdateAccountsEmail(),
        CreateDataVersion(),
        CreateFollowUpVersion(),
        CreateLoginThrottles(),
        CreateReminderDeliveries(),
        CreateChangeLog(),
        CreateFigureLookupIndexes(),
        CreateReadModelImages(),
        QuietFigureTriggersInBulk(),
        UpdateReportingFormsDeadlineRule(),
        CreateReportChangeLog(),
        UpdateAccountsMustChangePassword(),
        CreateExplanationRequests(),
        CreateFigureFlags(),
    ]
}
