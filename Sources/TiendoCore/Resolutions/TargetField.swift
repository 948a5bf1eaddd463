import Foundation

/// A part of a condition as a person writes it.
public enum ConditionPart: Hashable, Sendable, CaseIterable {
    /// The form of the condition: tối thiểu, tối đa, khoảng or kế hoạch.
    case kind
    /// The level of "tối thiểu", "tối đa" and "kế hoạch".
    case value
    /// The optional exceed bound of "tối thiểu" and "tối đa".
    case exceedBound
    /// The low end of a range.
    case low
    /// The high end of a range.
    case high
    /// The direction of a range.
    case direction
}

/// A part of a target a person fills in, on screen or in a file. Problems name the field they
/// are about with it; each edge says where the field is (a web form's input, a YAML key).
public enum TargetField: Hashable, Sendable {
    /// Số thứ tự.
    case number
    /// Nhóm chỉ tiêu.
    case group
    /// Nội dung.
    case wording
    /// Mã chỉ số.
    case indicator
    /// Cách tính.
    case measure
    /// Năm gốc (tăng trưởng bình quân).
    case baseYear
    /// Kiểu bình quân (nhân or cộng).
    case averaging
    /// Từ năm (tổng, bình quân năm, hằng năm).
    case fromYear
    /// Đến năm (tổng, bình quân năm, hằng năm).
    case toYear
    /// Whether units of a kind are counted (tỷ lệ đơn vị).
    case unitKind(UnitKind)
    /// A part of the condition a unit must meet to be counted (tỷ lệ đơn vị).
    case unitCondition(ConditionPart)
    /// A part of the target's condition.
    case condition(ConditionPart)
    /// Năm hạn.
    case deadline
    /// Số liệu gốc.
    case baseline
    /// Which tolerance for "gần đạt": the general one, relative or absolute.
    case toleranceKind
    /// The tolerance's amount.
    case tolerance
    /// Số chữ số thập phân.
    case decimals
}

/// The seven measures as a person chooses them.
public enum MeasureKind: CaseIterable, Hashable, Sendable {
    case level, averageGrowth, averageChange, sum, annualMean, everyYear, shareOfUnits

    /// The kind of `measure`.
    public init(_ measure: Measure) {
        switch measure {
        case .level: self = .level
        case .averageGrowth: self = .averageGrowth
        case .sum: self = .sum
        case .annualMean: self = .annualMean
        case .everyYear: self = .everyYear
        case .shareOfUnits: self = .shareOfUnits
        case .averageChange: self = .averageChange
        }
    }

    /// The name, as the YAML format and the form name it.
    public var vietnameseName: String {
        switch self {
        case .level: return "Mức đạt"
        case .averageGrowth: return "Tăng trưởng bình quân"
        case .averageChange: return "Thay đổi bình quân"
        case .sum: return "Tổng"
        case .annualMean: return "Bình quân năm"
        case .everyYear: return "Hằng năm"
        case .shareOfUnits: return "Tỷ lệ đơn vị"
        }
    }

    /// The measure of this kind over the years `fromYear`–`toYear`: a sum, an annual mean or
    /// every year; nil for the kinds that have no period.
    public func over(fromYear: Int, toYear: Int) -> Measure? {
        switch self {
        case .sum: return .sum(fromYear: fromYear, toYear: toYear)
        case .annualMean: return .annualMean(fromYear: fromYear, toYear: toYear)
        case .everyYear: return .everyYear(fromYear: fromYear, toYear: toYear)
        case .level, .averageGrowth, .averageChange, .shareOfUnits: return nil
        }
    }

    /// What it compares, in a few words.
    public var hint: String {
        switch self {
        case .level: return "giá trị chỉ số tại kỳ đánh giá"
        case .averageGrowth: return "tốc độ tăng bình quân mỗi năm, %/năm"
        case .averageChange: return "mức tăng, giảm bình quân mỗi năm theo đơn vị của chỉ số (điểm %/năm với tỷ lệ)"
        case .sum: return "cộng dồn các năm"
        case .annualMean: return "trung bình mỗi năm"
        case .everyYear: return "năm nào cũng phải đạt"
        case .shareOfUnits: return "tỷ lệ % đơn vị trực thuộc đạt yêu cầu"
        }
    }
}

/// The four ways of writing a condition.
public enum ConditionKind: CaseIterable, Hashable, Sendable {
    case atLeast, atMost, between, plan

    /// The kind `condition` is shown as: a floor whose exceed bound is the floor itself is a
    /// plan figure.
    public init(_ condition: Condition) {
        switch condition {
        case .atLeast(let value, let exceedBound): self = exceedBound == value ? .plan : .atLeast
        case .atMost: self = .atMost
        case .between: self = .between
        }
    }

    /// The label, with the words resolutions use.
    public var vietnameseName: String {
        switch self {
        case .atLeast: return "Tối thiểu: từ x trở lên (“trên x”, “ít nhất x”, “không thấp hơn x”)"
        case .atMost: return "Tối đa: không quá x (“dưới x”, “không quá x”, “giảm còn x”)"
        case .between: return "Khoảng: từ x đến y (“10–11%/năm”)"
        case .plan: return "Kế hoạch: đạt số kế hoạch, cao hơn là “vượt” (“đạt 25.000 tỷ đồng”)"
        }
    }
}

/// Which tolerance for "gần đạt" a target uses.
public enum ToleranceKind: Hashable, Sendable {
    /// The system's general tolerance (the target has none of its own).
    case general
    /// A percentage of the bound.
    case relative
    /// An amount in the measure's unit.
    case absolute
}

/// How the place a target is written in names its fields inside a sentence: a form shows each
/// message next to its field and names fields by their labels; a file names its keys.
public protocol TargetFieldNaming: Sendable {
    /// How a sentence refers to `field`: "năm kết thúc" on screen, "“den_nam”" in a file.
    func name(of field: TargetField) -> String
    /// What a message about `field` adds after the field's own words when the reader cannot
    /// see which field it is next to: nothing on screen, " “tu”" in a file.
    func mention(_ field: TargetField) -> String
}

/// The fields as the target form labels them.
public struct FormFieldNaming: TargetFieldNaming {
    /// The form's naming.
    public init() {}

    /// The label of `field` as a sentence uses it.
    public func name(of field: TargetField) -> String {
        switch field {
        case .toYear: return "năm kết thúc"
        case .deadline: return "năm hạn"
        case .condition(.low), .unitCondition(.low): return "ô “từ”"
        case .condition(.high), .unitCondition(.high): return "ô “đến”"
        case .condition(.direction), .unitCondition(.direction): return "ô hướng"
        case .unitCondition(.kind): return "ô “Đơn vị được tính là đạt khi”"
        default: return ""
        }
    }

    /// Nothing: the form prints each message next to its field.
    public func mention(_ field: TargetField) -> String { "" }
}
