import Foundation

/// What entering figures needs from storage (the port `EnterFigures` and `ReviewSubmission`
/// are written against): one transaction at a time, with a few reads and compare-and-set writes.
/// Storage implements it; Core tests use a fake.
public protocol FigureEntryStore: Sendable {
    /// Runs `body` in one transaction: everything it writes is kept together or undone together,
    /// and what it reads is what the writes are checked against.
    func inEntryTransaction<T: Sendable>(
        _ body: @escaping @Sendable (any FigureEntryTransaction) async throws -> T
    ) async throws -> T

    /// Writes `values` as the current figures in batches, each its own short transaction (a
    /// 200.000-figure file must not hold the database), calling `check` inside each batch's
    /// transaction before the batch is written; a figure already stored as it is stays untouched.
    /// When a later batch fails, the batches before it stay stored (the store says how many).
    func recordFiguresInBatches(
        _ values: [IndicatorValue],
        checkingEach check:
            @escaping @Sendable (any FigureEntryTransaction, ArraySlice<IndicatorValue>) async throws
            -> Void
    ) async throws -> EntryOutcome
}

/// The reads and writes of one entry transaction.
public protocol FigureEntryTransaction: Sendable {
    /// Every reporting form.
    func forms() async throws -> [ReportingForm]
    /// The stored submissions (of any form) of these units for these periods; a report never
    /// stored is "chưa nộp" and is not listed.
    func submissions(units: Set<UnitID>, periods: Set<Period>) async throws -> [StoredSubmission]
    /// The current figures of a unit for a period, with their versions.
    func figures(unit: UnitID, period: Period) async throws -> [IndicatorValue]
    /// Stores `value` if the stored figure still has `expectedVersion` (nil: there is none);
    /// otherwise throws `ValueConflict`. Returns the figure as stored, with its new version.
    func saveFigure(_ value: IndicatorValue, expectedVersion: Int?) async throws -> IndicatorValue
    /// `saveFigure` for several figures of distinct keys, in order: the first that conflicts
    /// throws (and the transaction undoes the others). Returns the figures as stored. A store may
    /// write them in a few statements rather than a few per figure.
    func saveFigures(_ figures: [FigureToSave]) async throws -> [IndicatorValue]
    /// Stores a submission's new state if it still has `expectedVersion` (0: never stored);
    /// otherwise throws `SubmissionConflict`. Returns the new version.
    @discardableResult
    func saveSubmission(_ submission: Submission, expectedVersion: Int) async throws -> Int
    /// Appends an entry to the audit trail.
    func record(_ event: AuditTrail.Event) async throws
    /// Stores the flags of unusual figures (replacing any flag of the same figure) and removes
    /// the flags of `clearing`.
    func replaceFlags(_ flags: [FigureFlag], clearing: [ValueKey]) async throws
}

/// The flags of unusual figures saved with a note (`EntryChecks`), for the reviewer.
public protocol FigureFlagReads: Sendable {
    /// The flags of `period`, optionally only of `units` and `indicatorCodes`.
    func figureFlags(period: Period, units: Set<UnitID>?, indicatorCodes: Set<String>?) async throws -> [FigureFlag]
}

/// A figure to store and the version the stored one must still have (nil: there must be none).
public struct FigureToSave: Sendable {
    public var value: IndicatorValue
    public var expectedVersion: Int?

    public init(_ value: IndicatorValue, expectedVersion: Int?) {
        self.value = value
        self.expectedVersion = expectedVersion
    }
}

extension FigureEntryTransaction {
    /// One `saveFigure` after another.
    public func saveFigures(_ figures: [FigureToSave]) async throws -> [IndicatorValue] {
        var saved: [IndicatorValue] = []
        for figure in figures {
            saved.append(try await saveFigure(figure.value, expectedVersion: figure.expectedVersion))
        }
        return saved
    }
}

/// A submission with the version that guards it.
public struct StoredSubmission: Hashable, Sendable {
    /// The submission.
    public var submission: Submission
    /// Its version (0 when it was never stored).
    public var version: Int

    /// Creates one.
    public init(submission: Submission, version: Int) {
        self.submission = submission
        self.version = version
    }
}

/// A save refused because someone else changed the figure first (no lost update).
public struct ValueConflict: Error, Sendable, CustomStringConvertible {
    /// The figure as the other person saved it.
    public let current: IndicatorValue

    /// Creates the refusal.
    public init(current: IndicatorValue) { self.current = current }

    public var description: String {
        "Số liệu này vừa được \(current.author.isEmpty ? "người khác" : current.author) cập nhật thành "
            + "\(VietnameseNumber.format(current.number, maxDecimals: 6)) (\(current.status.vietnameseName)); "
            + "hãy xem lại rồi lưu lần nữa."
    }
}

/// A submission refused because someone else reviewed or submitted it first.
public struct SubmissionConflict: Error, Sendable, CustomStringConvertible {
    /// The submission as the other person left it.
    public let current: Submission

    /// Creates the refusal.
    public init(current: Submission) { self.current = current }

    public var description: String {
        "Báo cáo này vừa được \(current.reviewedBy ?? current.submittedBy ?? "người khác") chuyển sang trạng thái "
            + "“\(current.status.vietnameseName)”; hãy tải lại trang."
    }
}

/// What entering figures did. Two outcomes are equal when their counts and submission are:
/// `changes` and `figures` only detail them.
public struct EntryOutcome: Equatable, Sendable {
    /// Figures stored for the first time.
    public var inserted = 0
    /// Figures that replaced a different one.
    public var updated = 0
    /// Figures already stored exactly so (a file uploaded twice changes nothing).
    public var unchanged = 0
    /// Whether the submission was submitted for review.
    public var submitted = false
    /// Each figure inserted or updated, with what it was before: the message names them.
    public var changes: [FigureChange] = []
    /// Each figure entered as it is stored afterwards (with its version), in the order given;
    /// empty for a batched entry.
    public var figures: [IndicatorValue] = []

    /// Creates an outcome.
    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0, submitted: Bool = false) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
        self.submitted = submitted
    }

    public static func == (a: EntryOutcome, b: EntryOutcome) -> Bool {
        a.inserted == b.inserted && a.updated == b.updated && a.unchanged == b.unchanged && a.submitted == b.submitted
    }
}

/// Figures refused because a submitted or approved report holds them; nothing was written.
public struct LockedFigures: Error, Sendable, CustomStringConvertible {
    /// One locked figure and the report that holds it.
    public struct Figure: Equatable, Sendable {
        /// The figure.
        public var key: ValueKey
        /// The form of the report that holds it.
        public var formCode: String
        /// The form's name, for the message.
        public var formName: String
        /// Why the report cannot change ("Báo cáo đã nộp và đang chờ duyệt; …").
        public var refusal: SubmissionWorkflow.Refusal
        /// Whether the report is of another form than the one being entered (the message then names it).
        public var isOtherForm: Bool
    }

    /// Every locked figure, in the order entered.
    public let figures: [Figure]

    /// Creates the refusal.
    public init(_ figures: [Figure]) { self.figures = figures }

    /// The first figure's reason, naming the form when it is not the one being entered:
    /// "Báo cáo đã nộp và đang chờ duyệt; không sửa được số liệu. (biểu mẫu “…”)".
    public var description: String {
        guard let first = figures.first else { return "Báo cáo đã khóa; không sửa được số liệu." }
        return first.refusal.description + (first.isOtherForm ? " (biểu mẫu “\(first.formName)”)" : "")
    }
}
