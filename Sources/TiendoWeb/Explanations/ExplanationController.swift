import Foundation
import TiendoCore
import Vapor

/// Giải trình: the explanation requests that concern the account, one request's thread with the
/// unit's answer, and the form a leader or reviewer asks with. Rules live in ``ExplanationDesk``.
struct ExplanationController: Sendable {
    let store: any PageReads & ExplanationStore & FollowUpStore

    struct Row: Encodable {
        let subject: String
        let indicator: String
        let unit: String
        let question: String
        let askedBy: String
        let askedOn: String
        let due: String
        let when: String
        let status: String
        let statusClass: String
        let isOverdue: Bool
        let answer: String?
        let answeredBy: String?
        let answeredOn: String?
        let fileName: String?
        let fileHref: String
        let href: String
        let indicatorHref: String
    }

    struct ListContext: Encodable {
        let layout: LayoutContext
        let toAnswer: [Row]
        let awaiting: [Row]
        let others: [Row]
    }

    struct ShowContext: Encodable {
        let layout: LayoutContext
        let request: Row
        let canAnswer: Bool
        let actionHref: String
        let text: String
        let errors: [String: String]
        let error: String?
        let accept: String
    }

    struct NewContext: Encodable {
        let layout: LayoutContext
        let indicatorName: String
        let unitFullName: String
        let indicatorHref: String
        let actionHref: String
        let subjects: [ChoiceOption]
        let text: String
        let due: String
        let errors: [String: String]
        let error: String?
    }

    struct Answer: Decodable {
        var text: String?
        var file: File?

        enum CodingKeys: String, CodingKey {
            case text = "noi-dung"
            case file = "tep"
        }
    }

    struct Ask: Decodable {
        var subject: String?
        var text: String?
        var due: String?

        enum CodingKeys: String, CodingKey {
            case subject = "ve"
            case text = "noi-dung"
            case due = "han"
        }
    }

    // MARK: Rows

    static func row(
        _ request: ExplanationRequest, snapshot: Snapshot, today: CivilDate
    ) -> Row {
        let status = request.status(on: today)
        let wording = request.target.flatMap { link in
            snapshot.resolutions.first { $0.id == link.resolutionID }?.targets.first { $0.number == link.targetNumber }?
                .wording
        }
        let unit = snapshot.directory.latestVersion(of: request.unitID)
        let id = request.id.uuidString
        return Row(
            subject: request.subjectText(targetWording: wording),
            indicator: snapshot.indicators.first { $0.code == request.indicatorCode }?.name ?? request.indicatorCode,
            unit: unit?.fullName ?? request.unitID.rawValue, question: request.question, askedBy: request.askedBy,
            askedOn: VietnameseDate.short(request.askedOn), due: VietnameseDate.short(request.dueDate),
            when: status.isAnswered ? "" : ReminderDigest.Item.whenText(daysLeft: request.daysLeft(on: today)),
            status: status.vietnameseName, statusClass: "task-\(statusClassSuffix(status))",
            isOverdue: status == .quaHanChuaTraLoi, answer: request.answer?.text, answeredBy: request.answer?.author,
            answeredOn: request.answer.map { VietnameseDate.short($0.date) }, fileName: request.answer?.fileName,
            fileHref: SiteRoute.explanationFile(id: id).href, href: SiteRoute.explanation(id: id).href,
            indicatorHref: SiteRoute.indicator(code: request.indicatorCode, unitCode: unit?.code).href)
    }

    /// The task status colours, reused: waiting, overdue, done.
    static func statusClassSuffix(_ status: ExplanationStatus) -> String {
        switch status {
        case .choTraLoi: return TaskStatus.dangThucHien.slug
        case .quaHanChuaTraLoi: return TaskStatus.quaHanChuaHoanThanh.slug
        case .daTraLoi: return TaskStatus.hoanThanhDungHan.slug
        case .daTraLoiQuaHan: return TaskStatus.hoanThanhQuaHan.slug
        }
    }

    // MARK: The list

    func list(_ request: Request) async throws -> View {
        let user = try request.requireUser()
        let snapshot = try await store.snapshot()
        let today = CivilDate.todayInVietnam()
        let all = try await store.explanationRequests()
        let work = ExplanationDesk.work(for: user.account, requests: all)
        let mine = Set((work.toAnswer + work.awaiting).map(\.id))
        let others = all.filter {
            !mine.contains($0.id) && ExplanationDesk.maySee(user.account, $0, in: snapshot.directory, on: today)
        }.sorted { ($0.askedOn, $0.dueDate) > ($1.askedOn, $1.dueDate) }
        let context = ListContext(
            layout: LayoutContext.make(
                request, title: "Giải trình", section: "giai-trinh", isDemo: try await store.isDemo()),
            toAnswer: work.toAnswer.map { Self.row($0, snapshot: snapshot, today: today) },
            awaiting: work.awaiting.map { Self.row($0, snapshot: snapshot, today: today) },
            others: others.prefix(200).map { Self.row($0, snapshot: snapshot, today: today) })
        return try await request.view.render("explanations/index", context)
    }

