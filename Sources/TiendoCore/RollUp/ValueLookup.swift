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
        values[value.key] = value
        latestYear = max(latestYear ?? value.period.year, value.period.year)
    }

    public func reported(_ key: ValueKey) -> IndicatorValue? { values[key] }

    /// Every figure held.
    public var all: [IndicatorValue] { Array(values.values) }

    /// Makes room for `count` figures.
    public mutating func reserveCapacity(_ count: Int) { values.reserveCapacity(count) }

    /// How many figures are held.
    public var count: Int { values.count }
}
