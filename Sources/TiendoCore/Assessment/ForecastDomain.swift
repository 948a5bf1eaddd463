import Foundation

/// The values a forecast can take: those of its indicator (``FigureRules/range(of:)``), so a
/// collection rate is never forecast at 102,5% nor a poverty rate below 0%. A forecast that
/// reaches an end of its domain is worded as that end ("mức tối đa 100%"), not as a figure that
/// looks measured ("0,00%").
public struct ForecastDomain: Hashable, Sendable {
    /// The lowest value, nil when the figure may fall without limit.
    public var lower: Double?
    /// The highest value, nil when there is none.
    public var upper: Double?

    /// Which end of the domain a forecast stopped at.
    public enum End: Hashable, Sendable {
        case lower, upper
    }

    /// A forecast bounded by its domain.
    public struct Bounded: Hashable, Sendable {
        /// The forecast, within the domain.
        public var value: Double
        /// The end it reached (nil: inside the domain).
        public var end: End?
    }

    /// Creates a domain.
    public init(lower: Double?, upper: Double?) {
        self.lower = lower
        self.upper = upper
    }

    /// The domain of a forecast of `target`'s measure of `indicator`: a level or a yearly mean
    /// moves within the indicator's range when the indicator has one by nature (a rate 0–100%,
    /// also any figure whose unit is "%"; a count from 0; yes/no 0–1); a sum of yearly figures only keeps its floor; a share of
    /// units is 0–100%; a growth rate is not bounded here.
    public static func of(_ target: Target, indicator: Indicator) -> ForecastDomain {
        let natural: ForecastDomain
        switch indicator.valueType {
        case .percentage, .count, .yesNo:
            let range = FigureRules.range(of: indicator)
            natural = ForecastDomain(
                lower: range.lowerBound, upper: indicator.valueType == .count ? nil : range.upperBound)
        case .number:
            // A figure in "%" is a share of a whole unless its unit names another base ("% dự toán"
            // may pass 100).
            let isPercent = indicator.unitOfMeasure.trimmingCharacters(in: .whitespaces) == "%"
            natural = isPercent ? ForecastDomain(lower: 0, upper: 100) : ForecastDomain(lower: nil, upper: nil)
        }
        switch target.measure {
        case .level, .annualMean: return natural
        case .sum: return ForecastDomain(lower: natural.lower, upper: nil)
        case .shareOfUnits: return ForecastDomain(lower: 0, upper: 100)
        case .averageGrowth, .averageChange, .everyYear: return ForecastDomain(lower: nil, upper: nil)
        }
    }

    /// `value` kept within the domain, and the end it reached.
    public func bound(_ value: Double) -> Bounded {
        if let upper, value >= upper { return Bounded(value: upper, end: .upper) }
        if let lower, value <= lower { return Bounded(value: lower, end: .lower) }
        return Bounded(value: value, end: nil)
    }

    /// How a forecast at an end of the domain is worded after "dự báo đến năm 2030": "đạt mức
    /// tối đa 100%", "giảm về mức tối thiểu 0%". Explanations add "đạt" to a text that does not
    /// start with "giảm ", so the upper end is "mức tối đa …".
    public static func wording(_ end: End, value: Double, unit: String) -> String {
        let figure = FigureText.withUnit(VietnameseNumber.format(value, maxDecimals: 4), unit)
        switch end {
        case .upper: return "mức tối đa \(figure)"
        case .lower: return "giảm về mức tối thiểu \(figure)"
        }
    }
}
