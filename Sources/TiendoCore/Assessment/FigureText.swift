import Foundation

/// Writes figures and plans with their unit of measure the way reports do: "10,18%/năm",
/// "25.000 tỷ đồng", "10–11%/năm". One formatter for screens and documents, so one figure
/// never appears with two values.
public enum FigureText {
    /// A number with its unit: a unit starting with "%" or "‰" is attached, any other follows a
    /// space.
    public static func withUnit(_ numberText: String, _ unit: String) -> String {
        if unit.isEmpty { return numberText }
        return unit.hasPrefix("%") || unit.hasPrefix("‰") ? numberText + unit : numberText + " " + unit
    }

    /// A figure at a fixed number of decimals, with its unit.
    public static func figure(_ value: Double, decimals: Int, unit: String) -> String {
        withUnit(VietnameseNumber.format(value, decimals: decimals), unit)
    }

    /// A bound from a resolution: as written, trailing zeros dropped ("1,5", "100", "25.000").
    public static func bound(_ value: Double) -> String {
        VietnameseNumber.format(value, maxDecimals: 4)
    }

    /// The plan as a report prints it in brackets after the figure.
    public static func plan(_ condition: Condition, unit: String) -> String {
        switch condition {
        case .atLeast(let value, let exceedBound):
            if exceedBound != nil { return withUnit(bound(value), unit) }
            return "từ " + withUnit(bound(value), unit) + " trở lên"
        case .atMost(let value, let exceedBound):
            if exceedBound != nil { return withUnit(bound(value), unit) }
            return "không quá " + withUnit(bound(value), unit)
        case .between(let low, let high, _):
            return withUnit(bound(low) + "–" + bound(high), unit)
        }
    }

    /// A plan for a fall, written as offices do: a range of negative growth rates −10…−5 becomes
    /// "giảm 5–10%/năm", at most −3 becomes "giảm từ 3%/năm trở lên"; nil when the condition is
    /// not about a fall.
    public static func fallPlan(_ condition: Condition, unit: String) -> String? {
        switch condition {
        case .between(let low, let high, _) where low < 0 && high <= 0:
            return "giảm " + withUnit(bound(-high) + "–" + bound(-low), unit)
        case .atMost(let value, _) where value < 0:
            return "giảm từ " + withUnit(bound(-value), unit) + " trở lên"
        default:
            return nil
        }
    }

    /// A fraction as a percentage with one decimal: 0.137 → "13,7%".
    public static func percent(_ fraction: Double) -> String {
        VietnameseNumber.format(fraction * 100, decimals: 1) + "%"
    }

    /// A count out of a total as offices write it: "03/04".
    public static func countOf(_ count: Int, _ total: Int) -> String {
        VietnameseNumber.padded(count) + "/" + VietnameseNumber.padded(total)
    }
}
