import Foundation

/// Every directive, task and progress report, read together: the views of the follow-up pages
/// and the reminders are questions asked of it.
public struct FollowUpBook: Sendable {
    /// Directives by id.
    public var directives: [UUID: Directive]
    /// Every task, by directive and number.
    public var tasks: [FollowUpTask]
    /// Every progress report, oldest first.
    public var reports: [TaskProgressReport]

    /// Creates the book.
    public init(directives: [Directive], tasks: [FollowUpTask], reports: [TaskProgressReport]) {
        let byID = Dictionary(directives.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.directives = byID
        self.tasks = tasks.sorted {
            let a = byID[$0.directiveID]
            let b = byID[$1.directiveID]
            return (a?.date ?? $0.deadline, a?.number ?? "", $0.number) < (
                b?.date ?? $1.deadline, b?.number ?? "", $1.number
            )
        }
        self.reports = reports.sorted { ($0.date, $0.id.uuidString) < ($1.date, $1.id.uuidString) }
    }

    /// The tasks of one directive, by number.
    public func tasks(of directive: UUID) -> [FollowUpTask] {
        tasks.filter { $0.directiveID == directive }.sorted { $0.number < $1.number }
    }

    /// The progress reports of one task, oldest first.
    public func reports(of task: UUID) -> [TaskProgressReport] { reports.filter { $0.taskID == task } }

    /// The task's status on `today`.
    public func status(of task: FollowUpTask, on today: CivilDate) -> TaskStatus {
        task.status(on: today, reports: reports(of: task.id))
    }

    /// The tasks that concern a person: those whose lead or a coordinating unit `sees` accepts.
    public func tasks(concerning sees: (UnitID) -> Bool) -> [FollowUpTask] {
        tasks.filter { task in sees(task.leadUnit) || task.coordinatingUnits.contains(where: sees) }
    }

    /// The tasks that serve a target.
    public func tasks(linkedTo link: TargetLink) -> [FollowUpTask] {
        tasks.filter { $0.linkedTargets.contains(link) }
    }

    /// The reminder digest of the tasks `sees` accepts.
    public func digest(concerning sees: (UnitID) -> Bool, today: CivilDate, withinDays: Int) -> ReminderDigest {
        ReminderDigest(
            tasks: tasks(concerning: sees), directives: directives, reports: reports, today: today,
            withinDays: withinDays)
    }

    /// The per-unit task figures on `today`.
    public func figures(directory: UnitDirectory, today: CivilDate, author: String, at time: Date) -> [IndicatorValue] {
        TaskFigures.values(
            tasks: tasks, reports: reports, directory: directory, today: today, author: author, at: time)
    }
}
