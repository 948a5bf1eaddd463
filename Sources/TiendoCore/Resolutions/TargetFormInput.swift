import Foundation

/// A target as an office fills it in on screen: the names of the form's fields, a target
/// written into them, and the fields read back into a ``Target`` with every problem in
/// Vietnamese next to its field. The measures, conditions and checks are those of the YAML
/// import (docs/resolution-yaml.md, sections 4–6), so a target set up on screen and one
/// imported from a file mean the same thing.
public enum TargetFormInput {
    /// The names of the form's fields (Vietnamese without diacritics, as the site's paths).
    public enum Field {
        /// Số thứ tự.
        public static let number = "so"
        /// Nhóm chỉ tiêu: a ``TargetGroup`` raw value.
        public static let group = "nhom"
        /// Nội dung.
        public static let wording = "noi-dung"
        /// Mã chỉ số.
        public static let indicator = "chi-so"
        /// Cách tính: a ``MeasureChoice`` raw value.
        public static let measure = "cach-tinh"
        /// Năm gốc (tăng trưởng bình quân).
        public static let baseYear = "nam-goc"
        /// Kiểu bình quân: "nhan" or "cong".
        public static let averaging = "binh-quan"
        /// Từ năm (tổng, bình quân năm, hằng năm).
        public static let fromYear = "tu-nam"
        /// Đến năm (tổng, bình quân năm, hằng năm).
        public static let toYear = "den-nam"
        /// The condition a unit must meet to be counted (tỷ lệ đơn vị); see ``ConditionField``.
        public static let unitConditionPrefix = "dv-"
        /// The target's condition; see ``ConditionField``.
        public static let conditionPrefix = "dk-"
        /// Năm hạn.
        public static let deadline = "han"
        /// Số liệu gốc.
        public static let baseline = "goc"
        /// Ngưỡng gần đạt: "" (mức chung), "tuong-doi" or "tuyet-doi".
        public static let toleranceKind = "gan-dat-loai"
        /// The tolerance's amount.
        public static let tolerance = "gan-dat"
        /// Số chữ số thập phân.
        public static let decimals = "thap-phan"

        /// The check box that counts units of `kind` (tỷ lệ đơn vị); "1" when ticked.
        public static func unitKind(_ kind: UnitKind) -> String { "loai-" + kind.rawValue }
    }

    /// The fields of a condition, after its prefix ("dk-", "dv-", …).
    public enum ConditionField {
        /// The form of the condition: a ``ConditionChoice`` raw value.
        public static let kind = "loai"
        /// The level of "tối thiểu", "tối đa" and "kế hoạch".
        public static let value = "muc"
        /// The optional exceed bound of "tối thiểu" and "tối đa".
        public static let exceedBound = "vuot"
        /// The low end of a range.
        public static let low = "tu"
        /// The high end of a range.
        public static let high = "den"
        /// The direction of a range: "cao" (higher is better) or "thap".
        public static let direction = "huong"
    }

    /// The six measures as the form offers them.
    public enum MeasureChoice: String, CaseIterable, Sendable {
        case level = "muc-dat"
        case averageGrowth = "tang-truong"
        case sum = "tong"
        case annualMean = "binh-quan-nam"
        case everyYear = "hang-nam"
        case shareOfUnits = "ty-le-don-vi"

        /// The choice a measure is shown as.
        public init(_ measure: Measure) {
            switch measure {
            case .level: self = .level
            case .averageGrowth: self = .averageGrowth
            case .sum: self = .sum
            case .annualMean: self = .annualMean
            case .everyYear: self = .everyYear
            case .shareOfUnits: self = .shareOfUnits
            }
        }

        /// The name, as the YAML format names it.
        public var vietnameseName: String {
            switch self {
            case .level: return "Mức đạt"
            case .averageGrowth: return "Tăng trưởng bình quân"
            case .sum: return "Tổng"
            case .annualMean: return "Bình quân năm"
            case .everyYear: return "Hằng năm"
            case .shareOfUnits: return "Tỷ lệ đơn vị"
            }
        }

