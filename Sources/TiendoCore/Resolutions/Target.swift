import Foundation

/// The four groups a resolution's targets are listed under.
public enum TargetGroup: String, Hashable, Sendable, Codable, CaseIterable {
    case kinhTe
    case vanHoaXaHoiMoiTruong
    case quocPhongAnNinh
    case xayDungDang

    /// The heading as a report prints it.
    public var vietnameseName: String {
        switch self {
        case .kinhTe: return "Kinh tế"
        case .vanHoaXaHoiMoiTruong: return "Văn hóa - xã hội - môi trường"
        case .quocPhongAnNinh: return "Quốc phòng - an ninh"
        case .xayDungDang: return "Xây dựng Đảng và hệ thống chính trị"
        }
    }
}

/// Which way is better for a range target.
public enum Direction: String, Hashable, Sendable, Codable {
    case higherIsBetter, lowerIsBetter
}

/// What is compared with the condition (domain.md, "Measures").
public enum Measure: Hashable, Sendable, Codable {
    /// The indicator's value at the evaluation period.
    case level
    /// Average annual growth in percent from `baseYear` to the evaluation year, geometric by
    /// default, arithmetic (mean of yearly growth rates) when `geometric` is false.
    case averageGrowth(baseYear: Int, geometric: Bool)
    /// The sum of yearly values from `fromYear` to the evaluation year.
    case sum(fromYear: Int, toYear: Int)
    /// The mean of yearly values from `fromYear` to the evaluation year.
    case annualMean(fromYear: Int, toYear: Int)
    /// Every year from `fromYear` to the evaluation year must meet the condition.
    case everyYear(fromYear: Int, toYear: Int)
    /// The percentage of child units whose value meets `unitCondition` (a yes/no indicator
    /// when nil: 1 means yes). `unitKinds` limits the units counted ("100% xã" counts communes,
    /// not wards); nil counts every child.
    case shareOfUnits(unitCondition: Condition?, unitKinds: Set<UnitKind>? = nil)
    /// Average yearly change in the indicator's own unit from `baseYear` to the evaluation year,
    /// (V_t − V_base) / (t − base): for a rate, percentage (or per-mille) points a year. "Tỷ lệ hộ
    /// nghèo giảm bình quân 1,5%/năm" is a change of −1,5 points a year, written negative as a fall
    /// in growth is.
    case averageChange(baseYear: Int)

    /// A stable name for storage and files.
    public var kindName: String {
        switch self {
        case .level: return "level"
        case .averageGrowth: return "averageGrowth"
        case .sum: return "sum"
        case .annualMean: return "annualMean"
        case .everyYear: return "everyYear"
        case .shareOfUnits: return "shareOfUnits"
        case .averageChange: return "averageChange"
        }
    }
}

/// What the measure must satisfy (domain.md, "Conditions").
public indirect enum Condition: Hashable, Sendable, Codable {
    /// ≥ `value` ("trên / ít nhất / không thấp hơn"); `exceedBound` makes it a plan figure that
    /// can be exceeded ("vượt").
    case atLeast(Double, exceedBound: Double?)
    /// ≤ `value` ("dưới / không quá / giảm còn"); `exceedBound` below which it is "vượt".
    case atMost(Double, exceedBound: Double?)
    /// Within `[low, high]`; beyond the better end is "vượt".
    case between(low: Double, high: Double, direction: Direction)

    /// A plan figure: at least `value`, and "vượt" beyond it.
    public static func plan(_ value: Double) -> Condition { .atLeast(value, exceedBound: value) }

    /// Whether lower values are better.
    public var lowerIsBetter: Bool {
        switch self {
        case .atLeast: return false
        case .atMost: return true
        case .between(_, _, let direction): return direction == .lowerIsBetter
        }
    }

    /// A stable name for storage and files.
    public var kindName: String {
        switch self {
        case .atLeast: return "atLeast"
        case .atMost: return "atMost"
        case .between: return "between"
        }
    }
}

/// How far short of the bound still counts as "gần đạt".
public enum Tolerance: Hashable, Sendable, Codable {
    /// A fraction of the bound, e.g. 0.02 for 2%.
    case relative(Double)
    /// An amount in the measure's unit, e.g. 0.5 percentage points.
    case absolute(Double)
}

/// A target (chỉ tiêu) of a resolution.
public struct Target: Hashable, Sendable, Codable {
    /// Its number in the resolution, e.g. 1.
    public var number: Int
    /// The group it is listed under.
    public var group: TargetGroup
    /// The resolution's wording, e.g. "Tốc độ tăng trưởng giá trị sản xuất bình quân 10–11%/năm".
    public var wording: String
    /// The indicator measured.
    public var indicatorCode: String
    /// What is compared.
    public var measure: Measure
    /// What it must satisfy.
    public var condition: Condition
    /// The year by which the condition must hold; evaluations at or after it give "không đạt"
    /// instead of "chưa đạt".
    public var deadlineYear: Int
    /// The baseline value, if the resolution states one (for display).
    public var baseline: Double?
    /// A tolerance for "gần đạt" overriding the global one.
    public var tolerance: Tolerance?
    /// Decimals for the measure's figure, overriding the default for the measure.
    public var decimals: Int?

    /// Creates a target.
    public init(
        number: Int, group: TargetGroup, wording: String, indicatorCode: String, measure: Measure,
        condition: Condition, deadlineYear: Int, baseline: Double? = nil, tolerance: Tolerance? = nil,
        decimals: Int? = nil
    ) {
        self.number = number
        self.group = group
        self.wording = VietnameseText.nfc(wording)
        self.indicatorCode = indicatorCode
        self.measure = measure
        self.condition = condition
        self.deadlineYear = deadlineYear
        self.baseline = baseline
        self.tolerance = tolerance
        self.decimals = decimals
    }
}
