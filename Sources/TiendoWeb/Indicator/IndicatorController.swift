import Foundation
import TiendoCore
import TiendoDocuments
import Vapor

/// Chỉ số: an indicator's yearly series for a unit as a chart, its figures by period with status
/// and note, and the full change history of each reported figure.
struct IndicatorController: Sendable {
    let store: any PageReads & FigureHistory & ExplanationStore

    struct ValueRow: Encodable {
        let period: String
        let value: String
        let status: String
        let note: String
        let source: String
        /// Whether the figure rests on unapproved figures ("dựa trên số liệu chưa duyệt").
        let unapproved: Bool
        let history: [HistoryRow]
    }

    struct HistoryRow: Encodable {
        let when: String
        let who: String
        let change: String
    }

    struct Context: Encodable {
        let layout: LayoutContext
        let indicatorName: String
        let code: String
        let unitOfMeasure: String
        let rule: String
        let unitFullName: String
        let chart: String
        let rows: [ValueRow]
        let compareHref: String
        /// Whether figures are rolled up from approved figures only (switch `duyet=1`).
        let approvedOnly: Bool
        let unapprovedCount: Int
        let draftMark: String
        let draftLegend: String
        let allFiguresHref: String
        let approvedOnlyHref: String
        /// The explanation requests about this indicator for this unit that the user sees, newest first.
        let explanations: [ExplanationController.Row]
        /// The form to ask the unit for an explanation, when the user may ask.
        let askHref: String?
    }

