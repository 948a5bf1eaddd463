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
    /// Which figures are unapproved (reports started and not approved).
    public let reports: ReportStates
    /// The roll-up over this snapshot, remembering the figures it has derived; each figure says
    /// whether it rests on unapproved figures.
    public let rollUp: RollUp
    /// The roll-up over the approved figures only ("chỉ tính số liệu đã duyệt"): same figures,
    /// the unapproved ones left out; it remembers its own derived figures.
    public let approvedRollUp: RollUp
    /// Which of this snapshot's figures are the same as an earlier snapshot's, by unit: what a
    /// kept page is keyed on instead of the whole database's version.
    public let generations: SnapshotGenerations

    /// Creates a snapshot.
    public init(
        directory: UnitDirectory, indicators: [Indicator], values: ValueTable, resolutions: [Resolution],
        reports: ReportStates = ReportStates()
    ) {
        self.directory = directory
        self.indicators = indicators
        self.values = values
        self.resolutions = resolutions
        self.reports = reports
        self.rollUp = RollUp(directory: directory, indicators: indicators, values: values, reports: reports)
        self.approvedRollUp = RollUp(
            directory: directory, indicators: indicators, values: values, reports: reports, approvedOnly: true)
        self.generations = SnapshotGenerations()
    }

    private init(
        directory: UnitDirectory, indicators: [Indicator], values: ValueTable, resolutions: [Resolution],
        reports: ReportStates, rollUp: RollUp, approvedRollUp: RollUp, generations: SnapshotGenerations
    ) {
        self.directory = directory
        self.indicators = indicators
        self.values = values
        self.resolutions = resolutions
        self.reports = reports
        self.rollUp = rollUp
        self.approvedRollUp = approvedRollUp
        self.generations = generations
    }

    /// The roll-up a view asks for: every figure (each marked when unapproved), or the approved
    /// ones only.
    public func rollUp(approvedOnly: Bool) -> RollUp { approvedOnly ? approvedRollUp : rollUp }

    /// Edits over the figure columns past which `applying` writes them into the columns: a
    /// lookup then costs one dictionary probe less, and the copy of the columns is paid once per
    /// this many. At least 20.000, and one edit per 50 figures held: folding copies every column
    /// (a country's 29 million figures: about a second, and the old and new columns in memory
    /// at once), so a large table folds less often.
    public static func editsBeforeFolding(holding count: Int) -> Int { max(20_000, count / 50) }

    /// This snapshot with committed figure changes applied, in order: the hierarchy, indicators
    /// and resolutions are this one's, the figure columns are shared, and the roll-up keeps every
    /// figure it has worked out that none of the changes can reach (`RollUp.following`).
    ///
    /// `reportChanges` are committed changes of reports' states: the figures of each changed
    /// report are worked out again as if they had changed.
    public func applying(_ changes: [CommittedFigure], reportChanges: [ReportChange] = []) -> Snapshot {
        guard !changes.isEmpty || !reportChanges.isEmpty else { return self }
        var values = self.values
        for change in changes {
            switch change {
            case .saved(let value):
                values.replace(
                    ValueKey(indicatorCode: value.indicatorCode, unitID: value.unitID, period: value.period),
                    with: value)
            case .removed(let key):
                values.replace(key, with: nil)
            }
        }
        if values.editCount > Self.editsBeforeFolding(holding: values.count) { values.foldEdits() }
        let (reports, reportKeys) = self.reports.applying(reportChanges)
        let keys = changes.map(\.key) + reportKeys
        let changed = Set(keys.map(\.unitID))
        return Snapshot(
            directory: directory, indicators: indicators, values: values, resolutions: resolutions, reports: reports,
            rollUp: rollUp.following(keys, in: values, reports: reports),
            approvedRollUp: approvedRollUp.following(keys, in: values, reports: reports),
            generations: generations.touching(directory.unitsDepending(on: changed)))
    }

    /// The resolutions `unit` issued, newest term first. A resolution's targets are the issuing
    /// unit's own: a city's targets judged on one ward's figures would mislead.
    public func resolutions(issuedBy unit: UnitID) -> [Resolution] {
        resolutions.filter { $0.issuingUnitID == unit }.sorted { ($0.termStart, $0.id) > ($1.termStart, $1.id) }
    }
}

/// Tells whether what a snapshot shows of one unit is what an earlier snapshot showed: the
/// figures rolled up to a unit change only when a figure of a unit it depends on changed
/// (`UnitDirectory.unitsDepending`). A page about a unit can be kept for as long as its unit's
/// generation and `common` stay the same, whatever else was saved meanwhile.
public struct SnapshotGenerations: Sendable, Hashable {
    /// Taken from one counter for the whole process, so no two snapshots' generations meet.
    private static let counter = GenerationCounter()

