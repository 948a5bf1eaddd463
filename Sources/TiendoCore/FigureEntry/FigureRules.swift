import Foundation

/// The rules every way a figure enters Tiendo (the entry page, the Excel template, a CSV file,
/// the API) applies before anything is stored: the figure is a finite number within the range
/// its indicator can plausibly take, and it is not one that Tiendo computes itself.
///
/// One rule in one place: ``FigureReading`` applies the range to every figure it reads, and each
/// entry path asks ``computedBy(_:)`` before it writes. The recomputation of task, quality-rating
/// and dossier figures writes through the store directly and is not affected.
public enum FigureRules {
    /// The largest magnitude of a count (people, households, dossiers…): a thousand billion is
    /// far above any Vietnamese count, far below where sums lose precision or overflow.
    public static let countLimit: Double = 1e12
    /// The largest magnitude of any other figure (money in tỷ đồng, tons, …).
    public static let numberLimit: Double = 1e15
    /// The largest magnitude of a figure kept in plain đồng (the state budget is about 2·10¹⁵ đồng).
    public static let dongLimit: Double = 1e18

    /// The lowest and highest value `indicator` accepts.
    public static func range(of indicator: Indicator) -> ClosedRange<Double> {
        switch indicator.valueType {
        case .yesNo: return 0...1
        case .percentage: return 0...100
        case .count: return 0...countLimit
        case .number:
            let unit = VietnameseText.searchKey(indicator.unitOfMeasure)
            let limit = ["dong", "vnd", "vnđ", "d"].contains(unit) ? dongLimit : numberLimit
            return -limit...limit
        }
    }

    /// What is wrong with `value` for `indicator`, in Vietnamese, or nil when it may be stored.
    public static func problem(_ value: Double, _ indicator: Indicator) -> String? {
        guard value.isFinite else { return "Giá trị không phải là một số hữu hạn; hãy ghi một số liệu cụ thể." }
        let range = range(of: indicator)
        let unit = indicator.unitOfMeasure.isEmpty ? "" : " " + indicator.unitOfMeasure
        switch indicator.valueType {
        case .count:
            if value < 0 { return "Số đếm không thể âm." }
            if value != value.rounded() { return "Số đếm phải là số nguyên." }
            if value > range.upperBound {
                return
                    "Số đếm quá lớn; chỉ nhận từ 0 đến \(VietnameseNumber.format(range.upperBound, decimals: 0))\(unit)."
            }
        case .percentage:
            if !range.contains(value) { return "Tỷ lệ phải nằm trong khoảng 0–100%." }
        case .number:
            if !range.contains(value) {
                return "Số liệu quá lớn; chỉ nhận từ \(VietnameseNumber.format(range.lowerBound, decimals: 0)) đến "
                    + "\(VietnameseNumber.format(range.upperBound, decimals: 0))\(unit)."
            }
        case .yesNo:
            if value != 0 && value != 1 { return "Hãy ghi “có” (1) hoặc “không” (0)." }
        }
        return nil
    }

    /// The feature that computes `code`'s figures, in Vietnamese ("theo dõi nhiệm vụ"), or nil
    /// for an indicator people report.
    public static func computedBy(_ code: String) -> String? {
        if taskCodes.contains(code) { return "theo dõi nhiệm vụ (trang “Nhiệm vụ”)" }
        if ratingCodes.contains(code) { return "xếp loại chất lượng (danh sách xếp loại nhập vào Tiến độ)" }
        if DossierIndicators.codes.contains(code) { return "nhật ký hồ sơ thủ tục hành chính (trang “Hồ sơ TTHC”)" }
        return nil
    }

    /// The refusal of a figure of `indicator` typed by a person, when Tiendo computes it.
    public static func computedRefusal(_ indicator: Indicator) -> String? {
        guard let feature = computedBy(indicator.code) else { return nil }
        return "Chỉ tiêu “\(indicator.name)” do Tiến độ tự tính từ \(feature) nên không nhập tay được; "
            + "hãy cập nhật ở đó, số liệu sẽ được tính lại."
    }

    private static let taskCodes = Set(TaskFigures.indicators.map(\.code))
    private static let ratingCodes = Set(QualityIndicators.allCodes)
}
