import Foundation

// The ports of the reading pages (overview, indicator, report), the follow-up pages and the
// daily reminder job. TiendoStorage implements them (`TiendoStore+PagePorts.swift`); the pages
// and the job hold only the ones they use.

/// The change history of reported figures (the indicator page).
public protocol FigureHistory: Sendable {
    /// Every change of one reported figure, oldest first.
    func history(indicatorCode: String, unit: UnitID, period: Period) async throws -> [ValueChange]
}

/// The sections officers write for a review report.
public protocol NarrativeStore: Sendable {
    /// What officers wrote for the report of `kind` about `unit` at `period` (sections never
    /// written are absent).
    func narrative(unit: UnitID, period: Period, kind: ReportKind) async throws -> Narrative
    /// Saves one section's text (normalised); a blank text removes the section.
    func setNarrative(
        _ text: String, section: NarrativeSection, unit: UnitID, period: Period, kind: ReportKind, author: String,
        at date: Date
    ) async throws
    /// Saves every section of `narrative` in one transaction: sections it has are written,
    /// sections it lacks are removed.
    func saveNarrative(_ narrative: Narrative, author: String, at date: Date) async throws
}

extension NarrativeStore {
    /// Saves one section's text, now.
    public func setNarrative(
        _ text: String, section: NarrativeSection, unit: UnitID, period: Period, kind: ReportKind, author: String = ""
    ) async throws {
        try await setNarrative(
            text, section: section, unit: unit, period: period, kind: kind, author: author, at: Date())
    }

    /// Saves every section of `narrative`, now.
    public func saveNarrative(_ narrative: Narrative, author: String = "") async throws {
        try await saveNarrative(narrative, author: author, at: Date())
    }
}

/// Directives, tasks and progress reports as stored, and their attached files.
public protocol FollowUpReads: Sendable {
    /// Every directive, task and report (without the files' bytes).
    func followUpBook() async throws -> FollowUpBook
    /// The file attached to a directive.
    func directiveFile(_ id: UUID) async throws -> StoredFile?
    /// The evidence file of a progress report.
    func progressReportFile(_ id: UUID) async throws -> StoredFile?
}

/// The writes of the follow-up pages: each leaves an audit event and recomputes the task
/// figures in the same transaction.
public protocol FollowUpStore: FollowUpReads {
    /// Records a directive with its optional file.
    func saveDirective(_ directive: Directive, file: Data?, actor: String, at time: Date) async throws
    /// Adds a task to its directive under the next free number; returns the task as stored.
    @discardableResult
    func addTask(_ task: FollowUpTask, actor: String, today: CivilDate, at time: Date) async throws -> FollowUpTask
    /// Records a unit's progress report with its optional evidence file.
    func addProgressReport(_ report: TaskProgressReport, file: Data?, today: CivilDate, at time: Date) async throws
    /// Marks a task done on `date` (nil: reopens it).
    func setTaskCompletion(taskID: UUID, completedOn date: CivilDate?, actor: String, today: CivilDate, at time: Date)
        async throws
    /// Recomputes the task figures of every unit for `today` and stores them.
    @discardableResult
    func refreshTaskFigures(today: CivilDate, at time: Date) async throws -> ImportCounts
    /// Bytes of all files kept for `unit`: directives it issued and progress reports it sent
    /// (the unit's quota of attached files).
    func storedFileBytes(of unit: UnitID) async throws -> Int
}

extension FollowUpStore {
    /// Records a directive, now.
    public func saveDirective(_ directive: Directive, file: Data?, actor: String) async throws {
        try await saveDirective(directive, file: file, actor: actor, at: Date())
    }

    /// Adds a task, now.
    @discardableResult
    public func addTask(_ task: FollowUpTask, actor: String, today: CivilDate) async throws -> FollowUpTask {
        try await addTask(task, actor: actor, today: today, at: Date())
    }

    /// Records a progress report, now.
    public func addProgressReport(_ report: TaskProgressReport, file: Data?, today: CivilDate) async throws {
        try await addProgressReport(report, file: file, today: today, at: Date())
    }

    /// Marks a task done or reopens it, now.
    public func setTaskCompletion(taskID: UUID, completedOn date: CivilDate?, actor: String, today: CivilDate)
        async throws
    {
        try await setTaskCompletion(taskID: taskID, completedOn: date, actor: actor, today: today, at: Date())
    }

    /// Recomputes the task figures, now.
    @discardableResult
    public func refreshTaskFigures(today: CivilDate) async throws -> ImportCounts {
        try await refreshTaskFigures(today: today, at: Date())
    }
}

/// Jobs that run once a day whatever the number of server instances, and the settings they
/// keep their state in.
public protocol DailyJobs: Sendable {
    /// Claims a daily job for `day`: true for exactly one caller, however many processes share
    /// the database.
    func claimDailyJob(_ name: String, day: String) async throws -> Bool
    /// A setting, nil when never set.
    func setting(_ key: String) async throws -> String?
    /// Sets a setting.
    func setSetting(_ key: String, _ value: String) async throws
}

/// Who the reminder job mails, and the record of the mail it sent.
public protocol ReminderRecipients: Sendable {
    /// Every account, by user name.
    func accounts() async throws -> [Account]
    /// The e-mail address of each account that has one.
    func accountEmails() async throws -> [UUID: String]
    /// The accounts a reminder went to on `day`.
    func accountsMailedReminder(on day: CivilDate) async throws -> Set<UUID>
    /// Records that the reminder of `day` went to an account's address.
    func recordReminderMail(day: CivilDate, accountID: UUID, address: String) async throws
}
