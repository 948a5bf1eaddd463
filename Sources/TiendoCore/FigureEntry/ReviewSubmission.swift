import Foundation

/// Reviewing a unit's report: approve it (its figures lock) or return it with a reason. The
/// rule "a unit's report is reviewed by the level above" (`SubmissionWorkflow.checkReviewer`),
/// the move itself, the compare-and-set on the report's version and the audit-trail entry all
/// run here, in one transaction.
public struct ReviewSubmission: Sendable {
    /// Approve, or return with a reason.
    public enum Decision: Sendable, Hashable {
        case approve
        case giveBack(reason: String)
    }

    /// The reviewer may not review this unit's report (the page answers "forbidden").
    public struct NotReviewer: Error, Sendable, CustomStringConvertible {
        /// Why, in Vietnamese.
        public let refusal: SubmissionWorkflow.Refusal
        public var description: String { refusal.description }
    }

    /// One review.
    public struct Command: Sendable {
        /// The form, unit and period of the report.
        public var form: ReportingForm
        public var unit: UnitID
        public var period: Period
        /// The reviewer, and the units as they stood at the end of the period (who is above whom).
        public var reviewer: Account
        public var directory: UnitDirectory
        /// What the reviewer decided.
        public var decision: Decision
        /// When.
        public var at: Date

        /// Creates a command.
        public init(
            form: ReportingForm, unit: UnitID, period: Period, reviewer: Account, directory: UnitDirectory,
            decision: Decision, at: Date = Date()
        ) {
            self.form = form
            self.unit = unit
            self.period = period
            self.reviewer = reviewer
            self.directory = directory
            self.decision = decision
            self.at = at
        }
    }

    /// Where the report is.
    public let store: any FigureEntryStore

    /// Creates the use case on a store.
    public init(store: any FigureEntryStore) { self.store = store }

    /// Whether `account` may review the report of `unit` for `period` of `form` (the page shows
    /// the buttons only then); the same rule `run` enforces.
    public static func mayReview(
        _ account: Account, unit: UnitID, period: Period, form: ReportingForm, in directory: UnitDirectory
    ) -> Bool {
        (try? checkReviewer(account, unit: unit, period: period, form: form, in: directory)) != nil
    }

    /// The rule "a unit's report is reviewed by the level above" (`SubmissionWorkflow.checkReviewer`),
    /// judged on the units as they stood at the end of the period in the form's calendar.
    public static func checkReviewer(
        _ account: Account, unit: UnitID, period: Period, form: ReportingForm, in directory: UnitDirectory
    ) throws(NotReviewer) {
        do {
            try SubmissionWorkflow.checkReviewer(
                account, unit: unit, in: directory, on: period.span(in: form.calendar).end)
        } catch {
            throw NotReviewer(refusal: error)
        }
    }

    /// Checks the reviewer (throws `NotReviewer`), then moves the report and records it — or
    /// throws `SubmissionWorkflow.Refusal` (not submitted, no reason) or `SubmissionConflict`
    /// (someone else reviewed it first) and changes nothing. Returns the report as it now stands.
    @discardableResult
    public func run(_ command: Command) async throws -> Submission {
        try Self.checkReviewer(command)
        return try await store.inEntryTransaction { tx in
            let current =
                try await tx.submissions(units: [command.unit], periods: [command.period])
                .first { $0.submission.formCode == command.form.code }
                ?? StoredSubmission(
                    submission: Submission(formCode: command.form.code, unitID: command.unit, period: command.period),
                    version: 0)
            let next: Submission
            let kind: AuditTrail.EventKind
            switch command.decision {
            case .approve:
                next = try SubmissionWorkflow.approve(
                    current.submission, by: command.reviewer.displayName, at: command.at)
                kind = .duyet
            case .giveBack(let reason):
                next = try SubmissionWorkflow.giveBack(
                    current.submission, reason: reason, by: command.reviewer.displayName, at: command.at)
                kind = .traLai
            }
            try await tx.saveSubmission(next, expectedVersion: current.version)
            try await tx.record(
                AuditTrail.Event(
                    kind, actor: command.reviewer.username,
                    subject: AuditTrail.submissionSubject(
                        form: command.form.code, unit: command.unit, period: command.period),
                    detail: next.returnReason ?? "", at: command.at))
            return next
        }
    }

    static func checkReviewer(_ command: Command) throws(NotReviewer) {
        try checkReviewer(
            command.reviewer, unit: command.unit, period: command.period, form: command.form, in: command.directory)
    }
}
