import Foundation

/// How an indicator's figures of child units make the parent's figure.
public enum SpaceAggregation: Hashable, Sendable, Codable {
    /// Additive: revenue, households, dossiers.
    case sum
    /// A rate: numerator and denominator are rolled up separately, then divided — never an
    /// average of the children's rates. `multiplier` is 100 for a percentage.
    case ratio(numerator: String, denominator: String, multiplier: Double)
    case mean
    case min
    case max
    /// The figure exists only where it is reported.
    case none

    /// Whether a successor's history can be derived by adding weighted predecessor figures.
    public var isAdditive: Bool { if case .sum = self { return true } else { return false } }
}

/// How an indicator's figures of shorter periods make a longer period's figure.
public enum TimeAggregation: String, Hashable, Sendable, Codable, CaseIterable {
    /// Flows: revenue, dossiers received in the period.
    case sum
    /// Stocks: schools meeting the standard, party members at the end of the period.
    case last
    case mean
    /// Rates: recomputed from the numerator and denominator of the longer period.
    case ratio
}

/// What kind of number an indicator holds.
public enum ValueType: String, Hashable, Sendable, Codable, CaseIterable {
    case number, count, percentage
    /// 1 = có (yes), 0 = không (no).
    case yesNo
}

/// An indicator (chỉ số): what is measured, in what unit, and how it adds up.
public struct Indicator: Hashable, Sendable, Codable {
    /// A stable code, e.g. `TY_LE_HO_NGHEO`.
    public var code: String
    /// The Vietnamese name, e.g. "Tỷ lệ hộ nghèo".
    public var name: String
    /// The unit of measure: "%", "tỷ đồng", "người", "hộ", …
    public var unitOfMeasure: String
    /// Decimals shown, and the precision at which targets are compared.
    public var decimals: Int
    /// The kind of number.
    public var valueType: ValueType
    /// Roll-up to the parent.
    public var space: SpaceAggregation
    /// Aggregation over time.
    public var time: TimeAggregation

    /// Creates an indicator.
    public init(
        code: String, name: String, unitOfMeasure: String, decimals: Int = 0, valueType: ValueType = .number,
        space: SpaceAggregation = .sum, time: TimeAggregation = .sum
    ) {
        self.code = code
        self.name = VietnameseText.nfc(name)
        self.unitOfMeasure = VietnameseText.nfc(unitOfMeasure)
        self.decimals = decimals
        self.valueType = valueType
        self.space = space
        self.time = time
    }

    /// Whether the indicator is a rate built from two others.
    public var ratioParts: (numerator: String, denominator: String, multiplier: Double)? {
        if case .ratio(let n, let d, let m) = space { return (n, d, m) }
        return nil
    }
}

/// Whether a figure is an estimate or the official one.
public enum ValueStatus: String, Hashable, Sendable, Codable, CaseIterable {
    /// ước — an estimate, e.g. "ước thực hiện năm 2027".
    case uoc
    /// chính thức — the official figure; supersedes an estimate.
    case chinhThuc

    /// The Vietnamese word shown to officers.
    public var vietnameseName: String { self == .uoc ? "ước" : "chính thức" }
}

/// A figure reported for (indicator, unit, period).
public struct IndicatorValue: Hashable, Sendable, Codable {
    /// The indicator's code.
    public var indicatorCode: String
    /// The unit it belongs to.
    public var unitID: UnitID
    /// The period it covers.
    public var period: Period
    /// The number, in the indicator's unit of measure.
    public var number: Double
    /// Estimate or official.
    public var status: ValueStatus
    /// An optional note (chú thích); a report prints it as a footnote.
    public var note: String?
    /// Who entered it.
    public var author: String
    /// When it was entered.
    public var enteredAt: Date
    /// Incremented on every change, for optimistic locking.
    public var version: Int

    /// Creates a value.
    public init(
        indicatorCode: String, unitID: UnitID, period: Period, number: Double, status: ValueStatus = .chinhThuc,
        note: String? = nil, author: String = "", enteredAt: Date = Date(timeIntervalSince1970: 0), version: Int = 1
    ) {
        self.indicatorCode = indicatorCode
        self.unitID = unitID
        self.period = period
        self.number = number
        self.status = status
        self.note = note.map(VietnameseText.nfc)
        self.author = author
        self.enteredAt = enteredAt
        self.version = version
    }

    /// The key a value is stored under.
    public var key: ValueKey { ValueKey(indicatorCode: indicatorCode, unitID: unitID, period: period) }
}

/// (indicator, unit, period): the identity of a reported figure.
public struct ValueKey: Hashable, Sendable {
    public var indicatorCode: String
    public var unitID: UnitID
    public var period: Period

    /// Creates a key.
    public init(indicatorCode: String, unitID: UnitID, period: Period) {
        self.indicatorCode = indicatorCode
        self.unitID = unitID
        self.period = period
    }
}
