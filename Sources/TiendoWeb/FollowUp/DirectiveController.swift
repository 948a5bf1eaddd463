import Foundation
import TiendoCore
import Vapor

/// Văn bản chỉ đạo: the conclusions and directives whose items are followed as tasks.
struct DirectiveController: Sendable {
    let store: any PageReads & FollowUpStore

    struct NewDirective: Decodable {
        var kind: String?
        var number: String?
        var date: String?
        var issuingBody: String?
        var title: String?
        var file: File?

        enum CodingKeys: String, CodingKey {
            case kind = "loai"
            case number = "so"
            case date = "ngay"
            case issuingBody = "co-quan"
            case title = "trich-yeu"
            case file = "tep"
        }
    }

    struct NewTask: Decodable {
        var content: String?
        var lead: String?
        var coordinating: [String]?
        var deadline: String?
        var targets: [String]?

        enum CodingKeys: String, CodingKey {
            case content = "noi-dung"
            case lead = "chu-tri"
            case coordinating = "phoi-hop"
            case deadline = "thoi-han"
            case targets = "chi-tieu"
        }
    }

    struct DirectiveRow: Encodable {
        let citation: String
        let title: String
        let href: String
        let summary: String
    }

    struct ListContext: Encodable {
        let layout: LayoutContext
        let directives: [DirectiveRow]
        let canCreate: Bool
        let kinds: [ChoiceOption]
        let form: [String: String]
        let errors: [String: String]
        let error: String?
        let unitName: String
    }

    struct ShowContext: Encodable {
        let layout: LayoutContext
        let citation: String
        let title: String
        let unitName: String
        let fileName: String?
        let fileHref: String
        let summary: String
        let tasks: [FollowUpRows.TaskRow]
        let canAddTask: Bool
        let actionHref: String
        let unitOptions: [ChoiceOption]
        let coordinatingOptions: [ChoiceOption]
        let targetOptions: [ChoiceOption]
        let form: [String: String]
        let errors: [String: String]
        let error: String?
    }

    // MARK: List and create

    func list(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        return try await renderList(request, user: user, form: [:], errors: [:], error: nil, status: .ok)
    }

    func create(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        try Access.require(user, \.canManage, "ghi văn bản chỉ đạo")
        let input = (try? request.content.decode(NewDirective.self)) ?? NewDirective()
        let form = [
            "loai": input.kind ?? "", "so": input.number ?? "", "ngay": input.date ?? "",
            "co-quan": input.issuingBody ?? "", "trich-yeu": input.title ?? "",
        ]
        let snapshot = try await store.snapshot()
        let today = CivilDate.todayInVietnam()
        let unit = try UnitChoice.unit(nil, snapshot: snapshot, user: user.account, on: today)
        let file: (name: String, data: Data)?
        do {
            file = try await FollowUpFiles.read(input.file, store: store, unit: unit.unitID)
        } catch let refusal as FileRefusal {
            return try await renderList(
                request, user: user, form: form, errors: ["tep": refusal.message], error: nil,
                status: .unprocessableEntity)
        }
        let reading = DirectiveFormInput(
            kind: form["loai", default: ""], number: form["so", default: ""], date: form["ngay", default: ""],
            issuingBody: form["co-quan", default: ""], title: form["trich-yeu", default: ""]
        ).read(unit: unit.unitID, fileName: file?.name)
        switch reading {
        case .failure(let refusal):
            return try await renderList(
                request, user: user, form: form, errors: refusal.messages.byField,
                error: "Chưa ghi được văn bản: có \(refusal.messages.count) ô cần sửa.", status: .unprocessableEntity)
        case .success(let directive):
            try await store.saveDirective(directive, file: file?.data, actor: user.account.username)
            return request.redirect(to: SiteRoute.directive(id: directive.id.uuidString).href, redirectType: .normal)
        }
    }

    private func renderList(
        _ request: Request, user: CurrentUser, form: [String: String], errors: [String: String], error: String?,
        status: HTTPResponseStatus
    ) async throws -> Response {
        let snapshot = try await store.snapshot()
        let book = try await store.followUpBook()
        let today = CivilDate.todayInVietnam()
        let access = FollowUpAccess(user: user.account, directory: snapshot.directory, today: today)
        let rows = book.directives.values
            .filter { access.canView($0, in: book) }
            .sorted { ($0.date, $0.number) > ($1.date, $1.number) }
            .map { directive in
                DirectiveRow(
                    citation: directive.citation, title: directive.title,
                    href: SiteRoute.directive(id: directive.id.uuidString).href,
                    summary: FollowUpRows.summary(book.tasks(of: directive.id), book: book, today: today))
            }
        let unit = try? UnitChoice.unit(nil, snapshot: snapshot, user: user.account, on: today)
        let context = ListContext(
            layout: LayoutContext.make(
                request, title: "Văn bản chỉ đạo", section: "nhiem-vu", isDemo: try await store.isDemo()),
            directives: rows, canCreate: user.account.role.canManage,
            kinds: DirectiveKind.allCases.map {
                .init(value: $0.rawValue, label: $0.vietnameseName, selected: form["loai"] == $0.rawValue)
            },
            form: FollowUpRows.templateKeys(form), errors: FollowUpRows.templateKeys(errors), error: error,
            unitName: unit?.fullName ?? "")
        return try await request.view.render("followup/directives", context).encodeResponse(
            status: status, for: request)
    }

    // MARK: One directive and its tasks

    func show(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        return try await renderShow(request, user: user, form: [:], errors: [:], error: nil, status: .ok)
    }

