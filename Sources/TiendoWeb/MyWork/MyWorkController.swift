import Foundation
import TiendoCore
import Vapor

/// Việc của tôi: what the signed-in account has to act on — its unit's reports to submit (with
/// the deadline), reports returned with the reviewer's reason, reports waiting for its review,
/// its tasks overdue or due soon, and the explanation requests it has to answer or awaits. The same lists as the daily reminder digest
/// (``ReportWork`` and ``ReminderDigest``).
struct MyWorkController: Sendable {
    let store: any PageReads & FormReads & SubmissionReads & FollowUpReads & ExplanationStore

    /// How many days ahead the tasks look, as on the home page.
    static let taskDays = 7

    struct ReportRow: Encodable {
        let formName: String
        let unitName: String
        let period: String
        let deadline: String
        let when: String
        let isOverdue: Bool
        let detail: String
        let href: String
    }

    struct TaskRow: Encodable {
        let content: String
        let lead: String
        let deadline: String
        let when: String
        let isOverdue: Bool
        let href: String
    }

    struct Context: Encodable {
        let layout: LayoutContext
        let toSubmit: [ReportRow]
        let returned: [ReportRow]
        let toReview: [ReportRow]
        let tasks: [TaskRow]
        let total: Int
        let taskDays: Int
        let tasksHref: String
        let explanationsToAnswer: [ExplanationController.Row]
        let explanationsAwaiting: [ExplanationController.Row]
        let explanationsHref: String
    }

    /// The account's work on `today`: the reports and the tasks.
    static func work(
        for account: Account, store: any PageReads & FormReads & SubmissionReads & FollowUpReads & ExplanationStore,
        today: CivilDate
    ) async throws -> MyWork {
        let directory = try await store.directory()
        let forms = try await store.forms()
        let submissions = try await ReportWork.submissions(of: forms, today: today, from: store)
        let reports = ReportWork(
            account: account, forms: forms, submissions: submissions, directory: directory, today: today)
        let access = FollowUpAccess(user: account, directory: directory, today: today)
        let tasks = try await store.followUpBook().digest(concerning: access.sees, today: today, withinDays: taskDays)
        let explanations = ExplanationDesk.work(for: account, requests: try await store.explanationRequests())
        return MyWork(
            reports: reports, tasks: tasks, directory: directory, explanationsToAnswer: explanations.toAnswer,
            explanationsAwaiting: explanations.awaiting, today: today)
    }

    /// The home page's box: the reports returned (with the reason), waiting for review and to
    /// submit; nil when there are none (tasks have their own box there).
    struct Box: Encodable {
        let returned: [ReportRow]
        let toReviewCount: Int
        let toSubmitCount: Int
        let overdueCount: Int
        let href: String
        let reviewHref: String
        let submitHref: String
        let explanationsToAnswer: Int
        let explanationsOverdue: Int
        let explanationsHref: String
    }

    /// The box's HTML for `work`, or "" when no report asks for action.
    static func boxHTML(_ work: MyWork?, request: Request) async throws -> String {
        guard let work, !work.reports.isEmpty || !work.explanationsToAnswer.isEmpty else { return "" }
        let reports = work.reports
        let box = Box(
            returned: reports.returned.map { Self.row($0, detail: $0.submission.returnReason ?? "") },
            toReviewCount: reports.toReview.count, toSubmitCount: reports.toSubmit.count,
            overdueCount: reports.toSubmit.filter { $0.daysLeft < 0 }.count, href: SiteRoute.myWork.href,
            reviewHref: SiteRoute.myWork.href + "#cho-duyet", submitHref: SiteRoute.myWork.href + "#can-nop",
            explanationsToAnswer: work.explanationsToAnswer.count,
            explanationsOverdue: work.explanationsToAnswer.filter { $0.dueDate < work.today }.count,
            explanationsHref: SiteRoute.myWork.href + "#giai-trinh")
        return String(buffer: try await request.view.render("mywork/box", box).data)
    }

    /// One report's row.
    static func row(_ item: ReportWork.Item, detail: String) -> ReportRow {
        ReportRow(
            formName: item.formName, unitName: item.unit.fullName, period: item.period.vietnameseLabel,
            deadline: VietnameseDate.short(item.deadline), when: item.whenText, isOverdue: item.daysLeft < 0,
            detail: detail,
            href: SiteRoute.entry(form: item.formCode, unitCode: item.unit.code, period: item.period.id).path)
    }

    func show(_ request: Request) async throws -> View {
        let user = try request.requireUser()
        let today = CivilDate.todayInVietnam()
        let work = try await Self.work(for: user.account, store: store, today: today)
        await request.application.myWorkCache.keep(work, for: user.account.id)
        MyWorkMiddleware.put(work, on: request)
        let (reports, tasks, directory) = (work.reports, work.tasks, work.directory)

        func taskRow(_ item: ReminderDigest.Item) -> TaskRow {
            TaskRow(
                content: item.task.content, lead: FollowUpRows.unitName(item.task.leadUnit, directory),
                deadline: VietnameseDate.short(item.task.deadline), when: item.whenText, isOverdue: item.daysLeft < 0,
                href: SiteRoute.task(id: item.task.id.uuidString).href)
        }
        let toReview = reports.toReview.map { item in
            let at = item.submission.submittedAt.map { PageFormat.dateTime($0) } ?? ""
            let by = item.submission.submittedBy.map { " · \($0)" } ?? ""
            return Self.row(item, detail: "Nộp lúc \(at)\(by)")
        }
        let isDemo = try await store.isDemo()
        let snapshot = try await store.snapshot()
        let context = Context(
            layout: LayoutContext.make(request, title: "Việc của tôi", section: "viec-cua-toi", isDemo: isDemo),
            toSubmit: reports.toSubmit.map { Self.row($0, detail: $0.submission.status.vietnameseName) },
            returned: reports.returned.map { Self.row($0, detail: $0.submission.returnReason ?? "") },
            toReview: toReview,
            tasks: (tasks.overdue + tasks.dueSoon).map(taskRow),
            total: work.count,
            taskDays: Self.taskDays,
            tasksHref: SiteRoute.tasks(status: nil, unitCode: nil, day: nil).href,
            explanationsToAnswer: work.explanationsToAnswer.map {
                ExplanationController.row($0, snapshot: snapshot, today: today)
            },
            explanationsAwaiting: work.explanationsAwaiting.map {
                ExplanationController.row($0, snapshot: snapshot, today: today)
            },
            explanationsHref: SiteRoute.explanations.href)
        return try await request.view.render("mywork/index", context)
    }
}
