import Foundation
import TiendoCore
import Vapor

/// One resolution: its header (editable), its targets grouped as the report lists them with
/// the plan each will print, and its revisions. Reviewers and administrators of a unit the
/// resolution's issuing unit lies under.
struct ResolutionController: Sendable {
    let store: any PageReads & ResolutionStore
    var scope: ResolutionScope { ResolutionScope(store: store) }

    func show(_ request: Request) async throws -> View {
        let user = try scope.manager(request)
        let (resolution, directory) = try await scope.resolution(request, user: user)
        let form = FormState(fields: ResolutionFormInput.fields(for: .init(resolution)))
        return try await render(
            request, user: user, resolution: resolution, directory: directory, form: form, message: message(request))
    }

    func save(_ request: Request) async throws -> Response {
        let user = try scope.manager(request)
        let (resolution, directory) = try await scope.resolution(request, user: user)
        let fields = PostedForm.fields(try request.content.decode([String: String].self))
        let allowed = Set(ResolutionScope.issuingUnits(for: user, directory).map(\.unitID))
        let reading = ResolutionFormInput.readHeader(
            fields, fixedID: resolution.id, takenIDs: [], allowedUnits: allowed, existing: resolution)
        guard let header = reading.header else {
            var shown = fields
            shown[ResolutionFormInput.Field.id] = resolution.id
            return try await render(
                request, user: user, resolution: resolution, directory: directory,
                form: FormState(fields: shown, problems: reading.problems), message: nil
            ).response(for: request, status: .unprocessableEntity)
        }
        try await scope.update(
            resolution.id, user: user, action: .suaNghiQuyet, detail: "\(header.symbol) — \(header.title)"
        ) { current in
            current = header.applied(to: current)
        }
        return request.redirect(to: SiteRoute.resolution(id: resolution.id).path + "?da=luu")
    }

    private func message(_ request: Request) -> String? {
        let number = request.query[String.self, at: "so"].flatMap(Int.init)
        switch request.query[String.self, at: "da"] {
        case "tao": return "Đã tạo nghị quyết. Hãy thêm các chỉ tiêu của nghị quyết."
        case "luu": return "Đã lưu thông tin nghị quyết."
        case "luu-chi-tieu": return number.map { "Đã lưu chỉ tiêu số \($0)." } ?? "Đã lưu chỉ tiêu."
        case "xoa-chi-tieu": return number.map { "Đã xóa chỉ tiêu số \($0)." } ?? "Đã xóa chỉ tiêu."
        case "luu-dieu-chinh": return "Đã lưu văn bản điều chỉnh chỉ tiêu."
        case "xoa-dieu-chinh": return "Đã xóa văn bản điều chỉnh chỉ tiêu."
        default: return nil
        }
    }

