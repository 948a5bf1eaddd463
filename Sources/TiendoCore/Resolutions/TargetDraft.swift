import Foundation

/// A condition as a person fills it in: its kind, and its numbers as typed.
public struct ConditionDraft: Hashable, Sendable {
    /// The kind chosen; nil when none (or an unknown one) was chosen.
    public var kind: ConditionKind?
    /// What was typed for the level, the exceed bound and the ends of a range, by part.
    public var texts: [ConditionPart: String]
    /// The direction of a range; nil when an unknown one was chosen.
    public var direction: Direction?

    /// Creates a draft.
    public init(kind: ConditionKind?, texts: [ConditionPart: String] = [:], direction: Direction? = .higherIsBetter) {
        self.kind = kind
        self.texts = texts
        self.direction = direction
    }

    /// The draft showing `condition`.
    public init(_ condition: Condition) {
        let kind = ConditionKind(condition)
        self.init(kind: kind)
        switch condition {
        case .atLeast(let value, let exceedBound), .atMost(let value, let exceedBound):
            texts[.value] = TargetRules.numberText(value)
            if let exceedBound, kind != .plan { texts[.exceedBound] = TargetRules.numberText(exceedBound) }
        case .between(let low, let high, let direction):
            texts[.low] = TargetRules.numberText(low)
            texts[.high] = TargetRules.numberText(high)
            self.direction = direction
        }
    }

    /// The text typed for `part`; empty when nothing was.
    public func text(_ part: ConditionPart) -> String { texts[part] ?? "" }
}

/// A target as a person fills it in on screen: choices typed, numbers and years as typed. The
/// defaults are those of the YAML format (level, deadline at the end of the term, growth from
/// the first year, sums from the year after it).
public struct TargetDraft: Hashable, Sendable {
    /// Số thứ tự, as typed.
    public var number = ""
    /// Nhóm chỉ tiêu; nil when none was chosen.
    public var group: TargetGroup?
    /// Nội dung.
    public var wording = ""
    /// Mã chỉ số.
    public var indicatorCode = ""
    /// Cách tính; nil when none was chosen.
    public var measure: MeasureKind? = .level
    /// Năm gốc, as typed.
    public var baseYear = ""
    /// Bình quân nhân (true) or cộng (false); nil when an unknown kind was chosen.
    public var geometric: Bool? = true
    /// Từ năm, as typed.
    public var fromYear = ""
    /// Đến năm, as typed.
    public var toYear = ""
    /// The kinds of unit ticked (tỷ lệ đơn vị).
    public var unitKinds: Set<UnitKind> = []
    /// The condition a unit must meet to be counted; nil: none (a yes/no indicator).
    public var unitCondition: ConditionDraft?
    /// The target's condition.
    public var condition = ConditionDraft(kind: .atLeast)
    /// Năm hạn, as typed.
    public var deadline = ""
    /// Số liệu gốc, as typed.
    public var baseline = ""
    /// Which tolerance; nil when an unknown kind was chosen.
    public var toleranceKind: ToleranceKind? = .general
    /// The tolerance's amount, as typed.
    public var tolerance = ""
    /// Số chữ số thập phân, as typed.
    public var decimals = ""

    /// The kinds of child unit a "tỷ lệ đơn vị" target may count, as the YAML format lists them.
    public static let unitKindChoices: [UnitKind] = [.xa, .phuong, .dacKhu, .thon, .toDanPho, .chiBo, .dangBo]

    /// An empty draft: nothing typed, the measure and the choices at their defaults.
    public init() {}

    /// A new target of a resolution with term `termStart`–`termEnd`.
    public init(termStart: Int, termEnd: Int, number: Int?) {
        self.number = number.map(String.init) ?? ""
        deadline = String(termEnd)
        baseYear = String(termStart)
        fromYear = String(min(termStart + 1, termEnd))
        toYear = String(termEnd)
    }

