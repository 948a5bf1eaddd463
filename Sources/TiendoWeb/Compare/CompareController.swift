import Foundation
import TiendoCore
import TiendoDocuments
import Vapor

/// So sánh đơn vị: one indicator across the child units of a unit for a period, sortable, with a
/// bar chart and a total rolled up by the indicator's own rule (a rate is a ratio of sums).
struct CompareController: Sendable {
    let store: any PageReads

    struct Query: Decodable {
        var indicator: String?
        var unitCode: String?
        var period: String?
        var sort: String?

        enum CodingKeys: String, CodingKey {
            case indicator = "chi-so"
            case unitCode = "don-vi"
            case period = "ky"
            case sort = "sap-xep"
        }
    }

    struct Row: Encodable {
        let unitName: String
        let href: String
        let value: String
        let parts: String
        let source: String
    }

    struct Context: Encodable {
        let layout: LayoutContext
        let unitFullName: String
        let indicatorName: String
        let unitOfMeasure: String
        let periodLabel: String
        let rows: [Row]
        let total: Row
        let chart: String
        let indicatorOptions: [ChoiceOption]
        let periodValue: String
        let unitCode: String
        let sortLinks: [PageLink]
        let message: String?
    }

    func show(_ request: Request) async throws -> View {
        let user = try request.requireUser()
        let query = try request.query.decode(Query.self)
        let snapshot = try await store.snapshot()
        let isDemo = try await store.isDemo()
        let period = try UnitChoice.period(query.period, snapshot: snapshot, today: .todayInVietnam())
        let asOf = period.span(in: .statistical).end
        let unit = try UnitChoice.unit(query.unitCode, snapshot: snapshot, user: user.account, on: asOf)
        let indicators = snapshot.indicators.sorted { VietnameseText.collationLess($0.name, $1.name) }
        let ownTargets = snapshot.resolutions(issuedBy: unit.unitID).first?.targets ?? []
        let indicator: Indicator
        if let code = query.indicator, !code.isEmpty {
            guard let found = indicators.first(where: { $0.code == code }) else {
                throw PageError(.notFound, "Không có chỉ số mã “\(code)”.")
            }
            indicator = found
        } else if let first = ownTargets.first.flatMap({ t in indicators.first { $0.code == t.indicatorCode } })
            ?? indicators.first
        {
            indicator = first
        } else {
            throw PageError(.notFound, "Chưa có chỉ số nào trong hệ thống.")
        }

        let rollUp = snapshot.rollUp
        let children = snapshot.directory.children(of: unit.unitID, on: asOf)
        func describe(_ outcome: FigureOutcome) -> (Double?, String, String) {
            switch outcome {
            case .figure(let f):
                let text = FigureText.figure(f.number, decimals: indicator.decimals, unit: indicator.unitOfMeasure)
                return (f.number, (f.isEstimate ? "ước " : "") + text, f.source.vietnameseDescription)
            case .missing: return (nil, "chưa có số liệu", "")
            case .notComparable(let reason): return (nil, "không so sánh được", reason)
            }
        }
        func parts(_ unitID: UnitID) -> String {
            guard let ratio = indicator.ratioParts else { return "" }
            let n = rollUp.figure(ratio.numerator, unit: unitID, period: period).figure?.number
            let d = rollUp.figure(ratio.denominator, unit: unitID, period: period).figure?.number
            guard let n, let d else { return "" }
            return VietnameseNumber.format(n, maxDecimals: 2) + "/" + VietnameseNumber.format(d, maxDecimals: 2)
        }
        var measured: [(version: UnitVersion, value: Double?, text: String, source: String)] = children.map { child in
            let (value, text, source) = describe(rollUp.figure(indicator.code, unit: child.unitID, period: period))
            return (child, value, text, source)
        }
        switch query.sort ?? "ten" {
        case "giam": measured.sort { ($0.value ?? -.infinity) > ($1.value ?? -.infinity) }
        case "tang": measured.sort { ($0.value ?? .infinity) < ($1.value ?? .infinity) }
        default: measured.sort { VietnameseText.collationLess($0.version.name, $1.version.name) }
        }
        let (totalValue, totalText, totalSource) = describe(
            rollUp.figure(indicator.code, unit: unit.unitID, period: period))
        let rows = measured.map {
            Row(
                unitName: $0.version.fullName,
                href: SiteRoute.compare(
                    indicator: indicator.code, unitCode: $0.version.code, period: period.id, sort: query.sort
                ).href,
                value: $0.text, parts: parts($0.version.unitID), source: $0.source)
        }
        var bars = measured.map { SVGChart.Bar(label: $0.version.fullName, value: $0.value, valueText: $0.text) }
        if totalValue != nil, indicator.space != .sum {
            // A total of a sum would dwarf every bar; rates and means are drawn next to their units.
            bars.append(
                SVGChart.Bar(label: "Toàn \(unit.fullName)", value: totalValue, valueText: totalText, highlighted: true)
            )
        }
        let sortLinks = [("ten", "Theo tên"), ("giam", "Giá trị giảm dần"), ("tang", "Giá trị tăng dần")].map {
            PageLink(
                label: $0.1,
                href: SiteRoute.compare(indicator: indicator.code, unitCode: unit.code, period: period.id, sort: $0.0)
                    .href)
        }
        let context = Context(
            layout: LayoutContext.make(
                request, title: "So sánh đơn vị — \(indicator.name)", section: "so-sanh", isDemo: isDemo),
            unitFullName: unit.fullName, indicatorName: indicator.name, unitOfMeasure: indicator.unitOfMeasure,
            periodLabel: period.vietnameseLabel, rows: rows,
            total: Row(
                unitName: "Toàn \(unit.fullName)", href: "", value: totalText, parts: parts(unit.unitID),
                source: totalSource),
            chart: children.isEmpty
                ? "" : SVGChart.bars(bars, title: "\(indicator.name), \(period.vietnameseLabel), theo đơn vị"),
            indicatorOptions: indicators.map {
                .init(value: $0.code, label: $0.name, selected: $0.code == indicator.code)
            },
            periodValue: period.id, unitCode: unit.code, sortLinks: sortLinks,
            message: children.isEmpty ? "\(unit.fullName) không có đơn vị trực thuộc để so sánh." : nil)
        return try await request.view.render("compare/index", context)
    }

}