    private func render(
        _ request: Request, user: CurrentUser, resolution: Resolution, directory: UnitDirectory, form: FormState,
        message: String?
    ) async throws -> View {
        let indicators = try await scope.indicators()
        let revisions = ResolutionScope.orderedRevisions(resolution)
        let adopted = Set(resolution.targets.map(\.number))

        func row(_ target: Target, editable: Bool, notes: [String]) -> ResolutionPageContext.TargetRow {
            let indicator = indicators[target.indicatorCode]
            let preview = TargetPreview(target, indicator: indicator, termStart: resolution.termStart)
            return ResolutionPageContext.TargetRow(
                number: target.number, wording: target.wording,
                indicator: indicator?.name ?? "chỉ số “\(target.indicatorCode)” chưa có trong hệ thống",
                measure: MeasureKind(target.measure).vietnameseName, plan: preview.plan,
                deadline: target.deadlineYear,
                href: editable
                    ? SiteRoute.resolutionTarget(id: resolution.id, number: String(target.number)).path : nil,
                revisions: notes)
        }
        func revisionNotes(_ number: Int) -> [String] {
            revisions.compactMap { revision in
                guard let revised = revision.targets.first(where: { $0.number == number }) else { return nil }
                let plan = TargetPreview(
                    revised, indicator: indicators[revised.indicatorCode], termStart: resolution.termStart
                ).plan
                let verb = adopted.contains(number) ? "điều chỉnh" : "bổ sung"
                return "Từ \(VietnameseDate.short(revision.effectiveFrom)) (\(revision.symbol)) \(verb): "
                    + "\(revised.wording) — kế hoạch \(plan)"
            }
        }

        var rows = resolution.targets.map { row($0, editable: true, notes: revisionNotes($0.number)) }
        var added: Set<Int> = []
        for revision in revisions {
            for target in revision.targets
            where !adopted.contains(target.number) && added.insert(target.number).inserted {
                rows.append(row(target, editable: false, notes: revisionNotes(target.number)))
            }
        }
        let byNumber = Dictionary(
            (resolution.targets + revisions.flatMap(\.targets)).map { ($0.number, $0.group) },
            uniquingKeysWith: { first, _ in first })
        let groups = TargetGroup.allCases.compactMap { group -> ResolutionPageContext.Group? in
            let members = rows.filter { byNumber[$0.number] == group }.sorted { $0.number < $1.number }
            return members.isEmpty ? nil : .init(name: group.vietnameseName, targets: members)
        }

        let revisionRows = revisions.enumerated().map { offset, revision in
            ResolutionPageContext.RevisionRow(
                index: offset + 1, symbol: revision.symbol, title: revision.title,
                effectiveFrom: VietnameseDate.short(revision.effectiveFrom),
                changes: revision.targets.map(\.number).sorted().map(String.init).joined(separator: ", "),
                href: SiteRoute.resolutionRevision(id: resolution.id, index: String(offset + 1)).path)
        }
        var units = ResolutionScope.issuingUnits(for: user, directory).map {
            (value: $0.unitID.rawValue, label: "\($0.fullName) (mã \($0.code))")
        }
        if !units.contains(where: { $0.value == resolution.issuingUnitID.rawValue }) {
            units.insert(
                (resolution.issuingUnitID.rawValue, ResolutionScope.unitName(resolution.issuingUnitID, directory)),
                at: 0)
        }
        let unitCode =
            (directory.version(of: resolution.issuingUnitID, on: .todayInVietnam())
            ?? directory.latestVersion(of: resolution.issuingUnitID))?.code
        typealias F = ResolutionFormInput.Field
        let isDemo = try await store.isDemo()
        return try await request.view.render(
            "resolutions/show",
            ResolutionPageContext(
                layout: LayoutContext.make(
                    request, title: "\(resolution.symbol) — Nghị quyết", section: "nghi-quyet", isDemo: isDemo),
                symbol: resolution.symbol, title: resolution.title,
                issuingUnitName: ResolutionScope.unitName(resolution.issuingUnitID, directory),
                term: "\(resolution.termStart)–\(resolution.termEnd)",
                adoptedOn: VietnameseDate.short(resolution.adoptedOn), message: message, summary: form.summary,
                id: resolution.id, symbolField: form.field(F.symbol), titleField: form.field(F.title),
                issuingUnit: form.choice(F.issuingUnit, units), termStart: form.field(F.termStart),
                termEnd: form.field(F.termEnd), adoptedOnField: form.field(F.adoptedOn),
                actionHref: SiteRoute.resolution(id: resolution.id).path, groups: groups,
                targetCount: resolution.targets.count,
                newTargetHref: SiteRoute.resolutionTarget(id: resolution.id, number: "moi").path,
                revisions: revisionRows,
                newRevisionHref: SiteRoute.resolutionRevision(id: resolution.id, index: "moi").path,
                overviewHref: unitCode.map {
                    SiteRoute.overview(unitCode: $0, period: nil, resolutionID: resolution.id).href
                },
                listHref: SiteRoute.resolutions.path))
    }
}
