import Foundation

/// A resolution's header and its revisions as an office fills them in on screen, read back with
/// every problem in Vietnamese next to its field. The checks are those of the YAML import
/// (docs/resolution-yaml.md, sections 2 and 7).
public enum ResolutionFormInput {
    /// The names of the header's fields.
    public enum Field {
        /// Mã: the resolution's id.
        public static let id = "ma"
        /// Số, ký hiệu.
        public static let symbol = "so-ky-hieu"
        /// Trích yếu.
        public static let title = "trich-yeu"
        /// Đơn vị ban hành: a unit id.
        public static let issuingUnit = "don-vi"
        /// Năm đầu nhiệm kỳ.
        public static let termStart = "tu-nam"
        /// Năm cuối nhiệm kỳ.
        public static let termEnd = "den-nam"
        /// Ngày thông qua, dd/mm/yyyy.
        public static let adoptedOn = "ngay"
    }

    /// The names of a revision's fields.
    public enum RevisionField {
        /// Số, ký hiệu of the revising document.
        public static let symbol = "so-ky-hieu"
        /// Its title.
        public static let title = "trich-yeu"
        /// The first day the revised targets apply, dd/mm/yyyy.
        public static let effectiveFrom = "ngay-hieu-luc"
        /// Where a problem about the choice of targets is shown.
        public static let targets = "chi-tieu"

        /// The check box that says the revision changes target `number`; "1" when ticked.
        public static func changes(_ number: Int) -> String { "dc-\(number)" }
        /// The revised wording of target `number`.
        public static func wording(_ number: Int) -> String { "dc-\(number)-noi-dung" }
        /// The prefix of the revised condition of target `number` (see ``TargetFormInput/ConditionField``).
        public static func conditionPrefix(_ number: Int) -> String { "dc-\(number)-dk-" }
    }

    /// A resolution's header: everything but its targets and revisions.
    public struct Header: Hashable, Sendable {
        /// The id, e.g. "hue-2025-2030".
        public var id: String
        /// The issuing unit.
        public var issuingUnitID: UnitID
        /// The symbol, e.g. "01-NQ/ĐH".
        public var symbol: String
        /// The title.
        public var title: String
        /// First year of the term.
        public var termStart: Int
        /// Last year of the term.
        public var termEnd: Int
        /// The adoption date.
        public var adoptedOn: CivilDate

        /// Creates a header.
        public init(
            id: String, issuingUnitID: UnitID, symbol: String, title: String, termStart: Int, termEnd: Int,
            adoptedOn: CivilDate
        ) {
            self.id = id
            self.issuingUnitID = issuingUnitID
            self.symbol = symbol
            self.title = title
            self.termStart = termStart
            self.termEnd = termEnd
            self.adoptedOn = adoptedOn
        }

        /// The header of `resolution`.
        public init(_ resolution: Resolution) {
            self.init(
                id: resolution.id, issuingUnitID: resolution.issuingUnitID, symbol: resolution.symbol,
                title: resolution.title, termStart: resolution.termStart, termEnd: resolution.termEnd,
                adoptedOn: resolution.adoptedOn)
        }

        /// `resolution` with this header (its targets and revisions kept).
        public func applied(to resolution: Resolution) -> Resolution {
            Resolution(
                id: id, issuingUnitID: issuingUnitID, symbol: symbol, title: title, termStart: termStart,
                termEnd: termEnd, adoptedOn: adoptedOn, targets: resolution.targets, revisions: resolution.revisions)
        }
    }

    /// What reading a header gave.
    public struct HeaderReading: Sendable {
        /// The header, when no field has a problem.
        public var header: Header?
        /// What is wrong, field by field.
        public var problems: FieldMessages
    }

    /// What reading a revision gave.
    public struct RevisionReading: Sendable {
        /// The revision, when no field has a problem.
        public var revision: ResolutionRevision?
        /// What is wrong, field by field.
        public var problems: FieldMessages
        /// How ambiguous numbers were read, field by field.
        public var notes: FieldMessages
    }

    // MARK: - Header

    /// The fields showing `header`.
    public static func fields(for header: Header) -> [String: String] {
        [
            Field.id: header.id, Field.symbol: header.symbol, Field.title: header.title,
            Field.issuingUnit: header.issuingUnitID.rawValue, Field.termStart: String(header.termStart),
            Field.termEnd: String(header.termEnd), Field.adoptedOn: VietnameseDate.short(header.adoptedOn),
        ]
    }