    /// Moves with every snapshot read as a whole or with new units, indicators or resolutions.
    public let common: Int
    /// The unit's generation since `common`, moved by every change that reaches it.
    private let touched: [UnitID: Int]

    /// A new whole snapshot: nothing in it is known from before.
    public init() {
        common = Self.counter.next()
        touched = [:]
    }

    private init(common: Int, touched: [UnitID: Int]) {
        self.common = common
        self.touched = touched
    }

    /// The generation of what the snapshot shows of `unit`.
    public func of(_ unit: UnitID) -> Int { touched[unit] ?? 0 }

    /// These generations with `units` moved.
    func touching(_ units: Set<UnitID>) -> SnapshotGenerations {
        guard !units.isEmpty else { return self }
        let step = Self.counter.next()
        var touched = self.touched
        for unit in units { touched[unit] = step }
        return SnapshotGenerations(common: common, touched: touched)
    }
}

/// A process-wide increasing counter.
private final class GenerationCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var last = 0

    func next() -> Int {
        lock.withLock {
            last += 1
            return last
        }
    }
}

/// A committed change of one figure, as the change log records it.
public enum CommittedFigure: Sendable, Equatable {
    /// The figure is now `value` (new, or replacing the one of its key).
    case saved(IndicatorValue)
    /// The figure of the key was removed.
    case removed(ValueKey)

    /// The figure's key.
    public var key: ValueKey {
        switch self {
        case .saved(let value): ValueKey(indicatorCode: value.indicatorCode, unitID: value.unitID, period: value.period)
        case .removed(let key): key
        }
    }

    /// The figure saved, or nil when it was removed.
    public var savedValue: IndicatorValue? {
        if case .saved(let value) = self { return value }
        return nil
    }
}

/// The read-side port: where use cases get a snapshot (storage implements it).
public protocol SnapshotSource: Sendable {
    /// Loads the current data.
    func snapshot() async throws -> Snapshot

    /// The data at `version` of the data counter or later, for a caller that has just read the
    /// counter (a page stamp): one read fewer.
    func snapshot(atVersion version: Int) async throws -> Snapshot
}

extension SnapshotSource {
    public func snapshot(atVersion version: Int) async throws -> Snapshot { try await snapshot() }
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
    /// Whether the assessments were made on approved figures only.
    public var approvedOnly: Bool
    /// The indicators whose verdicts rest on unapproved figures ("dựa trên số liệu chưa duyệt").
    public var unapprovedIndicators: Set<String>

    /// The summary line and groups.
    public var summary: VerdictSummary { VerdictSummary(assessments) }

    /// Judges every target of `resolution` for `unit` at `period`, on every figure or on the
    /// approved figures only.
    public init(
        snapshot: Snapshot, unit: UnitVersion, resolution: Resolution, period: Period,
        settings: AssessmentSettings = AssessmentSettings(), approvedOnly: Bool = false
    ) {
        let rollUp = snapshot.rollUp(approvedOnly: approvedOnly)
        self.unit = unit
        self.resolution = resolution
        self.period = period
        self.approvedOnly = approvedOnly
        self.assessments = Assessor(rollUp: rollUp, settings: settings)
            .assess(resolution, unit: unit.unitID, at: period)
        self.unapprovedIndicators =
            approvedOnly
            ? []
            : Set(
                assessments.map(\.target.indicatorCode).filter {
                    Self.restsOnUnapproved(
                        $0, unit: unit.unitID, resolution: resolution, period: period, rollUp: rollUp)
                })
    }

    /// Whether the verdict of `assessment` rests on unapproved figures.
    public func restsOnUnapproved(_ assessment: Assessment) -> Bool {
        unapprovedIndicators.contains(assessment.target.indicatorCode)
    }

    /// Whether a verdict on `indicatorCode` for `unit` at `period` rests on unapproved figures:
    /// the figure of the period, or a yearly figure of the term up to it (growth, cumulative and
    /// trend targets read those), is marked. The roll-up has derived these figures for the verdict
    /// already, so this costs a few remembered lookups.
    public static func restsOnUnapproved(
        _ indicatorCode: String, unit: UnitID, resolution: Resolution, period: Period, rollUp: RollUp
    ) -> Bool {
        guard !rollUp.reports.noneOpen else { return false }
        if rollUp.figure(indicatorCode, unit: unit, period: period).figure?.restsOnUnapproved == true { return true }
        let last = min(period.year, resolution.termEnd)
        guard resolution.termStart - 1 <= last else { return false }
        return (resolution.termStart - 1...last).contains {
            rollUp.figure(indicatorCode, unit: unit, period: .year($0)).figure?.restsOnUnapproved == true
        }
    }
}
