import Foundation
import TiendoCore
import Vapor

/// One target of a resolution ("moi" for a new one): its number, group, wording, indicator,
/// measure, condition, deadline, baseline, tolerance and decimals, read with Vietnamese numbers
/// and every problem next to its field. "Xem trước" shows how the target will print without
/// saving; "Lưu" saves the whole resolution in one transaction; "Xóa" removes the target.
struct TargetController: Sendable {
    let store: any PageReads & ResolutionStore
    var scope: ResolutionScope { ResolutionScope(store: store) }

    /// What the page is about, resolved and checked once for GET and POST alike.
    struct Subject {
        let resolution: Resolution
        let directory: UnitDirectory
        /// The target being edited; nil for a new one.
        let target: Target?
        let indicators: [String: Indicator]
    }

    func resolve(_ request: Request, user: CurrentUser) async throws -> Subject {
        let (resolution, directory) = try await scope.resolution(request, user: user)
        let raw = request.parameters.get("number") ?? ""
        var target: Target?
        if raw != "moi" {
            guard let number = Int(raw), let found = resolution.targets.first(where: { $0.number == number }) else {
                throw PageError(.notFound, "Nghị quyết \(resolution.symbol) không có chỉ tiêu số “\(raw)”.")
            }
            target = found
        }
        return Subject(
            resolution: resolution, directory: directory, target: target, indicators: try await scope.indicators())
    }

    func show(_ request: Request) async throws -> View {
        let user = try scope.manager(request)
        let subject = try await resolve(request, user: user)
        let r = subject.resolution
        let fields =
            subject.target.map { TargetFormInput.fields(for: $0, termStart: r.termStart, termEnd: r.termEnd) }
            ?? TargetFormInput.defaultFields(
                termStart: r.termStart, termEnd: r.termEnd, number: (r.targets.map(\.number).max() ?? 0) + 1)
        let preview = subject.target.map {
            PreviewView($0, indicator: subject.indicators[$0.indicatorCode], termStart: r.termStart)
        }
        return try await render(request, subject, form: FormState(fields: fields), preview: preview, confirm: false)
    }

    func save(_ request: Request) async throws -> Response {
        let user = try scope.manager(request)
        let subject = try await resolve(request, user: user)
        let posted = try request.content.decode([String: String].self)
        let action = posted["action"] ?? "luu"
        if action == "xoa" { return try await delete(request, user: user, subject) }

        let resolution = subject.resolution
        let fields = PostedForm.fields(posted)
        let original = subject.target?.number
        var taken = Set(resolution.targets.map(\.number) + resolution.revisions.flatMap { $0.targets.map(\.number) })
        if let original { taken.remove(original) }
        let rules = TargetFormInput.Rules(
            termStart: resolution.termStart, termEnd: resolution.termEnd, indicators: subject.indicators,
            takenNumbers: taken)
        let reading = TargetFormInput.read(fields, rules: rules)
        var form = FormState(fields: fields, problems: reading.problems, notes: reading.notes)
        if let original, let number = reading.target?.number, number != original,
            let revision = resolution.revisions.first(where: { $0.targets.contains { $0.number == original } })
        {
            form.problems.add(
                TargetFormInput.Field.number,
                "Chỉ tiêu số \(original) được điều chỉnh bởi văn bản \(revision.symbol), nên không đổi số được; hãy giữ số \(original)."
            )
        }
        // A number shown back unchanged from what is stored was already read that way once.
        if let stored = subject.target {
            let storedFields = TargetFormInput.fields(
                for: stored, termStart: resolution.termStart, termEnd: resolution.termEnd)
            form.dropNotes(unchangedFrom: storedFields)
        }
        guard form.problems.isEmpty, let target = reading.target else {
            return try await render(request, subject, form: form, preview: nil, confirm: !form.notes.isEmpty)
                .response(for: request, status: .unprocessableEntity)
        }
        let preview = PreviewView(
            target, indicator: subject.indicators[target.indicatorCode], termStart: resolution.termStart)
        if action == "xem-truoc" {
            return try await render(request, subject, form: form, preview: preview, confirm: true)
                .encodeResponse(for: request)
        }
        if form.needsConfirmation(button: "Lưu chỉ tiêu") {
            return try await render(request, subject, form: form, preview: preview, confirm: true)
                .response(for: request, status: .unprocessableEntity)
        }

        try await scope.update(
            resolution.id, user: user, action: original == nil ? .themChiTieu : .suaChiTieu,
            detail: "chỉ tiêu số \(target.number): \(target.wording)"
        ) { current in
            let old = current.targets.first { $0.number == (original ?? target.number) }
            current.targets.removeAll { $0.number == (original ?? target.number) }
            current.targets.append(target)
            current.targets.sort { $0.number < $1.number }
            // A revision changed wording and condition only: the rest follows the adopted target.
            guard let old else { return }
            for r in current.revisions.indices {
                for t in current.revisions[r].targets.indices where current.revisions[r].targets[t].number == old.number
                {
                    current.revisions[r].targets[t] = ResolutionRules.following(
                        current.revisions[r].targets[t], from: old, to: target)
                }
            }
        }
        return request.redirect(
            to: SiteRoute.resolution(id: resolution.id).path + "?da=luu-chi-tieu&so=\(target.number)")
    }

