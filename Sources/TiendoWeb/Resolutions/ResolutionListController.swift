import Foundation
import TiendoCore
import Vapor

/// Nghị quyết: the resolutions whose issuing unit lies in the person's subtree, and creating a
/// new one (its targets are added on its own page). Reviewers and administrators only.
struct ResolutionListController: Sendable {
    let store: any PageReads & ResolutionStore
    var scope: ResolutionScope { ResolutionScope(store: store) }

    func show(_ request: Request) async throws -> View {
        let user = try scope.manager(request)
        let thisYear = CivilDate.todayInVietnam().year
        let form = FormState(fields: [
            ResolutionFormInput.Field.termStart: String(thisYear),
            ResolutionFormInput.Field.termEnd: String(thisYear + 5),
            ResolutionFormInput.Field.issuingUnit: user.account.unitID.rawValue,
        ])
        return try await render(request, user: user, form: form)
    }

    func create(_ request: Request) async throws -> Response {
        let user = try scope.manager(request)
        let fields = PostedForm.fields(try request.content.decode([String: String].self))
        let directory = try await store.directory()
        let taken = Set(try await store.resolutions().map(\.id))
        let allowed = Set(ResolutionScope.issuingUnits(for: user, directory).map(\.unitID))
        let reading = ResolutionFormInput.readHeader(fields, fixedID: nil, takenIDs: taken, allowedUnits: allowed)
        guard let header = reading.header else {
            return try await render(request, user: user, form: FormState(fields: fields, problems: reading.problems))
                .response(for: request, status: .unprocessableEntity)
        }
        let resolution = header.applied(
            to: Resolution(
                id: header.id, issuingUnitID: header.issuingUnitID, symbol: header.symbol, title: header.title,
                termStart: header.termStart, termEnd: header.termEnd, adoptedOn: header.adoptedOn, targets: []))
        try await scope.create(resolution, user: user)
        return request.redirect(to: SiteRoute.resolution(id: resolution.id).path + "?da=tao")
    }

    private func render(_ request: Request, user: CurrentUser, form: FormState) async throws -> View {
        let directory = try await store.directory()
        let resolutions = try await store.resolutions().filter {
            scope.canManage($0, user: user, directory: directory)
        }
        let rows = resolutions.sorted { ($1.termStart, $0.symbol) < ($0.termStart, $1.symbol) }.map { r in
            ResolutionListContext.Row(
                symbol: r.symbol, title: r.title, href: SiteRoute.resolution(id: r.id).path,
                issuingUnit: ResolutionScope.unitName(r.issuingUnitID, directory), term: "\(r.termStart)–\(r.termEnd)",
                adoptedOn: VietnameseDate.short(r.adoptedOn), targets: r.targets.count, revisions: r.revisions.count)
        }
        let units = ResolutionScope.issuingUnits(for: user, directory).map {
            (value: $0.unitID.rawValue, label: "\($0.fullName) (mã \($0.code))")
        }
        typealias F = ResolutionFormInput.Field
        let isDemo = try await store.isDemo()
        return try await request.view.render(
            "resolutions/index",
            ResolutionListContext(
                layout: LayoutContext.make(request, title: "Nghị quyết", section: "nghi-quyet", isDemo: isDemo),
                rows: rows, message: nil, summary: form.summary, id: form.field(F.id), symbol: form.field(F.symbol),
                title: form.field(F.title), issuingUnit: form.choice(F.issuingUnit, units),
                termStart: form.field(F.termStart), termEnd: form.field(F.termEnd), adoptedOn: form.field(F.adoptedOn),
                actionHref: SiteRoute.resolutions.path))
    }
}
