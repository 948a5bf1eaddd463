import Foundation

/// A problem with one field of a target, in Vietnamese.
public typealias TargetProblem = FieldMessage<TargetField>

/// A problem with one part of a condition, in Vietnamese.
public typealias ConditionProblem = FieldMessage<ConditionPart>

/// The rules a resolution's targets obey, whether a target is set up on screen or imported from
/// a YAML file (docs/resolution-yaml.md, sections 4–6): each rule and each of its sentences is
/// written once here. A sentence is a whole Vietnamese sentence ("Năm hạn 2032 nằm ngoài …");
/// a form prints it next to its field, a file reader puts the line and key in front of it.
public struct TargetRules: Sendable {
    /// First year of the resolution's term.
    public var termStart: Int
    /// Last year of the term.
    public var termEnd: Int
    /// The indicators a target may use, by code.
    public var indicators: [String: Indicator]
    /// Numbers other targets of the resolution already use.
    public var takenNumbers: Set<Int>

    /// Creates the rules.
    public init(termStart: Int, termEnd: Int, indicators: [String: Indicator], takenNumbers: Set<Int>) {
        self.termStart = termStart
        self.termEnd = termEnd
        self.indicators = indicators
        self.takenNumbers = takenNumbers
    }

    /// The term's years. Every writer refuses a term that ends before it starts; a stored one
    /// that slipped by is read as its first year rather than trapping on a backwards range.
    public var term: ClosedRange<Int> { termStart...max(termStart, termEnd) }

    // MARK: - The rules

    /// The deadline must lie in the term.
    public static func deadline(_ year: Int, term: ClosedRange<Int>) -> TargetProblem? {
        guard !term.contains(year) else { return nil }
        return TargetProblem(
            field: .deadline,
            text:
                "Năm hạn \(year) nằm ngoài nhiệm kỳ \(term.lowerBound)–\(term.upperBound); hãy chọn một năm trong nhiệm kỳ (thường là \(term.upperBound))."
        )
    }

    /// Average growth needs a base year before the deadline.
    public static func baseYear(_ baseYear: Int, deadline: Int) -> TargetProblem? {
        guard baseYear >= deadline else { return nil }
        return TargetProblem(
            field: .baseYear,
            text: "Năm gốc \(baseYear) phải trước năm hạn \(deadline) để tính được tốc độ tăng trưởng bình quân.")
    }

    /// The years of a sum, an annual mean or an every-year target: in order, in the term
    /// (unknown: not checked) and ending by the deadline.
    public static func period(
        from: Int, to: Int, term: ClosedRange<Int>?, deadline: Int?, naming: some TargetFieldNaming
    ) -> TargetProblem? {
        if from > to {
            let example = term.map { "từ \(min($0.lowerBound + 1, $0.upperBound)) đến \($0.upperBound)" }
            return TargetProblem(
                field: .fromYear,
                text: "Năm bắt đầu \(from) sau năm kết thúc \(to); hãy đổi lại, ví dụ \(example ?? "từ 2026 đến 2030")."
            )
        }
        if let term, !term.contains(from) || !term.contains(to) {
            return TargetProblem(
                field: !term.contains(from) ? .fromYear : .toYear,
                text:
                    "Giai đoạn \(from)–\(to) nằm ngoài nhiệm kỳ \(term.lowerBound)–\(term.upperBound); hãy chọn các năm trong nhiệm kỳ."
            )
        }
        if let deadline, to > deadline {
            return TargetProblem(
                field: .toYear,
                text:
                    "Năm kết thúc \(to) sau năm hạn \(deadline); hãy sửa \(naming.name(of: .toYear)) hoặc \(naming.name(of: .deadline))."
            )
        }
        return nil
    }

