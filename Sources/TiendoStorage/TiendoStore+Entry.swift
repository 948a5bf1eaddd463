import FluentKit
import Foundation
import TiendoCore

/// What entering a batch of figures for a form did. Two outcomes are equal when their counts
/// and submission are: `changes` only details them.
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

extension TiendoStore {
    /// Enters a form's figures for a unit and period as one change — the figures and, when
    /// `submit`, the submission for review — or nothing: refused while the submission is submitted
    /// or approved, and when another person changes one of the figures at the same time. A
    /// figure already stored as it is stays untouched, so entering the same batch twice changes
    /// nothing. Every change enters the audit trail.
    ///
    /// `seen` (by indicator code) is what the file says about the version each figure had when
    /// it was made; a figure changed since that the batch would change back throws
    /// `StaleFigures` (checked here, inside the transaction, against the stored figures), and
    /// nothing is written. nil: no file versions to check (a figure typed on screen).
    public func enterFigures(
        _ values: [IndicatorValue], form: ReportingForm, unit: UnitID, period: Period, submit: Bool,
        actor: String, actorName: String, via channel: String, seen: [String: FigureVersions.Seen]? = nil,
        at now: Date = Date()
    ) async throws -> EntryOutcome {
        try await inTransaction { tx in
            let stored = try await tx.submission(form: form.code, unit: unit, period: period)
            let current = try await IndicatorValueModel.query(on: tx.database)
                .filter(\.$unitID == unit.rawValue)
                .filter(\.$period == period.id)
                .all()
            let byIndicator = Dictionary(current.map { ($0.indicatorCode, $0) }, uniquingKeysWith: { a, _ in a })
            if let seen {
                var now: [String: IndicatorValue] = [:]
                for model in current { now[model.indicatorCode] = try model.core() }
                let stale = FigureVersions.stale(
                    values, seen: { seen[$0.indicatorCode] }, current: { now[$0.indicatorCode] })
                if !stale.isEmpty { throw StaleFigures(stale) }
            }
            var outcome = EntryOutcome()
            let changes = values.filter { value in
                guard let existing = byIndicator[value.indicatorCode] else { return true }
                return existing.number != value.number || existing.status != value.status.rawValue
                    || existing.note != value.note
            }
            // The same figures again change nothing, even once the report is locked.
            if changes.isEmpty && !submit {
                outcome.unchanged = values.count
                return outcome
            }
            try SubmissionWorkflow.checkEditable(stored.submission)
            for value in values {
                if let existing = byIndicator[value.indicatorCode] {
                    if existing.number == value.number && existing.status == value.status.rawValue
                        && existing.note == value.note
                    {
                        outcome.unchanged += 1
                        continue
                    }
                    try await tx.saveValue(value, expectedVersion: existing.version)
                    outcome.updated += 1
                    outcome.changes.append(FigureChange(old: try existing.core(), new: value))
                } else {
                    try await tx.saveValue(value, expectedVersion: nil)
                    outcome.inserted += 1
                    outcome.changes.append(FigureChange(old: nil, new: value))
                }
            }
            if submit {
                var figures = Set(byIndicator.keys)
                figures.formUnion(values.map(\.indicatorCode))
                try SubmissionWorkflow.checkComplete(form, figures: figures)
                let next = try SubmissionWorkflow.submit(stored.submission, by: actorName, at: now)
                try await tx.saveSubmission(next, expectedVersion: stored.version)
                outcome.submitted = true
            }
            if outcome.inserted + outcome.updated > 0 || outcome.submitted {
                try await tx.recordEvent(
                    actor: actor, action: submit ? "nop-bao-cao" : "luu-nhap",
                    subject: Self.submissionSubject(form: form.code, unit: unit, period: period),
                    detail: "\(outcome.inserted + outcome.updated) số liệu thay đổi (\(channel))"
                        + (outcome.changes.isEmpty
                            ? ""
                            : ": " + outcome.changes.map { $0.description(indicatorName: nil) }.joined(separator: "; ")),
                    at: now)
            }
            return outcome
        }
    }

    /// The audit trail's name for a submission: "bao-cao:FORM/UNIT/PERIOD".
    public static func submissionSubject(form: String, unit: UnitID, period: Period) -> String {
        "bao-cao:\(form)/\(unit.rawValue)/\(period.id)"
    }

    /// The figures that a submitted or approved submission holds: no import may change them.
    public func lockedFigures() async throws -> Set<ValueKey> {
        let forms = Dictionary(try await forms().map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let locked = try await SubmissionModel.query(on: database)
            .filter(\.$status ~~ [SubmissionStatus.daNop.rawValue, SubmissionStatus.daDuyet.rawValue])
            .all()
        var keys = Set<ValueKey>()
        for model in locked {
            guard let form = forms[model.formCode], let period = Period(id: model.period) else { continue }
            for code in form.indicatorCodes {
                keys.insert(ValueKey(indicatorCode: code, unitID: UnitID(model.unitID), period: period))
            }
        }
        return keys
    }
}