    /// The draft showing `target`, over the defaults for the term (so that switching the
    /// measure on screen finds sensible years).
    public init(_ target: Target, termStart: Int, termEnd: Int) {
        self.init(termStart: termStart, termEnd: termEnd, number: target.number)
        group = target.group
        wording = target.wording
        indicatorCode = target.indicatorCode
        measure = MeasureKind(target.measure)
        deadline = String(target.deadlineYear)
        switch target.measure {
        case .level: break
        case .averageGrowth(let baseYear, let geometric):
            self.baseYear = String(baseYear)
            self.geometric = geometric
        case .averageChange(let baseYear):
            self.baseYear = String(baseYear)
        case .sum(let from, let to), .annualMean(let from, let to), .everyYear(let from, let to):
            fromYear = String(from)
            toYear = String(to)
        case .shareOfUnits(let unitCondition, let kinds):
            unitKinds = kinds ?? []
            self.unitCondition = unitCondition.map { ConditionDraft($0) }
        }
        condition = ConditionDraft(target.condition)
        baseline = target.baseline.map(TargetRules.numberText) ?? ""
        switch target.tolerance {
        case .relative(let fraction)?:
            toleranceKind = .relative
            tolerance = TargetRules.numberText(fraction * 100)
        case .absolute(let amount)?:
            toleranceKind = .absolute
            tolerance = TargetRules.numberText(amount)
        case nil:
            toleranceKind = .general
        }
        decimals = target.decimals.map(String.init) ?? ""
    }
}

/// What reading a draft gave.
public struct TargetReading: Sendable {
    /// The target, when no field has a problem.
    public var target: Target?
    /// What is wrong, field by field.
    public var problems: FieldMessageList<TargetField>
    /// How ambiguous numbers were read ("“25.000” được hiểu là 25.000 …"), field by field.
    public var notes: FieldMessageList<TargetField>
}

extension TargetRules {
    /// Reads a target from `draft`; the target is there only when no field has a problem.
    /// Fields of the measures and conditions not chosen are ignored.
    public func read(_ draft: TargetDraft, naming: some TargetFieldNaming = FormFieldNaming()) -> TargetReading {
        var reader = DraftReader()
        let target = reader.target(draft, self, naming: naming)
        return TargetReading(
            target: reader.problems.isEmpty ? target : nil, problems: reader.problems, notes: reader.notes)
    }

    /// Reads `draft`, adding its problems and notes under `place` of each part; nil when it has a
    /// problem. `isShare` checks the levels as a percentage of units (0–100).
    public static func readCondition<Field>(
        _ draft: ConditionDraft, isShare: Bool, place: (ConditionPart) -> Field,
        problems: inout FieldMessageList<Field>, notes: inout FieldMessageList<Field>
    ) -> Condition? {
        var reader = DraftReader()
        let condition = reader.condition(draft, isShare: isShare, naming: FormFieldNaming(), in: TargetField.condition)
        // A condition's reading names only its own parts.
        func part(_ field: TargetField) -> ConditionPart {
            if case .condition(let part) = field { return part }
            return .kind
        }
        for message in reader.problems.messages { problems.add(place(part(message.field)), message.text) }
        for message in reader.notes.messages { notes.add(place(part(message.field)), message.text) }
        return condition
    }
}

/// The reading of one draft: what was found wrong or ambiguous.
private struct DraftReader {
    var problems = FieldMessageList<TargetField>()
    var notes = FieldMessageList<TargetField>()

    static func clean(_ text: String) -> String { VietnameseText.normalizedName(text) }

    mutating func add(_ problem: TargetProblem?) {
        if let problem { problems.add(problem) }
    }

    mutating func number(_ typed: String, _ field: TargetField, required: String?) -> Double? {
        let raw = Self.clean(typed)
        if raw.isEmpty {
            if let required { problems.add(field, required) }
            return nil
        }
        switch VietnameseNumber.parse(raw) {
        case .failure(let error):
            problems.add(field, error.message)
            return nil
        case .success(let parsed):
            if let assumption = parsed.assumption { notes.add(field, assumption) }
            return parsed.value
        }
    }

    mutating func year(_ typed: String, _ field: TargetField, what: String) -> Int? {
        switch TargetRules.year(Self.clean(typed), what: what) {
        case .success(let value): return value
        case .failure(let error):
            problems.add(field, error.message)
            return nil
        }
    }

