import FluentKit
import FluentSQLiteDriver
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

    /// `saveFigure` for several figures in a few statements: the stored figures of all keys in
    /// one read, then on SQLite (whose writer holds the one write lock from the transaction's
    /// first statement, so the versions read cannot move) every changed row in one `UPDATE`, the
    /// new rows and the audit entries in one `INSERT` each; on PostgreSQL each changed row keeps
    /// its own compare-and-set `UPDATE`. Under load every statement waits its turn on a busy
    /// server: a 12-figure form went from 36 statements to 4.
    public func saveFigures(_ figures: [FigureToSave]) async throws -> [IndicatorValue] {
        let keys = figures.map(\.value.key)
        guard figures.count > 1, Set(keys).count == keys.count else {
            var saved: [IndicatorValue] = []
            for figure in figures {
                saved.append(try await saveValue(figure.value, expectedVersion: figure.expectedVersion))
            }
            return saved
        }
        return try await writeTransaction { db in
            guard let sql = db as? any SQLDatabase else { throw StorageError("Cơ sở dữ liệu không hỗ trợ SQL") }
            let existing = try await IndicatorValueModel.query(on: db)
                .filter(\.$indicatorCode ~~ Array(Set(keys.map(\.indicatorCode))))
                .filter(\.$unitID ~~ Array(Set(keys.map(\.unitID.rawValue))))
                .filter(\.$period ~~ Array(Set(keys.map(\.period.id))))
                .all()
            var byKey: [ValueKey: IndicatorValueModel] = [:]
            for model in existing { byKey[try model.core().key] = model }
            let sqlite = db as? any SQLiteDatabase
            var fresh: [IndicatorValue] = []
            var changes: [ValueChangeModel] = []
            var updated: [IndicatorValueModel] = []
            var saved: [IndicatorValue] = []
            for figure in figures {
                let value = figure.value
                guard let model = byKey[value.key] else {
                    guard figure.expectedVersion == nil else {
                        throw StorageError("Số liệu này đã bị xóa trong lúc bạn sửa; hãy tải lại trang.")
                    }
                    fresh.append(value)
                    var stored = value
                    stored.version = 1
                    saved.append(stored)
                    continue
                }
                guard model.version == figure.expectedVersion else { throw ValueConflict(current: try model.core()) }
                let next = model.version + 1
                changes.append(Self.change(from: model, to: value, version: next))
                if sqlite == nil { try await Self.compareAndSet(model, to: value, version: next, on: sql, db: db) }
                Self.apply(value, to: model, version: next)
                updated.append(model)
                saved.append(try model.core())
            }
            try await Self.insertFresh(fresh, on: sql)
            if let sqlite {
                try await Self.updateStored(updated, on: sqlite)
                try await Self.insertChanges(changes, on: sqlite)
            } else {
                try await Self.createInChunks(changes, on: db)
            }
            return saved
        }
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
