import Foundation
import TiendoCore
import TiendoDocuments
import Vapor

/// Tổng quan: a unit's targets with verdicts, computed from the current data. The whole page is
/// kept per page stamp and viewer (`RenderedPages`), so a reload that finds nothing changed costs
/// the session's read (which brings the stamp along) and putting the session's CSRF token in.
struct OverviewController: Sendable {
    let store: any ReferenceData & PageStamps & FollowUpReads & ExplanationStore
    let pages = RenderedPages<OverviewQuery>()

    func show(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let query = try request.query.decode(OverviewQuery.self)
        let stamp = try await request.pageStamp(store)
        let today = CivilDate.todayInVietnam()
        let snapshot = try await store.snapshot(atVersion: stamp.versions.data)
        // The unit the page is about, to key it on that unit's figures (an error here is the
        // page's own error, as when it is rendered).
        let unit = try OverviewPage.unit(of: query, snapshot: snapshot, user: user.account, today: today)
        let explanations = try await store.explanationRequests(unit: unit)
        var state = Hasher()
        for request in explanations { state.combine(request) }
        let key = RenderedPages.Key(
            snapshot: snapshot, unit: unit, stamp: stamp, viewer: user.account, query: query, today: today,
            explanations: state.finalize())
        let page = try await pages.page(for: key) { [store, pages] in
            let marker = pages.csrfMarker
            let context = try OverviewPage.context(
                snapshot: snapshot, book: try await store.followUpBook(), query: query,
                user: user.account, explanations: explanations,
                layout: {
                    LayoutContext.make(request, title: $0, section: "tong-quan", isDemo: stamp.isDemo)
                        .withCSRF(marker).withWorkCountMarker(pages.workCountMarker)
                },
                today: today, assessedOnce: { request.application.tiendoMetrics.recordVerdictComputation() })
            let body = try await request.view.render("overview/body", context)
            let html = try await request.view.render(
                "overview/index",
                RenderedBody(
                    layout: context.layout,
                    bodyHTML: OverviewPage.placing(pages.workBoxMarker, in: String(buffer: body.data))))
            return String(buffer: html.data)
        }
        var headers = HTTPHeaders()
        headers.contentType = .html
        // The viewer's "việc của tôi" as it stands now, not as when the page was kept.
        let work = MyWorkMiddleware.work(request)
        let html = page.html(csrf: user.csrfToken)
            .replacingOccurrences(of: pages.workCountMarker, with: LayoutContext.workCountText(request))
            .replacingOccurrences(
                of: pages.workBoxMarker, with: try await MyWorkController.boxHTML(work, request: request))
        return Response(status: .ok, headers: headers, body: .init(string: html))
    }
}

extension OverviewPage {
    /// `marker` placed right after the page's heading (at the top when it has none): where the
    /// viewer's "việc của tôi" box goes at serving time.
    static func placing(_ marker: String, in body: String) -> String {
        guard let heading = body.range(of: "</h1>") else { return marker + body }
        return body.replacingCharacters(in: heading, with: "</h1>\n" + marker)
    }
}

/// A page body rendered on its own, inside the layout.
struct RenderedBody: Encodable {
    let layout: LayoutContext
    let bodyHTML: String
}

struct OverviewQuery: Decodable, Hashable, Sendable {
    var unitCode: String?
    var period: String?
    var resolutionID: String?
    /// "1": verdicts on approved figures only ("Chỉ tính số liệu đã duyệt"). Part of the query, so
    /// part of the kept page's key: the two views of a page are kept apart.
    var approved: String?

    enum CodingKeys: String, CodingKey {
        case unitCode = "don-vi"
        case period = "ky"
        case resolutionID = "nghi-quyet"
        case approved = "duyet"
    }

    /// Whether the page judges on approved figures only.
    var approvedOnly: Bool { DraftView.isOn(approved) }
}

/// The switch "Chỉ tính số liệu đã duyệt" (`duyet=1`) and the mark of a verdict that rests on
/// unapproved figures, shared by the dashboard and the indicator page.
enum DraftView {
    /// The query parameter of the switch.
    static let parameter = "duyet"
    /// The mark printed next to a verdict or figure (words, so a black-and-white print keeps it).
    static let mark = "dựa trên số liệu chưa duyệt"
    /// The legend under a table with marked rows.
    static let legend =
        "“\(mark)”: kết quả có dùng số liệu của báo cáo chưa được cấp trên duyệt (chưa nộp, đã nộp chờ duyệt "
        + "hoặc bị trả lại), kể cả số liệu của đơn vị trực thuộc được tổng hợp lên. Số liệu nhập từ tệp hoặc "
        + "không qua biểu mẫu được coi là đã duyệt."

