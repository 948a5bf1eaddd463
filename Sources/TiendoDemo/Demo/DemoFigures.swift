import Foundation
import TiendoApplication
import TiendoCore

/// Makes the demo's figures from the resolution itself: each target is given an intended result
/// (some exceeded, some met, some nearly, some not yet) and yearly figures are chosen to produce
/// it, then placed where the roll-up rule finds them — additive figures and the parts of rates at
/// the communes (the city's figure is their roll-up), other figures at the city. The communes
/// formed on 1 July 2025 carry their predecessors' 2024 figures, so merged units have a history.
struct DemoFigures {
    enum Intent { case vuot, dat, ganDat, chuaDat }

    /// The intended result of each target by its position: a realistic mix for a mid-term review.
    static let intents: [Intent] = [
        .vuot, .vuot, .dat, .ganDat, .chuaDat, .dat, .vuot, .dat, .chuaDat, .dat, .ganDat, .dat, .vuot, .chuaDat,
        .dat, .dat,
    ]

    static let years = 2025...2027
    static let estimateYear = 2027
    static let historyYear = 2024

    let city: UnitID
    let communes: [UnitVersion]
    let predecessors: [UnitID: [LineageLink]]
    let indicators: [String: Indicator]

    /// Figures placed so far; the first placement of a key wins, so indicators that share a
    /// denominator (population for GRDP per head and for health insurance) stay consistent.
    private final class Placement {
        var values: [ValueKey: IndicatorValue] = [:]
        func put(_ value: IndicatorValue) { if values[value.key] == nil { values[value.key] = value } }
        func number(_ code: String, _ unit: UnitID, _ year: Int) -> Double? {
            values[ValueKey(indicatorCode: code, unitID: unit, period: .year(year))]?.number
        }
    }

    /// Every figure of the demo, in a stable order.
    func values(for resolution: Resolution) -> [IndicatorValue] {
        let placement = Placement()
        for (index, target) in resolution.targets.enumerated() {
            guard let indicator = indicators[target.indicatorCode] else { continue }
            figures(target, indicator, intent: Self.intents[index % Self.intents.count], into: placement)
        }
        return placement.values.values.sorted {
            ($0.indicatorCode, $0.unitID, $0.period) < ($1.indicatorCode, $1.unitID, $1.period)
        }
    }

    // MARK: - The city's series

    private func figures(_ target: Target, _ indicator: Indicator, intent: Intent, into placement: Placement) {
        switch target.measure {
        case .shareOfUnits(let unitCondition, let kinds):
            shares(indicator, unitCondition: unitCondition, kinds: kinds, intent: intent, into: placement)
        case .everyYear:
            var series: [Int: Double] = [:]
            for year in Self.years {
                let yearIntent: Intent = year == Self.estimateYear ? intent : .dat
                series[year] = levelValue(target.condition, intent: yearIntent, indicator: indicator)
            }
            place(series, indicator, into: placement)
        case .averageGrowth(let baseYear, _):
            let rate = growthRate(target.condition, intent: intent) / 100
            let base = target.baseline ?? 50_000
            var series: [Int: Double] = [:]
            for year in min(baseYear, Self.years.lowerBound)...Self.years.upperBound {
                series[year] = base * pow(1 + rate, Double(year - baseYear))
            }
            place(series, indicator, into: placement)
        case .averageChange(let baseYear):
            // Points a year, as the condition reads them; a rate never falls below 0.
            let change = growthRate(target.condition, intent: intent)
            let base = target.baseline ?? 10
            var series: [Int: Double] = [:]
            for year in min(baseYear, Self.years.lowerBound)...Self.years.upperBound {
                series[year] = max(0, base + change * Double(year - baseYear))
            }
            place(series, indicator, into: placement)
        case .sum(let from, let to), .annualMean(let from, let to):
            let (low, _) = bounds(target.condition)
            var perYear = low
            if case .sum = target.measure { perYear = low / Double(to - from + 1) }
            let factor: Double = intent == .vuot ? 1.06 : intent == .dat ? 1.02 : intent == .ganDat ? 0.99 : 0.85
            var series: [Int: Double] = [:]
            for year in Self.years {
                series[year] = perYear * factor * (1 + 0.02 * Double(year - from))
            }
            place(series, indicator, into: placement)
        case .level:
            let end = levelValue(target.condition, intent: intent, indicator: indicator)
            // Improving towards 2027: falling when lower is better, rising otherwise.
            let start = target.baseline ?? (target.condition.lowerIsBetter ? end * 1.12 : end * 0.95)
            var series: [Int: Double] = [:]
            for year in Self.years {
                let t = Double(year - Self.years.lowerBound) / Double(Self.years.count - 1)
                series[year] = start + (end - start) * t
            }
            place(series, indicator, into: placement)
        }
    }