    private func delete(_ request: Request, user: CurrentUser, _ subject: Subject) async throws -> Response {
        guard let target = subject.target else {
            throw PageError(.notFound, "Chỉ tiêu này chưa được lưu nên không có gì để xóa.")
        }
        if let revision = subject.resolution.revisions.first(where: {
            $0.targets.contains { $0.number == target.number }
        }) {
            throw PageError(
                .conflict,
                "Chỉ tiêu số \(target.number) được điều chỉnh bởi văn bản \(revision.symbol); hãy bỏ chỉ tiêu này khỏi văn bản điều chỉnh trước rồi mới xóa."
            )
        }
        try await scope.update(
            subject.resolution.id, user: user, action: .xoaChiTieu,
            detail: "chỉ tiêu số \(target.number): \(target.wording)"
        ) { current in
            current.targets.removeAll { $0.number == target.number }
        }
        return request.redirect(
            to: SiteRoute.resolution(id: subject.resolution.id).path + "?da=xoa-chi-tieu&so=\(target.number)")
    }

    private func render(
        _ request: Request, _ subject: Subject, form: FormState, preview: PreviewView?, confirm: Bool
    ) async throws -> View {
        typealias F = TargetFormInput.Field
        let resolution = subject.resolution
        let indicatorOptions = VietnameseText.sorted(Array(subject.indicators.values)) { $0.name }.map {
            (value: $0.code, label: $0.unitOfMeasure.isEmpty ? $0.name : "\($0.name) (\($0.unitOfMeasure))")
        }
        let measures = MeasureKind.allCases
        let number = subject.target?.number
        let revisedBy = ResolutionScope.orderedRevisions(resolution).filter { revision in
            revision.targets.contains { $0.number == number }
        }.map {
            "Chỉ tiêu này được văn bản \($0.symbol) điều chỉnh từ ngày \(VietnameseDate.short($0.effectiveFrom)). "
                + "Nội dung và mức cần đạt sửa ở đây là của chỉ tiêu ban đầu (các kỳ đánh giá trước ngày đó); "
                + "các thông tin khác (chỉ số, cách tính, hạn, …) áp dụng cho cả chỉ tiêu sau điều chỉnh."
        }
        let isDemo = try await store.isDemo()
        let heading = number.map { "Sửa chỉ tiêu số \($0)" } ?? "Thêm chỉ tiêu"
        return try await request.view.render(
            "resolutions/target",
            TargetPageContext(
                layout: LayoutContext.make(
                    request, title: "\(heading) — \(resolution.symbol)", section: "nghi-quyet", isDemo: isDemo),
                resolutionName: "\(resolution.symbol) — \(resolution.title)",
                resolutionHref: SiteRoute.resolution(id: resolution.id).path, heading: heading,
                isNew: subject.target == nil,
                actionHref: SiteRoute.resolutionTarget(id: resolution.id, number: number.map(String.init) ?? "moi")
                    .path,
                summary: form.summary, confirmNotes: confirm, revisedBy: revisedBy, number: form.field(F.number),
                group: form.choice(F.group, TargetGroup.allCases.map { ($0.rawValue, $0.vietnameseName) }),
                wording: form.field(F.wording), indicator: form.choice(F.indicator, indicatorOptions),
                measure: form.choice(
                    F.measure, measures.map { (TargetFormInput.value(of: $0), $0.vietnameseName) },
                    hints: Dictionary(uniqueKeysWithValues: measures.map { (TargetFormInput.value(of: $0), $0.hint) })),
                baseYear: form.field(F.baseYear),
                averaging: form.choice(
                    F.averaging,
                    [
                        ("nhan", "Bình quân nhân (mặc định): (giá trị năm đánh giá / giá trị năm gốc)^(1/số năm) − 1"),
                        ("cong", "Bình quân cộng: trung bình cộng tốc độ tăng của từng năm"),
                    ]),
                fromYear: form.field(F.fromYear), toYear: form.field(F.toYear),
                unitKinds: TargetDraft.unitKindChoices.map {
                    .init(name: F.unitKind($0), label: $0.vietnameseName, checked: form.isChecked(F.unitKind($0)))
                },
                unitCondition: form.condition(
                    prefix: F.unitConditionPrefix, legend: "Đơn vị được tính là đạt khi", allowsNone: true),
                condition: form.condition(prefix: F.conditionPrefix, legend: "Mức cần đạt", allowsNone: false),
                deadline: form.field(F.deadline), baseline: form.field(F.baseline),
                toleranceKind: form.choice(
                    F.toleranceKind,
                    [
                        ("", "Mức chung của hệ thống (thiếu không quá 2% của mức chỉ tiêu)"),
                        ("tuong-doi", "Tương đối: phần trăm của mức chỉ tiêu"),
                        ("tuyet-doi", "Tuyệt đối: theo đơn vị của kết quả (ví dụ 0,5 điểm phần trăm)"),
                    ]),
                tolerance: form.field(F.tolerance), decimals: form.field(F.decimals), preview: preview))
    }
}
