import Foundation

/// The kind of document a leader's conclusion comes in.
public enum DirectiveKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Kết luận — the conclusion of a meeting or working session.
    case ketLuan
    /// Thông báo kết luận — the office's notice of a leader's conclusions.
    case thongBaoKetLuan
    /// Chỉ thị — a directive.
    case chiThi

    /// The Vietnamese name, as it heads the document.
    public var vietnameseName: String {
        switch self {
        case .ketLuan: return "Kết luận"
        case .thongBaoKetLuan: return "Thông báo kết luận"
        case .chiThi: return "Chỉ thị"
        }
    }
}

/// A conclusion document (kết luận, thông báo kết luận, chỉ thị) whose items become tasks.
public struct Directive: Hashable, Sendable, Codable {
    /// A stable id.
    public var id: UUID
    /// The kind of document.
    public var kind: DirectiveKind
    /// The document's number and symbol, e.g. "125-TB/TU".
    public var number: String
    /// The day it was signed.
    public var date: CivilDate
    /// The issuing body as printed on the document, e.g. "Ban Thường vụ Thành ủy Huế".
    public var issuingBody: String
    /// The unit whose subtree the tasks concern; only accounts that see this unit manage it.
    public var unitID: UnitID
    /// The title ("về kết quả buổi làm việc với Đảng ủy phường Phong Dinh").
    public var title: String
    /// The attached file's name, when one was uploaded.
    public var fileName: String?

    /// Creates a directive; texts are stored in NFC.
    public init(
        id: UUID = UUID(), kind: DirectiveKind, number: String, date: CivilDate, issuingBody: String, unitID: UnitID,
        title: String, fileName: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.number = VietnameseText.nfc(number)
        self.date = date
        self.issuingBody = VietnameseText.nfc(issuingBody)
        self.unitID = unitID
        self.title = VietnameseText.nfc(title)
        self.fileName = fileName.map(VietnameseText.nfc)
    }

    /// "Thông báo kết luận số 125-TB/TU ngày 15/9/2026 của Ban Thường vụ Thành ủy Huế".
    public var citation: String {
        "\(kind.vietnameseName) số \(number) ngày \(VietnameseDate.short(date)) của \(issuingBody)"
    }
}