    // MARK: One request

    func show(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        return try await renderShow(request, user: user, text: "", errors: [:], error: nil, status: .ok)
    }

    func answer(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let (explanation, _, today) = try await load(request, user: user)
        let input = (try? request.content.decode(Answer.self)) ?? Answer()
        let text = input.text ?? ""
        var file: (name: String, data: Data)?
        do {
            // The attachment rules of evidence files: kinds, size, and the unit's quota.
            file = try await FollowUpFiles.read(input.file, store: store, unit: explanation.unitID)
        } catch let refusal as FileRefusal {
            return try await renderShow(
                request, user: user, text: text, errors: ["tep": refusal.message],
                error: "Chưa ghi được giải trình.", status: .unprocessableEntity)
        }
        do {
            _ = try await ExplanationDesk(store: store).answer(
                explanation.id, text: text, file: file.map { StoredFile(name: $0.name, data: $0.data) },
                by: user.account, today: today)
        } catch let refusal as ExplanationError {
            if refusal.kind == .forbidden { throw PageError(.forbidden, refusal.message) }
            return try await renderShow(
                request, user: user, text: text,
                errors: refusal.field.map { [$0.replacingOccurrences(of: "-", with: ""): refusal.message] } ?? [:],
                error: refusal.field == nil ? refusal.message : "Chưa ghi được giải trình.",
                status: .unprocessableEntity)
        }
        await request.application.myWorkCache.forgetAll()
        return request.redirect(to: SiteRoute.explanation(id: explanation.id.uuidString).href, redirectType: .normal)
    }

    func file(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let (explanation, _, _) = try await load(request, user: user)
        guard let file = try await store.explanationAnswerFile(explanation.id) else {
            throw PageError(.notFound, "Không tìm thấy tệp đính kèm này.")
        }
        return FollowUpFiles.download((file.name, file.data))
    }

    private func load(_ request: Request, user: CurrentUser) async throws -> (ExplanationRequest, Snapshot, CivilDate) {
        let snapshot = try await store.snapshot()
        let today = CivilDate.todayInVietnam()
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let explanation = try await store.explanationRequests().first(where: { $0.id == id })
        else { throw PageError(.notFound, "Không tìm thấy yêu cầu giải trình này.") }
        guard ExplanationDesk.maySee(user.account, explanation, in: snapshot.directory, on: today) else {
            throw PageError(.forbidden, "Bạn không có quyền xem yêu cầu giải trình này.")
        }
        return (explanation, snapshot, today)
    }

    private func renderShow(
        _ request: Request, user: CurrentUser, text: String, errors: [String: String], error: String?,
        status: HTTPResponseStatus
    ) async throws -> Response {
        let (explanation, snapshot, today) = try await load(request, user: user)
        let context = ShowContext(
            layout: LayoutContext.make(
                request, title: "Yêu cầu giải trình", section: "giai-trinh", isDemo: try await store.isDemo()),
            request: Self.row(explanation, snapshot: snapshot, today: today),
            canAnswer: explanation.answer == nil && ExplanationDesk.mayAnswer(user.account, explanation),
            actionHref: SiteRoute.explanation(id: explanation.id.uuidString).href, text: text, errors: errors,
            error: error, accept: FollowUpFiles.acceptAttribute)
        return try await request.view.render("explanations/show", context).encodeResponse(status: status, for: request)
    }

    // MARK: Asking

    /// The subjects an explanation about `code` for `unit` may be asked on: the verdicts of the
    /// unit's own targets on this indicator, then each period with a figure, newest first.
    static func subjects(code: String, unit: UnitVersion, snapshot: Snapshot, chosen: String?) -> [ChoiceOption] {
        var options: [ChoiceOption] = []
        for resolution in snapshot.resolutions(issuedBy: unit.unitID) {
            for target in resolution.targets where target.indicatorCode == code {
                let value = "chi-tieu:" + TargetLink(resolutionID: resolution.id, targetNumber: target.number).key
                options.append(
                    ChoiceOption(
                        value: value,
                        label: "Kết quả đánh giá chỉ tiêu \(target.number) (\(resolution.symbol)): \(target.wording)",
                        selected: value == chosen))
            }
        }
        let periods = snapshot.values.reported(code, unit: unit.unitID).map(\.period)
        for period in Set(periods).sorted(by: >) {
            let value = "so-lieu:" + period.id
            options.append(
                ChoiceOption(value: value, label: "Số liệu \(period.vietnameseLabel)", selected: value == chosen))
        }
        return options
    }

