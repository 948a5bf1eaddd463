import Foundation
import TiendoCore

/// The Excel annex of a review report (phụ lục): a sheet of every target with its plan, result
/// and verdict, then one sheet per group of targets with every figure those targets used — by
/// unit and period, with its status (ước / chính thức), how it was obtained and its note. The
/// figures are the numbers themselves in Vietnamese number formats, so an office can check and
/// re-add them.
public struct ReportAnnex: Sendable {
    /// The targets judged.
    public let assessed: UnitAssessment
    /// The data they were judged on.
    public let snapshot: Snapshot
    /// Whether the figures are the demo's.
    public let isDemo: Bool
    /// The date written in the file's properties.
    public let created: Date

    /// Creates an annex.
    public init(assessed: UnitAssessment, snapshot: Snapshot, isDemo: Bool, created: Date = Date()) {
        self.assessed = assessed
        self.snapshot = snapshot
        self.isDemo = isDemo
        self.created = created
    }

    /// The .xlsx bytes for `unitCode`'s resolution at `periodID`, in one call.
    public static func make(
        snapshot: Snapshot, unitCode: String, resolutionID: String?, periodID: String, isDemo: Bool
    ) throws -> Data {
        let assessed = try ReportSubject.assess(
            snapshot: snapshot, unitCode: unitCode, resolutionID: resolutionID, periodID: periodID)
        return try ReportAnnex(assessed: assessed, snapshot: snapshot, isDemo: isDemo).xlsx()
    }

    /// The .xlsx bytes.
    public func xlsx() throws -> Data {
        try XlsxWriter.write(sheets(), created: created, title: title)
    }

    var title: String {
        "Phụ lục: kết quả thực hiện các chỉ tiêu Nghị quyết số \(assessed.resolution.symbol) — "
            + "\(assessed.unit.fullName), \(assessed.period.vietnameseLabel)"
    }

    var demoSuffix: String { isDemo ? " (Dữ liệu minh họa)" : "" }

    /// The sheets: the targets, then one per group.
    func sheets() -> [XlsxSheet] {
        var taken = Set<String>()
        func name(_ text: String) -> String {
            let chosen = XlsxWriter.sheetName(text, taken: taken)
            taken.insert(chosen.lowercased())
            return chosen
        }
        var sheets = [targetsSheet(name: name("Chỉ tiêu"))]
        let tracer = FigureTrace(
            snapshot: snapshot, unit: assessed.unit.unitID, termStart: assessed.resolution.termStart)
        for (index, group) in TargetGroup.allCases.enumerated() {
            let assessments = assessed.assessments.filter { $0.target.group == group }
            guard !assessments.isEmpty else { continue }
            sheets.append(
                valuesSheet(
                    name: name("\(RomanSequence.roman(index + 1)). \(Self.shortName(group))"), group: group,
                    assessments: assessments, tracer: tracer))
        }
        return sheets
    }

    /// A group's name short enough for a sheet tab.
    static func shortName(_ group: TargetGroup) -> String {
        switch group {
        case .xayDungDang: return "Xây dựng Đảng, HTCT"
        case .vanHoaXaHoiMoiTruong: return "Văn hóa - XH - Môi trường"
        default: return group.vietnameseName
        }
    }

    func targetsSheet(name: String) -> XlsxSheet {
        let indicators = snapshot.rollUp.indicators
        let rows: [[XlsxCell]] = assessed.assessments.map { a in
            let indicator = indicators[a.target.indicatorCode]
            return [
                .number(Double(a.target.number), decimals: 0),
                .text(a.target.group.vietnameseName),
                .text(a.target.wording),
                .text(indicator?.name ?? a.target.indicatorCode),
                .text(Self.measureName(a.target.measure)),
                .text(a.planText),
                Self.result(a, indicator: indicator),
                .text(Assessor.measureUnit(of: a.target, indicator: indicator)),
                .text(
                    a.figure == nil ? "chưa có số liệu" : (a.isEstimate ? "ước" : "chính thức")),
                .text(a.verdictName),
                .text(a.outlook?.vietnameseName ?? ""),
                .text(a.explanation),
            ]
        }
        return XlsxSheet(
            name: name,
            title: "Kết quả thực hiện các chỉ tiêu Nghị quyết số \(assessed.resolution.symbol) — "
                + "\(assessed.unit.fullName), \(assessed.period.vietnameseLabel)" + demoSuffix,
            headings: [
                "TT", "Nhóm", "Chỉ tiêu", "Chỉ số", "Cách tính", "Kế hoạch", "Kết quả", "Đơn vị tính", "Số liệu",
                "Đánh giá", "Dự báo", "Giải thích",
            ],
            rows: rows, maxColumnWidth: 48, columnCaps: [1: 16, 2: 36, 3: 28, 4: 18, 5: 20, 7: 16, 11: 45],
            printHeader: isDemo ? "Dữ liệu minh họa" : nil)
    }

