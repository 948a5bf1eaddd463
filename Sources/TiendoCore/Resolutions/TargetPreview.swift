import Foundation

/// How a target will read once it is judged, shown while an office defines it: the plan as the
/// assessor and the report print it ("Kế hoạch: 10–11%/năm"), what the measure computes and
/// what "đạt", "vượt" and "gần đạt" will mean — all in Vietnamese.
///
/// The plan and its unit come from the ``Assessor``'s own wording rules and the footnote from
/// ``ReportWording``, so the preview can never word a plan differently from the verdict or the
/// report.
public struct TargetPreview: Hashable, Sendable {
    /// The plan as the verdict's explanation and the report's table print it: "10–11%/năm",
    /// "25.000 tỷ đồng", "hằng năm từ 80 người trở lên", "giảm 5–10%/năm".
    public var plan: String
    /// The report's footnote for the target: "Kế hoạch: 10–11%/năm." followed by the baseline
    /// when the resolution states one.
    public var footnote: String
    /// The subject a report sentence opens with: the indicator's name, "Tổng vốn đầu tư …",
    /// "Số xã có … từ 95% trở lên".
    public var subject: String
    /// What the measure computes, e.g. "Tăng trưởng bình quân: tốc độ tăng bình quân mỗi năm
    /// từ năm gốc 2025 đến năm đánh giá (bình quân nhân)."
    public var measure: String
    /// When the target is met and when it is exceeded, e.g. "Đạt khi kết quả từ 10%/năm trở
    /// lên; cao hơn 11%/năm là “vượt” (càng cao càng tốt)."
    public var condition: String
    /// When a shortfall still counts as "gần đạt".
    public var nearlyMet: String
    /// The deadline and what it changes.
    public var deadline: String

    /// The preview of `target` measured by `indicator` (nil when the indicator is unknown),
    /// for a resolution whose term starts in `termStart`.
    public init(
        _ target: Target, indicator: Indicator?, termStart: Int, settings: AssessmentSettings = AssessmentSettings()
    ) {
        let judged = Self.judgedOnNoData(target, indicator: indicator, termStart: termStart, settings: settings)
        plan = Assessor.planText(of: target, indicator: indicator)
        footnote = ReportWording.footnote(judged, indicator: indicator)
        subject = ReportWording.subject(of: target, indicator: indicator)
        let unit = Assessor.measureUnit(of: target, indicator: indicator)
        measure = Self.measureSentence(target.measure, indicator: indicator)
        condition = Self.conditionSentence(target.condition, unit: unit)
        nearlyMet = Self.nearlyMetSentence(target.tolerance, default: settings.nearTolerance, unit: unit)
        deadline =
            "Hạn: năm \(target.deadlineYear) — đánh giá từ năm \(target.deadlineYear) trở đi mà chưa đạt là "
            + "“không đạt”, trước đó là “chưa đạt”."
    }

    // MARK: - The assessor's wording

    /// The target judged on no data at its deadline, which the report's footnote is worded from.
    private static func judgedOnNoData(
        _ target: Target, indicator: Indicator?, termStart: Int, settings: AssessmentSettings
    ) -> Assessment {
        let rollUp = RollUp(
            directory: UnitDirectory(versions: []), indicators: indicator.map { [$0] } ?? [], values: ValueTable())
        return Assessor(rollUp: rollUp, settings: settings).assess(
            target, unit: UnitID("xem-truoc"), at: .year(target.deadlineYear), termStart: termStart)
    }

    private static func bound(_ value: Double, _ unit: String) -> String {
        FigureText.withUnit(FigureText.bound(value), unit)
    }

    // MARK: - Sentences