    /// Whether a query value turns the switch on.
    static func isOn(_ value: String?) -> Bool { value == "1" }

    /// `href` with the switch added when `approvedOnly`, so following a link keeps the view.
    static func keeping(_ href: String, approvedOnly: Bool) -> String {
        guard approvedOnly else { return href }
        return href + (href.contains("?") ? "&" : "?") + "\(parameter)=1"
    }

    /// `href` with the switch set to `on` (any value it had removed).
    static func switched(_ href: String, on: Bool) -> String {
        var parts = href.split(separator: "?", maxSplits: 1).map(String.init)
        let path = parts.isEmpty ? href : parts.removeFirst()
        let kept = (parts.first ?? "").split(separator: "&").filter { !$0.hasPrefix("\(parameter)=") }
        let items = kept.map(String.init) + (on ? ["\(parameter)=1"] : [])
        return items.isEmpty ? path : path + "?" + items.joined(separator: "&")
    }
}

/// Builds the dashboard context from a snapshot; separate from the controller so tests can check
/// it without HTTP.
enum OverviewPage {
    /// How many days ahead the home page's reminders look.
    static let reminderDays = 7

    /// The period and unit a query asks for (the latest year with figures and the viewer's unit
    /// when it names none).
    static func subject(of query: OverviewQuery, snapshot: Snapshot, user: Account, today: CivilDate) throws
        -> (period: Period, unit: UnitVersion)
    {
        let period = try UnitChoice.period(query.period, snapshot: snapshot, today: today)
        let unit = try UnitChoice.unit(
            query.unitCode, snapshot: snapshot, user: user, on: period.span(in: .statistical).end)
        return (period, unit)
    }

    /// The unit a query's page is about.
    static func unit(of query: OverviewQuery, snapshot: Snapshot, user: Account, today: CivilDate) throws -> UnitID {
        try subject(of: query, snapshot: snapshot, user: user, today: today).unit.unitID
    }

