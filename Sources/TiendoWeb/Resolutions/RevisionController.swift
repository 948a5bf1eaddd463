import Foundation
import TiendoCore
import Vapor

/// A revision of a resolution ("moi" for a new one): the revising document, its effective date
/// and the targets it changes (new wording and condition). Earlier reviews keep the earlier
/// wording: `Resolution.targets(on:)` applies a revision only from its effective date.
struct RevisionController: Sendable {
    let store: any PageReads & ResolutionStore
    var scope: ResolutionScope { ResolutionScope(store: store) }

    /// What the page is about, resolved and checked once for GET and POST alike.
    struct Subject {
        let resolution: Resolution
        /// The resolution without the revision being edited: what the revision starts from.
        let others: Resolution
        /// The revision being edited and its position (1-based, in date order); nil for a new one.
        let revision: ResolutionRevision?
        let index: Int?
        let indicators: [String: Indicator]
    }

    func resolve(_ request: Request, user: CurrentUser) async throws -> Subject {
        let (resolution, _) = try await scope.resolution(request, user: user)
        let raw = request.parameters.get("index") ?? ""
        let ordered = ResolutionScope.orderedRevisions(resolution)
        var index: Int?
        if raw != "moi" {
            guard let position = Int(raw), ordered.indices.contains(position - 1) else {
                throw PageError(.notFound, "Nghị quyết \(resolution.symbol) không có văn bản điều chỉnh số “\(raw)”.")
            }
            index = position
        }
        var others = resolution
        others.revisions = ordered.enumerated().filter { $0.offset + 1 != index }.map(\.element)
        return Subject(
            resolution: resolution, others: others, revision: index.map { ordered[$0 - 1] }, index: index,
            indicators: try await scope.indicators())
    }

    func show(_ request: Request) async throws -> View {
        let user = try scope.manager(request)
        let subject = try await resolve(request, user: user)
        let fields = ResolutionFormInput.fields(for: subject.revision, of: subject.others)
        return try await render(
            request, subject, form: FormState(fields: fields), revised: nil, confirm: false)
    }

    func save(_ request: Request) async throws -> Response {
        let user = try scope.manager(request)
        let subject = try await resolve(request, user: user)
        let posted = try request.content.decode([String: String].self)
        let action = posted["action"] ?? "luu"
        if action == "xoa" { return try await delete(request, user: user, subject) }

        let fields = PostedForm.fields(posted)
        let reading = ResolutionFormInput.readRevision(fields, of: subject.others)
        var form = FormState(fields: fields, problems: reading.problems, notes: reading.notes)
        if let stored = subject.revision {
            let storedFields = ResolutionFormInput.fields(for: stored, of: subject.others)
            form.dropNotes(unchangedFrom: storedFields)
        }
        guard form.problems.isEmpty, let revision = reading.revision else {
            return try await render(request, subject, form: form, revised: nil, confirm: !form.notes.isEmpty)
                .response(for: request, status: .unprocessableEntity)
        }
        if action == "xem-truoc" {
            return try await render(request, subject, form: form, revised: revision, confirm: true)
                .encodeResponse(for: request)
        }
        if form.needsConfirmation(button: "Lưu văn bản điều chỉnh") {
            return try await render(request, subject, form: form, revised: revision, confirm: true)
                .response(for: request, status: .unprocessableEntity)
        }
        let stored = subject.revision
        let numbers = revision.targets.map { String($0.number) }.joined(separator: ", ")
        try await scope.update(
            subject.resolution.id, user: user, action: stored == nil ? .themDieuChinh : .suaDieuChinh,
            detail:
                "\(revision.symbol), hiệu lực từ \(VietnameseDate.short(revision.effectiveFrom)), chỉ tiêu số \(numbers)"
        ) { current in
            if let stored, let position = current.revisions.firstIndex(of: stored) {
                current.revisions.remove(at: position)
            }
            current.revisions.append(revision)
            current.revisions = ResolutionScope.orderedRevisions(current)
        }
        return request.redirect(to: SiteRoute.resolution(id: subject.resolution.id).path + "?da=luu-dieu-chinh")
    }

    private func delete(_ request: Request, user: CurrentUser, _ subject: Subject) async throws -> Response {
        guard let stored = subject.revision else {
            throw PageError(.notFound, "Văn bản điều chỉnh này chưa được lưu nên không có gì để xóa.")
        }
        try await scope.update(
            subject.resolution.id, user: user, action: .xoaDieuChinh,
            detail: "\(stored.symbol), hiệu lực từ \(VietnameseDate.short(stored.effectiveFrom))"
        ) { current in
            if let position = current.revisions.firstIndex(of: stored) { current.revisions.remove(at: position) }
        }
        return request.redirect(to: SiteRoute.resolution(id: subject.resolution.id).path + "?da=xoa-dieu-chinh")
    }

    private func render(
        _ request: Request, _ subject: Subject, form: FormState, revised: ResolutionRevision?, confirm: Bool
    ) async throws -> View {
        typealias R = ResolutionFormInput.RevisionField
        let resolution = subject.resolution
        let date = VietnameseDate.parse(form.fields[R.effectiveFrom] ?? "")
        let bases = ResolutionRules.baseTargets(of: subject.others, before: date)
        let revisedByNumber = Dictionary(
            (revised?.targets ?? []).map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        func plan(_ target: Target) -> String {
            TargetPreview(target, indicator: subject.indicators[target.indicatorCode], termStart: resolution.termStart)
                .plan
        }
        let targets = bases.map { base in
            RevisionPageContext.TargetChange(
                number: base.number, currentWording: base.wording, currentPlan: plan(base),
                changes: R.changes(base.number), changed: form.isChecked(R.changes(base.number)),
                wording: form.field(R.wording(base.number)),
                condition: form.condition(
                    prefix: R.conditionPrefix(base.number), legend: "Mức cần đạt mới", allowsNone: false),
                newPlan: revisedByNumber[base.number].map(plan))
        }
        let heading = subject.index.map { "Văn bản điều chỉnh số \($0)" } ?? "Thêm văn bản điều chỉnh chỉ tiêu"
        let isDemo = try await store.isDemo()
        return try await request.view.render(
            "resolutions/revision",
            RevisionPageContext(
                layout: LayoutContext.make(
                    request, title: "\(heading) — \(resolution.symbol)", section: "nghi-quyet", isDemo: isDemo),
                resolutionName: "\(resolution.symbol) — \(resolution.title)",
                resolutionHref: SiteRoute.resolution(id: resolution.id).path, heading: heading,
                isNew: subject.revision == nil,
                actionHref: SiteRoute.resolutionRevision(
                    id: resolution.id, index: subject.index.map(String.init) ?? "moi"
                ).path,
                summary: form.summary, confirmNotes: confirm, symbol: form.field(R.symbol), title: form.field(R.title),
                effectiveFrom: form.field(R.effectiveFrom), targetsError: form.problems[R.targets],
                targets: targets, previewShown: revised != nil))
    }
}