    /// What `measure` computes, in Vietnamese.
    static func measureSentence(_ measure: Measure, indicator: Indicator?) -> String {
        switch measure {
        case .level:
            let name = indicator.map { "“\($0.name)”" } ?? "của chỉ số"
            return "Mức đạt: giá trị \(name) tại kỳ đánh giá."
        case .averageGrowth(let baseYear, let geometric):
            let kind =
                geometric
                ? "bình quân nhân: (giá trị năm đánh giá / giá trị năm \(baseYear))^(1/số năm) − 1"
                : "bình quân cộng: trung bình cộng tốc độ tăng của từng năm"
            return "Tăng trưởng bình quân: tốc độ tăng bình quân mỗi năm từ năm gốc \(baseYear) đến năm đánh giá, "
                + "tính bằng %/năm (\(kind))."
        case .averageChange(let baseYear):
            let unit = indicator.map { $0.unitOfMeasure.trimmingCharacters(in: .whitespaces) } ?? ""
            let points = unit == "%" ? " (điểm phần trăm mỗi năm)" : unit == "‰" ? " (điểm phần nghìn mỗi năm)" : ""
            return "Thay đổi bình quân: (giá trị năm đánh giá − giá trị năm gốc \(baseYear)) / số năm, "
                + "theo đơn vị của chỉ số\(points); giảm ghi số âm."
        case .sum(let from, let to):
            return "Tổng: cộng giá trị các năm từ \(from) đến năm đánh giá (không quá năm \(to))."
        case .annualMean(let from, let to):
            return "Bình quân năm: trung bình giá trị mỗi năm từ \(from) đến năm đánh giá (không quá năm \(to))."
        case .everyYear(let from, let to):
            return "Hằng năm: mỗi năm từ \(from) đến \(to) được đánh giá riêng; kết quả chung là kết quả kém nhất "
                + "của các năm (năm “vượt” được tính là “đạt”)."
        case .shareOfUnits(let unitCondition, let kinds):
            let noun: String
            if let kinds, !kinds.isEmpty {
                noun = kinds.map { $0.vietnameseName.lowercased() }.sorted().joined(separator: ", ")
            } else {
                noun = "đơn vị trực thuộc"
            }
            let meets: String
            if let unitCondition {
                let name = indicator.map { ReportWording.lowercasingFirst($0.name) } ?? "chỉ số"
                meets = "có \(name) " + FigureText.plan(unitCondition, unit: indicator?.unitOfMeasure ?? "")
            } else {
                meets = "có giá trị “có”"
            }
            return "Tỷ lệ đơn vị: tỷ lệ % số \(noun) \(meets) trên tổng số \(noun) (hiển thị dạng 17/19)."
        }
    }

    /// When `condition` is met and exceeded, with bounds in `unit`. Says how "trên x" and
    /// "dưới x" are read (domain.md, "Conditions").
    static func conditionSentence(_ condition: Condition, unit: String) -> String {
        switch condition {
        case .atLeast(let value, let exceedBound):
            let floor = bound(value, unit)
            guard let exceedBound else {
                return "Đạt khi kết quả từ \(floor) trở lên (nghị quyết ghi “trên \(floor)” hay “ít nhất \(floor)” "
                    + "đều được hiểu là từ \(floor) trở lên); chỉ tiêu ngưỡng không có mức “vượt”."
            }
            if exceedBound == value {
                return "Số kế hoạch: đạt khi kết quả từ \(floor) trở lên; cao hơn \(floor) là “vượt”."
            }
            return "Đạt khi kết quả từ \(floor) trở lên; cao hơn \(bound(exceedBound, unit)) là “vượt”."
        case .atMost(let value, let exceedBound):
            let ceiling = bound(value, unit)
            guard let exceedBound else {
                return "Đạt khi kết quả không quá \(ceiling) (nghị quyết ghi “dưới \(ceiling)” hay “giảm còn "
                    + "\(ceiling)” đều được hiểu là không quá \(ceiling)); chỉ tiêu ngưỡng không có mức “vượt”."
            }
            return "Đạt khi kết quả không quá \(ceiling); thấp hơn \(bound(exceedBound, unit)) là “vượt”."
        case .between(let low, let high, .higherIsBetter):
            return "Đạt khi kết quả từ \(bound(low, unit)) trở lên; cao hơn \(bound(high, unit)) là “vượt” "
                + "(càng cao càng tốt)."
        case .between(let low, let high, .lowerIsBetter):
            return "Đạt khi kết quả không quá \(bound(high, unit)); thấp hơn \(bound(low, unit)) là “vượt” "
                + "(càng thấp càng tốt)."
        }
    }

    /// When a shortfall still counts as "gần đạt".
    static func nearlyMetSentence(_ tolerance: Tolerance?, default fallback: Tolerance, unit: String) -> String {
        let chosen = tolerance ?? fallback
        let suffix = tolerance == nil ? " (mức chung của hệ thống)" : ""
        switch chosen {
        case .relative(let fraction):
            return "Gần đạt: chưa đạt nhưng thiếu không quá "
                + "\(VietnameseNumber.format(fraction * 100, maxDecimals: 4))% của mức chỉ tiêu\(suffix)."
        case .absolute(let amount):
            let amountText =
                unit.hasPrefix("%")
                ? FigureText.bound(amount) + " điểm phần trăm" : bound(amount, unit)
            return "Gần đạt: chưa đạt nhưng thiếu không quá \(amountText)\(suffix)."
        }
    }
}
