import Foundation

/// Everything the assessment reads, loaded from storage in one go: the hierarchy, indicators,
/// reported figures and resolutions. Immutable, so its one roll-up (and what that roll-up has
/// worked out) can be shared by every request that reads the same data.
public struct Snapshot: Sendable {
    /// The hierarchy in time.
    public let directory: UnitDirectory
    /// Every indicator.
    public let indicators: [Indicator]
    /// Every current figure.
    public let values: ValueTable
    /// Every resolution.
    public let resolutions: [Resolution]
    /// The roll-up over this snapshot, remembering the figures it has derived.
    public let rollUp: RollUp

    /// Creates a snapshot.
    public init(directory: UnitDirectory, indicators: [Indicator], values: ValueTable, resolutions: [Resolution]) {
        self.directory = directory
        self.indicators = indicators
        self.values = values
        self.resolutions = resolutions
        self.rollUp = RollUp(directory: directory, indicators: indicators, values: values)
    }

    /// The resolutions `unit` issued, newest term first. A resolution's targets are the issuing
    /// unit's own: a city's targets judged on one ward's figures would mislead.
    public func resolutions(issuedBy unit: UnitID) -> [Resolution] {
        resolutions.filter { $0.issuingUnitID == unit }.sorted { ($0.termStart, $0.id) > ($1.termStart, $1.id) }
    }
}

/// The read-side port: where use cases get a snapshot (storage implements it).
public protocol SnapshotSource: Sendable {
    /// Loads the current data.
    func snapshot() async throws -> Snapshot
}

/// A unit's targets judged at a period: what the first page, `tiendo assess` and the report
/// show. One use case, so every surface shows the same verdicts.
public struct UnitAssessment: Sendable {
    /// The unit's version in force at the end of the period.
    public var unit: UnitVersion
    /// The resolution judged.
    public var resolution: Resolution
    /// The evaluation period.
    public var period: Period
    /// One assessment per target, by number.
    public var assessments: [Assessment]

    /// The summary line and groups.
    public var summary: VerdictSummary { VerdictSummary(assessments) }

    /// Judges every target of `resolution` for `unit` at `period`.
    public init(
        snapshot: Snapshot, unit: UnitVersion, resolution: Resolution, period: Period,
        settings: AssessmentSettings = AssessmentSettings()
    ) {
        self.unit = unit
        self.resolution = resolution
        self.period = period
        self.assessments = Assessor(rollUp: snapshot.rollUp, settings: settings)
            .assess(resolution, unit: unit.unitID, at: period)
    }
}
