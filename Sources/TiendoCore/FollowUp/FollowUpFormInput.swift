import Foundation

/// The fields of the "new directive" form as typed, and the one rule that reads them: every
/// problem is kept with its field, in Vietnamese, and nothing is built unless all is right.
public struct DirectiveFormInput: Hashable, Sendable {
    public var kind: String
    public var number: String
    public var date: String
    public var issuingBody: String
    public var title: String

    /// Creates the input.
    public init(kind: String, number: String, date: String, issuingBody: String, title: String) {
        self.kind = kind
        self.number = number
        self.date = date
        self.issuingBody = issuingBody
        self.title = title
    }

    /// Reads the input into a directive of `unit`, or the messages by field.
    public func read(unit: UnitID, fileName: String?) -> Result<Directive, FollowUpInputError> {
        var messages = FieldMessages()
        let kind = DirectiveKind(rawValue: self.kind)
        if kind == nil { messages.add("loai", "Hãy chọn loại văn bản: kết luận, thông báo kết luận hoặc chỉ thị.") }
        let number = VietnameseText.normalizedName(self.number)
        if number.isEmpty { messages.add("so", "Hãy nhập số, ký hiệu văn bản, ví dụ 125-TB/TU.") }
        let date = VietnameseDate.parse(self.date)
        if date == nil {
            messages.add(
                "ngay",
                self.date.trimmingCharacters(in: .whitespaces).isEmpty
                    ? "Hãy nhập ngày ban hành, dạng 15/09/2026."
                    : "Ngày “\(self.date)” không hợp lệ; hãy viết dạng 15/09/2026.")
        }
        let body = VietnameseText.normalizedName(issuingBody)
        if body.isEmpty { messages.add("co-quan", "Hãy nhập cơ quan ban hành, ví dụ Ban Thường vụ Thành ủy Huế.") }
        let title = VietnameseText.normalizedName(self.title)
        if title.isEmpty { messages.add("trich-yeu", "Hãy nhập trích yếu nội dung văn bản.") }
        guard messages.isEmpty, let kind, let date else { return .failure(FollowUpInputError(messages)) }
        return .success(
            Directive(
                kind: kind, number: number, date: date, issuingBody: body, unitID: unit, title: title,
                fileName: fileName))
    }
}

/// The fields of the "add a task" form as typed.
public struct TaskFormInput: Hashable, Sendable {
    public var content: String
    public var leadUnitCode: String
    public var coordinatingUnitCodes: [String]
    public var deadline: String
    public var linkedTargets: [String]

    /// Creates the input.
    public init(
        content: String, leadUnitCode: String, coordinatingUnitCodes: [String], deadline: String,
        linkedTargets: [String]
    ) {
        self.content = content
        self.leadUnitCode = leadUnitCode
        self.coordinatingUnitCodes = coordinatingUnitCodes
        self.deadline = deadline
        self.linkedTargets = linkedTargets
    }

    /// Reads the input into task number `number` of `directive`. `unit` finds a unit by code
    /// among those the person may assign to; `targetExists` tells whether a linked target exists.
    public func read(
        directive: Directive, number: Int, unit: (String) -> UnitVersion?, targetExists: (TargetLink) -> Bool
    ) -> Result<FollowUpTask, FollowUpInputError> {
        var messages = FieldMessages()
        let content = VietnameseText.normalizedName(self.content)
        if content.isEmpty { messages.add("noi-dung", "Hãy nhập nội dung nhiệm vụ.") }
        let leadCode = leadUnitCode.trimmingCharacters(in: .whitespaces)
        let lead = leadCode.isEmpty ? nil : unit(leadCode)
        if leadCode.isEmpty {
            messages.add("chu-tri", "Hãy chọn đơn vị chủ trì.")
        } else if lead == nil {
            messages.add("chu-tri", "Không có đơn vị mã “\(leadCode)” trong phạm vi của bạn; hãy chọn trong danh sách.")
        }
        var coordinating: [UnitID] = []
        for code in coordinatingUnitCodes.map({ $0.trimmingCharacters(in: .whitespaces) }) where !code.isEmpty {
            guard let version = unit(code) else {
                messages.add(
                    "phoi-hop", "Không có đơn vị mã “\(code)” trong phạm vi của bạn; hãy chọn trong danh sách.")
                continue
            }
            if version.unitID != lead?.unitID && !coordinating.contains(version.unitID) {
                coordinating.append(version.unitID)
            }
        }
        let deadline = VietnameseDate.parse(self.deadline)
        if self.deadline.trimmingCharacters(in: .whitespaces).isEmpty {
            messages.add("thoi-han", "Hãy nhập thời hạn hoàn thành, dạng 31/12/2026.")
        } else if deadline == nil {
            messages.add("thoi-han", "Thời hạn “\(self.deadline)” không hợp lệ; hãy viết dạng 31/12/2026.")
        } else if let deadline, deadline < directive.date {
            messages.add(
                "thoi-han",
                "Thời hạn \(VietnameseDate.short(deadline)) trước ngày ban hành văn bản "
                    + "(\(VietnameseDate.short(directive.date))); hãy kiểm tra lại.")
        }
        var links: [TargetLink] = []
        for key in linkedTargets where !key.isEmpty {
            guard let link = TargetLink(key: key), targetExists(link) else {
                messages.add("chi-tieu", "Chỉ tiêu đã chọn không còn trong nghị quyết; hãy chọn lại.")
                continue
            }
            if !links.contains(link) { links.append(link) }
        }
        guard messages.isEmpty, let lead, let deadline else { return .failure(FollowUpInputError(messages)) }
        return .success(
            FollowUpTask(
                directiveID: directive.id, number: number, content: content, leadUnit: lead.unitID,
                coordinatingUnits: coordinating, deadline: deadline, linkedTargets: links))
    }
}

/// A form refused, with its messages by field.
public struct FollowUpInputError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The messages by field.
    public var messages: FieldMessages

    /// Wraps messages.
    public init(_ messages: FieldMessages) { self.messages = messages }

    /// All messages in one sentence list, for a banner or the terminal.
    public var description: String { messages.messages.map(\.text).joined(separator: " ") }
}