        /// What it compares, in a few words.
        public var hint: String {
            switch self {
            case .level: return "giá trị chỉ số tại kỳ đánh giá"
            case .averageGrowth: return "tốc độ tăng bình quân mỗi năm, %/năm"
            case .sum: return "cộng dồn các năm"
            case .annualMean: return "trung bình mỗi năm"
            case .everyYear: return "năm nào cũng phải đạt"
            case .shareOfUnits: return "tỷ lệ % đơn vị trực thuộc đạt yêu cầu"
            }
        }
    }

    /// The four ways of writing a condition.
    public enum ConditionChoice: String, CaseIterable, Sendable {
        case atLeast = "toi-thieu"
        case atMost = "toi-da"
        case between = "khoang"
        case plan = "ke-hoach"

        /// The choice a condition is shown as: a floor whose exceed bound is the floor itself
        /// is a plan figure.
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

    /// The kinds of child unit a "tỷ lệ đơn vị" target may count, as the YAML format lists them.
    public static let unitKindChoices: [UnitKind] = [.xa, .phuong, .dacKhu, .thon, .toDanPho, .chiBo, .dangBo]

    /// What the fields are checked against.
    public struct Rules: Sendable {
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
    }

    /// What reading the fields gave.
    public struct Reading: Sendable {
        /// The target, when no field has a problem.
        public var target: Target?
        /// What is wrong, field by field.
        public var problems: FieldMessages
        /// How ambiguous numbers were read ("“25.000” được hiểu là 25.000 …"), field by field.
        public var notes: FieldMessages
    }

    // MARK: - Writing

    /// The fields of a new target of a resolution with term `termStart`–`termEnd`: the defaults
    /// of the YAML format (level, deadline at the end of the term, growth from the first year,
    /// sums from the year after it).
    public static func defaultFields(termStart: Int, termEnd: Int, number: Int?) -> [String: String] {
        let c = Field.conditionPrefix
        var fields: [String: String] = [
            Field.measure: MeasureChoice.level.rawValue,
            Field.deadline: String(termEnd),
            Field.baseYear: String(termStart),
            Field.averaging: "nhan",
            Field.fromYear: String(min(termStart + 1, termEnd)),
            Field.toYear: String(termEnd),
            c + ConditionField.kind: ConditionChoice.atLeast.rawValue,
            c + ConditionField.direction: "cao",
            Field.unitConditionPrefix + ConditionField.direction: "cao",
        ]
        if let number { fields[Field.number] = String(number) }
        return fields
    }

    /// The fields showing `target`, over the defaults for the term (so that switching the
    /// measure on screen finds sensible years).
    public static func fields(for target: Target, termStart: Int, termEnd: Int) -> [String: String] {
        var fields = defaultFields(termStart: termStart, termEnd: termEnd, number: target.number)
        fields[Field.group] = target.group.rawValue
        fields[Field.wording] = target.wording
        fields[Field.indicator] = target.indicatorCode
        fields[Field.measure] = MeasureChoice(target.measure).rawValue
        fields[Field.deadline] = String(target.deadlineYear)
        switch target.measure {
        case .level: break
        case .averageGrowth(let baseYear, let geometric):
            fields[Field.baseYear] = String(baseYear)
            fields[Field.averaging] = geometric ? "nhan" : "cong"
        case .sum(let from, let to), .annualMean(let from, let to), .everyYear(let from, let to):
            fields[Field.fromYear] = String(from)
            fields[Field.toYear] = String(to)
        case .shareOfUnits(let unitCondition, let kinds):
            for kind in kinds ?? [] { fields[Field.unitKind(kind)] = "1" }
            fields.merge(conditionFields(unitCondition, prefix: Field.unitConditionPrefix)) { _, new in new }
        }
        fields.merge(conditionFields(target.condition, prefix: Field.conditionPrefix)) { _, new in new }
        if let baseline = target.baseline { fields[Field.baseline] = numberText(baseline) }
        switch target.tolerance {
        case .relative(let fraction)?:
            fields[Field.toleranceKind] = "tuong-doi"
            fields[Field.tolerance] = numberText(fraction * 100)
        case .absolute(let amount)?:
            fields[Field.toleranceKind] = "tuyet-doi"
            fields[Field.tolerance] = numberText(amount)
        case nil:
            fields[Field.toleranceKind] = ""
        }
        if let decimals = target.decimals { fields[Field.decimals] = String(decimals) }
        return fields
    }

