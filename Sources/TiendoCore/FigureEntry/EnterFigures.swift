import Foundation

/// Entering figures: the one use case behind every way a figure comes in — the entry page, the
/// Excel template, the API and CSV files. Its rules run inside one transaction of the store:
/// which figures change, the lock of every submitted or approved report that holds one of them,
/// the staleness of a file, completeness on submit, compare-and-set on every version, and the
/// audit-trail entry. Controllers and commands only translate their input and its outcome.
public struct EnterFigures: Sendable {
    /// How the figures came in: decides the audit-trail entry.
    public enum Channel: Sendable, Hashable {
        /// Typed on the entry page.
        case screen
        /// From a file; the text names it ("tệp Excel bao-cao.xlsx") in the audit trail.
        case file(String)
        /// Through the API with the token of this name; `indicator` formats the figure.
        case api(tokenName: String, indicator: Indicator)
    }

    /// What a new figure is checked against before it replaces the stored one.
    public enum Basis: Sendable, Hashable {
        /// The version the person's page or request showed (nil: it showed no figure): if the
        /// figure changed since, the save is refused with the other person's value.
        case seen(Int?)
        /// Whatever is stored now (a file, whose own versions are checked by `fileVersions`).
        case stored
    }

    /// One figure to enter.
    public struct Figure: Sendable, Hashable {
        /// The figure (its author and time are the entry's).
        public var value: IndicatorValue
        /// What it is checked against.
        public var basis: Basis

        /// Creates one.
        public init(_ value: IndicatorValue, basis: Basis) {
            self.value = value
            self.basis = basis
        }
    }

    /// One entry: figures of one unit for one period, optionally as a form's report.
    public struct Command: Sendable {
        /// The figures; each must be of `unit` and `period`.
        public var figures: [Figure]
        /// The form being reported (nil: figures entered one by one, as through the API).
        public var form: ReportingForm?
        /// The reporting unit.
        public var unit: UnitID
        /// The period.
        public var period: Period
        /// Whether the form's report is submitted for review with these figures.
        public var submit: Bool
        /// Who enters: username (the audit trail) and display name (the submission).
        public var actor: String
        public var actorName: String
        /// How the figures came in.
        public var channel: Channel
        /// What a file says about the version each figure had when it was made (by indicator
        /// code); nil: no file versions to check.
        public var fileVersions: [String: FigureVersions.Seen]?
        /// What the checks at entry compare each changed figure with (`EntryChecks`); nil: no
        /// checks (figures recomputed by Tiendo, a bulk file of past data).
        public var checks: EntryChecks.Plan?
        /// When.
        public var at: Date

        /// Creates a command.
        public init(
            figures: [Figure], form: ReportingForm?, unit: UnitID, period: Period, submit: Bool = false,
            actor: String, actorName: String, channel: Channel,
            fileVersions: [String: FigureVersions.Seen]? = nil, checks: EntryChecks.Plan? = nil, at: Date = Date()
        ) {
            self.figures = figures
            self.form = form
            self.unit = unit
            self.period = period
            self.submit = submit
            self.actor = actor
            self.actorName = actorName
            self.channel = channel
            self.fileVersions = fileVersions
            self.checks = checks
            self.at = at
        }
    }

    /// Where the figures go.
    public let store: any FigureEntryStore

    /// Creates the use case on a store.
    public init(store: any FigureEntryStore) { self.store = store }

    /// Enters `command` as one change — its figures and, when submitting, the form's report —
    /// or nothing. Throws `StaleFigures` (a file made before someone changed a figure it would
    /// put back), `LockedFigures` (a submitted or approved report holds a changed figure),
    /// `SubmissionWorkflow.Refusal` (a report that cannot be submitted, or is incomplete),
    /// `UnusualFigures` (a changed figure the checks at entry find unusual has no note),
    /// `ValueConflict` / `SubmissionConflict` (someone else saved first), and whatever the store
    /// throws. The same figures again change nothing, write nothing and record nothing, even
    /// once the report is locked.
    public func run(_ command: Command) async throws -> EntryOutcome {
        try await store.inEntryTransaction { tx in try await Self.run(command, in: tx) }
    }

