import Foundation

/// Where the roll-up reads reported figures from (a port: storage loads one, tests build one).
public protocol ValueLookup: Sendable {
    /// The current figure reported for a key, if any.
    func reported(_ key: ValueKey) -> IndicatorValue?
}

/// Reported figures held in memory, keyed by (indicator, unit, period).
public struct ValueTable: ValueLookup {
    private var values: [ValueKey: IndicatorValue]
    /// The latest year any figure covers, kept as figures arrive so no page copies every figure
    /// to find it.
    public private(set) var latestYear: Int?
    /// The periods each indicator has figures for (a hundred or so each), so the figures of one
    /// indicator and unit are found by lookups rather than by a pass over every figure.
    private var periodsByIndicator: [String: Set<Period>] = [:]

    /// Builds the table; when a key occurs twice, an official figure wins over an estimate and
    /// a later version over an earlier one.
    public init(_ values: [IndicatorValue] = []) {
        self.values = [:]
        for value in values { insert(value) }
    }

    /// Adds or replaces a figure under the rule above.
    public mutating func insert(_ value: IndicatorValue) {
        if let existing = values[value.key] {
            let keepExisting =
                (existing.status == .chinhThuc && value.status == .uoc)
                || (existing.status == value.status && existing.version > value.version)
            if keepExisting { return }
        }
        if values.updateValue(value, forKey: value.key) == nil {
            periodsByIndicator[value.indicatorCode, default: []].insert(value.period)
        }
        latestYear = max(latestYear ?? value.period.year, value.period.year)
    }

    public func reported(_ key: ValueKey) -> IndicatorValue? { values[key] }

    /// The periods that some unit has a figure of `indicatorCode` for.
    public func periods(of indicatorCode: String) -> Set<Period> { periodsByIndicator[indicatorCode] ?? [] }

    /// The codes of the indicators that have at least one figure.
    public var indicatorCodes: [String] { Array(periodsByIndicator.keys) }

    /// The figures of one indicator reported for one unit, in no particular order.
    public func reported(_ indicatorCode: String, unit: UnitID) -> [IndicatorValue] {
        periods(of: indicatorCode).compactMap {
            values[ValueKey(indicatorCode: indicatorCode, unitID: unit, period: $0)]
        }
    }

    /// Every figure held: a copy of the whole table, for exports, never for a page.
    public var all: [IndicatorValue] { Array(values.values) }

    /// Makes room for `count` figures.
    public mutating func reserveCapacity(_ count: Int) { values.reserveCapacity(count) }

    /// How many figures are held.
    public var count: Int { values.count }
}