    /// Reads a subject value ("chi-tieu:RES#3", "so-lieu:2026") into a target or a period.
    static func parseSubject(_ raw: String) -> (TargetLink?, Period?) {
        if raw.hasPrefix("chi-tieu:") { return (TargetLink(key: String(raw.dropFirst("chi-tieu:".count))), nil) }
        if raw.hasPrefix("so-lieu:") { return (nil, Period(id: String(raw.dropFirst("so-lieu:".count)))) }
        return (nil, nil)
    }

    func showNew(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let (code, unit, snapshot, today) = try await loadNew(request, user: user)
        guard ExplanationDesk.mayAsk(user.account, unit: unit.unitID, in: snapshot.directory, on: today) else {
            throw PageError(
                .forbidden,
                "Bạn không có quyền yêu cầu đơn vị này giải trình: chỉ lãnh đạo hoặc cán bộ tổng hợp của cấp trên đơn vị mới được yêu cầu."
            )
        }
        return try await renderNew(
            request, code: code, unit: unit, snapshot: snapshot, chosen: request.query[String.self, at: "ve"],
            text: "", due: VietnameseDate.short(today.adding(days: 7)), errors: [:], error: nil, status: .ok)
    }

    func ask(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let (code, unit, snapshot, today) = try await loadNew(request, user: user)
        let input = (try? request.content.decode(Ask.self)) ?? Ask()
        let (target, period) = Self.parseSubject(input.subject ?? "")
        let rawDue = input.due ?? ""
        let question = ExplanationDesk.Question(
            unitID: unit.unitID, indicatorCode: code, target: target, period: period, text: input.text ?? "",
            dueDate: VietnameseDate.parse(rawDue))
        do {
            let asked = try await ExplanationDesk(store: store).ask(
                question, by: user.account, snapshot: snapshot, today: today)
            await request.application.myWorkCache.forgetAll()
            return request.redirect(to: SiteRoute.explanation(id: asked.id.uuidString).href, redirectType: .normal)
        } catch let refusal as ExplanationError {
            if refusal.kind == .forbidden { throw PageError(.forbidden, refusal.message) }
            var message = refusal.message
            if refusal.field == "han", !rawDue.isEmpty, question.dueDate == nil {
                message = "Hạn “\(rawDue)” không hợp lệ; hãy viết dạng \(VietnameseDate.short(today.adding(days: 7)))."
            }
            return try await renderNew(
                request, code: code, unit: unit, snapshot: snapshot, chosen: input.subject, text: input.text ?? "",
                due: rawDue, errors: refusal.field.map { [$0.replacingOccurrences(of: "-", with: ""): message] } ?? [:],
                error: refusal.field == nil ? message : "Chưa gửi được yêu cầu giải trình.",
                status: .unprocessableEntity)
        }
    }

    private func loadNew(_ request: Request, user: CurrentUser) async throws -> (
        String, UnitVersion, Snapshot, CivilDate
    ) {
        let snapshot = try await store.snapshot()
        let today = CivilDate.todayInVietnam()
        let code = request.query[String.self, at: "chi-so"] ?? ""
        guard snapshot.indicators.contains(where: { $0.code == code }) else {
            throw PageError(.notFound, "Không có chỉ số mã “\(code)”.")
        }
        let unit = try UnitChoice.unit(
            request.query[String.self, at: "don-vi"], snapshot: snapshot, user: user.account, on: today)
        return (code, unit, snapshot, today)
    }

    private func renderNew(
        _ request: Request, code: String, unit: UnitVersion, snapshot: Snapshot, chosen: String?, text: String,
        due: String, errors: [String: String], error: String?, status: HTTPResponseStatus
    ) async throws -> Response {
        let name = snapshot.indicators.first { $0.code == code }?.name ?? code
        let context = NewContext(
            layout: LayoutContext.make(
                request, title: "Yêu cầu giải trình", section: "giai-trinh", isDemo: try await store.isDemo()),
            indicatorName: name, unitFullName: unit.fullName,
            indicatorHref: SiteRoute.indicator(code: code, unitCode: unit.code).href,
            actionHref: SiteRoute.explanationNew(indicator: code, unitCode: unit.code).href,
            subjects: Self.subjects(code: code, unit: unit, snapshot: snapshot, chosen: chosen), text: text, due: due,
            errors: errors, error: error)
        return try await request.view.render("explanations/new", context).encodeResponse(status: status, for: request)
    }
}
