import Foundation

/// What a person is reminded of on a day: tasks past their deadline and tasks due within a few
/// days, among the tasks that concern them. One rule for the home page, `tiendo remind` and the
/// e-mail digest.
public struct ReminderDigest: Hashable, Sendable {
    /// One task to be reminded of.
    public struct Item: Hashable, Sendable {
        /// The task.
        public var task: FollowUpTask
        /// Where it comes from: "Thông báo kết luận số 125-TB/TU ngày 15/09/2026 của …".
        public var citation: String
        /// Its status on the day.
        public var status: TaskStatus
        /// Days to the deadline (negative: days overdue).
        public var daysLeft: Int

        /// "quá hạn 12 ngày", "đến hạn hôm nay", "còn 3 ngày".
        public var whenText: String { Self.whenText(daysLeft: daysLeft) }

        /// The words for `daysLeft` days to a deadline (negative: overdue), for tasks and reports alike.
        public static func whenText(daysLeft: Int) -> String {
            if daysLeft < 0 { return "quá hạn \(-daysLeft) ngày" }
            if daysLeft == 0 { return "đến hạn hôm nay" }
            return "còn \(daysLeft) ngày"
        }
    }

    /// The day the digest is made for.
    public var today: CivilDate
    /// How many days ahead "due soon" looks.
    public var withinDays: Int
    /// Not done and past the deadline, oldest deadline first.
    public var overdue: [Item]
    /// Not done, deadline between today and today + `withinDays`, nearest first.
    public var dueSoon: [Item]

    /// Whether there is nothing to remind of.
    public var isEmpty: Bool { overdue.isEmpty && dueSoon.isEmpty }

    /// Builds the digest of `tasks` (those that concern the person) on `today`.
    public init(
        tasks: [FollowUpTask], directives: [UUID: Directive], reports: [TaskProgressReport], today: CivilDate,
        withinDays: Int
    ) {
        self.today = today
        self.withinDays = withinDays
        let reportsByTask = Dictionary(grouping: reports, by: \.taskID)
        var overdue: [Item] = []
        var dueSoon: [Item] = []
        for task in tasks {
            let status = task.status(on: today, reports: reportsByTask[task.id] ?? [])
            guard !status.isDone else { continue }
            let item = Item(
                task: task, citation: directives[task.directiveID]?.citation ?? "", status: status,
                daysLeft: task.daysLeft(on: today))
            if status == .quaHanChuaHoanThanh {
                overdue.append(item)
            } else if item.daysLeft <= withinDays {
                dueSoon.append(item)
            }
        }
        func order(_ a: Item, _ b: Item) -> Bool {
            (a.task.deadline, a.citation, a.task.number) < (b.task.deadline, b.citation, b.task.number)
        }
        self.overdue = overdue.sorted(by: order)
        self.dueSoon = dueSoon.sorted(by: order)
    }

    /// The digest as plain text, for the terminal and the e-mail body. `unitName` names a unit
    /// by id; `link` gives a task's address when the server's address is known.
    public func plainText(unitName: (UnitID) -> String, link: ((FollowUpTask) -> String)? = nil) -> String {
        var lines = ["Nhắc việc ngày \(VietnameseDate.short(today))"]
        func section(_ title: String, _ items: [Item]) {
            guard !items.isEmpty else { return }
            lines.append("")
            lines.append("\(title): \(items.count)")
            for item in items {
                lines.append(
                    "- [\(item.whenText), hạn \(VietnameseDate.short(item.task.deadline))] \(item.task.content)")
                lines.append("  Chủ trì: \(unitName(item.task.leadUnit)). Theo \(item.citation).")
                if let link { lines.append("  \(link(item.task))") }
            }
        }
        section("Nhiệm vụ quá hạn chưa hoàn thành", overdue)
        section("Nhiệm vụ đến hạn trong \(withinDays) ngày tới", dueSoon)
        return lines.joined(separator: "\n")
    }
}