    /// The rules, inside the transaction `tx`.
    static func run(_ command: Command, in tx: any FigureEntryTransaction) async throws -> EntryOutcome {
        let stored = Dictionary(
            try await tx.figures(unit: command.unit, period: command.period).map { ($0.indicatorCode, $0) },
            uniquingKeysWith: { a, _ in a })
        let values = command.figures.map(\.value)
        if let seen = command.fileVersions {
            let stale = FigureVersions.stale(
                values, seen: { seen[$0.indicatorCode] }, current: { stored[$0.indicatorCode] })
            if !stale.isEmpty { throw StaleFigures(stale) }
        }
        var outcome = EntryOutcome()
        let changed = command.figures.filter { FigureVersions.changes($0.value, stored[$0.value.indicatorCode]) }
        guard !changed.isEmpty || command.submit else {
            outcome.unchanged = command.figures.count
            outcome.figures = command.figures.compactMap { stored[$0.value.indicatorCode] }
            return outcome
        }

        // The lock: every submitted or approved report (of any form) that holds a changed figure.
        let forms = try await tx.forms()
        let submissions = try await tx.submissions(units: [command.unit], periods: [command.period])
        let locked = FigureLocks.locked(
            changed.map(\.value.key), forms: forms, submissions: submissions.map(\.submission),
            entering: command.form?.code)
        if !locked.isEmpty { throw LockedFigures(locked) }
        var report: StoredSubmission?
        if command.submit, let form = command.form {
            let current =
                submissions.first { $0.submission.formCode == form.code }
                ?? StoredSubmission(
                    submission: Submission(formCode: form.code, unitID: command.unit, period: command.period),
                    version: 0)
            var figures = Set(stored.keys)
            figures.formUnion(values.map(\.indicatorCode))
            try SubmissionWorkflow.checkComplete(form, figures: figures)
            report = current
        }
        let flags = try Self.checkUnusual(command, stored: stored)

        var saved: [String: IndicatorValue] = [:]
        let toSave = changed.map { figure in
            switch figure.basis {
            case .seen(let version): FigureToSave(figure.value, expectedVersion: version)
            case .stored: FigureToSave(figure.value, expectedVersion: stored[figure.value.indicatorCode]?.version)
            }
        }
        for after in try await tx.saveFigures(toSave) {
            let before = stored[after.indicatorCode]
            saved[after.indicatorCode] = after
            if before == nil { outcome.inserted += 1 } else { outcome.updated += 1 }
            outcome.changes.append(FigureChange(old: before, new: after))
        }
        outcome.unchanged = command.figures.count - changed.count
        outcome.figures = command.figures.compactMap {
            saved[$0.value.indicatorCode] ?? stored[$0.value.indicatorCode]
        }
        if let report {
            let next = try SubmissionWorkflow.submit(report.submission, by: command.actorName, at: command.at)
            try await tx.saveSubmission(next, expectedVersion: report.version)
            outcome.submitted = true
        } else if let form = command.form, !changed.isEmpty,
            !submissions.contains(where: { $0.submission.formCode == form.code })
        {
            // The first draft of a form's report starts it ("chưa nộp"): its figures are then
            // known as not yet approved (ReportStates), as submitted and returned ones are,
            // instead of passing for approved figures on the dashboard.
            try await tx.saveSubmission(
                Submission(formCode: form.code, unitID: command.unit, period: command.period), expectedVersion: 0)
        }
        if let flags { try await tx.replaceFlags(flags.raised, clearing: flags.cleared) }
        try await tx.record(Self.event(command, outcome))
        return outcome
    }

