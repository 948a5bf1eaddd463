import Foundation
import TiendoCore

/// One input of a resolution form as a template shows it: its name (also its element id), the
/// text to show back, and the Vietnamese problem or note to print next to it.
struct FieldView: Encodable {
    let name: String
    let value: String
    let error: String?
    let note: String?
}

/// One option of a select, a radio group or a check box.
struct ChoiceView: Encodable {
    let value: String
    let label: String
    let hint: String?
    let selected: Bool
}

/// A select or a radio group with its options and the problem next to it.
struct ChoiceFieldView: Encodable {
    let name: String
    let options: [ChoiceView]
    let error: String?
}

/// A condition's inputs (the partial `resolutions/condition.leaf` draws them).
struct ConditionView: Encodable {
    let legend: String
    let kind: ChoiceFieldView
    let value: FieldView
    let exceedBound: FieldView
    let low: FieldView
    let high: FieldView
    let direction: ChoiceFieldView
}

/// The printed wording of a target, as the preview box shows it.
struct PreviewView: Encodable {
    let heading: String
    let wording: String
    let indicator: String
    let plan: String
    let footnote: String
    let subject: String
    let measure: String
    let condition: String
    let nearlyMet: String
    let deadline: String

    init(_ target: Target, indicator: Indicator?, termStart: Int) {
        let preview = TargetPreview(target, indicator: indicator, termStart: termStart)
        heading = "chỉ tiêu số \(target.number)"
        wording = target.wording
        if let indicator {
            self.indicator =
                indicator.unitOfMeasure.isEmpty ? indicator.name : "\(indicator.name) (\(indicator.unitOfMeasure))"
        } else {
            self.indicator = "chỉ số “\(target.indicatorCode)” chưa có trong hệ thống"
        }
        plan = preview.plan
        footnote = preview.footnote
        subject = preview.subject
        measure = preview.measure
        condition = preview.condition
        nearlyMet = preview.nearlyMet
        deadline = preview.deadline
    }
}

/// What a form holds while it is shown: the fields (as stored, or as posted), the problems and
/// the notes on ambiguous numbers. It turns them into the views above.
struct FormState {
    var fields: [String: String]
    var problems = FieldMessages()
    var notes = FieldMessages()

    func field(_ name: String) -> FieldView {
        FieldView(name: name, value: fields[name] ?? "", error: problems[name], note: notes[name])
    }

    func choice(_ name: String, _ options: [(value: String, label: String)], hints: [String: String] = [:])
        -> ChoiceFieldView
    {
        let current = fields[name] ?? ""
        return ChoiceFieldView(
            name: name,
            options: options.map {
                ChoiceView(value: $0.value, label: $0.label, hint: hints[$0.value], selected: $0.value == current)
            },
            error: problems[name])
    }

    func isChecked(_ name: String) -> Bool { fields[name] == "1" }

    func condition(prefix: String, legend: String, allowsNone: Bool) -> ConditionView {
        typealias C = TargetFormInput.ConditionField
        var kinds: [(value: String, label: String)] = []
        if allowsNone { kinds.append(("", "Không có điều kiện: chỉ số loại có/không, đơn vị có giá trị “có” là đạt")) }
        kinds += ConditionKind.allCases.map { (TargetFormInput.value(of: $0), $0.vietnameseName) }
        return ConditionView(
            legend: legend, kind: choice(prefix + C.kind, kinds), value: field(prefix + C.value),
            exceedBound: field(prefix + C.exceedBound), low: field(prefix + C.low), high: field(prefix + C.high),
            direction: choice(prefix + C.direction, [("cao", "càng cao càng tốt"), ("thap", "càng thấp càng tốt")]))
    }

    /// The field a person ticks to confirm how ambiguous numbers were read.
    static let confirmation = "xac-nhan"

    /// Drops the notes of fields posted back as `stored` shows them: a number shown back
    /// unchanged from what is stored was already read that way once.
    mutating func dropNotes(unchangedFrom stored: [String: String]) {
        for note in notes.messages where stored[note.field] == fields[note.field] {
            notes.remove(note.field)
        }
    }

    /// Whether the person must still confirm how ambiguous numbers were read (there are notes
    /// and the form was not confirmed); if so, adds the problem that asks them to press
    /// `button` again.
    mutating func needsConfirmation(button: String) -> Bool {
        guard !notes.isEmpty && fields[Self.confirmation] != "1" else { return false }
        problems.add(
            Self.confirmation,
            "Một số số có thể hiểu theo hai cách; hãy kiểm tra cách hiểu ghi dưới ô rồi bấm “\(button)” lần nữa để xác nhận."
        )
        return true
    }

    /// The line above a form that did not go through: the request to confirm, or how many
    /// fields are wrong.
    var summary: String? {
        if let confirmation = problems[Self.confirmation] { return confirmation }
        guard !problems.isEmpty else { return nil }
        return "Có \(problems.count) ô chưa đúng; chưa có gì được lưu. Hãy sửa các ô được đánh dấu bên dưới."
    }
}

/// Reads the fields of a posted form; every value NFC.
enum PostedForm {
    static func fields(_ body: [String: String]) -> [String: String] {
        body.mapValues { VietnameseText.nfc($0) }
    }
}
