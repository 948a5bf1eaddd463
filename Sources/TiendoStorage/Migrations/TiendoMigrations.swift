import FluentKit

/// Every migration, in order. Append-only: never edit or reorder one that has landed; add
/// `M0NN_Update<Table><Change>` for a change.
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
    ]
}
