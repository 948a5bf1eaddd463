import Foundation

/// Tính kịp thời và đầy đủ: for one form, how the units' reports came in, per period and per
/// unit — on time, late, missing past the deadline, or not yet due — as counts and rates.
/// Only the reports units were asked for count (``ReportingSchedule/due(on:by:for:in:)``).
public struct TimelinessBoard: Sendable {
    /// Counts of one period or one unit.
    public struct Counts: Hashable, Sendable {
        /// Reports asked for.
        public var asked = 0
        /// In by the deadline.
        public var onTime = 0
        /// In after the deadline.
        public var late = 0
        /// Past the deadline and not in.
        public var missing = 0
        /// Not in and not yet due.
        public var notYetDue = 0

        /// No report yet.
        public init() {}

        /// Reports whose deadline has passed or that are in: the base of the rates.
        public var judged: Int { asked - notYetDue }
        /// Share in by the deadline, of the reports judged; nil when none is judged yet.
        public var onTimeRate: Double? { judged > 0 ? Double(onTime) / Double(judged) : nil }
        /// Share in at all (on time or late), of the reports judged; nil when none is judged yet.
        public var completeRate: Double? { judged > 0 ? Double(onTime + late) / Double(judged) : nil }

        /// Counts one more report.
        public mutating func add(_ timeliness: ReportingSchedule.Timeliness) {
            asked += 1
            switch timeliness {
            case .onTime: onTime += 1
            case .late: late += 1
            case .missing: missing += 1
            case .notYetDue: notYetDue += 1
            }
        }
    }

    /// One period's row.
    public struct PeriodRow: Sendable {
        /// The period.
        public let period: Period
        /// The deadline at the province level (units below may be due earlier).
        public let deadline: CivilDate
        /// Its counts.
        public var counts: Counts
    }

    /// One unit's row, with where each period stands (nil: not asked for that period).
    public struct UnitRow: Sendable {
        /// The unit, as it stands today or last stood.
        public let unit: UnitVersion
        /// Per period of ``TimelinessBoard/periods``, in the same order.
        public var cells: [ReportingSchedule.Timeliness?]
        /// Its counts.
        public var counts: Counts
    }

    /// Newest period first.
    public private(set) var periods: [PeriodRow]
    /// Units in the order given.
    public private(set) var units: [UnitRow]
    /// All reports together.
    public private(set) var total = Counts()

    /// Builds the board of `form` over `periods` (newest first) for `units` (in the order to show),
    /// from the stored submissions of each period.
    public init(
        form: ReportingForm, periods: [Period], units: [UnitVersion],
        submissions: [Period: [UnitID: Submission]], directory: UnitDirectory, today: CivilDate
    ) {
        self.periods = periods.map {
            PeriodRow(period: $0, deadline: form.deadline.deadline(for: $0, calendar: form.calendar), counts: Counts())
        }
        self.units = units.map {
            UnitRow(unit: $0, cells: Array(repeating: nil, count: periods.count), counts: Counts())
        }
        for (p, period) in periods.enumerated() {
            let stored = submissions[period] ?? [:]
            for u in self.units.indices {
                let unitID = self.units[u].unit.unitID
                guard let due = ReportingSchedule.due(on: form, by: unitID, for: period, in: directory) else {
                    continue
                }
                let submission = stored[unitID] ?? Submission(formCode: form.code, unitID: unitID, period: period)
                let timeliness = ReportingSchedule.timeliness(of: submission, deadline: due.deadline, today: today)
                self.units[u].cells[p] = timeliness
                self.units[u].counts.add(timeliness)
                self.periods[p].counts.add(timeliness)
                total.add(timeliness)
            }
        }
    }
}