    private func bounds(_ condition: Condition) -> (Double, Double) {
        switch condition {
        case .atLeast(let v, let e): return (v, e ?? v)
        case .atMost(let v, let e): return (e ?? v, v)
        case .between(let lo, let hi, _): return (lo, hi)
        }
    }

    private func growthRate(_ condition: Condition, intent: Intent) -> Double {
        let (low, high) = bounds(condition)
        let span = max(abs(high - low), 1)
        if condition.lowerIsBetter {
            switch intent {
            case .vuot: return low - span * 0.2
            case .dat: return (low + high) / 2
            case .ganDat: return high + abs(high) * 0.04
            case .chuaDat: return high + span
            }
        }
        switch intent {
        case .vuot: return high + span * 0.4
        case .dat: return (low + high) / 2
        case .ganDat: return low - abs(low) * 0.01
        case .chuaDat: return low * 0.8
        }
    }

    private func levelValue(_ condition: Condition, intent: Intent, indicator: Indicator) -> Double {
        let isPercent = indicator.unitOfMeasure == "%"
        let capped = { (x: Double) in isPercent ? min(x, 100) : x }
        switch condition {
        case .atLeast(let v, let e):
            switch intent {
            case .vuot where e != nil: return e! * 1.04
            case .vuot, .dat: return capped(v * 1.01)
            case .ganDat: return v * 0.99
            case .chuaDat: return v * 0.9
            }
        case .atMost(let v, let e):
            switch intent {
            case .vuot where e != nil: return e! * 0.95
            case .vuot, .dat: return v * 0.9
            case .ganDat: return v * 1.01
            case .chuaDat: return v * 1.25
            }
        case .between(let lo, let hi, let direction):
            let higher = direction == .higherIsBetter
            switch intent {
            case .vuot: return capped(higher ? hi * 1.03 : lo * 0.97)
            case .dat: return (lo + hi) / 2
            case .ganDat: return higher ? lo * 0.99 : hi * 1.01
            case .chuaDat: return higher ? lo * 0.85 : hi * 1.2
            }
        }
    }

    // MARK: - Placing figures

    /// Puts a city series where the indicator's roll-up rule will find it.
    private func place(_ series: [Int: Double], _ indicator: Indicator, into placement: Placement) {
        switch indicator.space {
        case .sum:
            for (year, total) in series.sorted(by: { $0.key < $1.key }) {
                spread(total, indicator, year: year, into: placement)
            }
            if let first = series[Self.years.lowerBound], series[Self.historyYear] == nil {
                spreadHistory(first / 1.07, indicator, into: placement)
            }
        case .ratio:
            for (year, rate) in series {
                for commune in communes {
                    placeRate(rate, indicator, unit: commune.unitID, year: year, into: placement)
                }
            }
        case .mean, .min, .max, .none:
            for (year, number) in series {
                placement.put(value(indicator.code, city, year, rounded(number, indicator.decimals)))
            }
        }
    }

    /// A rate for one unit, as a numerator over a denominator (reused when already placed).
    private func placeRate(_ rate: Double, _ indicator: Indicator, unit: UnitID, year: Int, into placement: Placement) {
        guard let parts = indicator.ratioParts else { return }
        let size: Double
        if let existing = placement.number(parts.denominator, unit, year) {
            size = existing
        } else {
            var random = DemoRandom(seed: parts.denominator + unit.rawValue)
            let unitOfMeasure = indicators[parts.denominator]?.unitOfMeasure ?? ""
            size = (random.uniform(Self.sizeRange(unitOfMeasure)) * (1 + 0.015 * Double(year - 2025))).rounded()
            placement.put(value(parts.denominator, unit, year, size))
        }
        let numeratorDecimals = indicators[parts.numerator]?.decimals ?? 0
        placement.put(value(parts.numerator, unit, year, rounded(size * rate / parts.multiplier, numeratorDecimals)))
    }