    /// The checks at entry of `command` against the figures stored now, before anything is
    /// written: throws `UnusualFigures` exactly as `run` would. For a page that shows the figures
    /// once more before they go in (the confirmation of a submission).
    public static func checkUnusual(_ command: Command, stored: [IndicatorValue]) throws {
        _ = try checkUnusual(
            command, stored: Dictionary(stored.map { ($0.indicatorCode, $0) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The checks at entry on the figures whose number `command` changes: throws
    /// `UnusualFigures` when an unusual one has no note of its own (empty, or the note the
    /// stored figure already had, such as "Ước thực hiện năm 2027", does not explain a new
    /// number); otherwise the flags to raise (unusual, with a note) and the figures whose flag
    /// goes (changed to a usual number). A change of status or note alone is not checked and
    /// leaves the flag as it is. Nil when the command asks for no checks.
    static func checkUnusual(_ command: Command, stored: [String: IndicatorValue])
        throws -> (raised: [FigureFlag], cleared: [ValueKey])?
    {
        let changed = command.figures.map(\.value).filter { stored[$0.indicatorCode]?.number != $0.number }
        guard let plan = command.checks, !changed.isEmpty else { return nil }
        var figures = stored.mapValues(\.number)
        for figure in command.figures { figures[figure.value.indicatorCode] = figure.value.number }
        let findings = EntryChecks.findings(changed, figures: figures, plan: plan)
        func ownNote(_ value: IndicatorValue) -> String? {
            let note = (value.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let before = (stored[value.indicatorCode]?.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            return note.isEmpty || note == before ? nil : note
        }
        let unexplained = findings.filter { code, _ in
            guard let value = changed.first(where: { $0.indicatorCode == code }) else { return false }
            return ownNote(value) == nil
        }
        if !unexplained.isEmpty { throw UnusualFigures(unexplained) }
        var raised: [FigureFlag] = []
        var cleared: [ValueKey] = []
        for value in changed {
            guard let found = findings[value.indicatorCode], let note = ownNote(value) else {
                cleared.append(value.key)
                continue
            }
            raised.append(
                FigureFlag(
                    key: value.key, number: value.number, findings: found.map(\.text), note: note,
                    flaggedBy: command.actorName, flaggedAt: command.at))
        }
        return (raised, cleared)
    }

    /// The audit-trail entry of an entry that changed something.
    static func event(_ command: Command, _ outcome: EntryOutcome) -> AuditTrail.Event {
        if case .api(let tokenName, let indicator) = command.channel, let figure = outcome.changes.first?.new {
            return AuditTrail.Event(
                .apiGhiSoLieu, actor: command.actor, subject: AuditTrail.figureSubject(figure.key),
                detail: "Qua API (mã “\(tokenName)”): \(FigureReading.display(figure.number, indicator)), "
                    + "\(figure.status.vietnameseName), phiên bản \(figure.version)",
                at: command.at)
        }
        var via = ""
        if case .file(let name) = command.channel { via = " (\(name))" }
        let list = outcome.changes.map { $0.description(indicatorName: nil) }.joined(separator: "; ")
        return AuditTrail.Event(
            command.submit ? .nopBaoCao : .luuNhap, actor: command.actor,
            subject: AuditTrail.submissionSubject(
                form: command.form?.code ?? "", unit: command.unit, period: command.period),
            detail: "\(outcome.changes.count) số liệu thay đổi\(via)" + (list.isEmpty ? "" : ": " + list),
            at: command.at)
    }

    // MARK: - Withdrawing a submitted report

    /// A unit taking back the report it submitted (see ``SubmissionWorkflow/withdraw(_:by:at:)``).
    public struct Withdrawal: Sendable {
        /// The form, unit and period of the report.
        public var form: ReportingForm
        public var unit: UnitID
        public var period: Period
        /// Who takes it back.
        public var account: Account
        /// When.
        public var at: Date

        /// Creates a withdrawal.
        public init(form: ReportingForm, unit: UnitID, period: Period, account: Account, at: Date = Date()) {
            self.form = form
            self.unit = unit
            self.period = period
            self.account = account
            self.at = at
        }
    }

    /// Moves a submitted, not yet reviewed report back to “chưa nộp” and records it — or throws
    /// `SubmissionWorkflow.Refusal` (not allowed to, or already approved or returned) or
    /// `SubmissionConflict` (a reviewer decided meanwhile) and changes nothing. The same
    /// transaction as entering figures, so a review and a withdrawal never both win.
    @discardableResult
    public func withdraw(_ command: Withdrawal) async throws -> Submission {
        try SubmissionWorkflow.checkWithdrawer(command.account)
        return try await store.inEntryTransaction { tx in
            let current =
                try await tx.submissions(units: [command.unit], periods: [command.period])
                .first { $0.submission.formCode == command.form.code }
                ?? StoredSubmission(
                    submission: Submission(formCode: command.form.code, unitID: command.unit, period: command.period),
                    version: 0)
            let next = try SubmissionWorkflow.withdraw(
                current.submission, by: command.account.displayName, at: command.at)
            try await tx.saveSubmission(next, expectedVersion: current.version)
            let submitted =
                current.submission.submittedAt.map { " (nộp ngày \(VietnameseDate.short(.todayInVietnam(now: $0))))" }
                ?? ""
            try await tx.record(
                AuditTrail.Event(
                    .rutLai, actor: command.account.username,
                    subject: AuditTrail.submissionSubject(
                        form: command.form.code, unit: command.unit, period: command.period),
                    detail: "Rút lại báo cáo đã nộp\(submitted) để sửa số liệu", at: command.at))
            return next
        }
    }

    // MARK: - Files of many units

    /// Enters the figures of a file that spans many units and periods (a CSV file of 200.000
    /// rows), in the store's batches: the lock is checked inside each batch's transaction, by the
    /// same rule as `run`, so a report submitted while the file goes in is never changed by it.
    /// A figure already stored as it is stays untouched. When anything changed, the file enters
    /// the audit trail once, as `subject` ("tep:NAME").
    public func runInBatches(_ values: [IndicatorValue], actor: String, subject: String, at: Date = Date())
        async throws -> EntryOutcome
    {
        let outcome = try await store.recordFiguresInBatches(values) { tx, batch in
            try await Self.checkUnlocked(batch, in: tx)
        }
        if outcome.inserted + outcome.updated > 0 {
            try await store.inEntryTransaction { tx in
                try await tx.record(
                    AuditTrail.Event(
                        .nhapCSV, actor: actor, subject: subject,
                        detail: "\(outcome.inserted) số liệu mới, \(outcome.updated) số liệu thay đổi", at: at))
            }
        }
        return outcome
    }

    /// Throws `LockedFigures` when a submitted or approved report holds one of `values` (as
    /// stored in `tx`).
    static func checkUnlocked(_ values: ArraySlice<IndicatorValue>, in tx: any FigureEntryTransaction) async throws {
        guard !values.isEmpty else { return }
        let submissions = try await tx.submissions(
            units: Set(values.map(\.unitID)), periods: Set(values.map(\.period)))
        let holding = submissions.map(\.submission).filter { FigureLocks.locks($0) }
        guard !holding.isEmpty else { return }
        let locked = FigureLocks.locked(
            values.map(\.key), forms: try await tx.forms(), submissions: holding, entering: nil)
        if !locked.isEmpty { throw LockedFigures(locked) }
    }
}

/// The lock on figures: a report that is submitted (waiting for review) or approved holds the
/// figures of its form's indicators for its unit and period; none of them may change until the
/// report is returned. One rule for the entry page, Excel, CSV and the API.
public enum FigureLocks {
    /// Whether `submission` holds its figures.
    public static func locks(_ submission: Submission) -> Bool {
        (try? SubmissionWorkflow.checkEditable(submission)) == nil
    }

    /// Each figure of `keys` that a report in `submissions` holds, with the first such report
    /// (the one of form `entering` first, then by form code). `submissions` may list any
    /// reports; those not submitted or approved hold nothing.
    public static func locked(
        _ keys: [ValueKey], forms: [ReportingForm], submissions: [Submission], entering: String?
    ) -> [LockedFigures.Figure] {
        struct Place: Hashable {
            let unit: UnitID
            let period: Period
        }
        let formsByCode = Dictionary(forms.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var holding: [Place: [(form: ReportingForm, refusal: SubmissionWorkflow.Refusal)]] = [:]
        for submission in submissions {
            guard let form = formsByCode[submission.formCode] else { continue }
            do {
                try SubmissionWorkflow.checkEditable(submission)
            } catch {
                holding[Place(unit: submission.unitID, period: submission.period), default: []].append(
                    (form: form, refusal: error))
            }
        }
        guard !holding.isEmpty else { return [] }
        for place in holding.keys {
            holding[place]?.sort { a, b in
                (a.form.code != entering ? 1 : 0, a.form.code) < (b.form.code != entering ? 1 : 0, b.form.code)
            }
        }
        return keys.compactMap { key in
            guard
                let report = holding[Place(unit: key.unitID, period: key.period)]?.first(where: {
                    $0.form.indicatorCodes.contains(key.indicatorCode)
                })
            else { return nil }
            return LockedFigures.Figure(
                key: key, formCode: report.form.code, formName: report.form.name, refusal: report.refusal,
                isOtherForm: report.form.code != entering)
        }
    }
}