    mutating func target(_ draft: TargetDraft, _ rules: TargetRules, naming: some TargetFieldNaming) -> Target? {
        var targetNumber: Int?
        let numberText = Self.clean(draft.number)
        if numberText.isEmpty {
            problems.add(.number, "Hãy nhập số thứ tự của chỉ tiêu trong nghị quyết (từ 1 đến 999).")
        } else if let value = Int(numberText), (1...999).contains(value) {
            if rules.takenNumbers.contains(value) {
                problems.add(
                    .number, "Số \(value) đã là số của một chỉ tiêu khác trong nghị quyết này; hãy chọn số khác.")
            } else {
                targetNumber = value
            }
        } else {
            problems.add(.number, "Số chỉ tiêu phải là số nguyên từ 1 đến 999, ví dụ 3.")
        }

        if draft.group == nil { problems.add(.group, "Hãy chọn nhóm chỉ tiêu.") }

        let wording = Self.clean(draft.wording)
        if wording.isEmpty {
            problems.add(.wording, "Hãy nhập nội dung chỉ tiêu, ghi nguyên văn như trong nghị quyết.")
        }

        let code = draft.indicatorCode.trimmingCharacters(in: .whitespaces)
        let indicator = rules.indicators[code]
        if code.isEmpty {
            problems.add(.indicator, "Hãy chọn chỉ số dùng để đo chỉ tiêu.")
        } else if indicator == nil {
            problems.add(.indicator, "Chỉ số “\(code)” chưa có trong hệ thống; hãy chọn một chỉ số trong danh sách.")
        }

        let deadline = year(draft.deadline, .deadline, what: "năm hạn")
        if let deadline { add(TargetRules.deadline(deadline, term: rules.term)) }

        let measure = self.measure(draft, rules, deadline: deadline, indicator: indicator, naming: naming)
        // The chosen measure, even when its own fields have problems, so every problem shows at once.
        let condition = self.condition(
            draft.condition, isShare: draft.measure == .shareOfUnits, naming: naming, in: TargetField.condition)

        let baseline = number(draft.baseline, .baseline, required: nil)
        let tolerance = self.tolerance(draft)
        var decimals: Int?
        let decimalsText = Self.clean(draft.decimals)
        if !decimalsText.isEmpty {
            if let value = Int(decimalsText), (0...6).contains(value) {
                decimals = value
            } else {
                problems.add(
                    .decimals, "Số chữ số thập phân phải là số nguyên từ 0 đến 6; để trống thì dùng mặc định.")
            }
        }

        guard let targetNumber, let group = draft.group, !wording.isEmpty, indicator != nil, let measure,
            let condition, let deadline
        else { return nil }
        return Target(
            number: targetNumber, group: group, wording: wording, indicatorCode: code, measure: measure,
            condition: condition, deadlineYear: deadline, baseline: baseline, tolerance: tolerance, decimals: decimals)
    }

    mutating func measure(
        _ draft: TargetDraft, _ rules: TargetRules, deadline: Int?, indicator: Indicator?,
        naming: some TargetFieldNaming
    ) -> Measure? {
        guard let kind = draft.measure else {
            problems.add(.measure, "Hãy chọn cách tính.")
            return nil
        }
        switch kind {
        case .level:
            return .level

        case .averageGrowth:
            let baseYear = year(draft.baseYear, .baseYear, what: "năm gốc")
            guard let geometric = draft.geometric else {
                problems.add(.averaging, "Hãy chọn bình quân nhân hoặc bình quân cộng.")
                return nil
            }
            guard let baseYear else { return nil }
            if let deadline, let problem = TargetRules.baseYear(baseYear, deadline: deadline) {
                add(problem)
                return nil
            }
            return .averageGrowth(baseYear: baseYear, geometric: geometric)

        case .averageChange:
            guard let baseYear = year(draft.baseYear, .baseYear, what: "năm gốc") else { return nil }
            if let deadline, let problem = TargetRules.baseYear(baseYear, deadline: deadline) {
                add(problem)
                return nil
            }
            return .averageChange(baseYear: baseYear)

        case .sum, .annualMean, .everyYear:
            let from = year(draft.fromYear, .fromYear, what: "năm bắt đầu")
            let to = year(draft.toYear, .toYear, what: "năm kết thúc")
            guard let from, let to else { return nil }
            if let problem = TargetRules.period(
                from: from, to: to, term: rules.term, deadline: deadline, naming: naming)
            {
                add(problem)
                return nil
            }
            return kind.over(fromYear: from, toYear: to)

        case .shareOfUnits:
            var unitCondition: Condition?
            if let unitDraft = draft.unitCondition {
                guard
                    let read = condition(unitDraft, isShare: false, naming: naming, in: TargetField.unitCondition)
                else { return nil }
                unitCondition = read
            } else if let indicator,
                let problem = TargetRules.shareWithoutUnitCondition(indicator: indicator, naming: naming)
            {
                add(problem)
                return nil
            }
            let kinds = draft.unitKinds.intersection(TargetDraft.unitKindChoices)
            return .shareOfUnits(unitCondition: unitCondition, unitKinds: kinds.isEmpty ? nil : kinds)
        }
    }