    /// The fields showing `condition` under `prefix`; no condition leaves the kind empty.
    public static func conditionFields(_ condition: Condition?, prefix: String) -> [String: String] {
        var fields = [prefix + ConditionField.direction: "cao"]
        guard let condition else {
            fields[prefix + ConditionField.kind] = ""
            return fields
        }
        fields[prefix + ConditionField.kind] = ConditionChoice(condition).rawValue
        switch condition {
        case .atLeast(let value, let exceedBound), .atMost(let value, let exceedBound):
            fields[prefix + ConditionField.value] = numberText(value)
            if let exceedBound, ConditionChoice(condition) != .plan {
                fields[prefix + ConditionField.exceedBound] = numberText(exceedBound)
            }
        case .between(let low, let high, let direction):
            fields[prefix + ConditionField.low] = numberText(low)
            fields[prefix + ConditionField.high] = numberText(high)
            fields[prefix + ConditionField.direction] = direction == .lowerIsBetter ? "thap" : "cao"
        }
        return fields
    }

    /// A number as the form shows it: the Vietnamese way, as written ("25.000", "1,5", "-10").
    public static func numberText(_ value: Double) -> String {
        VietnameseNumber.format(value, maxDecimals: 6)
    }

    // MARK: - Reading

    /// Reads a target from the posted `fields`; the target is there only when no field has a
    /// problem. Fields of the measures and conditions not chosen are ignored.
    public static func read(_ fields: [String: String], rules: Rules) -> Reading {
        var input = Input(fields: fields)
        let target = input.target(rules)
        return Reading(target: input.problems.isEmpty ? target : nil, problems: input.problems, notes: input.notes)
    }