    func addTask(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        try Access.require(user, \.canManage, "giao nhiệm vụ")
        let (directive, book, snapshot, access) = try await load(request, user: user)
        guard access.canManage(directive) else {
            throw PageError(.forbidden, "Bạn không có quyền giao nhiệm vụ theo văn bản này.")
        }
        let input = (try? request.content.decode(NewTask.self)) ?? NewTask()
        let form = [
            "noi-dung": input.content ?? "", "chu-tri": input.lead ?? "", "thoi-han": input.deadline ?? "",
            "phoi-hop": (input.coordinating ?? []).joined(separator: "|"),
            "chi-tieu": (input.targets ?? []).joined(separator: "|"),
        ]
        let units = assignableUnits(directive, snapshot: snapshot, access: access)
        let reading = TaskFormInput(
            content: form["noi-dung", default: ""], leadUnitCode: form["chu-tri", default: ""],
            coordinatingUnitCodes: input.coordinating ?? [], deadline: form["thoi-han", default: ""],
            linkedTargets: input.targets ?? []
        ).read(
            directive: directive, number: book.tasks(of: directive.id).count + 1,
            unit: { code in units.first { $0.code == code } },
            targetExists: { link in
                snapshot.resolution(id: link.resolutionID)?.targets.contains { $0.number == link.targetNumber } ?? false
            })
        switch reading {
        case .failure(let refusal):
            return try await renderShow(
                request, user: user, form: form, errors: refusal.messages.byField,
                error: "Chưa giao được nhiệm vụ: có \(refusal.messages.count) ô cần sửa.", status: .unprocessableEntity)
        case .success(let task):
            try await store.addTask(task, actor: user.account.username, today: .todayInVietnam())
            return request.redirect(to: SiteRoute.directive(id: directive.id.uuidString).href, redirectType: .normal)
        }
    }

    func file(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let (directive, _, _, _) = try await load(request, user: user)
        guard let file = try await store.directiveFile(directive.id) else {
            throw PageError(.notFound, "Văn bản này không có tệp đính kèm.")
        }
        return FollowUpFiles.download((file.name, file.data))
    }

    private func load(_ request: Request, user: CurrentUser) async throws
        -> (Directive, FollowUpBook, Snapshot, FollowUpAccess)
    {
        let snapshot = try await store.snapshot()
        let book = try await store.followUpBook()
        let access = FollowUpAccess(user: user.account, directory: snapshot.directory, today: .todayInVietnam())
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)), let directive = book.directives[id]
        else { throw PageError(.notFound, "Không tìm thấy văn bản chỉ đạo này.") }
        guard access.canView(directive, in: book) else {
            throw PageError(.forbidden, "Bạn không có quyền xem văn bản chỉ đạo này.")
        }
        return (directive, book, snapshot, access)
    }

    /// The directive's unit and the units below it that the user sees, as of today.
    private func assignableUnits(_ directive: Directive, snapshot: Snapshot, access: FollowUpAccess) -> [UnitVersion] {
        let directory = snapshot.directory
        guard let top = directory.version(of: directive.unitID, on: access.today) else { return [] }
        var result = [top]
        var queue = [top.unitID]
        while let next = queue.first {
            queue.removeFirst()
            let children = directory.children(of: next, on: access.today)
                .sorted { VietnameseText.collationLess($0.fullName, $1.fullName) }
            result += children
            queue += children.map(\.unitID)
        }
        return result.filter { access.sees($0.unitID) }
    }

    private func renderShow(
        _ request: Request, user: CurrentUser, form: [String: String], errors: [String: String], error: String?,
        status: HTTPResponseStatus
    ) async throws -> Response {
        let (directive, book, snapshot, access) = try await load(request, user: user)
        let today = access.today
        let tasks = book.tasks(of: directive.id).filter { access.canView($0, in: book) }
        let units = assignableUnits(directive, snapshot: snapshot, access: access)
        let coordinating = Set(form["phoi-hop"]?.split(separator: "|").map(String.init) ?? [])
        let chosenTargets = Set(form["chi-tieu"]?.split(separator: "|").map(String.init) ?? [])
        let targetOptions = snapshot.resolutions(issuedBy: directive.unitID).flatMap { resolution in
            resolution.targets.map { target in
                let link = TargetLink(resolutionID: resolution.id, targetNumber: target.number)
                return ChoiceOption(
                    value: link.key, label: "\(resolution.symbol) — chỉ tiêu \(target.number): \(target.wording)",
                    selected: chosenTargets.contains(link.key))
            }
        }
        let context = ShowContext(
            layout: LayoutContext.make(
                request, title: "\(directive.kind.vietnameseName) số \(directive.number)", section: "nhiem-vu",
                isDemo: try await store.isDemo()),
            citation: directive.citation, title: directive.title,
            unitName: FollowUpRows.unitName(directive.unitID, snapshot.directory), fileName: directive.fileName,
            fileHref: SiteRoute.directiveFile(id: directive.id.uuidString).href,
            summary: FollowUpRows.summary(tasks, book: book, today: today),
            tasks: tasks.map { FollowUpRows.taskRow($0, book: book, directory: snapshot.directory, today: today) },
            canAddTask: access.canManage(directive),
            actionHref: SiteRoute.directive(id: directive.id.uuidString).href,
            unitOptions: units.map { .init(value: $0.code, label: $0.fullName, selected: form["chu-tri"] == $0.code) },
            coordinatingOptions: units.map {
                .init(value: $0.code, label: $0.fullName, selected: coordinating.contains($0.code))
            },
            targetOptions: targetOptions, form: FollowUpRows.templateKeys(form),
            errors: FollowUpRows.templateKeys(errors), error: error)
        return try await request.view.render("followup/directive", context).encodeResponse(
            status: status, for: request)
    }
}