    func valuesSheet(name: String, group: TargetGroup, assessments: [Assessment], tracer: FigureTrace) -> XlsxSheet {
        var rows: [[XlsxCell]] = []
        for assessment in assessments {
            for line in tracer.lines(for: assessment) {
                let indicator = tracer.rollUp.indicators[line.indicatorCode]
                let decimals = indicator?.decimals ?? 0
                let unitVersion =
                    snapshot.directory.version(of: line.unit, on: line.period.span(in: .statistical).end)
                    ?? snapshot.directory.latestVersion(of: line.unit)
                var value: XlsxCell = .empty
                var status = ""
                switch line.outcome {
                case .figure(let figure):
                    value = .number(figure.number, decimals: max(decimals, figure.source == .ratio ? decimals : 0))
                    status = figure.isEstimate ? "ước" : "chính thức"
                case .missing:
                    status = "chưa có số liệu"
                case .notComparable:
                    status = "không so sánh được"
                }
                rows.append([
                    .number(Double(assessment.target.number), decimals: 0),
                    .text(indicator?.name ?? line.indicatorCode),
                    .text(line.indicatorCode),
                    .text(unitVersion?.fullName ?? line.unit.rawValue),
                    .text(unitVersion?.code ?? ""),
                    .text(line.period.vietnameseLabel),
                    value,
                    .text(indicator?.unitOfMeasure ?? ""),
                    .text(status),
                    .text(Self.sourceText(line.outcome)),
                    .text(line.note ?? ""),
                ])
            }
        }
        return XlsxSheet(
            name: name,
            title: "Số liệu dùng để đánh giá các chỉ tiêu \(group.vietnameseName.lowercased()) — "
                + "\(assessed.unit.fullName), \(assessed.period.vietnameseLabel)" + demoSuffix,
            headings: [
                "Chỉ tiêu số", "Chỉ số", "Mã chỉ số", "Đơn vị", "Mã đơn vị", "Kỳ", "Giá trị", "Đơn vị tính",
                "Số liệu", "Cách có số liệu", "Ghi chú",
            ],
            rows: rows, maxColumnWidth: 50, columnCaps: [1: 30, 3: 24, 9: 28, 10: 30],
            printHeader: isDemo ? "Dữ liệu minh họa" : nil)
    }

    /// A target's result as a number an office can add and sort (its unit in the next column),
    /// with the places the report prints: a computed rate (growth, change, share of units) as
    /// many as it has up to its precision — 11,4%/năm stays 11,4 —, a reported figure the
    /// indicator's fixed places (100,0%). Empty when there is no figure.
    static func result(_ assessment: Assessment, indicator: Indicator?) -> XlsxCell {
        guard let figure = assessment.figure, figure.isFinite else { return .empty }
        let target = assessment.target
        let precision: Int
        var trimmed = false
        switch target.measure {
        case .averageGrowth, .shareOfUnits:
            precision = target.decimals ?? 2
            trimmed = true
        case .averageChange:
            precision = target.decimals ?? max(indicator?.decimals ?? 0, 2)
            trimmed = true
        default:
            precision = target.decimals ?? indicator?.decimals ?? 0
        }
        var decimals = min(max(precision, 0), XlsxWriter.maxDecimals)
        if trimmed {
            while decimals > 0
                && VietnameseNumber.rounded(figure, decimals: decimals - 1)
                    == VietnameseNumber.rounded(figure, decimals: decimals)
            {
                decimals -= 1
            }
        }
        return .number(figure, decimals: decimals)
    }

