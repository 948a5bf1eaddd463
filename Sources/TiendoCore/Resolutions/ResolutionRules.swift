import Foundation

/// The rules of a resolution's header and of its revisions, as an office fills them in on
/// screen, with every problem in Vietnamese next to its (typed) field. The checks are those of
/// the YAML import (docs/resolution-yaml.md, sections 2 and 7); the web form maps the fields to
/// its inputs.
public enum ResolutionRules {
    /// The fields of a header.
    public enum HeaderField: Hashable, Sendable, CaseIterable {
        /// Mã: the resolution's id.
        case id
        /// Số, ký hiệu.
        case symbol
        /// Trích yếu.
        case title
        /// Đơn vị ban hành: a unit id.
        case issuingUnit
        /// Năm đầu nhiệm kỳ.
        case termStart
        /// Năm cuối nhiệm kỳ.
        case termEnd
        /// Ngày thông qua, dd/mm/yyyy.
        case adoptedOn
    }

    /// The fields of a revision.
    public enum RevisionField: Hashable, Sendable {
        /// Số, ký hiệu of the revising document.
        case symbol
        /// Its title.
        case title
        /// The first day the revised targets apply, dd/mm/yyyy.
        case effectiveFrom
        /// The choice of targets.
        case targets
        /// The revised wording of target `number`.
        case wording(Int)
        /// A part of the revised condition of target `number`.
        case condition(Int, ConditionPart)
    }

    /// A revision as a person fills it in: its document, and each target it changes.
    public struct RevisionDraft: Sendable {
        /// Số, ký hiệu, as typed.
        public var symbol: String
        /// Trích yếu, as typed.
        public var title: String
        /// Ngày hiệu lực, as typed.
        public var effectiveFrom: String
        /// The targets ticked as changed, by number: the new wording and condition as typed.
        public var changes: [Int: (wording: String, condition: ConditionDraft)]

        /// Creates a draft.
        public init(
            symbol: String, title: String, effectiveFrom: String,
            changes: [Int: (wording: String, condition: ConditionDraft)]
        ) {
            self.symbol = symbol
            self.title = title
            self.effectiveFrom = effectiveFrom
            self.changes = changes
        }
    }

    /// A resolution's header: everything but its targets and revisions. It is held as a
    /// resolution without targets, so its fields are `Resolution`'s (read `header.symbol` etc.).
    @dynamicMemberLookup
    public struct Header: Hashable, Sendable {
        /// The header's fields, on a resolution with no targets and no revisions.
        public private(set) var fields: Resolution

        /// Creates a header.
        public init(
            id: String, issuingUnitID: UnitID, symbol: String, title: String, termStart: Int, termEnd: Int,
            adoptedOn: CivilDate
        ) {
            fields = Resolution(
                id: id, issuingUnitID: issuingUnitID, symbol: symbol, title: title, termStart: termStart,
                termEnd: termEnd, adoptedOn: adoptedOn, targets: [])
        }

        /// The header of `resolution`.
        public init(_ resolution: Resolution) {
            fields = resolution
            fields.targets = []
            fields.revisions = []
        }

        /// A field of the header.
        public subscript<Value>(dynamicMember field: KeyPath<Resolution, Value>) -> Value {
            fields[keyPath: field]
        }

        /// `resolution` with this header (its targets and revisions kept).
        public func applied(to resolution: Resolution) -> Resolution {
            var applied = fields
            applied.targets = resolution.targets
            applied.revisions = resolution.revisions
            return applied
        }
    }

    /// What reading a header gave.
    public struct HeaderReading: Sendable {
        /// The header, when no field has a problem.
        public var header: Header?
        /// What is wrong, field by field.
        public var problems: FieldMessageList<HeaderField>
    }

    /// What reading a revision gave.
    public struct RevisionReading: Sendable {
        /// The revision, when no field has a problem.
        public var revision: ResolutionRevision?
        /// What is wrong, field by field.
        public var problems: FieldMessageList<RevisionField>
        /// How ambiguous numbers were read, field by field.
        public var notes: FieldMessageList<RevisionField>
    }

