import Foundation

/// (unit, month): where a dossier's counts go.
public struct DossierMonthKey: Hashable, Sendable, Comparable {
    public var unitID: UnitID
    public var period: Period

    /// Creates a key; `period` is a month.
    public init(unitID: UnitID, period: Period) {
        self.unitID = unitID
        self.period = period
    }

    public static func < (a: DossierMonthKey, b: DossierMonthKey) -> Bool {
        a.unitID.rawValue != b.unitID.rawValue ? a.unitID.rawValue < b.unitID.rawValue : a.period < b.period
    }
}

/// The counts of one unit in one month.
public struct DossierCounts: Hashable, Sendable {
    public var received = 0
    public var finishedOnTime = 0
    public var finishedLate = 0
    public var openWithinDue = 0
    public var openOverdue = 0
    public var online = 0
    public var digitised = 0
    public var electronicResult = 0
    public var supplementRequests = 0

    /// Creates counts (all zero by default).
    public init(
        received: Int = 0, finishedOnTime: Int = 0, finishedLate: Int = 0, openWithinDue: Int = 0,
        openOverdue: Int = 0, online: Int = 0, digitised: Int = 0, electronicResult: Int = 0,
        supplementRequests: Int = 0
    ) {
        self.received = received
        self.finishedOnTime = finishedOnTime
        self.finishedLate = finishedLate
        self.openWithinDue = openWithinDue
        self.openOverdue = openOverdue
        self.online = online
        self.digitised = digitised
        self.electronicResult = electronicResult
        self.supplementRequests = supplementRequests
    }

    /// Returned by the evaluation date.
    public var finished: Int { finishedOnTime + finishedLate }
    /// Numerator of the on-time rate.
    public var onTime: Int { finishedOnTime + openWithinDue }

    /// Adds one dossier with its status.
    public mutating func add(_ record: DossierRecord, status: DossierStatus) {
        switch status {
        case .notYetReceived: return
        case .finishedOnTime: finishedOnTime += 1
        case .finishedLate: finishedLate += 1
        case .openWithinDue: openWithinDue += 1
        case .openOverdue: openOverdue += 1
        }
        received += 1
        if record.channel == .trucTuyen { online += 1 }
        if record.digitised { digitised += 1 }
        if record.electronicResult && status.isFinished { electronicResult += 1 }
        supplementRequests += record.supplementRequests
    }

    /// Each count by indicator code.
    public var byIndicator: [(code: String, number: Int)] {
        [
            (DossierIndicators.received, received), (DossierIndicators.finished, finished),
            (DossierIndicators.finishedOnTime, finishedOnTime), (DossierIndicators.finishedLate, finishedLate),
            (DossierIndicators.openWithinDue, openWithinDue), (DossierIndicators.openOverdue, openOverdue),
            (DossierIndicators.onTime, onTime), (DossierIndicators.online, online),
            (DossierIndicators.digitised, digitised), (DossierIndicators.electronicResult, electronicResult),
            (DossierIndicators.supplementRequests, supplementRequests),
        ]
    }

    /// A rate in percent, nil when its denominator is 0.
    public static func percent(_ numerator: Int, _ denominator: Int) -> Double? {
        denominator == 0 ? nil : Double(numerator) / Double(denominator) * 100
    }
}

/// The rates of Decision 766/QĐ-TTg from a dossier log: pure, Foundation only.
///
/// **Which month a dossier belongs to.** A dossier is counted once, in the month it was
/// *received*, for the unit that received it — whatever happens to it later. So the months of a
/// year and the wards of a city add up exactly to the year and the city (no dossier in two
/// months, none lost between them), and the rate of any longer period or larger unit is the
/// ratio of summed counts. 766 counts a period's dossiers "đã và đang giải quyết" including those
/// carried over from earlier periods (tồn kỳ trước); such figures do not add up over months, so
/// Tiendo does not use them — see docs/ho-so-tthc.md.
///
/// **Status** is judged on the evaluation date `asOf` (default: today in Vietnam), by calendar
/// day: returned on or before the due day → on time; returned after it → late; not returned and
/// the due day is `asOf` or later → on time (within the due date); not returned and the due day
/// has passed → late. A return dated after `asOf` counts as not returned yet; a dossier received
/// after `asOf` is not counted at all.
public enum DossierRates {
    /// The counts of every (unit, month) that `records` touch, plus a zero row for each key of
    /// `alsoKeys` that no record touches (a month whose dossiers all moved elsewhere). A month that
    /// begins after `asOf` gets no row: none of its dossiers was received yet.
    public static func counts(
        _ records: [DossierRecord], asOf: CivilDate, alsoKeys: Set<DossierMonthKey> = []
    ) -> [DossierMonthKey: DossierCounts] {
        var result: [DossierMonthKey: DossierCounts] = [:]
        for key in alsoKeys where key.period.span(in: .statistical).start <= asOf { result[key] = DossierCounts() }
        for record in records {
            let status = record.status(asOf: asOf)
            if status == .notYetReceived { continue }
            let key = DossierMonthKey(unitID: record.unitID, period: record.month)
            result[key, default: DossierCounts()].add(record, status: status)
        }
        return result
    }

    /// The figures to store: every count, and each rate whose denominator is not 0. `staleRates`
    /// gets the keys of rates that have no figure (denominator 0), so storage can remove an old one.
    public static func values(
        _ counts: [DossierMonthKey: DossierCounts], author: String, enteredAt: Date
    ) -> (values: [IndicatorValue], ratesWithoutFigure: [ValueKey]) {
        var values: [IndicatorValue] = []
        var empty: [ValueKey] = []
        values.reserveCapacity(counts.count * 15)
        for key in counts.keys.sorted() {
            let c = counts[key]!  // a key of `counts.keys`: always there
            for (code, number) in c.byIndicator {
                values.append(
                    IndicatorValue(
                        indicatorCode: code, unitID: key.unitID, period: key.period, number: Double(number),
                        author: author, enteredAt: enteredAt))
            }
            let rates: [(String, Int, Int)] = [
                (DossierIndicators.onTimeRate, c.onTime, c.received),
                (DossierIndicators.onlineRate, c.online, c.received),
                (DossierIndicators.digitisationRate, c.digitised, c.received),
                (DossierIndicators.electronicResultRate, c.electronicResult, c.finished),
            ]
            for (code, numerator, denominator) in rates {
                if let percent = DossierCounts.percent(numerator, denominator) {
                    values.append(
                        IndicatorValue(
                            indicatorCode: code, unitID: key.unitID, period: key.period, number: percent,
                            author: author, enteredAt: enteredAt))
                } else {
                    empty.append(ValueKey(indicatorCode: code, unitID: key.unitID, period: key.period))
                }
            }
        }
        return (values, empty)
    }
}
