import Foundation
import TiendoCore

/// The target form of the web site: the names of its inputs and the values of its choices
/// (Vietnamese without diacritics, as the site's paths), a target written into them, and the
/// posted inputs read through Core's ``TargetRules`` with each problem put next to its input.
enum TargetFormInput {
    /// The names of the form's inputs.
    enum Field {
        /// Số thứ tự.
        static let number = "so"
        /// Nhóm chỉ tiêu: a ``TargetGroup`` raw value.
        static let group = "nhom"
        /// Nội dung.
        static let wording = "noi-dung"
        /// Mã chỉ số.
        static let indicator = "chi-so"
        /// Cách tính: a ``MeasureKind``'s option value.
        static let measure = "cach-tinh"
        /// Năm gốc (tăng trưởng bình quân).
        static let baseYear = "nam-goc"
        /// Kiểu bình quân: "nhan" or "cong".
        static let averaging = "binh-quan"
        /// Từ năm (tổng, bình quân năm, hằng năm).
        static let fromYear = "tu-nam"
        /// Đến năm (tổng, bình quân năm, hằng năm).
        static let toYear = "den-nam"
        /// The condition a unit must meet to be counted (tỷ lệ đơn vị); see ``ConditionField``.
        static let unitConditionPrefix = "dv-"
        /// The target's condition; see ``ConditionField``.
        static let conditionPrefix = "dk-"
        /// Năm hạn.
        static let deadline = "han"
        /// Số liệu gốc.
        static let baseline = "goc"
        /// Ngưỡng gần đạt: "" (mức chung), "tuong-doi" or "tuyet-doi".
        static let toleranceKind = "gan-dat-loai"
        /// The tolerance's amount.
        static let tolerance = "gan-dat"
        /// Số chữ số thập phân.
        static let decimals = "thap-phan"

        /// The check box that counts units of `kind` (tỷ lệ đơn vị); "1" when ticked.
        static func unitKind(_ kind: UnitKind) -> String { "loai-" + kind.rawValue }
    }

    /// The inputs of a condition, after its prefix ("dk-", "dv-", …).
    enum ConditionField {
        /// The form of the condition: a ``ConditionKind``'s value.
        static let kind = "loai"
        /// The level of "tối thiểu", "tối đa" and "kế hoạch".
        static let value = "muc"
        /// The optional exceed bound of "tối thiểu" and "tối đa".
        static let exceedBound = "vuot"
        /// The low end of a range.
        static let low = "tu"
        /// The high end of a range.
        static let high = "den"
        /// The direction of a range: "cao" (higher is better) or "thap".
        static let direction = "huong"

        /// The input of `part`.
        static func name(_ part: ConditionPart) -> String {
            switch part {
            case .kind: return kind
            case .value: return value
            case .exceedBound: return exceedBound
            case .low: return low
            case .high: return high
            case .direction: return direction
            }
        }
    }

    /// What the fields are checked against.
    typealias Rules = TargetRules

    /// What reading the posted inputs gave.
    struct Reading: Sendable {
        /// The target, when no input has a problem.
        var target: Target?
        /// What is wrong, by input name.
        var problems: FieldMessages
        /// How ambiguous numbers were read ("“25.000” được hiểu là 25.000 …"), by input name.
        var notes: FieldMessages
    }

    // MARK: - Choices

    /// The value of the measure option `kind`.
    static func value(of kind: MeasureKind) -> String {
        switch kind {
        case .level: return "muc-dat"
        case .averageGrowth: return "tang-truong"
        case .averageChange: return "thay-doi"
        case .sum: return "tong"
        case .annualMean: return "binh-quan-nam"
        case .everyYear: return "hang-nam"
        case .shareOfUnits: return "ty-le-don-vi"
        }
    }

    /// The value of the condition option `kind`.
    static func value(of kind: ConditionKind) -> String {
        switch kind {
        case .atLeast: return "toi-thieu"
        case .atMost: return "toi-da"
        case .between: return "khoang"
        case .plan: return "ke-hoach"
        }
    }

    // MARK: - Names

    /// The input a problem about `field` is shown next to.
    static func name(of field: TargetField) -> String {
        switch field {
        case .number: return Field.number
        case .group: return Field.group
        case .wording: return Field.wording
        case .indicator: return Field.indicator
        case .measure: return Field.measure
        case .baseYear: return Field.baseYear
        case .averaging: return Field.averaging
        case .fromYear: return Field.fromYear
        case .toYear: return Field.toYear
        case .unitKind(let kind): return Field.unitKind(kind)
        case .unitCondition(let part): return Field.unitConditionPrefix + ConditionField.name(part)
        case .condition(let part): return Field.conditionPrefix + ConditionField.name(part)
        case .deadline: return Field.deadline
        case .baseline: return Field.baseline
        case .toleranceKind: return Field.toleranceKind
        case .tolerance: return Field.tolerance
        case .decimals: return Field.decimals
        }
    }

    // MARK: - Writing

    /// The fields of a new target of a resolution with term `termStart`–`termEnd`.
    static func defaultFields(termStart: Int, termEnd: Int, number: Int?) -> [String: String] {
        fields(TargetDraft(termStart: termStart, termEnd: termEnd, number: number))
    }

    /// The fields showing `target`, over the defaults for the term.
    static func fields(for target: Target, termStart: Int, termEnd: Int) -> [String: String] {
        fields(TargetDraft(target, termStart: termStart, termEnd: termEnd))
    }