    // MARK: - Rules shared with the YAML file

    /// A term runs forward, ten years at most.
    public static func term(start: Int, end: Int) -> String? {
        guard start >= end || end - start > 10 else { return nil }
        return "Nhiệm kỳ \(start)–\(end) không hợp lệ; năm cuối phải sau năm đầu, không quá 10 năm, ví dụ 2025–2030."
    }

    /// A resolution is adopted in its term or the year before (the congress at the start of it).
    public static func adoption(_ date: CivilDate, term: ClosedRange<Int>) -> String? {
        guard date.year < term.lowerBound - 1 || date.year > term.upperBound else { return nil }
        return
            "Ngày thông qua \(VietnameseDate.short(date)) phải nằm trong nhiệm kỳ \(term.lowerBound)–\(term.upperBound) (hoặc năm trước đó)."
    }

    /// A revision takes effect after the resolution's adoption.
    public static func effective(_ date: CivilDate, adoptedOn: CivilDate) -> String? {
        guard date <= adoptedOn else { return nil }
        return "Ngày hiệu lực phải sau ngày thông qua nghị quyết (\(VietnameseDate.short(adoptedOn)))."
    }

    /// A revision takes effect within the term.
    public static func effective(_ date: CivilDate, term: ClosedRange<Int>) -> String? {
        guard date.year > term.upperBound else { return nil }
        return "Ngày hiệu lực phải trong nhiệm kỳ \(term.lowerBound)–\(term.upperBound)."
    }

    // MARK: - Header

    /// Reads a header. `fixedID` is the id of the resolution being edited (the id field is then
    /// not read: an id never changes); `takenIDs` are the ids of the other resolutions;
    /// `allowedUnits` the units the person may issue for. With `existing`, the targets and
    /// revisions it holds must still fit the new term and adoption date.
    public static func readHeader(
        _ fields: [HeaderField: String], fixedID: String?, takenIDs: Set<String>, allowedUnits: Set<UnitID>,
        existing: Resolution? = nil
    ) -> HeaderReading {
        typealias Field = HeaderField
        var problems = FieldMessageList<HeaderField>()
        func text(_ field: Field) -> String { VietnameseText.normalizedName(fields[field] ?? "") }

        let id = fixedID ?? text(Field.id).lowercased()
        if fixedID == nil {
            if id.isEmpty {
                problems.add(Field.id, "Hãy đặt mã nghị quyết, ví dụ hue-2025-2030.")
            } else if id.count > 60 || !id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
                problems.add(
                    Field.id,
                    "Mã nghị quyết chỉ gồm chữ không dấu, số và dấu gạch ngang, không có dấu cách (tối đa 60 ký tự), ví dụ hue-2025-2030."
                )
            } else if takenIDs.contains(id) {
                problems.add(Field.id, "Đã có nghị quyết mã “\(id)”; hãy chọn mã khác.")
            }
        }
        let symbol = text(Field.symbol)
        if symbol.isEmpty { problems.add(Field.symbol, "Hãy nhập số, ký hiệu của nghị quyết, ví dụ 01-NQ/ĐH.") }
        let title = text(Field.title)
        if title.isEmpty { problems.add(Field.title, "Hãy nhập trích yếu (tên) của nghị quyết.") }
        let unit = UnitID(fields[Field.issuingUnit] ?? "")
        if unit.rawValue.isEmpty {
            problems.add(Field.issuingUnit, "Hãy chọn đơn vị ban hành.")
        } else if !allowedUnits.contains(unit) {
            problems.add(
                Field.issuingUnit, "Đơn vị này ngoài phạm vi quản lý của bạn; hãy chọn đơn vị trong danh sách.")
        }

