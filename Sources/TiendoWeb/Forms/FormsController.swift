import Foundation
import TiendoCore
import Vapor

/// Biểu mẫu báo cáo: define a form — its indicators, reporting units, period kind, calendar and
/// deadline rule. Reviewers and administrators only, and only for units in their scope.
struct FormsController: Sendable {
    let store: any PageReads & FormStore

    struct Choice: Encodable {
        let value: String
        let label: String
        let checked: Bool
    }

    struct FormRow: Encodable {
        let code: String
        let name: String
        let period: String
        let units: Int
        let indicators: Int
        let deadline: String
        let href: String
        let statusHref: String
    }

    struct Context: Encodable {
        let layout: LayoutContext
        let forms: [FormRow]
        let isNew: Bool
        let code: String
        let name: String
        let indicators: [Choice]
        let units: [Choice]
        let periodKinds: [ChoiceOption]
        let calendars: [ChoiceOption]
        let deadlineBases: [ChoiceOption]
        let deadlineDays: String
        let leadDays: String
        let errors: [String]
        let actionHref: String
        let message: String?
    }

    func list(_ request: Request) async throws -> View {
        let user = try request.requireUser()
        try Access.require(user, \.canManage, "quản lý biểu mẫu báo cáo")
        let message = request.query[String.self, at: "da"] == "luu" ? "Đã lưu biểu mẫu." : nil
        return try await page(request, user: user, editing: nil, posted: nil, errors: [], message: message)
    }

    func edit(_ request: Request) async throws -> View {
        let user = try request.requireUser()
        try Access.require(user, \.canManage, "quản lý biểu mẫu báo cáo")
        guard let code = request.parameters.get("code"), let form = try await store.form(code: code) else {
            throw PageError(.notFound, "Không có biểu mẫu này.")
        }
        try await requireScope(user, form.unitIDs)
        return try await page(request, user: user, editing: form, posted: nil, errors: [], message: nil)
    }

    func save(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        try Access.require(user, \.canManage, "quản lý biểu mẫu báo cáo")
        let existingCode = request.parameters.get("code")
        var existing: ReportingForm?
        if let existingCode {
            guard let found = try await store.form(code: existingCode) else {
                throw PageError(.notFound, "Không có biểu mẫu này.")
            }
            try await requireScope(user, found.unitIDs)
            existing = found
        }
        let body = request.body.string ?? ""
        let pairs = URLComponents(string: "?" + body)?.queryItems ?? []
        func values(_ name: String) -> [String] {
            pairs.filter { $0.name == name }.compactMap {
                $0.value?.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            }
        }
        let code = (existing?.code ?? values("code").first ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        let name = VietnameseText.nfc((values("name").first ?? "").trimmingCharacters(in: .whitespaces))
        let indicatorCodes = values("chi-so")
        let unitRaw = values("don-vi")
        var errors: [String] = []
        if code.isEmpty || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            errors.append("Mã biểu mẫu chỉ gồm chữ không dấu, số và dấu gạch (ví dụ KTXH-NAM).")
        } else if existing == nil, try await store.form(code: code) != nil {
            errors.append("Đã có biểu mẫu mã “\(code)”; hãy chọn mã khác.")
        }
        if name.isEmpty { errors.append("Hãy đặt tên biểu mẫu.") }
        let known = Set(try await store.indicators().map(\.code))
        if indicatorCodes.isEmpty { errors.append("Hãy chọn ít nhất một chỉ số.") }
        if indicatorCodes.contains(where: { !known.contains($0) }) {
            errors.append("Có chỉ số không tồn tại trong hệ thống.")
        }
        if unitRaw.isEmpty { errors.append("Hãy chọn ít nhất một đơn vị báo cáo.") }
        let kind = Period.Kind(rawValue: values("ky").first ?? "")
        if kind == nil || kind == .term { errors.append("Hãy chọn loại kỳ báo cáo.") }
        let calendar = ReportingCalendar(rawValue: values("lich").first ?? "")
        if calendar == nil { errors.append("Hãy chọn lịch chốt số liệu.") }
        let basis = DeadlineRule.Basis(
            rawValue: values("cach-tinh-han").first ?? DeadlineRule.Basis.workingDays.rawValue)
        if basis == nil { errors.append("Hãy chọn cách tính hạn nộp.") }
        let days = Int((values("han").first ?? "").trimmingCharacters(in: .whitespaces))
        let lead = Int((values("som-hon").first ?? "0").trimmingCharacters(in: .whitespaces))
        let rule = DeadlineRule(basis: basis ?? .workingDays, days: days ?? -1, lowerLevelLeadDays: lead ?? -1)
        if basis != nil { errors += rule.problems }
        let directory = try await store.directory()
        let unitIDs = unitRaw.map(UnitID.init)
        let today = CivilDate.todayInVietnam()
        if unitIDs.contains(where: {
            !user.account.canSee($0, in: directory, on: today) || directory.latestVersion(of: $0) == nil
        }) {
            errors.append("Có đơn vị ngoài phạm vi quản lý của bạn.")
        }
        let form = ReportingForm(
            code: code, name: name, indicatorCodes: indicatorCodes, unitIDs: unitIDs, periodKind: kind ?? .year,
            calendar: calendar ?? .statistical, deadline: rule)
        guard errors.isEmpty else {
            return try await page(request, user: user, editing: existing, posted: form, errors: errors, message: nil)
                .response(for: request, status: .unprocessableEntity)
        }
        let action: AuditTrail.EventKind = existing == nil ? .taoBieuMau : .suaBieuMau
        try await store.saveForm(
            form,
            recording: AuditTrail.Event(
                action, actor: user.account.username, subject: "bieu-mau:\(code)",
                detail: "\(indicatorCodes.count) chỉ số, \(unitIDs.count) đơn vị"))
        return request.redirect(to: SiteRoute.forms.path + "?da=luu")
    }