    /// The condition of `draft`; its problems go under `place` of each part.
    mutating func condition(
        _ draft: ConditionDraft, isShare: Bool, naming: some TargetFieldNaming,
        in place: (ConditionPart) -> TargetField
    ) -> Condition? {
        guard let kind = draft.kind else {
            problems.add(
                place(.kind), "Hãy chọn cách ghi mức cần đạt: tối thiểu, tối đa, khoảng hoặc kế hoạch.")
            return nil
        }
        let before = problems.count
        func add(_ problem: ConditionProblem?) {
            if let problem { problems.add(place(problem.field), problem.text) }
        }
        func checkShare(_ value: Double?, _ part: ConditionPart) {
            guard isShare, let value else { return }
            add(TargetRules.shareLevel(value, part))
        }
        let condition: Condition?
        switch kind {
        case .atLeast, .atMost:
            let value = number(draft.text(.value), place(.value), required: "Hãy nhập mức cần đạt, ví dụ 100.")
            let exceed = number(draft.text(.exceedBound), place(.exceedBound), required: nil)
            checkShare(value, .value)
            guard let value else { return nil }
            if let exceed { add(TargetRules.exceedBound(exceed, of: kind, level: value)) }
            condition = kind == .atLeast ? .atLeast(value, exceedBound: exceed) : .atMost(value, exceedBound: exceed)
        case .plan:
            let value = number(draft.text(.value), place(.value), required: "Hãy nhập số kế hoạch, ví dụ 25.000.")
            checkShare(value, .value)
            condition = value.map { .plan($0) }
        case .between:
            let low = number(draft.text(.low), place(.low), required: "Hãy nhập cận dưới của khoảng, ví dụ 10.")
            let high = number(draft.text(.high), place(.high), required: "Hãy nhập cận trên của khoảng, ví dụ 11.")
            checkShare(low, .low)
            checkShare(high, .high)
            guard let direction = draft.direction else {
                problems.add(place(.direction), "Hãy chọn càng cao càng tốt hoặc càng thấp càng tốt.")
                return nil
            }
            guard let low, let high else { return nil }
            add(TargetRules.range(low: low, high: high, naming: naming))
            condition = .between(low: low, high: high, direction: direction)
        }
        return problems.count == before ? condition : nil
    }

    mutating func tolerance(_ draft: TargetDraft) -> Tolerance? {
        switch draft.toleranceKind {
        case .general:
            return nil
        case .relative:
            guard
                let percent = number(
                    draft.tolerance, .tolerance,
                    required: "Hãy nhập ngưỡng gần đạt tính bằng % của mức chỉ tiêu, ví dụ 2.")
            else { return nil }
            if let problem = TargetRules.relativeTolerance(percent: percent) {
                add(problem)
                return nil
            }
            return .relative(percent / 100)
        case .absolute:
            guard
                let amount = number(
                    draft.tolerance, .tolerance,
                    required: "Hãy nhập ngưỡng gần đạt theo đơn vị của kết quả, ví dụ 0,5.")
            else { return nil }
            if let problem = TargetRules.absoluteTolerance(amount) {
                add(problem)
                return nil
            }
            return .absolute(amount)
        case nil:
            problems.add(.toleranceKind, "Hãy chọn mức chung, tương đối hoặc tuyệt đối.")
            return nil
        }
    }
}