        var termStart: Int?
        var termEnd: Int?
        switch TargetRules.year(text(Field.termStart), what: "năm đầu nhiệm kỳ") {
        case .success(let year): termStart = year
        case .failure(let error): problems.add(Field.termStart, error.message)
        }
        switch TargetRules.year(text(Field.termEnd), what: "năm cuối nhiệm kỳ") {
        case .success(let year): termEnd = year
        case .failure(let error): problems.add(Field.termEnd, error.message)
        }
        if let start = termStart, let end = termEnd, let problem = term(start: start, end: end) {
            problems.add(Field.termEnd, problem)
            termEnd = nil
        }

        let dateText = text(Field.adoptedOn)
        let adoptedOn = VietnameseDate.parse(dateText)
        if dateText.isEmpty {
            problems.add(Field.adoptedOn, "Hãy nhập ngày thông qua theo dạng ngày/tháng/năm, ví dụ 15/10/2025.")
        } else if adoptedOn == nil {
            problems.add(
                Field.adoptedOn, "Ngày “\(dateText)” không hợp lệ; hãy nhập theo dạng ngày/tháng/năm, ví dụ 15/10/2025."
            )
        } else if let date = adoptedOn, let start = termStart, let end = termEnd,
            let problem = adoption(date, term: start...end)
        {
            problems.add(Field.adoptedOn, problem)
        }

        if let existing, let start = termStart, let end = termEnd {
            let term = start...end
            for target in existing.targets + existing.revisions.flatMap(\.targets) {
                let years = years(of: target)
                if !years.allSatisfy(term.contains) {
                    let shown = years.map(String.init).joined(separator: ", ")
                    problems.add(
                        target.deadlineYear < start ? Field.termStart : Field.termEnd,
                        "Chỉ tiêu số \(target.number) dùng năm \(shown), nằm ngoài nhiệm kỳ mới \(start)–\(end); hãy sửa chỉ tiêu trước hoặc giữ nhiệm kỳ cũ."
                    )
                    break
                }
            }
            if let date = adoptedOn, let revision = existing.revisions.first(where: { $0.effectiveFrom <= date }) {
                problems.add(
                    Field.adoptedOn,
                    "Văn bản điều chỉnh \(revision.symbol) có hiệu lực từ \(VietnameseDate.short(revision.effectiveFrom)), không thể trước ngày thông qua; hãy kiểm tra lại ngày."
                )
            }
        }