    static func measureName(_ measure: Measure) -> String {
        switch measure {
        case .level: return "mức đạt"
        case .averageGrowth(let base, let geometric):
            return "tăng trưởng bình quân từ năm gốc \(base)" + (geometric ? "" : " (bình quân cộng)")
        case .averageChange(let base): return "thay đổi bình quân từ năm gốc \(base)"
        case .sum(let from, let to): return "tổng \(from)–\(to)"
        case .annualMean(let from, let to): return "bình quân năm \(from)–\(to)"
        case .everyYear(let from, let to): return "hằng năm \(from)–\(to)"
        case .shareOfUnits: return "tỷ lệ đơn vị đạt"
        }
    }

    static func sourceText(_ outcome: FigureOutcome) -> String {
        switch outcome {
        case .figure(let figure): return figure.source.vietnameseDescription
        case .missing: return ""
        case .notComparable(let reason): return reason
        }
    }
}

/// The figures a target's verdict rests on: the unit's figures for the periods the measure read,
/// the parts of a rate, and one level of the child units (or predecessors) they were added from.
struct FigureTrace {
    struct Line {
        var indicatorCode: String
        var unit: UnitID
        var period: Period
        var outcome: FigureOutcome
        var note: String?
    }

    /// Child lists already looked up (sorting a city's communes by name is not free).
    final class ChildrenCache {
        var lists: [String: [UnitID]] = [:]
    }

    let snapshot: Snapshot
    let rollUp: RollUp
    let unit: UnitID
    let termStart: Int
    private let childrenCache = ChildrenCache()

    init(snapshot: Snapshot, unit: UnitID, termStart: Int) {
        self.snapshot = snapshot
        self.rollUp = snapshot.rollUp
        self.unit = unit
        self.termStart = termStart
    }

    func lines(for assessment: Assessment) -> [Line] {
        let code = assessment.target.indicatorCode
        var periods: [Period]
        switch assessment.target.measure {
        case .level:
            // The level at the period, and the years the trend to the deadline was fitted on.
            periods = (min(termStart, assessment.period.year)...assessment.period.year).map { .year($0) }
            if case .year = assessment.period {} else { periods.append(assessment.period) }
        case .shareOfUnits:
            periods = [assessment.period]
        default:
            periods = assessment.yearly.map { .year($0.year) }
            if periods.isEmpty { periods = [assessment.period] }
        }
        var seen = Set<String>()
        var lines: [Line] = []
        for period in periods {
            if case .shareOfUnits = assessment.target.measure {
                for child in children(of: unit, in: period) {
                    trace(code, unit: child, period: period, depth: 1, into: &lines, seen: &seen)
                }
            } else {
                trace(code, unit: unit, period: period, depth: 0, into: &lines, seen: &seen)
            }
        }
        return lines
    }

    /// The child units in the directory's (Vietnamese) order, looked up once per unit and date.
    private func children(of unit: UnitID, in period: Period) -> [UnitID] {
        let date = period.span(in: rollUp.calendar).end
        let key = "\(unit.rawValue)|\(date.iso)"
        if let known = childrenCache.lists[key] { return known }
        let list = snapshot.directory.children(of: unit, on: date).map(\.unitID)
        childrenCache.lists[key] = list
        return list
    }

    private func trace(
        _ code: String, unit: UnitID, period: Period, depth: Int, into lines: inout [Line], seen: inout Set<String>
    ) {
        let key = "\(code)|\(unit.rawValue)|\(period.id)"
        guard seen.insert(key).inserted else { return }
        let outcome = rollUp.figure(code, unit: unit, period: period)
        let note = snapshot.values.reported(ValueKey(indicatorCode: code, unitID: unit, period: period))?.note
        lines.append(Line(indicatorCode: code, unit: unit, period: period, outcome: outcome, note: note))
        guard depth < 2, case .figure(let figure) = outcome else { return }
        switch figure.source {
        case .ratio:
            if let parts = rollUp.indicators[code]?.ratioParts {
                trace(parts.numerator, unit: unit, period: period, depth: depth + 1, into: &lines, seen: &seen)
                trace(parts.denominator, unit: unit, period: period, depth: depth + 1, into: &lines, seen: &seen)
            }
        case .children:
            for child in children(of: unit, in: period) {
                trace(code, unit: child, period: period, depth: depth + 1, into: &lines, seen: &seen)
            }
        case .lineage:
            for link in snapshot.directory.predecessorLinks(of: unit) {
                trace(code, unit: link.source, period: period, depth: depth + 1, into: &lines, seen: &seen)
            }
        case .reported, .shorterPeriods:
            break
        }
    }
}
