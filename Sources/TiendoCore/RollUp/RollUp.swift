import Foundation

/// How a figure was obtained, so a screen or a footnote can say so.
public enum FigureSource: Hashable, Sendable {
    /// Entered for this unit and period.
    case reported
    /// Numerator over denominator, each obtained on its own.
    case ratio
    /// Aggregated from the child units.
    case children(count: Int)
    /// Aggregated from shorter periods.
    case shorterPeriods(count: Int)
    /// Derived from the predecessors of a unit formed later (merge or split).
    case lineage(estimatedWeights: Bool)
}

/// A figure for (indicator, unit, period), whatever way it was obtained.
public struct Figure: Hashable, Sendable {
    /// The number, in the indicator's unit of measure.
    public var number: Double
    /// Whether any figure it was built from is an estimate ("ước").
    public var isEstimate: Bool
    /// How it was obtained.
    public var source: FigureSource
    /// Whether any figure it was built from is unapproved ("số liệu chưa duyệt", `ReportStates`).
    public var restsOnUnapproved: Bool

    /// Creates a figure.
    public init(number: Double, isEstimate: Bool, source: FigureSource, restsOnUnapproved: Bool = false) {
        self.number = number
        self.isEstimate = isEstimate
        self.source = source
        self.restsOnUnapproved = restsOnUnapproved
    }
}

/// The answer to "what is the figure": a figure, nothing yet, or a figure that cannot be
/// derived honestly ("không so sánh được") — never a guess.
public enum FigureOutcome: Hashable, Sendable {
    case figure(Figure)
    case missing
    case notComparable(reason: String)

    /// The figure, if there is one.
    public var figure: Figure? { if case .figure(let f) = self { return f } else { return nil } }
}

/// Rolls any indicator up to any unit for any period: reported figure first, then a ratio of
/// rolled-up parts, then the predecessors of a unit formed later, then the child units, then
/// shorter periods. One place for the rule, used by screens, verdicts and reports alike.
public struct RollUp: Sendable {
    /// The hierarchy in time.
    public let directory: UnitDirectory
    /// Indicators by code.
    public let indicators: [String: Indicator]
    /// Reported figures.
    public let values: any ValueLookup
    /// The calendar that decides which units exist during a period.
    public let calendar: ReportingCalendar
    /// Which reported figures are unapproved.
    public let reports: ReportStates
    /// Whether unapproved figures are left out, as if not reported ("chỉ tính số liệu đã duyệt").
    public let approvedOnly: Bool
    /// Figures already worked out by this roll-up (and its copies): a province's year figure
    /// asks for every commune's every month once, not once per path that leads there.
    private let memo: FigureMemo

