import Foundation
import TiendoCore

/// Who may see and do what in the follow-up pages — one place, so every page and the
/// authorization tests agree. A task is seen by anyone who sees its lead unit, one of its
/// coordinating units or the unit of its directive; a directive by anyone who sees its unit or
/// one of its tasks.
struct FollowUpAccess {
    let user: Account
    let directory: UnitDirectory
    let today: CivilDate

    func sees(_ unit: UnitID) -> Bool { user.canSee(unit, in: directory, on: today) }

    func canView(_ task: FollowUpTask, in book: FollowUpBook) -> Bool {
        sees(task.leadUnit) || task.coordinatingUnits.contains(where: sees)
            || book.directives[task.directiveID].map { sees($0.unitID) } ?? false
    }

    func canView(_ directive: Directive, in book: FollowUpBook) -> Bool {
        sees(directive.unitID) || book.tasks(of: directive.id).contains { canView($0, in: book) }
    }

    /// Records directives and assigns tasks: the office of the directive's unit or above.
    func canManage(_ directive: Directive) -> Bool { user.role.canManage && sees(directive.unitID) }

    /// The units of a task the user may report progress for.
    func reportingUnits(of task: FollowUpTask) -> [UnitID] {
        guard user.role.canEnterData else { return [] }
        return ([task.leadUnit] + task.coordinatingUnits).filter(sees)
    }

    /// Marks the task done or reopens it: whoever enters data for the lead unit.
    func canComplete(_ task: FollowUpTask) -> Bool { user.role.canEnterData && sees(task.leadUnit) }

    /// The tasks the user sees.
    func visibleTasks(_ book: FollowUpBook) -> [FollowUpTask] { book.tasks.filter { canView($0, in: book) } }
}
