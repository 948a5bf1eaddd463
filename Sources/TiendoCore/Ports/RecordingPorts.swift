import Foundation

// The ports of the recording features: reporting forms and their submissions, resolutions,
// administrative-procedure dossiers and quality ratings. TiendoStorage implements them
// (`TiendoStore+RecordingPorts.swift`); a write that carries an audit event stores both in one
// transaction, so callers never see a transaction.

/// The reporting forms as stored.
public protocol FormReads: Sendable {
    /// Every form, by code.
    func forms() async throws -> [ReportingForm]
    /// The form with `code`, or nil.
    func form(code: String) async throws -> ReportingForm?
}

/// The reporting forms, and saving one.
public protocol FormStore: FormReads {
    /// Saves a form (new or changed, keyed by its code) and appends `event` to the audit trail,
    /// in one transaction.
    func saveForm(_ form: ReportingForm, recording event: AuditTrail.Event) async throws
}

/// The stored reports (submissions) of the forms.
public protocol SubmissionReads: Sendable {
    /// The submission of a form by a unit for a period, with its version ("chưa nộp", version
    /// 0, when none was stored).
    func submission(form: String, unit: UnitID, period: Period) async throws -> StoredSubmission
    /// Every stored submission of a form for a period.
    func submissions(form: String, period: Period) async throws -> [Submission]
    /// Every submitted or approved report: they hold their figures (`FigureLocks`).
    func lockedSubmissions() async throws -> [Submission]
}

/// Writing resolutions, each write with its audit event in one transaction. The reads are
/// `ReferenceData.resolutions()`.
public protocol ResolutionStore: Sendable {
    /// Saves `resolution` as a new one with `event`, in one transaction. Returns false, saving
    /// nothing, when a resolution with its id is already stored.
    func createResolution(_ resolution: Resolution, recording event: AuditTrail.Event) async throws -> Bool

    /// Re-reads the resolution `id` inside one transaction, applies `change` to it and saves the
    /// whole resolution with `event` — so a change never undoes another person's change saved
    /// meanwhile, and nothing is half-written. Returns false, saving nothing, when there is no
    /// resolution `id`; an error thrown by `change` saves nothing either.
    func updateResolution(
        _ id: String, recording event: AuditTrail.Event,
        change: @escaping @Sendable (inout Resolution) throws -> Void
    ) async throws -> Bool
}

/// The administrative-procedure dossiers (hồ sơ thủ tục hành chính).
public protocol DossierStore: Sendable {
    /// Imports dossiers in one transaction (an upsert by id) and recomputes the figures of every
    /// (unit, month) the import touched as of `asOf`, recording the import in the audit trail
    /// as `actor`.
    func importDossiers(
        _ records: [DossierRecord], asOf: CivilDate, author: String, actor: String, at now: Date
    ) async throws -> DossierImportOutcome
}

/// The quality ratings (xếp loại chất lượng) of units' organisations and people.
public protocol QualityRatingStore: Sendable {
    /// The ratings of `unit` for `year`, in the order they were entered.
    func qualityRatings(unit: UnitID, year: Int) async throws -> [QualityRating]
    /// The years for which `unit` has ratings, latest first.
    func qualityRatingYears(unit: UnitID) async throws -> [Int]
    /// Replaces the stored list of every (unit, year) in `lists`, with the figures derived from
    /// them, and appends `events` to the audit trail — all in one transaction.
    func replaceQualityRatings(
        _ lists: [QualityRatingList], author: String, recording events: [AuditTrail.Event]
    ) async throws -> QualityRatingWrite
}
