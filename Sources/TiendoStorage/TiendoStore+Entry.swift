import FluentKit
import Foundation
import SQLKit
import TiendoCore

/// The store as Core's entry port: `EnterFigures` and `ReviewSubmission` run their rules in
/// one of its transactions, through these few reads and compare-and-set writes.
extension TiendoStore: FigureEntryStore, FigureEntryTransaction {
    /// One transaction in which entries follow one another: on SQLite it holds the write lock from
    /// its first read (`inTransaction`); on PostgreSQL it first takes the entry lock
    /// (`holdEntryLock`). Either way, what the use case reads (a report's state) cannot change
    /// before its writes commit.
    public func inEntryTransaction<T: Sendable>(
        _ body: @escaping @Sendable (any FigureEntryTransaction) async throws -> T
    ) async throws -> T {
        try await inTransaction { tx in
            try await tx.holdEntryLock()
            return try await body(tx)
        }
    }

    /// `recordValues` in its batches of `recordBatchSize`, each batch's transaction taking the
    /// entry lock and running `check` before it writes.
    public func recordFiguresInBatches(
        _ values: [IndicatorValue],
        checkingEach check:
            @escaping @Sendable (any FigureEntryTransaction, ArraySlice<IndicatorValue>) async throws
            -> Void
    ) async throws -> EntryOutcome {
        let counts = try await recordValues(values, codes: nil) { tx, batch in
            try await tx.holdEntryLock()
            try await check(tx, batch)
        }
        return EntryOutcome(inserted: counts.inserted, updated: counts.updated, unchanged: counts.unchanged)
    }

    /// On PostgreSQL, takes the lock every entry transaction takes, held until the transaction
    /// ends. Under READ COMMITTED a draft could otherwise read a report as open, a submission
    /// commit, and the draft's figures then commit into the submitted report (a report stored for
    /// the first time has no row to lock). SQLite needs nothing: its writer already holds the
    /// database's one write lock from the transaction's first statement.
    func holdEntryLock() async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: Self.entryLockKey))").run()
    }

    /// The key of the entry lock: "tiendo" in ASCII (the migration lock is "TIENDO").
    static let entryLockKey: Int64 = 0x7469_656E_646F

    /// The stored submissions of `units` for `periods`, of any form.
    public func submissions(units: Set<UnitID>, periods: Set<Period>) async throws -> [StoredSubmission] {
        guard !units.isEmpty, !periods.isEmpty else { return [] }
        return try await SubmissionModel.query(on: database)
            .filter(\.$unitID ~~ units.map(\.rawValue))
            .filter(\.$period ~~ periods.map(\.id))
            .all()
            .map { StoredSubmission(submission: try $0.core(), version: $0.version) }
    }

    /// The current figures of `unit` for `period`.
    public func figures(unit: UnitID, period: Period) async throws -> [IndicatorValue] {
        try await IndicatorValueModel.query(on: database)
            .filter(\.$unitID == unit.rawValue)
            .filter(\.$period == period.id)
            .all()
            .map { try $0.core() }
    }

    /// `saveValue`: compare-and-set on the figure's version.
    public func saveFigure(_ value: IndicatorValue, expectedVersion: Int?) async throws -> IndicatorValue {
        try await saveValue(value, expectedVersion: expectedVersion)
    }

    /// `recordEvent`.
    public func record(_ event: AuditTrail.Event) async throws {
        try await recordEvent(
            actor: event.actor, action: event.kind, subject: event.subject, detail: event.detail, at: event.at)
    }
}

extension TiendoStore {
    /// Every submitted or approved report: they hold their figures (`FigureLocks`).
    public func lockedSubmissions() async throws -> [Submission] {
        try await SubmissionModel.query(on: database)
            .filter(\.$status ~~ [SubmissionStatus.daNop.rawValue, SubmissionStatus.daDuyet.rawValue])
            .all()
            .map { try $0.core() }
    }
}
