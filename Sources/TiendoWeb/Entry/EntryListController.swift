import Foundation
import TiendoCore
import TiendoDocuments
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
        /// The coming period of each form, open for estimates; owed nothing yet.
        let upcoming: [Row]
        let overviews: [OverviewLink]
        let message: String?
    }

    func show(_ request: Request) async throws -> View {
        let user = try request.requireUser()
        try Access.require(user, { $0.canEnterData || $0.canReview }, "nhập hoặc duyệt số liệu")
        let today = CivilDate.todayInVietnam()
        let directory = try await store.directory()
        var rows: [Row] = []
        var upcoming: [Row] = []
        var overviews: [OverviewLink] = []
        for form in try await store.forms() {
            // Only the periods that have begun, and only those the unit existed at the end of
            // (ReportingSchedule): a ward created on 1 July 2025 is not late for earlier quarters.
            if form.unitIDs.contains(user.account.unitID) {
                for due in ReportingSchedule.reportsDue(
                    on: form, by: user.account.unitID, in: directory, today: today
                ).reversed() {
                    let submission = try await store.submission(
                        form: form.code, unit: due.unit.unitID, period: due.period
                    )
                    .submission
                    let timeliness = ReportingSchedule.timeliness(of: submission, deadline: due.deadline, today: today)
                    rows.append(
                        Row(
                            formName: form.name, unitName: due.unit.fullName, period: due.period.vietnameseLabel,
                            status: submission.status.vietnameseName,
                            statusClass: "status-\(submission.status.rawValue)",
                            isLate: timeliness == .late || timeliness == .missing,
                            deadline: VietnameseDate.short(due.deadline),
                            href: SiteRoute.entry(form: form.code, unitCode: due.unit.code, period: due.period.id).path)
                    )
                }
            }
            if let next = ReportingSchedule.nextPeriod(
                of: form, for: user.account.unitID, in: directory, today: today)
            {
                let submission = try await store.submission(
                    form: form.code, unit: next.unit.unitID, period: next.period
                )
                .submission
                upcoming.append(
                    Row(
                        formName: form.name, unitName: next.unit.fullName, period: next.period.vietnameseLabel,
                        status: submission.status.vietnameseName, statusClass: "status-\(submission.status.rawValue)",
                        isLate: false, deadline: VietnameseDate.short(next.deadline),
                        href: SiteRoute.entry(form: form.code, unitCode: next.unit.code, period: next.period.id).path))
            }
            if user.account.role.canReview {
                for period in ReportingSchedule.window(of: form, today: today).reversed() {
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
            rows: rows, upcoming: upcoming, overviews: overviews,
            message: rows.isEmpty && upcoming.isEmpty && overviews.isEmpty
                ? "Chưa có biểu mẫu báo cáo nào cho đơn vị của bạn." : nil)
        return try await request.view.render("entry/list", context)
    }
}

/// Tình hình nộp báo cáo: for a form and a period, which units submitted, which are late, which
/// were returned — only the units in the reviewer's scope — and the timeliness board of the form
/// over the periods that have begun.
struct SubmissionStatusController: Sendable {
    let store: any PageReads & FormReads & SubmissionReads & FigureFlagReads

    struct Row: Encodable {
        let unitName: String
        let status: String
        let statusClass: String
        let isLate: Bool
        let timeliness: String
        let deadline: String
        let submitted: String
        let reviewed: String
        let reason: String
        let href: String
        /// "2 số liệu khác thường" when the unit's report holds flagged figures.
        let flagged: String
    }

    /// One flagged figure of the period (the board of unusual figures).
    struct FlaggedRow: Encodable {
        let unitName: String
        let indicatorName: String
        let figure: String
        let findings: String
        let note: String
        let flagged: String
        let href: String
    }

    /// One period of the timeliness board.
    struct BoardPeriod: Encodable {
        let label: String
        let href: String
        let deadline: String
        let asked: String
        let onTime: String
        let late: String
        let missing: String
        let notYetDue: String
        let onTimeRate: String
        let completeRate: String
    }

    /// One unit of the timeliness board: counts over the periods shown.
    struct BoardUnit: Encodable {
        let unitName: String
        let asked: String
        let onTime: String
        let late: String
        let missing: String
        let onTimeRate: String
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
        let boardPeriods: [BoardPeriod]
        let boardUnits: [BoardUnit]
        let boardSummary: String
        let boardChart: String
        let flaggedRows: [FlaggedRow]
        let flaggedSummary: String
    }

    func show(_ request: Request) async throws -> View {
        let user = try request.requireUser()
        try Access.require(user, \.canReview, "xem tình hình nộp báo cáo")
        guard let code = request.parameters.get("form"), let form = try await store.form(code: code) else {
            throw PageError(.notFound, "Không có biểu mẫu này.")
        }
        let today = CivilDate.todayInVietnam()
        let window = ReportingSchedule.window(of: form, today: today)
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
            guard let chosen = window.last(where: { $0.span(in: form.calendar).end <= today }) ?? window.last else {
                throw PageError(
                    .badRequest,
                    "Biểu mẫu “\(form.name)” thu số liệu theo \(form.periodKind.vietnameseName); "
                        + "hãy ghi kỳ trong địa chỉ, ví dụ ?ky=2025-2030.")
            }
            period = chosen
        }
        let directory = try await store.directory()
        let deadline = form.deadline.deadline(for: period, calendar: form.calendar)
        // The units in the reviewer's scope, as they stand today (or last stood).
        let scope = form.unitIDs.compactMap { directory.version(of: $0, on: today) ?? directory.latestVersion(of: $0) }
            .filter { user.account.canSee($0.unitID, in: directory, on: today) }
            .sorted { VietnameseText.collationLess($0.name, $1.name) }
        var submissions: [Period: [UnitID: Submission]] = [:]
        for shown in Set(window + [period]) {
            submissions[shown] = Dictionary(
                try await store.submissions(form: form.code, period: shown).map { ($0.unitID, $0) },
                uniquingKeysWith: { a, _ in a })
        }
        // The board of unusual figures: flags of this form's figures for the period, still as
        // flagged (a figure changed since by a file or a recomputation drops out).
        let snapshot = try await store.snapshot()
        let scopeIDs = Set(scope.map(\.unitID))
        let flags = try await store.figureFlags(
            period: period, units: scopeIDs.count <= 500 ? scopeIDs : nil, indicatorCodes: Set(form.indicatorCodes)
        ).filter { scopeIDs.contains($0.key.unitID) && snapshot.values.reportedNumber($0.key)?.number == $0.number }
        let flagsByUnit = Dictionary(grouping: flags, by: \.key.unitID)
        var rows: [Row] = []
        var counts: [SubmissionStatus: Int] = [:]
        var periodCounts = TimelinessBoard.Counts()
        let stored = submissions[period] ?? [:]
        for unit in scope {
            // A unit that did not exist at the period's end is not asked for it.
            guard let due = ReportingSchedule.due(on: form, by: unit.unitID, for: period, in: directory) else {
                continue
            }
            let submission = stored[unit.unitID] ?? Submission(formCode: form.code, unitID: unit.unitID, period: period)
            let timeliness = ReportingSchedule.timeliness(of: submission, deadline: due.deadline, today: today)
            counts[submission.status, default: 0] += 1
            periodCounts.add(timeliness)
            rows.append(
                Row(
                    unitName: due.unit.fullName, status: submission.status.vietnameseName,
                    statusClass: "status-\(submission.status.rawValue)",
                    isLate: timeliness == .late || timeliness == .missing, timeliness: timeliness.vietnameseName,
                    deadline: VietnameseDate.short(due.deadline),
                    submitted: submission.submittedAt.map {
                        "\(PageFormat.dateTime($0)) · \(submission.submittedBy ?? "")"
                    } ?? "",
                    reviewed: submission.reviewedAt.map {
                        "\(PageFormat.dateTime($0)) · \(submission.reviewedBy ?? "")"
                    } ?? "",
                    reason: submission.status == .traLai ? submission.returnReason ?? "" : "",
                    href: SiteRoute.entry(form: form.code, unitCode: due.unit.code, period: period.id).path,
                    flagged: flagsByUnit[unit.unitID].map { "\($0.count) số liệu khác thường" } ?? ""))
        }
        let indicatorsByCode = Dictionary(
            snapshot.indicators.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let unitsByID = Dictionary(scope.map { ($0.unitID, $0) }, uniquingKeysWith: { a, _ in a })
        let flaggedRows = flags.compactMap { flag -> FlaggedRow? in
            guard let indicator = indicatorsByCode[flag.key.indicatorCode], let unit = unitsByID[flag.key.unitID]
            else { return nil }
            return FlaggedRow(
                unitName: unit.fullName, indicatorName: indicator.name,
                figure: FigureText.withUnit(FigureReading.display(flag.number, indicator), indicator.unitOfMeasure),
                findings: flag.findings.joined(separator: " "), note: flag.note,
                flagged: "\(PageFormat.dateTime(flag.flaggedAt)) · \(flag.flaggedBy)",
                href: SiteRoute.entry(form: form.code, unitCode: unit.code, period: period.id).path)
        }.sorted { VietnameseText.collationLess($0.unitName, $1.unitName) }
        let figureCount = scope.reduce(0) { total, unit in
            total
                + form.indicatorCodes.filter {
                    snapshot.values.reportedNumber(ValueKey(indicatorCode: $0, unitID: unit.unitID, period: period))
                        != nil
                }.count
        }
        let submitted = (counts[.daNop] ?? 0) + (counts[.daDuyet] ?? 0)
        let statusParts: [String] = [
            "Đã nộp \(FigureText.countOf(submitted, rows.count)) đơn vị",
            "đã duyệt \(VietnameseNumber.padded(counts[.daDuyet] ?? 0))",
            "trả lại \(VietnameseNumber.padded(counts[.traLai] ?? 0))",
            "chưa nộp \(VietnameseNumber.padded(counts[.chuaNop] ?? 0))",
            "nộp muộn \(VietnameseNumber.padded(periodCounts.late))",
            "quá hạn chưa nộp \(VietnameseNumber.padded(periodCounts.missing))",
        ]
        let summary = statusParts.joined(separator: "; ") + "."
        let board = TimelinessBoard(
            form: form, periods: window.reversed(), units: scope, submissions: submissions, directory: directory,
            today: today)
        let isDemo = try await store.isDemo()
        let context = Context(
            layout: LayoutContext.make(
                request, title: "Tình hình nộp báo cáo — \(form.name)", section: "nhap-lieu", isDemo: isDemo),
            formName: form.name, periodLabel: period.vietnameseLabel, deadline: VietnameseDate.short(deadline),
            summary: summary,
            rows: rows,
            periodOptions: window.map { .init(value: $0.id, label: $0.vietnameseLabel, selected: $0 == period) },
            formCode: form.code,
            boardPeriods: board.periods.map { row in
                BoardPeriod(
                    label: row.period.vietnameseLabel,
                    href: SiteRoute.submissionStatus(form: form.code, period: row.period.id).href,
                    deadline: VietnameseDate.short(row.deadline), asked: VietnameseNumber.padded(row.counts.asked),
                    onTime: VietnameseNumber.padded(row.counts.onTime), late: VietnameseNumber.padded(row.counts.late),
                    missing: VietnameseNumber.padded(row.counts.missing),
                    notYetDue: VietnameseNumber.padded(row.counts.notYetDue),
                    onTimeRate: Self.rate(row.counts.onTimeRate), completeRate: Self.rate(row.counts.completeRate))
            },
            boardUnits: board.units.filter { $0.counts.asked > 0 }.map { row in
                BoardUnit(
                    unitName: row.unit.fullName, asked: VietnameseNumber.padded(row.counts.asked),
                    onTime: VietnameseNumber.padded(row.counts.onTime), late: VietnameseNumber.padded(row.counts.late),
                    missing: VietnameseNumber.padded(row.counts.missing), onTimeRate: Self.rate(row.counts.onTimeRate))
            },
            boardSummary: Self.boardSummary(board),

            boardChart: board.periods.isEmpty
                ? ""
                : SVGChart.bars(
                    board.periods.reversed().map {
                        SVGChart.Bar(
                            label: $0.period.vietnameseLabel, value: $0.counts.onTimeRate.map { $0 * 100 },
                            valueText: Self.rate($0.counts.onTimeRate))
                    }, title: "Tỷ lệ báo cáo nộp đúng hạn theo kỳ — \(form.name)"),
            flaggedRows: flaggedRows,
            flaggedSummary: Self.flaggedSummary(flagged: flaggedRows.count, of: figureCount))
        return try await request.view.render("entry/status", context)
    }

    /// "2 trong 118 số liệu của kỳ (1,7%) khác thường, đã có ghi chú của đơn vị."
    static func flaggedSummary(flagged: Int, of figures: Int) -> String {
        guard figures > 0 else { return "Kỳ này chưa có số liệu nào." }
        guard flagged > 0 else {
            return "Không có số liệu nào khác thường trong \(VietnameseNumber.format(figures)) số liệu của kỳ."
        }
        let share = VietnameseNumber.format(Double(flagged) / Double(figures) * 100, decimals: 1)
        return "\(VietnameseNumber.format(flagged)) trong \(VietnameseNumber.format(figures)) số liệu của kỳ "
            + "(\(share)%) khác thường; đơn vị đã ghi chú lý do. Hãy xem trước khi duyệt."
    }

    /// The board's totals in one sentence.
    static func boardSummary(_ board: TimelinessBoard) -> String {
        let total = board.total
        let parts: [String] = [
            "Cả \(VietnameseNumber.padded(board.periods.count)) kỳ: \(VietnameseNumber.padded(total.asked)) báo cáo phải nộp",
            "đúng hạn \(VietnameseNumber.padded(total.onTime))",
            "muộn hạn \(VietnameseNumber.padded(total.late))",
            "quá hạn chưa nộp \(VietnameseNumber.padded(total.missing))",
            "chưa đến hạn \(VietnameseNumber.padded(total.notYetDue))",
            "tỷ lệ đúng hạn \(rate(total.onTimeRate))",
            "tỷ lệ đầy đủ \(rate(total.completeRate))",
        ]
        return parts.joined(separator: "; ") + "."
    }

    /// "75,0%", or "—" when nothing is judged yet.
    static func rate(_ share: Double?) -> String {
        share.map { VietnameseNumber.format($0 * 100, decimals: 1) + "%" } ?? "—"
    }
}