    static func context(
        snapshot: Snapshot, book: FollowUpBook = FollowUpBook(directives: [], tasks: [], reports: []),
        query: OverviewQuery, user: Account, explanations: [ExplanationRequest] = [],
        layout: (String) -> LayoutContext, today: CivilDate = .todayInVietnam(), assessedOnce: () -> Void = {}
    ) throws -> OverviewContext {
        let access = FollowUpAccess(user: user, directory: snapshot.directory, today: today)
        let (period, unit) = try subject(of: query, snapshot: snapshot, user: user, today: today)
        let asOf = period.span(in: .statistical).end
        let resolutions = snapshot.resolutions(issuedBy: unit.unitID)
        // Without a resolution named, a unit that issued none shows a message instead of an error.
        let resolution: Resolution?
        do {
            resolution =
                (query.resolutionID ?? "").isEmpty && resolutions.isEmpty
                ? nil : try SubjectLookup.resolution(id: query.resolutionID, for: unit, in: snapshot)
        } catch {
            throw PageError(error)
        }

        let directory = snapshot.directory
        let parent = unit.parentID.flatMap { directory.version(of: $0, on: asOf) }
            .flatMap { user.canSee($0.unitID, in: directory, on: asOf) ? $0 : nil }
        let children = directory.children(of: unit.unitID, on: asOf)
        let approvedOnly = query.approvedOnly
        func link(_ v: UnitVersion) -> PageLink {
            .init(
                label: v.fullName,
                href: DraftView.keeping(
                    SiteRoute.overview(unitCode: v.code, period: period.id, resolutionID: nil).href,
                    approvedOnly: approvedOnly))
        }
        let here = SiteRoute.overview(unitCode: unit.code, period: period.id, resolutionID: query.resolutionID).href

        var groups: [OverviewContext.Group] = []
        var summary = ""
        var message: String?
        if resolution == nil {
            message =
                "Chưa có nghị quyết nào của \(unit.fullName) trong hệ thống; các chỉ tiêu của nghị quyết cấp trên được đánh giá trên trang của đơn vị ban hành."
        }
        if let resolution, resolution.isBeforeTerm(period) {
            // Nothing of the resolution is in force yet: say so (issue 19: this used to trap).
            let label = period.vietnameseLabel.prefix(1).uppercased() + period.vietnameseLabel.dropFirst()
            message =
                "\(label) nằm trước nhiệm kỳ \(resolution.termStart)–\(resolution.termEnd) của nghị quyết "
                + "\(resolution.symbol): nghị quyết chưa có hiệu lực nên chưa có chỉ tiêu nào để đánh giá. "
                + "Hãy chọn kỳ đánh giá từ năm \(resolution.termStart) đến năm \(resolution.termEnd)."
        } else if let resolution {
            let assessed = UnitAssessment(
                snapshot: snapshot, unit: unit, resolution: resolution, period: period, approvedOnly: approvedOnly)
            assessedOnce()
            summary = assessed.summary.line.prefix(1).uppercased() + assessed.summary.line.dropFirst() + "."
            let rollUp = snapshot.rollUp(approvedOnly: approvedOnly)
            for group in TargetGroup.allCases {
                let rows = assessed.assessments.filter { $0.target.group == group }.map {
                    row(
                        $0, unit: unit, resolution: resolution, rollUp: rollUp,
                        unapproved: assessed.restsOnUnapproved($0), approvedOnly: approvedOnly,
                        tasks: taskChips(
                            book: book, link: TargetLink(resolutionID: resolution.id, targetNumber: $0.target.number),
                            unit: unit, access: access),
                        explanations: explanationChips(
                            explanations, target: $0.target, resolution: resolution, unit: unit, user: user,
                            snapshot: snapshot, today: today))
                }
                if !rows.isEmpty { groups.append(.init(name: group.vietnameseName, rows: rows)) }
            }
        }

        var unitChoices: [UnitVersion] = []
        if let parent { unitChoices.append(parent) }
        unitChoices.append(unit)
        unitChoices += children

        let termYears = resolution?.termYears ?? []
        let years = termYears.isEmpty ? [period.year] : termYears
        return OverviewContext(
            layout: layout("Tổng quan — \(unit.fullName)"),
            unitFullName: unit.fullName,
            unitCode: unit.code,
            parent: parent.map(link),
            periodLabel: period.vietnameseLabel,
            resolutionSymbol: resolution?.symbol ?? "",
            resolutionTitle: resolution?.title ?? "",
            summary: summary,
            groups: groups,
            children: children.map(link),
            unitOptions: unitChoices.map { .init(value: $0.code, label: $0.fullName, selected: $0 == unit) },
            periodOptions: years.map { .init(value: "\($0)", label: "Năm \($0)", selected: period == .year($0)) },
            resolutionOptions: resolutions.map {
                .init(value: $0.id, label: "\($0.symbol) — \($0.title)", selected: $0.id == resolution?.id)
            },
            message: message,
            approvedOnly: approvedOnly,
            unapprovedCount: groups.reduce(0) { $0 + $1.rows.filter(\.unapproved).count },
            draftMark: DraftView.mark,
            draftLegend: DraftView.legend,
            allFiguresHref: DraftView.switched(here, on: false),
            approvedOnlyHref: DraftView.switched(here, on: true),
            reminders: reminders(book: book, access: access),
            reportHref: SiteRoute.report(
                unitCode: unit.code, period: period.id, resolutionID: query.resolutionID, kind: nil
            ).href,
            reportWordHref: SiteRoute.reportFile(
                format: ReportFileFormat.word.rawValue, unitCode: unit.code, period: period.id,
                resolutionID: query.resolutionID, kind: ReportKind.soKet.rawValue
            ).href)
    }

    /// The tasks linked to a target that concern the unit shown (its own or its units' below)
    /// and that the user may see.
    static func taskChips(book: FollowUpBook, link: TargetLink, unit: UnitVersion, access: FollowUpAccess)
        -> [OverviewContext.TaskChip]
    {
        let directory = access.directory
        func within(_ id: UnitID) -> Bool {
            id == unit.unitID || directory.isWithin(id, ancestor: unit.unitID, on: access.today)
        }
        return book.tasks(linkedTo: link)
            .filter {
                access.canView($0, in: book) && (within($0.leadUnit) || $0.coordinatingUnits.contains(where: within))
            }
            .map { task in
                let status = book.status(of: task, on: access.today)
                return .init(
                    label: "\(FollowUpRows.unitName(task.leadUnit, directory)): \(task.content)",
                    status: status.vietnameseName, statusClass: "task-\(status.slug)",
                    href: SiteRoute.task(id: task.id.uuidString).href)
            }
    }