    /// A "tỷ lệ đơn vị" target without a unit condition counts the units whose value is "có":
    /// its indicator must be a yes/no one.
    public static func shareWithoutUnitCondition(indicator: Indicator, naming: some TargetFieldNaming)
        -> TargetProblem?
    {
        guard indicator.valueType != .yesNo else { return nil }
        let field = TargetField.unitCondition(.kind)
        return TargetProblem(
            field: field,
            text:
                "Chỉ số “\(indicator.name)” không phải loại có/không; hãy chọn điều kiện để một đơn vị được tính là đạt\(naming.mention(field)) (ví dụ từ 95 trở lên) hoặc chọn một chỉ số kiểu có/không."
        )
    }

    /// The exceed bound of a floor lies above it, that of a ceiling below it.
    public static func exceedBound(_ exceed: Double, of kind: ConditionKind, level: Double) -> ConditionProblem? {
        let words: String
        switch kind {
        case .atLeast where exceed < level: words = "lớn hơn hoặc bằng mức tối thiểu"
        case .atMost where exceed > level: words = "nhỏ hơn hoặc bằng mức tối đa"
        default: return nil
        }
        return ConditionProblem(
            field: .exceedBound,
            text:
                "Mốc vượt phải \(words) \(numberText(level)); để trống nếu chỉ tiêu không có mức “vượt”.")
    }

    /// A level of a "tỷ lệ đơn vị" target is a percentage of units.
    public static func shareLevel(_ value: Double, _ part: ConditionPart) -> ConditionProblem? {
        guard value < 0 || value > 100 else { return nil }
        return ConditionProblem(
            field: part,
            text:
                "Tỷ lệ đơn vị đạt tính bằng %, phải từ 0 đến 100; ở đây là \(VietnameseNumber.format(value, maxDecimals: 2))."
        )
    }

    /// A range is written low end first; a decreasing target says so by its direction.
    public static func range(low: Double, high: Double, naming: some TargetFieldNaming) -> ConditionProblem? {
        guard low > high else { return nil }
        let (lowField, highField) = (TargetField.condition(.low), TargetField.condition(.high))
        return ConditionProblem(
            field: .low,
            text:
                "Cận dưới\(naming.mention(lowField)) (\(numberText(low))) lớn hơn cận trên\(naming.mention(highField)) (\(numberText(high))); hãy ghi số nhỏ ở \(naming.name(of: lowField)), số lớn ở \(naming.name(of: highField)) — chỉ tiêu giảm thì ghi số âm và chọn “càng thấp càng tốt” ở \(naming.name(of: .condition(.direction)))."
        )
    }

    /// A relative tolerance is a percentage of the bound below 100.
    public static func relativeTolerance(percent: Double) -> TargetProblem? {
        guard percent < 0 || percent >= 100 else { return nil }
        return TargetProblem(
            field: .tolerance,
            text: "Ngưỡng gần đạt tương đối tính bằng % của mức chỉ tiêu, phải từ 0 đến dưới 100; ví dụ 2.")
    }

    /// An absolute tolerance is not negative.
    public static func absoluteTolerance(_ amount: Double) -> TargetProblem? {
        guard amount < 0 else { return nil }
        return TargetProblem(field: .tolerance, text: "Ngưỡng gần đạt tuyệt đối không được âm; ví dụ 0,5.")
    }

    /// A number as messages and forms show it: the Vietnamese way ("25.000", "1,5", "-10").
    public static func numberText(_ value: Double) -> String {
        VietnameseNumber.format(value, maxDecimals: 6)
    }

    /// Reads a year typed in `text`, or says what is wrong; `what` names the year ("năm hạn").
    public static func year(_ text: String, what: String) -> Result<Int, NumberParseError> {
        let raw = text.trimmingCharacters(in: .whitespaces)
        if raw.isEmpty {
            return .failure(NumberParseError(message: "Hãy nhập \(what) (bốn chữ số, ví dụ 2030)."))
        }
        guard raw.count == 4, raw.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(raw),
            (1900...2200).contains(value)
        else {
            return .failure(
                NumberParseError(message: "“\(raw)” không phải là năm; hãy nhập \(what) bốn chữ số, ví dụ 2030."))
        }
        return .success(value)
    }
}
