import Foundation
import TiendoCore

/// Builds small in-memory worlds for tests: units, indicators, values, and the roll-up and
/// assessor over them. Test bodies stay setup / act / check.
public struct CoreFixture {
    /// Unit versions.
    public var versions: [UnitVersion] = []
    /// Lineage links.
    public var links: [LineageLink] = []
    /// Indicators.
    public var indicators: [Indicator] = []
    /// Reported values.
    public var values: [IndicatorValue] = []

    /// An empty fixture.
    public init() {}

    /// Adds a unit valid from `from` (default 2000-01-01) and returns its id.
    @discardableResult
    public mutating func unit(
        _ code: String, _ name: String, kind: UnitKind = .phuong, parent: UnitID? = nil,
        from: CivilDate = CivilDate(2000, 1, 1), to: CivilDate? = nil
    ) -> UnitID {
        let id = UnitID(code: code, validFrom: from)
        versions.append(
            UnitVersion(unitID: id, code: code, name: name, kind: kind, parentID: parent, validFrom: from, validTo: to))
        return id
    }

    /// Adds an indicator.
    public mutating func indicator(
        _ code: String, _ name: String = "", unit: String = "", decimals: Int = 0, space: SpaceAggregation = .sum,
        time: TimeAggregation = .sum, type: ValueType = .number
    ) {
        indicators.append(
            Indicator(
                code: code, name: name.isEmpty ? code : name, unitOfMeasure: unit, decimals: decimals, valueType: type,
                space: space, time: time))
    }

    /// Adds a value; `period` is an id such as "2027".
    public mutating func value(
        _ code: String, _ unit: UnitID, _ period: String, _ number: Double, status: ValueStatus = .chinhThuc
    ) {
        values.append(
            IndicatorValue(
                indicatorCode: code, unitID: unit, period: Period(id: period)!, number: number, status: status))
    }

    /// Adds yearly values starting at `firstYear`.
    public mutating func yearly(_ code: String, _ unit: UnitID, from firstYear: Int, _ numbers: [Double]) {
        for (offset, number) in numbers.enumerated() { value(code, unit, "\(firstYear + offset)", number) }
    }

    /// The roll-up over everything added.
    public var rollUp: RollUp {
        RollUp(
            directory: UnitDirectory(versions: versions, links: links), indicators: indicators,
            values: ValueTable(values))
    }

    /// An assessor over everything added.
    public func assessor(settings: AssessmentSettings = AssessmentSettings()) -> Assessor {
        Assessor(rollUp: rollUp, settings: settings)
    }
}
