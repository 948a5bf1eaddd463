import Foundation
import TiendoCore
import Vapor

/// Nhiệm vụ: the tasks that concern the user, one task's thread, progress reports and completion.
struct TaskController: Sendable {
    let store: any PageReads & FollowUpStore

    struct ListQuery: Decodable {
        var status: String?
        var unitCode: String?
        var day: String?

        enum CodingKeys: String, CodingKey {
            case status = "trang-thai"
            case unitCode = "don-vi"
            case day = "ngay"
        }
    }

    struct ListContext: Encodable {
        let layout: LayoutContext
        let heading: String
        let summary: String
        let dayText: String
        let day: String
        let isToday: Bool
        let statusOptions: [ChoiceOption]
        let unitOptions: [ChoiceOption]
        let tasks: [FollowUpRows.TaskRow]
        let directivesHref: String
        let overdueHref: String
    }

    struct NewReport: Decodable {
        var unitCode: String?
        var date: String?
        var text: String?
        var file: File?

        enum CodingKeys: String, CodingKey {
            case unitCode = "don-vi"
            case date = "ngay"
            case text = "noi-dung"
            case file = "tep"
        }
    }

    struct Completion: Decodable {
        var date: String?
        var reopen: String?

        enum CodingKeys: String, CodingKey {
            case date = "ngay"
            case reopen = "mo-lai"
        }
    }

    struct ReportRow: Encodable {
        let date: String
        let unit: String
        let text: String
        let author: String
        let fileName: String?
        let fileHref: String
    }

    struct TargetRow: Encodable {
        let label: String
        let href: String
    }

    struct ShowContext: Encodable {
        let layout: LayoutContext
        let task: FollowUpRows.TaskRow
        let directiveCitation: String
        let directiveTitle: String
        let targets: [TargetRow]
        let reports: [ReportRow]
        let isDone: Bool
        let completedBy: String?
        let reportingUnits: [ChoiceOption]
        let canComplete: Bool
        let actionHref: String
        let completionHref: String
        let today: String
        let form: [String: String]
        let errors: [String: String]
        let error: String?
        let accept: String
    }

    // MARK: The list

    func list(_ request: Request) async throws -> View {
        let user = try request.requireUser()
        let query = try request.query.decode(ListQuery.self)
        let snapshot = try await store.snapshot()
        let book = try await store.followUpBook()
        let realToday = CivilDate.todayInVietnam()
        var today = realToday
        if let raw = query.day, !raw.isEmpty {
            guard let day = VietnameseDate.parse(raw) else {
                throw PageError(.badRequest, "Ngày “\(raw)” không hợp lệ; hãy viết dạng 29/11/2026.")
            }
            today = day
        }
        let access = FollowUpAccess(user: user.account, directory: snapshot.directory, today: today)
        var tasks = access.visibleTasks(book)
        let status = query.status.flatMap { slug in TaskStatus.allCases.first { $0.slug == slug } }
        if let raw = query.status, !raw.isEmpty, status == nil {
            throw PageError(.badRequest, "Trạng thái “\(raw)” không có; hãy chọn trong danh sách.")
        }
        var unitLabel: String?
        if let code = query.unitCode, !code.isEmpty {
            let unit = try UnitChoice.unit(code, snapshot: snapshot, user: user.account, on: today)
            tasks = tasks.filter { $0.involves(unit.unitID) }
            unitLabel = unit.fullName
        }
        let unitsWithTasks = Set(tasks.flatMap { [$0.leadUnit] + $0.coordinatingUnits }).filter(access.sees)
        if let status { tasks = tasks.filter { book.status(of: $0, on: today) == status } }
        tasks.sort { ($0.deadline, $0.number) < ($1.deadline, $1.number) }

        var heading = status.map { "Nhiệm vụ \($0.vietnameseName.lowercased())" } ?? "Nhiệm vụ"
        if let unitLabel { heading += " — \(unitLabel)" }
        let unitOptions =
            unitsWithTasks.compactMap { snapshot.directory.latestVersion(of: $0) }
            .sorted { VietnameseText.collationLess($0.fullName, $1.fullName) }
            .map { ChoiceOption(value: $0.code, label: $0.fullName, selected: $0.code == query.unitCode) }
        let context = ListContext(
            layout: LayoutContext.make(request, title: heading, section: "nhiem-vu", isDemo: try await store.isDemo()),
            heading: heading, summary: FollowUpRows.summary(tasks, book: book, today: today),
            dayText: VietnameseDate.short(today), day: today == realToday ? "" : VietnameseDate.short(today),
            isToday: today == realToday,
            statusOptions: TaskStatus.allCases.map {
                .init(value: $0.slug, label: $0.vietnameseName, selected: $0 == status)
            },
            unitOptions: unitOptions,
            tasks: tasks.map { FollowUpRows.taskRow($0, book: book, directory: snapshot.directory, today: today) },
            directivesHref: SiteRoute.directives.href,
            overdueHref: SiteRoute.tasks(status: TaskStatus.quaHanChuaHoanThanh.slug, unitCode: nil, day: nil).href)
        return try await request.view.render("followup/tasks", context)
    }