        guard problems.isEmpty, let termStart, let termEnd, let adoptedOn else {
            return HeaderReading(header: nil, problems: problems)
        }
        return HeaderReading(
            header: Header(
                id: id, issuingUnitID: unit, symbol: symbol, title: title, termStart: termStart, termEnd: termEnd,
                adoptedOn: adoptedOn),
            problems: problems)
    }

    /// The years a target refers to: its deadline and the years of its measure.
    static func years(of target: Target) -> [Int] {
        switch target.measure {
        case .sum(let from, let to), .annualMean(let from, let to), .everyYear(let from, let to):
            return [target.deadlineYear, from, to]
        default:
            return [target.deadlineYear]
        }
    }

    // MARK: - Revisions

    /// The targets a revision taking effect on `date` starts from: those in force the day
    /// before, in `resolution` without the revision being edited; without a date (a new
    /// revision not dated yet), those in force at the end of the term.
    public static func baseTargets(of resolution: Resolution, before date: CivilDate?) -> [Target] {
        guard let date else { return resolution.targets(on: CivilDate(resolution.termEnd, 12, 31)) }
        return resolution.targets(on: date.adding(days: -1))
    }

    /// A revised target after its adopted target was edited from `old` to `new`: every field the
    /// revision left as adopted (everything but wording and condition, unless a file revised
    /// more) follows the edit; what the revision changed stays revised.
    public static func following(_ revised: Target, from old: Target, to new: Target) -> Target {
        var result = revised
        if revised.group == old.group { result.group = new.group }
        if revised.wording == old.wording { result.wording = new.wording }
        if revised.indicatorCode == old.indicatorCode { result.indicatorCode = new.indicatorCode }
        if revised.measure == old.measure { result.measure = new.measure }
        if revised.condition == old.condition { result.condition = new.condition }
        if revised.deadlineYear == old.deadlineYear { result.deadlineYear = new.deadlineYear }
        if revised.baseline == old.baseline { result.baseline = new.baseline }
        if revised.tolerance == old.tolerance { result.tolerance = new.tolerance }
        if revised.decimals == old.decimals { result.decimals = new.decimals }
        return result
    }

    /// Reads a revision of `resolution` (which must not hold the revision being edited). Each
    /// ticked target keeps everything of the target in force before the revision but its wording
    /// and condition, as the YAML format's `dieu_chinh` does.
    public static func readRevision(_ draft: RevisionDraft, of resolution: Resolution) -> RevisionReading {
        typealias Field = RevisionField
        var problems = FieldMessageList<RevisionField>()
        var notes = FieldMessageList<RevisionField>()
        func clean(_ text: String) -> String { VietnameseText.normalizedName(text) }

        let symbol = clean(draft.symbol)
        if symbol.isEmpty {
            problems.add(Field.symbol, "Hãy nhập số, ký hiệu của văn bản điều chỉnh, ví dụ 12-NQ/TU.")
        }
        let title = clean(draft.title)
        if title.isEmpty { problems.add(Field.title, "Hãy nhập trích yếu của văn bản điều chỉnh.") }
        let dateText = clean(draft.effectiveFrom)
        var date = VietnameseDate.parse(dateText)
        if dateText.isEmpty {
            problems.add(Field.effectiveFrom, "Hãy nhập ngày hiệu lực theo dạng ngày/tháng/năm, ví dụ 01/01/2028.")
        } else if let parsed = date {
            let term = resolution.termStart...max(resolution.termStart, resolution.termEnd)
            if let problem = effective(parsed, adoptedOn: resolution.adoptedOn)
                ?? effective(parsed, term: term)
            {
                problems.add(Field.effectiveFrom, problem)
                date = nil
            }
        } else {
            problems.add(
                Field.effectiveFrom,
                "Ngày “\(dateText)” không hợp lệ; hãy nhập theo dạng ngày/tháng/năm, ví dụ 01/01/2028.")
        }

        var revised: [Target] = []
        let bases = baseTargets(of: resolution, before: date)
        for base in bases {
            guard let change = draft.changes[base.number] else { continue }
            let wordingField = Field.wording(base.number)
            let wording = clean(change.wording)
            if wording.isEmpty {
                problems.add(wordingField, "Hãy nhập nội dung mới của chỉ tiêu số \(base.number).")
            }
            let isShare: Bool
            if case .shareOfUnits = base.measure { isShare = true } else { isShare = false }
            let condition = TargetRules.readCondition(
                change.condition, isShare: isShare, place: { Field.condition(base.number, $0) }, problems: &problems,
                notes: &notes)
            guard let condition, !wording.isEmpty else { continue }
            if wording == base.wording && condition == base.condition {
                problems.add(
                    wordingField,
                    "Chỉ tiêu số \(base.number) chưa có gì thay đổi so với trước; hãy sửa nội dung hoặc mức cần đạt, hoặc bỏ chọn chỉ tiêu này."
                )
                continue
            }
            var target = base
            target.wording = wording
            target.condition = condition
            revised.append(target)
        }
        if bases.allSatisfy({ draft.changes[$0.number] == nil }) {
            problems.add(Field.targets, "Hãy chọn ít nhất một chỉ tiêu được điều chỉnh.")
        }
        guard problems.isEmpty, let date else {
            return RevisionReading(revision: nil, problems: problems, notes: notes)
        }
        return RevisionReading(
            revision: ResolutionRevision(symbol: symbol, title: title, effectiveFrom: date, targets: revised),
            problems: problems, notes: notes)
    }
}
