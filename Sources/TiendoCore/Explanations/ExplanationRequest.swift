import Foundation

/// A request to a unit to explain a target's verdict or one of its figures (yêu cầu giải trình),
/// with a due date, and the unit's answer once given.
public struct ExplanationRequest: Hashable, Sendable, Codable {
    /// A stable id.
    public var id: UUID
    /// The unit asked to explain.
    public var unitID: UnitID
    /// The indicator the request is about (the target's indicator for a verdict).
    public var indicatorCode: String
    /// The target whose verdict is to be explained; nil when the request is about one figure.
    public var target: TargetLink?
    /// The period of the figure to be explained; nil when the request is about a verdict.
    public var period: Period?
    /// What is asked.
    public var question: String
    /// The day by which the unit should answer (inclusive).
    public var dueDate: CivilDate
    /// Who asked (username).
    public var askedBy: String
    /// The day it was asked.
    public var askedOn: CivilDate
    /// The answer, once given.
    public var answer: ExplanationAnswer?

    /// Creates a request; the question is stored in NFC.
    public init(
        id: UUID = UUID(), unitID: UnitID, indicatorCode: String, target: TargetLink? = nil, period: Period? = nil,
        question: String, dueDate: CivilDate, askedBy: String, askedOn: CivilDate, answer: ExplanationAnswer? = nil
    ) {
        self.id = id
        self.unitID = unitID
        self.indicatorCode = indicatorCode
        self.target = target
        self.period = period
        self.question = VietnameseText.nfc(question)
        self.dueDate = dueDate
        self.askedBy = askedBy
        self.askedOn = askedOn
        self.answer = answer
    }

    /// The request's status on `today`: an answer given on or before `today` counts.
    public func status(on today: CivilDate) -> ExplanationStatus {
        if let answer, answer.date <= today {
            return answer.date <= dueDate ? .daTraLoi : .daTraLoiQuaHan
        }
        return today > dueDate ? .quaHanChuaTraLoi : .choTraLoi
    }

    /// Days from `today` to the due date: negative when overdue.
    public func daysLeft(on today: CivilDate) -> Int { dueDate.dayNumber - today.dayNumber }

    /// What the request is about, in words: "kết quả đánh giá chỉ tiêu 3" or "số liệu Năm 2026".
    public func subjectText(targetWording: String? = nil) -> String {
        if let target {
            let wording = targetWording.map { ": \($0)" } ?? ""
            return "Kết quả đánh giá chỉ tiêu \(target.targetNumber)\(wording)"
        }
        if let period { return "Số liệu \(period.vietnameseLabel.lowercasedFirst)" }
        return "Số liệu"
    }
}

/// A unit's answer to an explanation request, with an optional attached file.
public struct ExplanationAnswer: Hashable, Sendable, Codable {
    /// The explanation.
    public var text: String
    /// Who answered (username).
    public var author: String
    /// The day of the answer.
    public var date: CivilDate
    /// The attached file's name, when one was attached.
    public var fileName: String?

    /// Creates an answer; the text is stored in NFC.
    public init(text: String, author: String, date: CivilDate, fileName: String? = nil) {
        self.text = VietnameseText.nfc(text)
        self.author = author
        self.date = date
        self.fileName = fileName.map(VietnameseText.nfc)
    }
}

/// An explanation request's status, derived from its due date and its answer.
public enum ExplanationStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case choTraLoi
    case quaHanChuaTraLoi
    case daTraLoi
    case daTraLoiQuaHan

    /// The Vietnamese words shown to officers.
    public var vietnameseName: String {
        switch self {
        case .choTraLoi: return "Chờ giải trình"
        case .quaHanChuaTraLoi: return "Quá hạn chưa giải trình"
        case .daTraLoi: return "Đã giải trình"
        case .daTraLoiQuaHan: return "Đã giải trình quá hạn"
        }
    }

    /// The style class and API value: "qua-han-chua-tra-loi".
    public var slug: String {
        switch self {
        case .choTraLoi: return "cho-tra-loi"
        case .quaHanChuaTraLoi: return "qua-han-chua-tra-loi"
        case .daTraLoi: return "da-tra-loi"
        case .daTraLoiQuaHan: return "da-tra-loi-qua-han"
        }
    }

    /// Whether the unit has answered.
    public var isAnswered: Bool { self == .daTraLoi || self == .daTraLoiQuaHan }
}

extension String {
    fileprivate var lowercasedFirst: String {
        guard let first else { return self }
        return first.lowercased() + dropFirst()
    }
}