    func show(_ request: Request) async throws -> View {
        let user = try request.requireUser()
        let code = request.parameters.get("code") ?? ""
        let snapshot = try await store.snapshot()
        let isDemo = try await store.isDemo()
        guard let indicator = snapshot.indicators.first(where: { $0.code == code }) else {
            throw PageError(.notFound, "Không có chỉ số mã “\(code)”.")
        }
        let today = CivilDate.todayInVietnam()
        let unit = try UnitChoice.unit(
            request.query[String.self, at: "don-vi"], snapshot: snapshot, user: user.account, on: today)
        let approvedOnly = DraftView.isOn(request.query[String.self, at: DraftView.parameter])
        let rollUp = snapshot.rollUp(approvedOnly: approvedOnly)

        // Years: from the earliest figure of the unit (or its predecessors) to the latest.
        let reported = snapshot.values.reported(code, unit: unit.unitID)
        let allYears = snapshot.values.periods(of: code).map(\.year)
        // firstYear <= lastYear (min and max of one list, or both today's year), so the ranges
        // below are never backwards; stored periods come through `Period(id:)`, whose years lie
        // in 1900–2200, so they hold at most 301 years.
        let firstYear = allYears.min() ?? today.year
        let lastYear = allYears.max() ?? today.year
        var periods = Set((firstYear...lastYear).map { Period.year($0) })
        periods.formUnion(reported.map(\.period))
        var rows: [ValueRow] = []
        for period in periods.sorted(by: >) {
            let outcome = rollUp.figure(code, unit: unit.unitID, period: period)
            let value = reported.first { $0.period == period }
            var history: [HistoryRow] = []
            if value != nil {
                history = try await store.history(indicatorCode: code, unit: unit.unitID, period: period).reversed().map
                {
                    change in
                    let old = change.oldNumber.map { VietnameseNumber.format($0, maxDecimals: 6) } ?? "(trống)"
                    let new = VietnameseNumber.format(change.newNumber, maxDecimals: 6)
                    let statuses =
                        change.oldStatus.map {
                            $0 == change.newStatus ? "" : " (\($0.vietnameseName) → \(change.newStatus.vietnameseName))"
                        } ?? " (\(change.newStatus.vietnameseName))"
                    return HistoryRow(
                        when: PageFormat.dateTime(change.changedAt), who: change.author,
                        change: "\(old) → \(new)\(statuses)")
                }
            }
            switch outcome {
            case .figure(let f):
                rows.append(
                    ValueRow(
                        period: period.vietnameseLabel,
                        value: FigureText.figure(f.number, decimals: indicator.decimals, unit: indicator.unitOfMeasure),
                        status: f.isEstimate ? ValueStatus.uoc.vietnameseName : ValueStatus.chinhThuc.vietnameseName,
                        note: value?.note ?? "", source: f.source.vietnameseDescription,
                        unapproved: f.restsOnUnapproved, history: history))
            case .notComparable(let reason):
                rows.append(
                    ValueRow(
                        period: period.vietnameseLabel, value: "không so sánh được", status: "", note: reason,
                        source: "", unapproved: false, history: history))
            case .missing:
                continue
            }
        }
        let points = (firstYear...lastYear).map { year -> SVGChart.Point in
            let figure = rollUp.figure(code, unit: unit.unitID, period: .year(year)).figure
            return SVGChart.Point(label: "\(year)", value: figure?.number, isEstimate: figure?.isEstimate ?? false)
        }
        let plan = snapshot.resolutions(issuedBy: unit.unitID).first?.targets.first {
            $0.indicatorCode == code && $0.measure == .level
        }
        let planValue: Double? = plan.map {
            switch $0.condition {
            case .atLeast(let v, _), .atMost(let v, _): return v
            case .between(let low, let high, let direction): return direction == .higherIsBetter ? low : high
            }
        }
        let chart = SVGChart.line(
            points, title: "\(indicator.name) của \(unit.fullName) qua các năm", plan: planValue,
            planText: planValue.map {
                "Kế hoạch: " + FigureText.withUnit(FigureText.bound($0), indicator.unitOfMeasure)
            },
            format: { VietnameseNumber.format($0, maxDecimals: indicator.decimals) })
        let explanations = try await store.explanationRequests(unit: unit.unitID).filter {
            $0.indicatorCode == code
                && ExplanationDesk.maySee(user.account, $0, in: snapshot.directory, on: today)
        }.sorted { ($0.askedOn, $0.dueDate) > ($1.askedOn, $1.dueDate) }
        let mayAsk = ExplanationDesk.mayAsk(user.account, unit: unit.unitID, in: snapshot.directory, on: today)
        let context = Context(
            layout: LayoutContext.make(
                request, title: "\(indicator.name) — \(unit.fullName)", section: "tong-quan", isDemo: isDemo),
            indicatorName: indicator.name, code: code, unitOfMeasure: indicator.unitOfMeasure,
            rule: Self.ruleText(indicator), unitFullName: unit.fullName, chart: chart, rows: rows,
            compareHref: SiteRoute.compare(indicator: code, unitCode: unit.code, period: nil, sort: nil).href,
            approvedOnly: approvedOnly, unapprovedCount: rows.filter(\.unapproved).count, draftMark: DraftView.mark,
            draftLegend: DraftView.legend,
            allFiguresHref: DraftView.switched(SiteRoute.indicator(code: code, unitCode: unit.code).href, on: false),
            approvedOnlyHref: DraftView.switched(SiteRoute.indicator(code: code, unitCode: unit.code).href, on: true),
            explanations: explanations.map { ExplanationController.row($0, snapshot: snapshot, today: today) },
            askHref: mayAsk ? SiteRoute.explanationNew(indicator: code, unitCode: unit.code).href : nil)
        return try await request.view.render("indicator/show", context)
    }

    static func ruleText(_ indicator: Indicator) -> String {
        let space: String
        switch indicator.space {
        case .sum: space = "cộng các đơn vị"
        case .ratio(let n, let d, _): space = "tỷ số của tổng \(n) trên tổng \(d)"
        case .mean: space = "trung bình các đơn vị"
        case .min: space = "nhỏ nhất"
        case .max: space = "lớn nhất"
        case .none: space = "không tổng hợp"
        }
        let time: String
        switch indicator.time {
        case .sum: time = "cộng các kỳ"
        case .last: time = "số cuối kỳ"
        case .mean: time = "trung bình các kỳ"
        case .ratio: time = "tính lại từ tử số và mẫu số"
        }
        return "Tổng hợp lên cấp trên: \(space); theo thời gian: \(time)."
    }
}