    /// Creates a roll-up over a snapshot of the data.
    public init(
        directory: UnitDirectory, indicators: [Indicator], values: any ValueLookup,
        calendar: ReportingCalendar = .statistical, reports: ReportStates = ReportStates(), approvedOnly: Bool = false
    ) {
        self.directory = directory
        self.indicators = Dictionary(indicators.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.values = values
        self.calendar = calendar
        self.reports = reports
        self.approvedOnly = approvedOnly
        self.memo = FigureMemo()
    }

    private init(
        directory: UnitDirectory, indicators: [String: Indicator], values: any ValueLookup,
        calendar: ReportingCalendar, reports: ReportStates, approvedOnly: Bool, memo: FigureMemo
    ) {
        self.directory = directory
        self.indicators = indicators
        self.values = values
        self.calendar = calendar
        self.reports = reports
        self.approvedOnly = approvedOnly
        self.memo = memo
    }

    /// The roll-up over `values`, which differ from this roll-up's figures only at `changed`
    /// (the hierarchy and indicators being the same). It keeps every figure this roll-up has
    /// worked out that cannot depend on a changed one: only the changed indicators (and those
    /// computed from them) for the changed units, their parents at any date and the units formed
    /// from them, and so on upwards, are worked out again — in every period.
    /// `reports` are the report states of the new figures (a report's change is given as the keys
    /// of its form's figures).
    public func following(
        _ changed: some Collection<ValueKey>, in values: any ValueLookup, reports: ReportStates? = nil
    ) -> RollUp {
        let codes = Self.dependents(of: Set(changed.map(\.indicatorCode)), among: indicators)
        let units = directory.unitsDepending(on: Set(changed.map(\.unitID)))
        return RollUp(
            directory: directory, indicators: indicators, values: values, calendar: calendar,
            reports: reports ?? self.reports, approvedOnly: approvedOnly,
            memo: memo.copy(forgetting: codes, for: units))
    }

    /// `codes` and every indicator computed from one of them (a ratio of rolled-up parts), to
    /// any depth.
    static func dependents(of codes: Set<String>, among indicators: [String: Indicator]) -> Set<String> {
        var usedBy: [String: [String]] = [:]
        for indicator in indicators.values {
            guard let parts = indicator.ratioParts else { continue }
            usedBy[parts.numerator, default: []].append(indicator.code)
            usedBy[parts.denominator, default: []].append(indicator.code)
        }
        var found = codes
        var pending = Array(codes)
        while let code = pending.popLast() {
            for user in usedBy[code] ?? [] where found.insert(user).inserted { pending.append(user) }
        }
        return found
    }

    /// The figure of `indicatorCode` for `unit` in `period`.
    public func figure(_ indicatorCode: String, unit: UnitID, period: Period) -> FigureOutcome {
        figure(indicatorCode, unit: unit, period: period, depth: 0)
    }

    private func figure(_ code: String, unit: UnitID, period: Period, depth: Int) -> FigureOutcome {
        let key = ValueKey(indicatorCode: code, unitID: unit, period: period)
        if let known = memo[key] { return known }
        let outcome = Self.finite(derive(code, unit: unit, period: period, depth: depth))
        memo[key] = outcome
        return outcome
    }

    /// The reason a figure that is not a finite number is given instead: a sum of huge entries
    /// (1,7e308 twice is ∞) or such an entry stored before entry refused it must never reach a
    /// dashboard as "∞ tỷ đồng" nor a verdict as a number.
    public static let nonFiniteReason =
        "số liệu quá lớn nên không tính được; hãy kiểm tra lại các số liệu đã nhập của các đơn vị"

    /// `outcome`, or "not comparable" when its number is infinite or not a number. One place
    /// for every way a figure is derived (reported, ratio, children, predecessors, periods).
    private static func finite(_ outcome: FigureOutcome) -> FigureOutcome {
        if case .figure(let figure) = outcome, !figure.number.isFinite {
            return .notComparable(reason: nonFiniteReason)
        }
        return outcome
    }

    private func derive(_ code: String, unit: UnitID, period: Period, depth: Int) -> FigureOutcome {
        guard depth < 48, let indicator = indicators[code] else { return .missing }
        let key = ValueKey(indicatorCode: code, unitID: unit, period: period)
        if let value = values.reportedNumber(key) {
            let unapproved = reports.isUnapproved(key)
            // Left out in the approved-only view: the figure is then derived as if not reported.
            if !(approvedOnly && unapproved) {
                return .figure(
                    Figure(
                        number: value.number, isEstimate: value.status == .uoc, source: .reported,
                        restsOnUnapproved: unapproved))
            }
        }
        if let parts = indicator.ratioParts {
            return ratio(parts, unit: unit, period: period, depth: depth)
        }
        let span = period.span(in: calendar)
        let earlierSelves = directory.predecessorLinks(of: unit).filter { $0.date > span.end }
        if !earlierSelves.isEmpty {
            return fromPredecessors(indicator, links: earlierSelves, period: period, depth: depth)
        }
        let children = directory.children(of: unit, on: span.end)
        if !children.isEmpty {
            let outcome = fromChildren(indicator, children: children.map(\.unitID), period: period, depth: depth)
            if outcome != .missing { return outcome }
        }
        return fromShorterPeriods(indicator, unit: unit, period: period, depth: depth)
    }

    private func ratio(
        _ parts: (numerator: String, denominator: String, multiplier: Double), unit: UnitID, period: Period, depth: Int
    ) -> FigureOutcome {
        let numerator = figure(parts.numerator, unit: unit, period: period, depth: depth + 1)
        let denominator = figure(parts.denominator, unit: unit, period: period, depth: depth + 1)
        switch (numerator, denominator) {
        case (.figure(let n), .figure(let d)):
            guard d.number != 0 else { return .notComparable(reason: "mẫu số bằng 0, không tính được tỷ lệ") }
            return .figure(
                Figure(
                    number: n.number / d.number * parts.multiplier, isEstimate: n.isEstimate || d.isEstimate,
                    source: .ratio, restsOnUnapproved: n.restsOnUnapproved || d.restsOnUnapproved))
        case (.notComparable(let reason), _), (_, .notComparable(let reason)):
            return .notComparable(reason: reason)
        default:
            return .missing
        }
    }

    private func fromPredecessors(_ indicator: Indicator, links: [LineageLink], period: Period, depth: Int)
        -> FigureOutcome
    {
        let passesThrough = links.count == 1 && links[0].weight == 1
        guard indicator.space.isAdditive || passesThrough else {
            return .notComparable(
                reason:
                    "đơn vị được thành lập sau \(period.vietnameseLabel); chỉ số “\(indicator.name)” không cộng dồn được nên không so sánh được"
            )
        }
        var total = 0.0
        var isEstimate = false
        var unapproved = false
        var estimatedWeights = false
        for link in links {
            switch figure(indicator.code, unit: link.source, period: period, depth: depth + 1) {
            case .figure(let f):
                total += f.number * link.weight
                isEstimate = isEstimate || f.isEstimate
                unapproved = unapproved || f.restsOnUnapproved
                estimatedWeights = estimatedWeights || link.weightIsEstimated
                if case .lineage(true) = f.source { estimatedWeights = true }
            case .missing:
                return .missing
            case .notComparable(let reason):
                return .notComparable(reason: reason)
            }
        }
        return .figure(
            Figure(
                number: total, isEstimate: isEstimate, source: .lineage(estimatedWeights: estimatedWeights),
                restsOnUnapproved: unapproved))
    }

    private func fromChildren(_ indicator: Indicator, children: [UnitID], period: Period, depth: Int)
        -> FigureOutcome
    {
        var numbers: [Double] = []
        var isEstimate = false
        var unapproved = false
        for child in children {
            switch figure(indicator.code, unit: child, period: period, depth: depth + 1) {
            case .figure(let f):
                numbers.append(f.number)
                isEstimate = isEstimate || f.isEstimate
                unapproved = unapproved || f.restsOnUnapproved
            case .missing:
                return .missing
            case .notComparable(let reason):
                return .notComparable(reason: reason)
            }
        }
        let combined: Double?
        switch indicator.space {
        case .sum: combined = numbers.reduce(0, +)
        case .mean: combined = numbers.reduce(0, +) / Double(numbers.count)
        case .min: combined = numbers.min()
        case .max: combined = numbers.max()
        case .ratio, .none: combined = nil
        }
        guard let number = combined else { return .missing }
        return .figure(
            Figure(
                number: number, isEstimate: isEstimate, source: .children(count: numbers.count),
                restsOnUnapproved: unapproved))
    }

    private func fromShorterPeriods(_ indicator: Indicator, unit: UnitID, period: Period, depth: Int)
        -> FigureOutcome
    {
        for parts in period.subdivisions {
            var figures: [Figure] = []
            for part in parts {
                guard let f = figure(indicator.code, unit: unit, period: part, depth: depth + 1).figure else { break }
                figures.append(f)
            }
            guard figures.count == parts.count, let last = figures.last else { continue }
            let isEstimate = figures.contains { $0.isEstimate }
            let number: Double
            switch indicator.time {
            case .sum: number = figures.reduce(0) { $0 + $1.number }
            case .last: number = last.number
            case .mean: number = figures.reduce(0) { $0 + $1.number } / Double(figures.count)
            case .ratio: continue
            }
            return .figure(
                Figure(
                    number: number, isEstimate: isEstimate, source: .shorterPeriods(count: figures.count),
                    restsOnUnapproved: figures.contains { $0.restsOnUnapproved }))
        }
        return .missing
    }
}

/// The outcomes one roll-up has worked out, shared by its copies and safe to use from many
/// requests at once. A roll-up is built over one snapshot, which never changes, so an outcome
/// once derived stays true for as long as the roll-up lives. Grouped by indicator, so the roll-up
/// of the next snapshot can take over all but the outcomes a change can reach.
final class FigureMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var outcomes: [String: [ValueKey: FigureOutcome]]