    private func requireScope(_ user: CurrentUser, _ units: [UnitID]) async throws {
        let directory = try await store.directory()
        let today = CivilDate.todayInVietnam()
        guard units.allSatisfy({ user.account.canSee($0, in: directory, on: today) }) else {
            throw PageError(
                .forbidden, "Bạn không có quyền sửa biểu mẫu này vì nó có đơn vị ngoài phạm vi quản lý của bạn.")
        }
    }

    private func page(
        _ request: Request, user: CurrentUser, editing: ReportingForm?, posted: ReportingForm?, errors: [String],
        message: String?
    ) async throws -> View {
        let directory = try await store.directory()
        let today = CivilDate.todayInVietnam()
        let shown = posted ?? editing
        let indicators = try await store.indicators().sorted { VietnameseText.collationLess($0.name, $1.name) }
        let scopeRoot = directory.version(of: user.account.unitID, on: today)
        var candidates: [UnitVersion] = []
        if let root = scopeRoot {
            candidates = directory.children(of: root.unitID, on: today)
            candidates.insert(root, at: 0)
        } else {
            candidates = directory.unitIDs.compactMap { directory.version(of: $0, on: today) }
                .sorted { VietnameseText.collationLess($0.fullName, $1.fullName) }
        }
        let forms = try await store.forms().filter { form in
            form.unitIDs.allSatisfy { user.account.canSee($0, in: directory, on: today) }
        }
        let isDemo = try await store.isDemo()
        let kind = shown?.periodKind ?? .year
        let calendar = shown?.calendar ?? .statistical
        return try await request.view.render(
            "forms/index",
            Context(
                layout: LayoutContext.make(request, title: "Biểu mẫu báo cáo", section: "bieu-mau", isDemo: isDemo),
                forms: forms.map {
                    FormRow(
                        code: $0.code, name: $0.name, period: $0.periodKind.vietnameseName, units: $0.unitIDs.count,
                        indicators: $0.indicatorCodes.count, deadline: $0.deadline.vietnameseDescription,
                        href: SiteRoute.form(code: $0.code).path,
                        statusHref: SiteRoute.submissionStatus(form: $0.code, period: nil).href)
                },
                isNew: editing == nil, code: shown?.code ?? "", name: shown?.name ?? "",
                indicators: indicators.map {
                    Choice(
                        value: $0.code, label: "\($0.name) (\($0.unitOfMeasure))",
                        checked: shown?.indicatorCodes.contains($0.code) ?? false)
                },
                units: candidates.map {
                    Choice(
                        value: $0.unitID.rawValue, label: $0.fullName,
                        checked: shown?.unitIDs.contains($0.unitID) ?? false)
                },
                periodKinds: Period.Kind.allCases.filter { $0 != .term }.map {
                    .init(value: $0.rawValue, label: $0.vietnameseName, selected: $0 == kind)
                },
                calendars: ReportingCalendar.allCases.map {
                    .init(value: $0.rawValue, label: $0.vietnameseName, selected: $0 == calendar)
                },
                deadlineBases: DeadlineRule.Basis.allCases.map {
                    .init(
                        value: $0.rawValue, label: $0.vietnameseName,
                        selected: $0 == (shown?.deadline.basis ?? .workingDays))
                },
                deadlineDays: shown.map { $0.deadline.days >= 0 ? "\($0.deadline.days)" : "" } ?? "5",
                leadDays: shown.map { $0.deadline.lowerLevelLeadDays >= 0 ? "\($0.deadline.lowerLevelLeadDays)" : "" }
                    ?? "0",
                errors: errors,
                actionHref: editing.map { SiteRoute.form(code: $0.code).path } ?? SiteRoute.forms.path, message: message
            ))
    }
}
