import Foundation
import TiendoCore
import Vapor

/// The forms and periods a person can open: a reporter sees their unit's reports, a reviewer
/// the overview of each form per period.
struct EntryListController: Sendable {
    let store: any PageReads & FormReads & SubmissionReads

    struct Row: Encodable {
        let formName: String
        let unitName: String
        let period: String
        let status: String
        let statusClass: String
        let isLate: Bool
        let deadline: String
        let href: String
    }

    struct OverviewLink: Encodable {
        let formName: String
        let period: String
        let href: String
    }

    struct Context: Encodable {
        let layout: LayoutContext
        let rows: [Row]
        let overviews: [OverviewLink]
        let message: String?
    }

    func show(_ request: Request) async throws -> View {
        let user = try request.requireUser()
        try Access.require(user, { $0.canEnterData || $0.canReview }, "nhập hoặc duyệt số liệu")
        let today = CivilDate.todayInVietnam()
        let directory = try await store.directory()
        var rows: [Row] = []
        var overviews: [OverviewLink] = []
        for form in try await store.forms() {
            let periods = Period.entryWindow(kind: form.periodKind, around: today.year)
            let ownUnits = form.unitIDs.filter { $0 == user.account.unitID }
            for period in periods.reversed() {
                let asOf = period.span(in: form.calendar).end
                for unitID in ownUnits {
                    guard let unit = directory.version(of: unitID, on: asOf) ?? directory.latestVersion(of: unitID)
                    else { continue }
                    let submission = try await store.submission(form: form.code, unit: unitID, period: period)
                        .submission
                    let deadline = form.deadline.deadline(for: period, calendar: form.calendar)
                    rows.append(
                        Row(
                            formName: form.name, unitName: unit.fullName, period: period.vietnameseLabel,
                            status: submission.status.vietnameseName,
                            statusClass: "status-\(submission.status.rawValue)",
                            isLate: submission.isLate(deadline: deadline, today: today),
                            deadline: VietnameseDate.short(deadline),
                            href: SiteRoute.entry(form: form.code, unitCode: unit.code, period: period.id).path))
                }
                if user.account.role.canReview {
                    overviews.append(
                        OverviewLink(
                            formName: form.name, period: period.vietnameseLabel,
                            href: SiteRoute.submissionStatus(form: form.code, period: period.id).href))
                }
            }
        }
        let isDemo = try await store.isDemo()
        let context = Context(
            layout: LayoutContext.make(request, title: "Nhập số liệu", section: "nhap-lieu", isDemo: isDemo),
            rows: rows, overviews: overviews,
            message: rows.isEmpty && overviews.isEmpty ? "Chưa có biểu mẫu báo cáo nào cho đơn vị của bạn." : nil)
        return try await request.view.render("entry/list", context)
    }
}

/// Tình hình nộp báo cáo: for a form and a period, which units submitted, which are late, which
/// were returned — only the units in the reviewer's scope.
struct SubmissionStatusController: Sendable {
    let store: any PageReads & FormReads & SubmissionReads

    struct Row: Encodable {
        let unitName: String
        let status: String
        let statusClass: String
        let isLate: Bool
        let submitted: String
        let reviewed: String
        let reason: String
        let href: String
    }

    struct Context: Encodable {
        let layout: LayoutContext
        let formName: String
        let periodLabel: String
        let deadline: String
        let summary: String
        let rows: [Row]
        let periodOptions: [ChoiceOption]
        let formCode: String
    }

    func show(_ request: Request) async throws -> View {
        let user = try request.requireUser()
        try Access.require(user, \.canReview, "xem tình hình nộp báo cáo")
        guard let code = request.parameters.get("form"), let form = try await store.form(code: code) else {
            throw PageError(.notFound, "Không có biểu mẫu này.")
        }
        let today = CivilDate.todayInVietnam()
        let window = Period.entryWindow(kind: form.periodKind, around: today.year)
        let period: Period
        if let raw = request.query[String.self, at: "ky"] {
            do {
                period = try SubjectLookup.period(raw, kind: form.periodKind, form: form.name)
            } catch {
                throw PageError(error)
            }
        } else {
            // A form collected per term has no window of periods (`entryWindow` is empty for
            // `.term`): it needs its period named, instead of a trap on `window.first!`.
            guard let chosen = window.last(where: { $0.span(in: form.calendar).end <= today }) ?? window.first else {
                throw PageError(
                    .badRequest,
                    "Biểu mẫu “\(form.name)” thu số liệu theo \(form.periodKind.vietnameseName); "
                        + "hãy ghi kỳ trong địa chỉ, ví dụ ?ky=2025-2030.")
            }
            period = chosen
        }
        let asOf = period.span(in: form.calendar).end
        let directory = try await store.directory()
        let deadline = form.deadline.deadline(for: period, calendar: form.calendar)
        let stored = Dictionary(
            try await store.submissions(form: form.code, period: period).map { ($0.unitID, $0) },
            uniquingKeysWith: { a, _ in a })
        var rows: [Row] = []
        var counts: [SubmissionStatus: Int] = [:]
        var late = 0
        let units = form.unitIDs.compactMap { directory.version(of: $0, on: asOf) ?? directory.latestVersion(of: $0) }
            .filter { user.account.canSee($0.unitID, in: directory, on: asOf) }
            .sorted { VietnameseText.collationLess($0.name, $1.name) }
        for unit in units {
            let submission = stored[unit.unitID] ?? Submission(formCode: form.code, unitID: unit.unitID, period: period)
            let isLate = submission.isLate(deadline: deadline, today: today)
            counts[submission.status, default: 0] += 1
            if isLate { late += 1 }
            rows.append(
                Row(
                    unitName: unit.fullName, status: submission.status.vietnameseName,
                    statusClass: "status-\(submission.status.rawValue)", isLate: isLate,
                    submitted: submission.submittedAt.map {
                        "\(PageFormat.dateTime($0)) · \(submission.submittedBy ?? "")"
                    } ?? "",
                    reviewed: submission.reviewedAt.map {
                        "\(PageFormat.dateTime($0)) · \(submission.reviewedBy ?? "")"
                    } ?? "",
                    reason: submission.status == .traLai ? submission.returnReason ?? "" : "",
                    href: SiteRoute.entry(form: form.code, unitCode: unit.code, period: period.id).path))
        }
        let submitted = (counts[.daNop] ?? 0) + (counts[.daDuyet] ?? 0)
        let summary =
            "Đã nộp \(FigureText.countOf(submitted, units.count)) đơn vị; đã duyệt \(VietnameseNumber.padded(counts[.daDuyet] ?? 0)); "
            + "trả lại \(VietnameseNumber.padded(counts[.traLai] ?? 0)); chưa nộp \(VietnameseNumber.padded(counts[.chuaNop] ?? 0)); "
            + "muộn hạn \(VietnameseNumber.padded(late))."
        let isDemo = try await store.isDemo()
        let context = Context(
            layout: LayoutContext.make(
                request, title: "Tình hình nộp báo cáo — \(form.name)", section: "nhap-lieu", isDemo: isDemo),
            formName: form.name, periodLabel: period.vietnameseLabel, deadline: VietnameseDate.short(deadline),
            summary: summary,
            rows: rows,
            periodOptions: window.map { .init(value: $0.id, label: $0.vietnameseLabel, selected: $0 == period) },
            formCode: form.code)
        return try await request.view.render("entry/status", context)
    }
}