    /// The fields showing `draft`; what was not typed is left out.
    static func fields(_ draft: TargetDraft) -> [String: String] {
        var fields: [String: String] = [
            Field.measure: value(of: draft.measure ?? .level),
            Field.deadline: draft.deadline,
            Field.baseYear: draft.baseYear,
            Field.averaging: draft.geometric == false ? "cong" : "nhan",
            Field.fromYear: draft.fromYear,
            Field.toYear: draft.toYear,
            Field.unitConditionPrefix + ConditionField.direction: "cao",
        ]
        let typed = [
            (Field.number, draft.number), (Field.wording, draft.wording), (Field.indicator, draft.indicatorCode),
            (Field.baseline, draft.baseline), (Field.tolerance, draft.tolerance), (Field.decimals, draft.decimals),
        ]
        for (name, text) in typed where !text.isEmpty { fields[name] = text }
        if let group = draft.group { fields[Field.group] = group.rawValue }
        for kind in draft.unitKinds { fields[Field.unitKind(kind)] = "1" }
        if draft.measure == .shareOfUnits {
            fields.merge(conditionFields(draft.unitCondition, prefix: Field.unitConditionPrefix)) { _, new in new }
        }
        fields.merge(conditionFields(draft.condition, prefix: Field.conditionPrefix)) { _, new in new }
        switch draft.toleranceKind {
        case .relative?: fields[Field.toleranceKind] = "tuong-doi"
        case .absolute?: fields[Field.toleranceKind] = "tuyet-doi"
        case .general?, nil: fields[Field.toleranceKind] = ""
        }
        return fields
    }

    /// The fields showing `condition` under `prefix`; no condition leaves the kind empty.
    static func conditionFields(_ condition: Condition?, prefix: String) -> [String: String] {
        conditionFields(condition.map { ConditionDraft($0) }, prefix: prefix)
    }

    /// The fields showing `draft` under `prefix`; no draft leaves the kind empty.
    static func conditionFields(_ draft: ConditionDraft?, prefix: String) -> [String: String] {
        var fields = [prefix + ConditionField.direction: draft?.direction == .lowerIsBetter ? "thap" : "cao"]
        fields[prefix + ConditionField.kind] = draft?.kind.map { value(of: $0) } ?? ""
        for part in [ConditionPart.value, .exceedBound, .low, .high] {
            if let text = draft?.texts[part], !text.isEmpty { fields[prefix + ConditionField.name(part)] = text }
        }
        return fields
    }

    // MARK: - Reading

    /// Reads a target from the posted `fields`; the target is there only when no field has a
    /// problem.
    static func read(_ fields: [String: String], rules: TargetRules) -> Reading {
        let reading = rules.read(draft(fields))
        return Reading(
            target: reading.target, problems: reading.problems.mapFields(name(of:)),
            notes: reading.notes.mapFields(name(of:)))
    }

    /// The draft the posted `fields` hold; an unknown choice is left unchosen, for the rules to
    /// say so.
    static func draft(_ fields: [String: String]) -> TargetDraft {
        var draft = TargetDraft()
        draft.number = fields[Field.number] ?? ""
        draft.group = TargetGroup(rawValue: fields[Field.group] ?? "")
        draft.wording = fields[Field.wording] ?? ""
        draft.indicatorCode = fields[Field.indicator] ?? ""
        draft.measure = MeasureKind.allCases.first { value(of: $0) == fields[Field.measure] }
        draft.baseYear = fields[Field.baseYear] ?? ""
        switch fields[Field.averaging] ?? "nhan" {
        case "nhan", "": draft.geometric = true
        case "cong": draft.geometric = false
        default: draft.geometric = nil
        }
        draft.fromYear = fields[Field.fromYear] ?? ""
        draft.toYear = fields[Field.toYear] ?? ""
        draft.unitKinds = Set(TargetDraft.unitKindChoices.filter { fields[Field.unitKind($0)] == "1" })
        if !(fields[Field.unitConditionPrefix + ConditionField.kind] ?? "").isEmpty {
            draft.unitCondition = conditionDraft(fields, prefix: Field.unitConditionPrefix)
        }
        draft.condition = conditionDraft(fields, prefix: Field.conditionPrefix)
        draft.deadline = fields[Field.deadline] ?? ""
        draft.baseline = fields[Field.baseline] ?? ""
        switch fields[Field.toleranceKind] ?? "" {
        case "": draft.toleranceKind = .general
        case "tuong-doi": draft.toleranceKind = .relative
        case "tuyet-doi": draft.toleranceKind = .absolute
        default: draft.toleranceKind = nil
        }
        draft.tolerance = fields[Field.tolerance] ?? ""
        draft.decimals = fields[Field.decimals] ?? ""
        return draft
    }

    /// The condition posted under `prefix`.
    static func conditionDraft(_ fields: [String: String], prefix: String) -> ConditionDraft {
        func text(_ part: ConditionPart) -> String { fields[prefix + ConditionField.name(part)] ?? "" }
        let direction: Direction?
        switch fields[prefix + ConditionField.direction] ?? "cao" {
        case "thap": direction = .lowerIsBetter
        case "cao", "": direction = .higherIsBetter
        default: direction = nil
        }
        let parts: [ConditionPart] = [.value, .exceedBound, .low, .high]
        return ConditionDraft(
            kind: ConditionKind.allCases.first { value(of: $0) == text(.kind) },
            texts: Dictionary(uniqueKeysWithValues: parts.map { ($0, text($0)) }), direction: direction)
    }
}
