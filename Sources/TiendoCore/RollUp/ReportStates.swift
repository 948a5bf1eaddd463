import Foundation

/// Which reported figures are "số liệu chưa duyệt": the one rule behind the draft mark of a
/// verdict and the "approved figures only" view.
///
/// A figure is unapproved when a unit's report (form × unit × period) that lists its indicator
/// has been started and is not approved: its row in the submissions table says chưa nộp, đã nộp
/// or trả lại. A figure that no started report holds counts as approved: figures imported from a
/// file or loaded without a form (the demo, a province's series), and figures of a report whose
/// row says đã duyệt. Figures rolled up from children, predecessors or shorter periods carry the
/// mark of any figure they were built from (`Figure.restsOnUnapproved`).
///
/// Kept by unit and period, so asking about one figure is one dictionary probe (none at all while
/// no report is open), whatever the number of figures: the roll-up asks once per figure it reads,
/// and remembers the answer with the figure.
public struct ReportStates: Sendable, Equatable {
    struct Place: Hashable, Sendable {
        let unit: UnitID
        let period: Period
    }

    /// The indicators each form lists.
    private let indicatorsOfForm: [String: Set<String>]
    /// The forms whose report is open (started, not approved), by unit and period.
    private var open: [Place: Set<String>]

    /// The states of `submissions`, whose forms are `forms` (a submission of an unknown form
    /// holds no figure).
    public init(forms: [ReportingForm] = [], submissions: [Submission] = []) {
        indicatorsOfForm = Dictionary(
            forms.map { ($0.code, Set($0.indicatorCodes)) }, uniquingKeysWith: { a, _ in a })
        var open: [Place: Set<String>] = [:]
        for submission in submissions where Self.isOpen(submission.status) {
            open[Place(unit: submission.unitID, period: submission.period), default: []].insert(submission.formCode)
        }
        self.open = open
    }

    /// Whether a report in `status` leaves its figures unapproved.
    public static func isOpen(_ status: SubmissionStatus) -> Bool { status != .daDuyet }

    /// How many reports are open (one pass over the open places: for tests and status pages).
    public var openCount: Int { open.values.reduce(0) { $0 + $1.count } }

    /// Whether no report is open: then no figure is unapproved.
    public var noneOpen: Bool { open.isEmpty }

    /// Whether the figure stored under `key` is unapproved.
    public func isUnapproved(_ key: ValueKey) -> Bool {
        guard !open.isEmpty, let forms = open[Place(unit: key.unitID, period: key.period)] else { return false }
        return forms.contains { indicatorsOfForm[$0]?.contains(key.indicatorCode) == true }
    }

    /// These states with committed changes of reports applied, and the keys of the figures whose
    /// state may have changed (every indicator of each changed report's form, at its unit and
    /// period): what the roll-up forgets.
    public func applying(_ changes: [ReportChange]) -> (states: ReportStates, changed: [ValueKey]) {
        var next = self
        var changed: [ValueKey] = []
        for change in changes {
            let place = Place(unit: change.unitID, period: change.period)
            let wasOpen = next.open[place]?.contains(change.formCode) == true
            let isOpen = change.status.map(Self.isOpen) ?? false
            guard wasOpen != isOpen else { continue }
            if isOpen {
                next.open[place, default: []].insert(change.formCode)
            } else {
                next.open[place]?.remove(change.formCode)
                if next.open[place]?.isEmpty == true { next.open[place] = nil }
            }
            for code in indicatorsOfForm[change.formCode] ?? [] {
                changed.append(ValueKey(indicatorCode: code, unitID: change.unitID, period: change.period))
            }
        }
        return (next, changed)
    }
}

/// A committed change of one report's state, as the change log records it.
public struct ReportChange: Sendable, Equatable {
    /// The form.
    public var formCode: String
    /// The reporting unit.
    public var unitID: UnitID
    /// The period reported.
    public var period: Period
    /// The new state, or nil when the report's row was removed.
    public var status: SubmissionStatus?

    /// Creates a change.
    public init(formCode: String, unitID: UnitID, period: Period, status: SubmissionStatus?) {
        self.formCode = formCode
        self.unitID = unitID
        self.period = period
        self.status = status
    }
}