    /// Reads a header. `fixedID` is the id of the resolution being edited (the id field is then
    /// not read: an id never changes); `takenIDs` are the ids of the other resolutions;
    /// `allowedUnits` the units the person may issue for. With `existing`, the targets and
    /// revisions it holds must still fit the new term and adoption date.
    public static func readHeader(
        _ fields: [String: String], fixedID: String?, takenIDs: Set<String>, allowedUnits: Set<UnitID>,
        existing: Resolution? = nil
    ) -> HeaderReading {
        var problems = FieldMessages()
        func text(_ name: String) -> String { VietnameseText.normalizedName(fields[name] ?? "") }

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
        switch TargetFormInput.year(text(Field.termStart), what: "năm đầu nhiệm kỳ") {
        case .success(let year): termStart = year
        case .failure(let error): problems.add(Field.termStart, error.message)
        }
        switch TargetFormInput.year(text(Field.termEnd), what: "năm cuối nhiệm kỳ") {
        case .success(let year): termEnd = year
        case .failure(let error): problems.add(Field.termEnd, error.message)
        }
        if let start = termStart, let end = termEnd, start >= end || end - start > 10 {
            problems.add(
                Field.termEnd,
                "Nhiệm kỳ \(start)–\(end) không hợp lệ; năm cuối phải sau năm đầu, không quá 10 năm, ví dụ 2025–2030.")
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
            date.year < start - 1 || date.year > end
        {
            problems.add(
                Field.adoptedOn,
                "Ngày thông qua \(VietnameseDate.short(date)) phải nằm trong nhiệm kỳ \(start)–\(end) (hoặc năm trước đó)."
            )
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

    /// The fields showing `revision` (nil: a new one) of `resolution`, which must not hold it:
    /// every target in force, ticked and with its revised wording and condition when the
    /// revision changes it.
    public static func fields(for revision: ResolutionRevision?, of resolution: Resolution) -> [String: String] {
        var fields: [String: String] = [:]
        if let revision {
            fields[RevisionField.symbol] = revision.symbol
            fields[RevisionField.title] = revision.title
            fields[RevisionField.effectiveFrom] = VietnameseDate.short(revision.effectiveFrom)
        }
        let changed = Dictionary(
            (revision?.targets ?? []).map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        for base in baseTargets(of: resolution, before: revision?.effectiveFrom) {
            let shown = changed[base.number] ?? base
            if changed[base.number] != nil { fields[RevisionField.changes(base.number)] = "1" }
            fields[RevisionField.wording(base.number)] = shown.wording
            fields.merge(
                TargetFormInput.conditionFields(shown.condition, prefix: RevisionField.conditionPrefix(base.number))
            ) { _, new in new }
        }
        return fields
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
    public static func readRevision(_ fields: [String: String], of resolution: Resolution) -> RevisionReading {
        var problems = FieldMessages()
        var notes = FieldMessages()
        func text(_ name: String) -> String { VietnameseText.normalizedName(fields[name] ?? "") }

        let symbol = text(RevisionField.symbol)
        if symbol.isEmpty {
            problems.add(RevisionField.symbol, "Hãy nhập số, ký hiệu của văn bản điều chỉnh, ví dụ 12-NQ/TU.")
        }
        let title = text(RevisionField.title)
        if title.isEmpty { problems.add(RevisionField.title, "Hãy nhập trích yếu của văn bản điều chỉnh.") }
        let dateText = text(RevisionField.effectiveFrom)
        var date = VietnameseDate.parse(dateText)
        if dateText.isEmpty {
            problems.add(
                RevisionField.effectiveFrom, "Hãy nhập ngày hiệu lực theo dạng ngày/tháng/năm, ví dụ 01/01/2028.")
        } else if let parsed = date {
            if parsed <= resolution.adoptedOn {
                problems.add(
                    RevisionField.effectiveFrom,
                    "Ngày hiệu lực phải sau ngày thông qua nghị quyết (\(VietnameseDate.short(resolution.adoptedOn))).")
                date = nil
            } else if parsed.year > resolution.termEnd {
                problems.add(
                    RevisionField.effectiveFrom,
                    "Ngày hiệu lực phải trong nhiệm kỳ \(resolution.termStart)–\(resolution.termEnd).")
                date = nil
            }
        } else {
            problems.add(
                RevisionField.effectiveFrom,
                "Ngày “\(dateText)” không hợp lệ; hãy nhập theo dạng ngày/tháng/năm, ví dụ 01/01/2028.")
        }

        var revised: [Target] = []
        let bases = baseTargets(of: resolution, before: date)
        for base in bases where fields[RevisionField.changes(base.number)] == "1" {
            let wordingField = RevisionField.wording(base.number)
            let wording = text(wordingField)
            if wording.isEmpty {
                problems.add(wordingField, "Hãy nhập nội dung mới của chỉ tiêu số \(base.number).")
            }
            let isShare: Bool
            if case .shareOfUnits = base.measure { isShare = true } else { isShare = false }
            let condition = TargetFormInput.readCondition(
                fields, prefix: RevisionField.conditionPrefix(base.number), isShare: isShare, problems: &problems,
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
        if bases.allSatisfy({ fields[RevisionField.changes($0.number)] != "1" }) {
            problems.add(RevisionField.targets, "Hãy chọn ít nhất một chỉ tiêu được điều chỉnh.")
        }
        guard problems.isEmpty, let date else {
            return RevisionReading(revision: nil, problems: problems, notes: notes)
        }
        return RevisionReading(
            revision: ResolutionRevision(symbol: symbol, title: title, effectiveFrom: date, targets: revised),
            problems: problems, notes: notes)
    }
}