    // MARK: One task

    func show(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        return try await renderShow(request, user: user, form: [:], errors: [:], error: nil, status: .ok)
    }

    func report(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        try Access.require(user, \.canEnterData, "báo cáo tiến độ nhiệm vụ")
        let (task, _, snapshot, access) = try await load(request, user: user)
        let input = (try? request.content.decode(NewReport.self)) ?? NewReport()
        let today = access.today
        let form = [
            "don-vi": input.unitCode ?? "", "ngay": input.date ?? VietnameseDate.short(today),
            "noi-dung": input.text ?? "",
        ]
        var errors: [String: String] = [:]
        let units = access.reportingUnits(of: task)
        let unit = units.first { snapshot.directory.latestVersion(of: $0)?.code == form["don-vi"] }
        if units.isEmpty {
            throw PageError(.forbidden, "Đơn vị của bạn không chủ trì hoặc phối hợp thực hiện nhiệm vụ này.")
        }
        if unit == nil { errors["don-vi"] = "Hãy chọn đơn vị báo cáo trong danh sách." }
        let date = VietnameseDate.parse(form["ngay", default: ""])
        if date == nil {
            errors["ngay"] =
                "Ngày “\(form["ngay", default: ""])” không hợp lệ; hãy viết dạng \(VietnameseDate.short(today))."
        } else if let date, date > today {
            errors["ngay"] = "Ngày báo cáo không được sau hôm nay (\(VietnameseDate.short(today)))."
        }
        let text = VietnameseText.normalizedName(form["noi-dung", default: ""])
        if text.isEmpty { errors["noi-dung"] = "Hãy ghi kết quả đã thực hiện." }
        var file: (name: String, data: Data)?
        do {
            file = try await FollowUpFiles.read(input.file, store: store, unit: unit)
        } catch let refusal as FileRefusal {
            errors["tep"] = refusal.message
        }
        guard errors.isEmpty, let unit, let date else {
            return try await renderShow(
                request, user: user, form: form, errors: errors,
                error: "Chưa ghi được báo cáo: có \(errors.count) ô cần sửa.", status: .unprocessableEntity)
        }
        try await store.addProgressReport(
            TaskProgressReport(
                taskID: task.id, unitID: unit, date: date, text: text, author: user.account.username,
                fileName: file?.name),
            file: file?.data, today: today)
        return request.redirect(to: SiteRoute.task(id: task.id.uuidString).href, redirectType: .normal)
    }

    func complete(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        try Access.require(user, \.canEnterData, "đánh dấu hoàn thành nhiệm vụ")
        let (task, _, _, access) = try await load(request, user: user)
        guard access.canComplete(task) else {
            throw PageError(.forbidden, "Chỉ đơn vị chủ trì mới đánh dấu hoàn thành nhiệm vụ này.")
        }
        let input = (try? request.content.decode(Completion.self)) ?? Completion()
        let today = access.today
        if input.reopen != nil {
            try await store.setTaskCompletion(
                taskID: task.id, completedOn: nil, actor: user.account.username, today: today)
            return request.redirect(to: SiteRoute.task(id: task.id.uuidString).href, redirectType: .normal)
        }
        let raw = input.date ?? ""
        guard let date = raw.isEmpty ? today : VietnameseDate.parse(raw), date <= today else {
            return try await renderShow(
                request, user: user, form: ["ngay-hoan-thanh": raw],
                errors: [
                    "ngay-hoan-thanh":
                        "Ngày hoàn thành “\(raw)” không hợp lệ hoặc sau hôm nay; hãy viết dạng \(VietnameseDate.short(today))."
                ], error: "Chưa đánh dấu hoàn thành được.", status: .unprocessableEntity)
        }
        try await store.setTaskCompletion(
            taskID: task.id, completedOn: date, actor: user.account.username, today: today)
        return request.redirect(to: SiteRoute.task(id: task.id.uuidString).href, redirectType: .normal)
    }