    /// Reads the condition under `prefix` ("dk-", or the prefix of a revised target), adding
    /// its problems and notes; nil when it has a problem. `isShare` checks the levels as a
    /// percentage of units (0–100).
    public static func readCondition(
        _ fields: [String: String], prefix: String, isShare: Bool, problems: inout FieldMessages,
        notes: inout FieldMessages
    ) -> Condition? {
        var input = Input(fields: fields)
        let condition = input.condition(prefix: prefix, optional: false, isShare: isShare).condition
        for message in input.problems.messages { problems.add(message.field, message.text) }
        for message in input.notes.messages { notes.add(message.field, message.text) }
        return condition
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

/// The reading of one form: the fields, and what was found wrong or ambiguous.
private struct Input {
    typealias Field = TargetFormInput.Field
    typealias ConditionField = TargetFormInput.ConditionField

    let fields: [String: String]
    var problems = FieldMessages()
    var notes = FieldMessages()

    init(fields: [String: String]) { self.fields = fields }

    func text(_ name: String) -> String {
        VietnameseText.normalizedName(fields[name] ?? "")
    }

    mutating func number(_ name: String, required: String?) -> Double? {
        let raw = text(name)
        if raw.isEmpty {
            if let required { problems.add(name, required) }
            return nil
        }
        switch VietnameseNumber.parse(raw) {
        case .failure(let error):
            problems.add(name, error.message)
            return nil
        case .success(let parsed):
            if let assumption = parsed.assumption { notes.add(name, assumption) }
            return parsed.value
        }
    }

    mutating func year(_ name: String, what: String) -> Int? {
        switch TargetFormInput.year(text(name), what: what) {
        case .success(let value): return value
        case .failure(let error):
            problems.add(name, error.message)
            return nil
        }
    }

    mutating func target(_ rules: TargetFormInput.Rules) -> Target? {
        // Every writer refuses a term that ends before it starts; a stored one that slipped by
        // is read as its first year rather than trapping on a backwards range.
        let term = rules.termStart...max(rules.termStart, rules.termEnd)
        let termText = "\(rules.termStart)–\(rules.termEnd)"

        var targetNumber: Int?
        let numberText = text(Field.number)
        if numberText.isEmpty {
            problems.add(Field.number, "Hãy nhập số thứ tự của chỉ tiêu trong nghị quyết (từ 1 đến 999).")
        } else if let value = Int(numberText), (1...999).contains(value) {
            if rules.takenNumbers.contains(value) {
                problems.add(
                    Field.number, "Số \(value) đã là số của một chỉ tiêu khác trong nghị quyết này; hãy chọn số khác.")
            } else {
                targetNumber = value
            }
        } else {
            problems.add(Field.number, "Số chỉ tiêu phải là số nguyên từ 1 đến 999, ví dụ 3.")
        }

        let group = TargetGroup(rawValue: fields[Field.group] ?? "")
        if group == nil { problems.add(Field.group, "Hãy chọn nhóm chỉ tiêu.") }

        let wording = text(Field.wording)
        if wording.isEmpty {
            problems.add(Field.wording, "Hãy nhập nội dung chỉ tiêu, ghi nguyên văn như trong nghị quyết.")
        }

        let code = (fields[Field.indicator] ?? "").trimmingCharacters(in: .whitespaces)
        let indicator = rules.indicators[code]
        if code.isEmpty {
            problems.add(Field.indicator, "Hãy chọn chỉ số dùng để đo chỉ tiêu.")
        } else if indicator == nil {
            problems.add(
                Field.indicator, "Chỉ số “\(code)” chưa có trong hệ thống; hãy chọn một chỉ số trong danh sách.")
        }

        let deadline = year(Field.deadline, what: "năm hạn")
        if let deadline, !term.contains(deadline) {
            problems.add(
                Field.deadline,
                "Năm hạn \(deadline) nằm ngoài nhiệm kỳ \(termText); hãy chọn một năm trong nhiệm kỳ (thường là \(rules.termEnd))."
            )
        }

        let measure = self.measure(rules, deadline: deadline, indicator: indicator)
        // The chosen measure, even when its own fields have problems, so every problem shows at once.
        let isShare = fields[Field.measure] == TargetFormInput.MeasureChoice.shareOfUnits.rawValue
        let condition = self.condition(prefix: Field.conditionPrefix, optional: false, isShare: isShare).condition

        let baseline = number(Field.baseline, required: nil)
        let tolerance = self.tolerance()
        var decimals: Int?
        let decimalsText = text(Field.decimals)
        if !decimalsText.isEmpty {
            if let value = Int(decimalsText), (0...6).contains(value) {
                decimals = value
            } else {
                problems.add(
                    Field.decimals, "Số chữ số thập phân phải là số nguyên từ 0 đến 6; để trống thì dùng mặc định.")
            }
        }

        guard let targetNumber, let group, !wording.isEmpty, indicator != nil, let measure, let condition,
            let deadline
        else { return nil }
        return Target(
            number: targetNumber, group: group, wording: wording, indicatorCode: code, measure: measure,
            condition: condition, deadlineYear: deadline, baseline: baseline, tolerance: tolerance, decimals: decimals)
    }

    mutating func measure(_ rules: TargetFormInput.Rules, deadline: Int?, indicator: Indicator?) -> Measure? {
        guard let choice = TargetFormInput.MeasureChoice(rawValue: fields[Field.measure] ?? "") else {
            problems.add(Field.measure, "Hãy chọn cách tính.")
            return nil
        }
        let termText = "\(rules.termStart)–\(rules.termEnd)"
        switch choice {
        case .level:
            return .level

        case .averageGrowth:
            let baseYear = year(Field.baseYear, what: "năm gốc")
            let geometric: Bool
            switch fields[Field.averaging] ?? "nhan" {
            case "nhan", "": geometric = true
            case "cong": geometric = false
            default:
                problems.add(Field.averaging, "Hãy chọn bình quân nhân hoặc bình quân cộng.")
                return nil
            }
            guard let baseYear else { return nil }
            if let deadline, baseYear >= deadline {
                problems.add(
                    Field.baseYear,
                    "Năm gốc \(baseYear) phải trước năm hạn \(deadline) để tính được tốc độ tăng trưởng bình quân.")
                return nil
            }
            return .averageGrowth(baseYear: baseYear, geometric: geometric)

        case .sum, .annualMean, .everyYear:
            let from = year(Field.fromYear, what: "năm bắt đầu")
            let to = year(Field.toYear, what: "năm kết thúc")
            guard let from, let to else { return nil }
            if from > to {
                problems.add(
                    Field.fromYear,
                    "Năm bắt đầu \(from) sau năm kết thúc \(to); hãy đổi lại, ví dụ từ \(min(rules.termStart + 1, rules.termEnd)) đến \(rules.termEnd)."
                )
                return nil
            }
            let term = rules.termStart...max(rules.termStart, rules.termEnd)  // see `target(_:)`
            if !term.contains(from) || !term.contains(to) {
                problems.add(
                    !term.contains(from) ? Field.fromYear : Field.toYear,
                    "Giai đoạn \(from)–\(to) nằm ngoài nhiệm kỳ \(termText); hãy chọn các năm trong nhiệm kỳ.")
                return nil
            }
            if let deadline, to > deadline {
                problems.add(
                    Field.toYear, "Năm kết thúc \(to) sau năm hạn \(deadline); hãy sửa năm kết thúc hoặc năm hạn.")
                return nil
            }
            switch choice {
            case .sum: return .sum(fromYear: from, toYear: to)
            case .annualMean: return .annualMean(fromYear: from, toYear: to)
            default: return .everyYear(fromYear: from, toYear: to)
            }

        case .shareOfUnits:
            let kinds = Set(TargetFormInput.unitKindChoices.filter { fields[Field.unitKind($0)] == "1" })
            let unit = condition(prefix: Field.unitConditionPrefix, optional: true, isShare: false)
            guard unit.ok else { return nil }
            if unit.condition == nil, let indicator, indicator.valueType != .yesNo {
                problems.add(
                    Field.unitConditionPrefix + ConditionField.kind,
                    "Chỉ số “\(indicator.name)” không phải loại có/không; hãy chọn điều kiện để một đơn vị được tính là đạt (ví dụ từ 95 trở lên) hoặc chọn một chỉ số kiểu có/không."
                )
                return nil
            }
            return .shareOfUnits(unitCondition: unit.condition, unitKinds: kinds.isEmpty ? nil : kinds)
        }
    }

    /// The condition under `prefix`; `optional` accepts no condition at all (nil and ok).
    mutating func condition(prefix: String, optional: Bool, isShare: Bool) -> (condition: Condition?, ok: Bool) {
        let kindField = prefix + ConditionField.kind
        let kindText = fields[kindField] ?? ""
        if kindText.isEmpty && optional { return (nil, true) }
        guard let choice = TargetFormInput.ConditionChoice(rawValue: kindText) else {
            problems.add(kindField, "Hãy chọn cách ghi mức cần đạt: tối thiểu, tối đa, khoảng hoặc kế hoạch.")
            return (nil, false)
        }
        let valueField = prefix + ConditionField.value
        let before = problems.count
        func checkShare(_ value: Double?, _ field: String) {
            guard isShare, let value, value < 0 || value > 100 else { return }
            problems.add(
                field,
                "Tỷ lệ đơn vị đạt tính bằng %, phải từ 0 đến 100; ở đây là \(VietnameseNumber.format(value, maxDecimals: 2))."
            )
        }
        let condition: Condition?
        switch choice {
        case .atLeast, .atMost:
            let value = number(valueField, required: "Hãy nhập mức cần đạt, ví dụ 100.")
            let exceedField = prefix + ConditionField.exceedBound
            let exceed = number(exceedField, required: nil)
            checkShare(value, valueField)
            guard let value else { return (nil, false) }
            if let exceed, choice == .atLeast, exceed < value {
                problems.add(
                    exceedField,
                    "Mốc vượt phải lớn hơn hoặc bằng mức tối thiểu \(TargetFormInput.numberText(value)); để trống nếu chỉ tiêu không có mức “vượt”."
                )
            }
            if let exceed, choice == .atMost, exceed > value {
                problems.add(
                    exceedField,
                    "Mốc vượt phải nhỏ hơn hoặc bằng mức tối đa \(TargetFormInput.numberText(value)); để trống nếu chỉ tiêu không có mức “vượt”."
                )
            }
            condition =
                choice == .atLeast ? .atLeast(value, exceedBound: exceed) : .atMost(value, exceedBound: exceed)
        case .plan:
            let value = number(valueField, required: "Hãy nhập số kế hoạch, ví dụ 25.000.")
            checkShare(value, valueField)
            condition = value.map { .plan($0) }
        case .between:
            let lowField = prefix + ConditionField.low
            let highField = prefix + ConditionField.high
            let low = number(lowField, required: "Hãy nhập cận dưới của khoảng, ví dụ 10.")
            let high = number(highField, required: "Hãy nhập cận trên của khoảng, ví dụ 11.")
            checkShare(low, lowField)
            checkShare(high, highField)
            let direction: Direction
            switch fields[prefix + ConditionField.direction] ?? "cao" {
            case "thap": direction = .lowerIsBetter
            case "cao", "": direction = .higherIsBetter
            default:
                problems.add(prefix + ConditionField.direction, "Hãy chọn càng cao càng tốt hoặc càng thấp càng tốt.")
                return (nil, false)
            }
            guard let low, let high else { return (nil, false) }
            if low > high {
                problems.add(
                    lowField,
                    "Cận dưới (\(TargetFormInput.numberText(low))) lớn hơn cận trên (\(TargetFormInput.numberText(high))); hãy ghi số nhỏ ở ô “từ”, số lớn ở ô “đến” — chỉ tiêu giảm thì ghi số âm và chọn “càng thấp càng tốt”."
                )
            }
            condition = .between(low: low, high: high, direction: direction)
        }
        return problems.count == before ? (condition, condition != nil) : (nil, false)
    }

    mutating func tolerance() -> Tolerance? {
        switch fields[Field.toleranceKind] ?? "" {
        case "":
            return nil
        case "tuong-doi":
            guard
                let percent = number(
                    Field.tolerance, required: "Hãy nhập ngưỡng gần đạt tính bằng % của mức chỉ tiêu, ví dụ 2.")
            else { return nil }
            guard percent >= 0 && percent < 100 else {
                problems.add(
                    Field.tolerance,
                    "Ngưỡng gần đạt tương đối tính bằng % của mức chỉ tiêu, phải từ 0 đến dưới 100; ví dụ 2.")
                return nil
            }
            return .relative(percent / 100)
        case "tuyet-doi":
            guard
                let amount = number(
                    Field.tolerance, required: "Hãy nhập ngưỡng gần đạt theo đơn vị của kết quả, ví dụ 0,5.")
            else { return nil }
            guard amount >= 0 else {
                problems.add(Field.tolerance, "Ngưỡng gần đạt tuyệt đối không được âm; ví dụ 0,5.")
                return nil
            }
            return .absolute(amount)
        default:
            problems.add(Field.toleranceKind, "Hãy chọn mức chung, tương đối hoặc tuyệt đối.")
            return nil
        }
    }
}