    init(_ outcomes: [String: [ValueKey: FigureOutcome]] = [:]) {
        self.outcomes = outcomes
    }

    subscript(key: ValueKey) -> FigureOutcome? {
        get { lock.withLock { outcomes[key.indicatorCode]?[key] } }
        set { lock.withLock { outcomes[key.indicatorCode, default: [:]][key] = newValue } }
    }

    /// A new memo with this one's outcomes except those of `codes` for `units`. The outcomes are
    /// copied as they stand; this memo goes on serving its own roll-up.
    func copy(forgetting codes: Set<String>, for units: Set<UnitID>) -> FigureMemo {
        var kept = lock.withLock { outcomes }
        for code in codes {
            guard let ofCode = kept[code] else { continue }
            kept[code] = ofCode.filter { !units.contains($0.key.unitID) }
        }
        return FigureMemo(kept)
    }

    /// How many outcomes are kept.
    var count: Int { lock.withLock { outcomes.values.reduce(0) { $0 + $1.count } } }
}

extension FigureSource {
    /// How the figure was obtained, in the words a screen, a file or a footnote prints.
    public var vietnameseDescription: String {
        switch self {
        case .reported: return "đơn vị báo cáo"
        case .ratio: return "tính từ tử số và mẫu số"
        case .children(let count): return "tổng hợp từ \(count) đơn vị trực thuộc"
        case .shorterPeriods(let count): return "tổng hợp từ \(count) kỳ ngắn hơn"
        case .lineage(let estimated):
            return "tính từ các đơn vị trước sắp xếp" + (estimated ? " (tỷ lệ chia ước tính)" : "")
        }
    }
}
