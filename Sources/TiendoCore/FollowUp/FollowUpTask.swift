import Foundation

/// A target of a resolution that a task serves; the task then appears on that target's row.
public struct TargetLink: Hashable, Sendable, Codable {
    /// The resolution's id.
    public var resolutionID: String
    /// The target's number in the resolution.
    public var targetNumber: Int

    /// Creates a link.
    public init(resolutionID: String, targetNumber: Int) {
        self.resolutionID = resolutionID
        self.targetNumber = targetNumber
    }

    /// "resolutionID#3", the form stored and sent by forms.
    public var key: String { "\(resolutionID)#\(targetNumber)" }

    /// Reads `key`'s form back.
    public init?(key: String) {
        guard let hash = key.lastIndex(of: "#"), let number = Int(key[key.index(after: hash)...]),
            hash > key.startIndex
        else { return nil }
        self.init(resolutionID: String(key[..<hash]), targetNumber: number)
    }
}

/// One item of a directive: what is to be done, by whom, by when. Named to stay clear of
/// Swift's `Task`.
public struct FollowUpTask: Hashable, Sendable, Codable {
    /// A stable id.
    public var id: UUID
    /// The directive it comes from.
    public var directiveID: UUID
    /// Its number among the directive's items (1, 2, …).
    public var number: Int
    /// What is to be done.
    public var content: String
    /// The unit in charge (chủ trì); it marks the task done.
    public var leadUnit: UnitID
    /// The units that take part (phối hợp).
    public var coordinatingUnits: [UnitID]
    /// The deadline (thời hạn), inclusive.
    public var deadline: CivilDate
    /// Targets the task serves.
    public var linkedTargets: [TargetLink]
    /// The day the lead unit marked it done.
    public var completedOn: CivilDate?
    /// Who marked it done.
    public var completedBy: String?

    /// Creates a task; the content is stored in NFC.
    public init(
        id: UUID = UUID(), directiveID: UUID, number: Int, content: String, leadUnit: UnitID,
        coordinatingUnits: [UnitID] = [], deadline: CivilDate, linkedTargets: [TargetLink] = [],
        completedOn: CivilDate? = nil, completedBy: String? = nil
    ) {
        self.id = id
        self.directiveID = directiveID
        self.number = number
        self.content = VietnameseText.nfc(content)
        self.leadUnit = leadUnit
        self.coordinatingUnits = coordinatingUnits
        self.deadline = deadline
        self.linkedTargets = linkedTargets
        self.completedOn = completedOn
        self.completedBy = completedBy
    }

    /// Whether `unit` leads or takes part in the task.
    public func involves(_ unit: UnitID) -> Bool { leadUnit == unit || coordinatingUnits.contains(unit) }

    /// The task's status on `today`, given the progress reports recorded for it. Completion and
    /// reports dated after `today` do not count yet, so any past day can be looked at.
    public func status(on today: CivilDate, reports: [TaskProgressReport]) -> TaskStatus {
        if let done = completedOn, done <= today {
            return done <= deadline ? .hoanThanhDungHan : .hoanThanhQuaHan
        }
        if today > deadline { return .quaHanChuaHoanThanh }
        return reports.contains { $0.taskID == id && $0.date <= today } ? .dangThucHien : .chuaThucHien
    }

    /// Days from `today` to the deadline: negative when overdue.
    public func daysLeft(on today: CivilDate) -> Int { deadline.dayNumber - today.dayNumber }
}

/// A unit's report of progress on a task, with an optional evidence file.
public struct TaskProgressReport: Hashable, Sendable, Codable {
    /// A stable id.
    public var id: UUID
    /// The task reported on.
    public var taskID: UUID
    /// The reporting unit (the lead or a coordinating unit).
    public var unitID: UnitID
    /// The day of the report.
    public var date: CivilDate
    /// What has been done.
    public var text: String
    /// Who reported.
    public var author: String
    /// The evidence file's name, when one was attached.
    public var fileName: String?

    /// Creates a report; the text is stored in NFC.
    public init(
        id: UUID = UUID(), taskID: UUID, unitID: UnitID, date: CivilDate, text: String, author: String,
        fileName: String? = nil
    ) {
        self.id = id
        self.taskID = taskID
        self.unitID = unitID
        self.date = date
        self.text = VietnameseText.nfc(text)
        self.author = author
        self.fileName = fileName.map(VietnameseText.nfc)
    }
}

/// A task's status, derived from its deadline, its reports and its completion — never typed in.
public enum TaskStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case chuaThucHien
    case dangThucHien
    case hoanThanhDungHan
    case hoanThanhQuaHan
    case quaHanChuaHoanThanh

    /// The Vietnamese words shown to officers.
    public var vietnameseName: String {
        switch self {
        case .chuaThucHien: return "Chưa thực hiện"
        case .dangThucHien: return "Đang thực hiện"
        case .hoanThanhDungHan: return "Hoàn thành đúng hạn"
        case .hoanThanhQuaHan: return "Hoàn thành quá hạn"
        case .quaHanChuaHoanThanh: return "Quá hạn chưa hoàn thành"
        }
    }

    /// The path segment and style class: "qua-han-chua-hoan-thanh".
    public var slug: String {
        switch self {
        case .chuaThucHien: return "chua-thuc-hien"
        case .dangThucHien: return "dang-thuc-hien"
        case .hoanThanhDungHan: return "hoan-thanh-dung-han"
        case .hoanThanhQuaHan: return "hoan-thanh-qua-han"
        case .quaHanChuaHoanThanh: return "qua-han-chua-hoan-thanh"
        }
    }

    /// Whether the task is finished, on time or not.
    public var isDone: Bool { self == .hoanThanhDungHan || self == .hoanThanhQuaHan }
}