    /// The explanation requests on a target's row: those about its verdict, and those about one
    /// of the unit's figures of its indicator (or of the numerator or denominator of its rate),
    /// that the user sees; newest first.
    static func explanationChips(
        _ requests: [ExplanationRequest], target: Target, resolution: Resolution, unit: UnitVersion, user: Account,
        snapshot: Snapshot, today: CivilDate
    ) -> [OverviewContext.ExplanationChip] {
        guard !requests.isEmpty else { return [] }
        let link = TargetLink(resolutionID: resolution.id, targetNumber: target.number)
        var codes: Set<String> = [target.indicatorCode]
        if case .ratio(let numerator, let denominator, _) = snapshot.indicators.first(where: {
            $0.code == target.indicatorCode
        })?.space {
            codes.formUnion([numerator, denominator])
        }
        return requests.filter { request in
            request.unitID == unit.unitID
                && (request.target == link || (request.target == nil && codes.contains(request.indicatorCode)))
                && ExplanationDesk.maySee(user, request, in: snapshot.directory, on: today)
        }
        .sorted { ($0.askedOn, $0.dueDate) > ($1.askedOn, $1.dueDate) }
        .map { request in
            let status = request.status(on: today)
            let subject = request.target == nil ? request.subjectText() : "kết quả đánh giá"
            return .init(
                label: "\(subject): \(request.question)", status: status.vietnameseName,
                statusClass: "task-\(ExplanationController.statusClassSuffix(status))",
                href: SiteRoute.explanation(id: request.id.uuidString).href)
        }
    }

    /// The reminder box: nil when nothing is overdue or due soon for the user.
    static func reminders(book: FollowUpBook, access: FollowUpAccess) -> OverviewContext.Reminders? {
        let digest = book.digest(concerning: access.sees, today: access.today, withinDays: reminderDays)
        guard !digest.isEmpty else { return nil }
        func item(_ i: ReminderDigest.Item) -> OverviewContext.Reminders.Item {
            .init(
                content: i.task.content, lead: FollowUpRows.unitName(i.task.leadUnit, access.directory),
                when: i.whenText, href: SiteRoute.task(id: i.task.id.uuidString).href)
        }
        return .init(
            overdueCount: digest.overdue.count, dueSoonCount: digest.dueSoon.count, withinDays: reminderDays,
            overdue: digest.overdue.prefix(5).map(item), dueSoon: digest.dueSoon.prefix(5).map(item),
            overdueHref: SiteRoute.tasks(status: TaskStatus.quaHanChuaHoanThanh.slug, unitCode: nil, day: nil).href,
            allHref: SiteRoute.tasks(status: nil, unitCode: nil, day: nil).href)
    }

    static func row(
        _ a: Assessment, unit: UnitVersion, resolution: Resolution, rollUp: RollUp, unapproved: Bool = false,
        approvedOnly: Bool = false, tasks: [OverviewContext.TaskChip] = [],
        explanations: [OverviewContext.ExplanationChip] = []
    ) -> OverviewContext.TargetRow {
        // From the term's first year to the period's; empty (no chart) for a period before the
        // term, which `context` does not assess, rather than a backwards range.
        let years = resolution.termStart <= a.period.year ? Array(resolution.termStart...a.period.year) : []
        let points = years.map { year -> SVGChart.Point in
            let figure = rollUp.figure(a.target.indicatorCode, unit: unit.unitID, period: .year(year)).figure
            return SVGChart.Point(label: "\(year)", value: figure?.number, isEstimate: figure?.isEstimate ?? false)
        }
        let name = rollUp.indicators[a.target.indicatorCode]?.name ?? a.target.indicatorCode
        return .init(
            number: "\(a.target.number)", wording: a.target.wording, figure: a.tableFigureText ?? "—", plan: a.planText,
            verdict: a.verdictLabel,
            verdictClass: "verdict-\(a.verdict.rawValue)", unapproved: unapproved,
            outlook: a.outlook?.vietnameseName ?? "",
            explanation: a.explanation,
            trend: SVGChart.sparkline(points, title: "Diễn biến \(name) qua các năm"),
            indicatorHref: DraftView.keeping(
                SiteRoute.indicator(code: a.target.indicatorCode, unitCode: unit.code).href, approvedOnly: approvedOnly),
            compareHref: SiteRoute.compare(
                indicator: a.target.indicatorCode, unitCode: unit.code, period: a.period.id, sort: nil
            ).href, tasks: tasks, explanations: explanations)
    }
}