    /// A plausible size of a commune in a unit of measure, for denominators.
    static func sizeRange(_ unitOfMeasure: String) -> ClosedRange<Double> {
        switch VietnameseText.searchKey(unitOfMeasure) {
        case "nguoi": return 12_000...48_000
        case "ho": return 3_000...12_000
        case "vu": return 12...45
        case "ho so": return 1_500...9_000
        case "tan": return 2_000...9_000
        default: return 1_000...5_000
        }
    }

    private func weights(_ seed: String, count: Int) -> [Double] {
        var random = DemoRandom(seed: seed)
        let raw = (0..<count).map { _ in random.uniform(0.5...1.6) }
        let sum = raw.reduce(0, +)
        return raw.map { $0 / sum }
    }

    private func spread(_ total: Double, _ indicator: Indicator, year: Int, into placement: Placement) {
        let shares = weights(indicator.code, count: communes.count)
        let roundedTotal = rounded(total, indicator.decimals)
        var remaining = roundedTotal
        for (index, commune) in communes.enumerated() {
            let number =
                index == communes.count - 1
                ? rounded(remaining, indicator.decimals) : rounded(roundedTotal * shares[index], indicator.decimals)
            remaining -= number
            placement.put(value(indicator.code, commune.unitID, year, number))
        }
    }

    /// 2024 figures of the communes that existed before the reform, so that each new commune's
    /// 2024 history is derived through lineage.
    private func spreadHistory(_ total: Double, _ indicator: Indicator, into placement: Placement) {
        let shares = weights(indicator.code, count: communes.count)
        for (index, commune) in communes.enumerated() {
            let links = predecessors[commune.unitID] ?? []
            guard !links.isEmpty else { continue }
            let communeTotal = total * shares[index]
            for link in links {
                let share = communeTotal / Double(links.count) / link.weight
                placement.put(value(indicator.code, link.source, Self.historyYear, rounded(share, indicator.decimals)))
            }
        }
    }

    /// Yes/no or per-unit values so that the intended share of units meets the condition,
    /// rising year by year.
    private func shares(
        _ indicator: Indicator, unitCondition: Condition?, kinds: Set<UnitKind>?, intent: Intent,
        into placement: Placement
    ) {
        let counted = communes.filter { kinds?.contains($0.kind) ?? true }
        let finalShare: Double = intent == .chuaDat || intent == .ganDat ? 0.8 : 1.0
        for year in Self.years {
            let share = finalShare - 0.1 * Double(Self.years.upperBound - year)
            let meeting = Int((share * Double(counted.count)).rounded())
            for (index, commune) in counted.enumerated() {
                let meets = index < meeting
                guard let condition = unitCondition else {
                    placement.put(value(indicator.code, commune.unitID, year, meets ? 1 : 0))
                    continue
                }
                let level = levelValue(condition, intent: meets ? .dat : .chuaDat, indicator: indicator)
                if indicator.ratioParts != nil {
                    placeRate(level, indicator, unit: commune.unitID, year: year, into: placement)
                } else {
                    placement.put(value(indicator.code, commune.unitID, year, rounded(level, indicator.decimals)))
                }
            }
        }
    }

    private func value(_ code: String, _ unit: UnitID, _ year: Int, _ number: Double) -> IndicatorValue {
        IndicatorValue(
            indicatorCode: code, unitID: unit, period: .year(year), number: number,
            status: year == Self.estimateYear ? .uoc : .chinhThuc,
            note: year == Self.estimateYear ? "Ước thực hiện năm \(year)" : nil, author: "Dữ liệu minh họa",
            enteredAt: Date(timeIntervalSince1970: 1_764_547_200), version: 1)
    }

    private func rounded(_ x: Double, _ decimals: Int) -> Double {
        VietnameseNumber.rounded(x, decimals: decimals)
    }
}
