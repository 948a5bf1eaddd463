import Foundation
import TiendoCore

/// Rows and options shared by the follow-up pages.
enum FollowUpRows {
    struct TaskRow: Encodable {
        let number: Int
        let content: String
        let href: String
        let citation: String
        let directiveHref: String
        let lead: String
        let coordinating: String
        let deadline: String
        let status: String
        let statusClass: String
        let when: String
        let lastReport: String
    }

    /// Form values and messages keyed for templates: Leaf reads `form.noidung`, not `form["noi-dung"]`.
    static func templateKeys(_ fields: [String: String]) -> [String: String] {
        Dictionary(
            fields.map { ($0.key.replacingOccurrences(of: "-", with: ""), $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    static func unitName(_ unit: UnitID, _ directory: UnitDirectory) -> String {
        directory.latestVersion(of: unit)?.fullName ?? unit.rawValue
    }

    static func taskRow(_ task: FollowUpTask, book: FollowUpBook, directory: UnitDirectory, today: CivilDate)
        -> TaskRow
    {
        let status = book.status(of: task, on: today)
        let directive = book.directives[task.directiveID]
        let days = task.daysLeft(on: today)
        let when: String
        switch status {
        case .hoanThanhDungHan, .hoanThanhQuaHan:
            when = task.completedOn.map { "hoàn thành ngày \(VietnameseDate.short($0))" } ?? ""
        case .quaHanChuaHoanThanh: when = "quá hạn \(-days) ngày"
        case .chuaThucHien, .dangThucHien: when = days == 0 ? "đến hạn hôm nay" : "còn \(days) ngày"
        }
        let last = book.reports(of: task.id).last { $0.date <= today }
        return TaskRow(
            number: task.number, content: task.content, href: SiteRoute.task(id: task.id.uuidString).href,
            citation: directive.map { "\($0.kind.vietnameseName) số \($0.number)" } ?? "",
            directiveHref: SiteRoute.directive(id: task.directiveID.uuidString).href,
            lead: unitName(task.leadUnit, directory),
            coordinating: task.coordinatingUnits.map { unitName($0, directory) }.joined(separator: ", "),
            deadline: VietnameseDate.short(task.deadline), status: status.vietnameseName,
            statusClass: "task-\(status.slug)", when: when,
            lastReport: last.map { "\(VietnameseDate.short($0.date)): \($0.text)" } ?? "")
    }

    /// "12 nhiệm vụ: 3 hoàn thành đúng hạn, 1 quá hạn chưa hoàn thành, …" (statuses with none left out).
    static func summary(_ tasks: [FollowUpTask], book: FollowUpBook, today: CivilDate) -> String {
        let statuses = tasks.map { book.status(of: $0, on: today) }
        let parts = TaskStatus.allCases.compactMap { status -> String? in
            let count = statuses.filter { $0 == status }.count
            return count == 0 ? nil : "\(count) \(status.vietnameseName.lowercased())"
        }
        return "\(tasks.count) nhiệm vụ" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", ")) + "."
    }
}