    func reportFile(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let (task, book, _, _) = try await load(request, user: user)
        guard let id = request.parameters.get("report").flatMap(UUID.init(uuidString:)),
            book.reports(of: task.id).contains(where: { $0.id == id }),
            let file = try await store.progressReportFile(id)
        else { throw PageError(.notFound, "Không tìm thấy tệp minh chứng này.") }
        return FollowUpFiles.download((file.name, file.data))
    }

    private func load(_ request: Request, user: CurrentUser) async throws
        -> (FollowUpTask, FollowUpBook, Snapshot, FollowUpAccess)
    {
        let snapshot = try await store.snapshot()
        let book = try await store.followUpBook()
        let access = FollowUpAccess(user: user.account, directory: snapshot.directory, today: .todayInVietnam())
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let task = book.tasks.first(where: { $0.id == id })
        else { throw PageError(.notFound, "Không tìm thấy nhiệm vụ này.") }
        guard access.canView(task, in: book) else {
            throw PageError(.forbidden, "Bạn không có quyền xem nhiệm vụ này.")
        }
        return (task, book, snapshot, access)
    }

    private func renderShow(
        _ request: Request, user: CurrentUser, form: [String: String], errors: [String: String], error: String?,
        status: HTTPResponseStatus
    ) async throws -> Response {
        let (task, book, snapshot, access) = try await load(request, user: user)
        let directory = snapshot.directory
        let directive = book.directives[task.directiveID]
        let today = access.today
        let targets = task.linkedTargets.compactMap { link -> TargetRow? in
            guard let resolution = snapshot.resolution(id: link.resolutionID),
                let target = resolution.targets.first(where: { $0.number == link.targetNumber })
            else { return nil }
            let unit = directory.latestVersion(of: resolution.issuingUnitID)
            return TargetRow(
                label: "\(resolution.symbol) — chỉ tiêu \(target.number): \(target.wording)",
                href: SiteRoute.overview(unitCode: unit?.code, period: nil, resolutionID: resolution.id).href)
        }
        let reports = book.reports(of: task.id).map { report in
            ReportRow(
                date: VietnameseDate.short(report.date), unit: FollowUpRows.unitName(report.unitID, directory),
                text: report.text, author: report.author, fileName: report.fileName,
                fileHref: SiteRoute.taskReportFile(id: task.id.uuidString, reportID: report.id.uuidString).href)
        }
        let units = access.reportingUnits(of: task).compactMap { directory.latestVersion(of: $0) }
        let chosen = form["don-vi"] ?? (units.count == 1 ? units[0].code : "")
        let context = ShowContext(
            layout: LayoutContext.make(
                request, title: "Nhiệm vụ \(task.number)", section: "nhiem-vu", isDemo: try await store.isDemo()),
            task: FollowUpRows.taskRow(task, book: book, directory: directory, today: today),
            directiveCitation: directive?.citation ?? "", directiveTitle: directive?.title ?? "", targets: targets,
            reports: reports, isDone: book.status(of: task, on: today).isDone, completedBy: task.completedBy,
            reportingUnits: units.map { .init(value: $0.code, label: $0.fullName, selected: $0.code == chosen) },
            canComplete: access.canComplete(task), actionHref: SiteRoute.task(id: task.id.uuidString).href,
            completionHref: SiteRoute.taskCompletion(id: task.id.uuidString).href,
            today: VietnameseDate.short(today),
            form: FollowUpRows.templateKeys(
                form.merging(["ngay": form["ngay"] ?? VietnameseDate.short(today)]) { a, _ in a }),
            errors: FollowUpRows.templateKeys(errors),
            error: error, accept: FollowUpFiles.acceptAttribute)
        return try await request.view.render("followup/task", context).encodeResponse(status: status, for: request)
    }
}
