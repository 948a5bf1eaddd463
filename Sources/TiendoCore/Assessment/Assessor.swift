import Foundation

/// Judges targets for a unit at an evaluation period (domain.md, "Verdicts"). Pure: everything
/// it needs is in the roll-up snapshot, so it is tested without a database.
public struct Assessor: Sendable {
    /// Where figures come from.
    public let rollUp: RollUp
    /// Global settings.
    public let settings: AssessmentSettings

    /// Creates an assessor.
    public init(rollUp: RollUp, settings: AssessmentSettings = AssessmentSettings()) {
        self.rollUp = rollUp
        self.settings = settings
    }

    /// Every target of `resolution` in force at the end of `period`, judged for `unit`.
    public func assess(_ resolution: Resolution, unit: UnitID, at period: Period) -> [Assessment] {
        let asOf = period.span(in: .statistical).end
        return resolution.targets(on: asOf).map { assess($0, unit: unit, at: period, termStart: resolution.termStart) }
    }

    /// One target judged for `unit` at `period`; `termStart` is the first year of the term
    /// (the trend of a level target is fitted from there).
    public func assess(_ target: Target, unit: UnitID, at period: Period, termStart: Int) -> Assessment {
        let indicator = rollUp.indicators[target.indicatorCode]
        let unitText = measureUnit(target, indicator)
        let plan = Self.planText(of: target, indicator: indicator)
        guard let indicator else {
            return noData(target, period, plan: plan, reason: "chưa khai báo chỉ số “\(target.indicatorCode)”")
        }
        let tolerance = target.tolerance ?? settings.nearTolerance
        let deadlineReached = Self.deadlineReached(period, deadlineYear: target.deadlineYear)
        let decimals = displayDecimals(target, indicator)

        if case .everyYear(let from, let to) = target.measure {
            return assessEveryYear(
                target, indicator, unit: unit, period: period, from: from, to: to, decimals: decimals,
                unitText: unitText, plan: plan, tolerance: tolerance, deadlineReached: deadlineReached)
        }

        let measured: Measured
        switch measure(
            target, indicator, unit: unit, period: period, termStart: termStart, decimals: decimals,
            unitText: unitText)
        {
        case .success(let m): measured = m
        case .failure(let problem): return noData(target, period, plan: plan, reason: problem.reason)
        }

        var judgement = ConditionJudgement(value: measured.value, condition: target.condition, tolerance: tolerance)
        var verdict = judgement.verdict(deadlineReached: deadlineReached)
        // A sum not yet complete (before its deadline, or with years still unreported) is judged
        // against the share of the plan due for the years it covers: "đúng tiến độ" counts as met.
        var pace: Pace?
        if case .sum(let from, let to) = target.measure, !judgement.satisfied, to >= from {
            let share = Double(measured.yearly.count) / Double(to - from + 1)
            if share < 1 {
                let due = Self.scaled(target.condition, by: share, decimals: decimals)
                let paced = ConditionJudgement(value: measured.value, condition: due, tolerance: tolerance)
                verdict = paced.satisfied ? .dat : paced.verdict(deadlineReached: deadlineReached)
                judgement = paced
                pace = Pace(
                    onPace: paced.satisfied, throughYear: measured.yearly.map(\.year).max() ?? period.year,
                    dueText: FigureText.plan(due, unit: unitText))
            }
        }
        var outlook: Outlook?
        var projectionText: String?
        if !deadlineReached && !verdict.isMet,
            let projected = project(
                target, indicator, unit: unit, period: period, termStart: termStart, measured: measured)
        {
            // The forecast stays within what the indicator can take (a rate 0–100%, a count from
            // 0), and says so when it reaches an end.
            let domain = ForecastDomain.of(target, indicator: indicator)
            let bounded = domain.bound(VietnameseNumber.rounded(domain.bound(projected).value, decimals: decimals))
            let future = ConditionJudgement(value: bounded.value, condition: target.condition, tolerance: tolerance)
            outlook = future.satisfied ? .coKhaNangDat : .khoDat
            if let end = bounded.end {
                projectionText = ForecastDomain.wording(end, value: bounded.value, unit: unitText)
            } else {
                projectionText = figureText(bounded.value, target, decimals: decimals, unit: unitText)
            }
        }
        var result = Assessment(
            target: target, period: period, verdict: verdict, outlook: outlook, figure: measured.value,
            figureText: measured.text, planText: plan, projectionText: projectionText,
            isEstimate: measured.isEstimate, yearly: measured.yearly, explanation: "")
        result.figureYear = measured.figureYear
        result.missingYears = measured.missingYears
        result.pace = pace
        if let year = measured.figureYear {
            result.shortFigureText = "\(measured.text) (\(measured.isEstimate ? "ước " : "")năm \(year))"
        }
        result.explanation = Explanation.sentence(for: result, judgement: judgement)
        return result
    }

    /// Whether an evaluation at `period` is at or after the end of `deadlineYear`.
    public static func deadlineReached(_ period: Period, deadlineYear: Int) -> Bool {
        // `months` is never empty (see `Period.span`).
        let last = period.months.last!
        return last.year > deadlineYear || (last.year == deadlineYear && last.month == 12)
    }

    // MARK: - Measures

    struct Measured {
        var value: Double
        var text: String
        var isEstimate: Bool
        var yearly: [YearlyFigure]
        var unitsMet: (met: Int, total: Int)?
        /// The year of the figure read, when earlier than the evaluation year.
        var figureYear: Int?
        /// Years the measure covers that have no figure yet.
        var missingYears: [Int] = []
    }

    /// `condition` with its bounds multiplied by `share` (the part of a sum's plan due so far),
    /// rounded to the figure's decimals.
    static func scaled(_ condition: Condition, by share: Double, decimals: Int) -> Condition {
        func part(_ value: Double) -> Double { VietnameseNumber.rounded(value * share, decimals: decimals) }
        switch condition {
        case .atLeast(let value, let exceedBound): return .atLeast(part(value), exceedBound: exceedBound.map(part))
        case .atMost(let value, let exceedBound): return .atMost(part(value), exceedBound: exceedBound.map(part))
        case .between(let low, let high, let direction):
            return .between(low: part(low), high: part(high), direction: direction)
        }
    }

    struct Problem: Error {
        var reason: String
    }

    /// The unit a target's measure is printed in: "%/năm" for growth, "%" for a share of units,
    /// the indicator's unit (per year for an annual mean) otherwise.
    public static func measureUnit(of target: Target, indicator: Indicator?) -> String {
        let unit = indicator?.unitOfMeasure ?? ""
        switch target.measure {
        case .level, .sum, .everyYear: return unit
        case .annualMean, .averageChange: return unit.isEmpty ? "/năm" : unit + "/năm"
        case .averageGrowth: return "%/năm"
        case .shareOfUnits: return "%"
        }
    }

    /// The plan as explanations, screens and reports print it: "10–11%/năm", "25.000 tỷ đồng",
    /// "hằng năm từ 80% trở lên", "giảm 5–10%/năm".
    public static func planText(of target: Target, indicator: Indicator?) -> String {
        let unit = measureUnit(of: target, indicator: indicator)
        var plan = FigureText.plan(target.condition, unit: unit)
        switch target.measure {
        case .averageGrowth, .averageChange:
            if let fall = FigureText.fallPlan(target.condition, unit: unit) { plan = fall }
        default: break
        }
        if case .everyYear = target.measure { return "hằng năm " + plan }
        return plan
    }

    private func measureUnit(_ target: Target, _ indicator: Indicator?) -> String {
        Self.measureUnit(of: target, indicator: indicator)
    }

    private func displayDecimals(_ target: Target, _ indicator: Indicator) -> Int {
        if let decimals = target.decimals { return decimals }
        switch target.measure {
        case .averageGrowth, .shareOfUnits: return 2
        case .averageChange: return max(indicator.decimals, 2)
        default: return indicator.decimals
        }
    }

    /// Computed rates (growth) drop trailing zeros, "12,5%/năm"; reported figures keep the
    /// indicator's decimals, "99,9%".
    private func figureText(_ value: Double, _ target: Target, decimals: Int, unit: String) -> String {
        switch target.measure {
        case .averageGrowth, .averageChange:
            // A negative growth rate or change is written as a fall: "giảm 4,8%/năm".
            let magnitude = FigureText.withUnit(VietnameseNumber.format(abs(value), maxDecimals: decimals), unit)
            return value < 0 ? "giảm " + magnitude : magnitude
        case .shareOfUnits:
            return FigureText.withUnit(VietnameseNumber.format(value, maxDecimals: decimals), unit)
        default:
            return FigureText.figure(value, decimals: decimals, unit: unit)
        }
    }

    private func yearFigure(_ indicator: Indicator, unit: UnitID, year: Int) -> Result<Figure, Problem> {
        switch rollUp.figure(indicator.code, unit: unit, period: .year(year)) {
        case .figure(let f): return .success(f)
        case .missing: return .failure(Problem(reason: "chưa có số liệu năm \(year)"))
        case .notComparable(let reason):
            return .failure(Problem(reason: "số liệu năm \(year) không so sánh được: \(reason)"))
        }
    }

    /// The figures of `years` that exist, and the years that have none yet; a year whose figure
    /// cannot be compared fails the whole measure.
    private func reportedYears(_ indicator: Indicator, unit: UnitID, years: ClosedRange<Int>) -> Result<
        (figures: [(year: Int, figure: Figure)], missing: [Int]), Problem
    > {
        var figures: [(year: Int, figure: Figure)] = []
        var missing: [Int] = []
        for year in years {
            switch rollUp.figure(indicator.code, unit: unit, period: .year(year)) {
            case .figure(let f): figures.append((year, f))
            case .missing: missing.append(year)
            case .notComparable(let reason):
                return .failure(Problem(reason: "số liệu năm \(year) không so sánh được: \(reason)"))
            }
        }
        return .success((figures, missing))
    }

    /// Every figure of `years`, or why not (an arithmetic mean of growth rates needs each year).
    private func yearFigures(_ indicator: Indicator, unit: UnitID, years: ClosedRange<Int>) -> Result<[Figure], Problem>
    {
        reportedYears(indicator, unit: unit, years: years).flatMap { reported in
            reported.missing.isEmpty
                ? .success(reported.figures.map(\.figure))
                : .failure(Problem(reason: Self.missingText(reported.missing)))
        }
    }

    /// "chưa có số liệu năm 2026, 2027".
    static func missingText(_ years: [Int]) -> String {
        "chưa có số liệu năm " + years.map(String.init).joined(separator: ", ")
    }

    /// The figure at `period`; for a year without one yet, the latest earlier year's back to
    /// `earliestYear`, with its year (a review at 2028 reads 2027's figure and names it).
    private func latestFigure(_ indicator: Indicator, unit: UnitID, period: Period, earliestYear: Int) -> Result<
        (figure: Figure, earlierYear: Int?), Problem
    > {
        switch rollUp.figure(indicator.code, unit: unit, period: period) {
        case .figure(let f): return .success((f, nil))
        case .notComparable(let reason): return .failure(Problem(reason: reason))
        case .missing: break
        }
        let none = Problem(reason: "chưa có số liệu \(period.vietnameseLabel)")
        guard case .year(let year) = period, earliestYear < year else { return .failure(none) }
        for earlier in stride(from: year - 1, through: earliestYear, by: -1) {
            if case .figure(let f) = rollUp.figure(indicator.code, unit: unit, period: .year(earlier)) {
                return .success((f, earlier))
            }
        }
        return .failure(Problem(reason: "chưa có số liệu từ năm \(earliestYear) đến năm \(year)"))
    }

    /// The base year's figure and the latest year's after it up to `year` (growth and change
    /// are measured to the latest year reported); `purpose` says what they are for when the year
    /// is not after the base year ("tính tăng trưởng bình quân").
    private func baseAndLatest(_ indicator: Indicator, unit: UnitID, baseYear: Int, year: Int, purpose: String)
        -> Result<(base: Figure, latest: Figure, latestYear: Int), Problem>
    {
        guard year > baseYear else {
            return .failure(Problem(reason: "năm đánh giá phải sau năm gốc \(baseYear) để \(purpose)"))
        }
        let base: Figure
        switch yearFigure(indicator, unit: unit, year: baseYear) {
        case .success(let f): base = f
        case .failure(let p): return .failure(p)
        }
        switch latestFigure(indicator, unit: unit, period: .year(year), earliestYear: baseYear + 1) {
        case .success(let found): return .success((base, found.figure, found.earlierYear ?? year))
        case .failure:
            return .failure(Problem(reason: "chưa có số liệu sau năm gốc \(baseYear) (đến năm \(year))"))
        }
    }

    private func measure(
        _ target: Target, _ indicator: Indicator, unit: UnitID, period: Period, termStart: Int, decimals: Int,
        unitText: String
    ) -> Result<Measured, Problem> {
        func make(_ raw: Double, estimate: Bool, yearly: [YearlyFigure]) -> Measured {
            let value = VietnameseNumber.rounded(raw, decimals: decimals)
            return Measured(
                value: value, text: figureText(value, target, decimals: decimals, unit: unitText), isEstimate: estimate,
                yearly: yearly)
        }
        switch target.measure {
        case .level:
            switch latestFigure(indicator, unit: unit, period: period, earliestYear: termStart) {
            case .success(let found):
                var measured = make(found.figure.number, estimate: found.figure.isEstimate, yearly: [])
                measured.figureYear = found.earlierYear
                return .success(measured)
            case .failure(let problem): return .failure(problem)
            }

        case .averageGrowth(let baseYear, let geometric):
            let found: (base: Figure, latest: Figure, latestYear: Int)
            switch baseAndLatest(
                indicator, unit: unit, baseYear: baseYear, year: period.year, purpose: "tính tăng trưởng bình quân")
            {
            case .success(let f): found = f
            case .failure(let p): return .failure(p)
            }
            let endYear = found.latestYear
            var measured: Measured
            if geometric {
                let (base, current) = (found.base, found.latest)
                guard base.number > 0, current.number >= 0 else {
                    return .failure(
                        Problem(
                            reason: "giá trị năm gốc \(baseYear) bằng 0 hoặc âm, không tính được tốc độ tăng trưởng"))
                }
                let rate = (pow(current.number / base.number, 1 / Double(endYear - baseYear)) - 1) * 100
                let yearly = [
                    YearlyFigure(year: baseYear, number: base.number, isEstimate: base.isEstimate),
                    YearlyFigure(year: endYear, number: current.number, isEstimate: current.isEstimate),
                ]
                measured = make(rate, estimate: base.isEstimate || current.isEstimate, yearly: yearly)
            } else {
                let figures: [Figure]
                switch yearFigures(indicator, unit: unit, years: baseYear...endYear) {
                case .success(let f): figures = f
                case .failure(let p): return .failure(p)
                }
                var rates: [Double] = []
                for (previous, next) in zip(figures, figures.dropFirst()) {
                    guard previous.number > 0 else {
                        return .failure(
                            Problem(reason: "có năm có giá trị bằng 0 hoặc âm, không tính được tốc độ tăng trưởng"))
                    }
                    rates.append((next.number / previous.number - 1) * 100)
                }
                let yearly = zip(baseYear...endYear, figures).map {
                    YearlyFigure(year: $0, number: $1.number, isEstimate: $1.isEstimate)
                }
                measured = make(
                    rates.reduce(0, +) / Double(max(rates.count, 1)), estimate: figures.contains { $0.isEstimate },
                    yearly: yearly)
            }
            measured.figureYear = endYear < period.year ? endYear : nil
            return .success(measured)

        case .averageChange(let baseYear):
            let found: (base: Figure, latest: Figure, latestYear: Int)
            switch baseAndLatest(
                indicator, unit: unit, baseYear: baseYear, year: period.year, purpose: "tính mức thay đổi bình quân")
            {
            case .success(let f): found = f
            case .failure(let p): return .failure(p)
            }
            let change = (found.latest.number - found.base.number) / Double(found.latestYear - baseYear)
            let yearly = [
                YearlyFigure(year: baseYear, number: found.base.number, isEstimate: found.base.isEstimate),
                YearlyFigure(year: found.latestYear, number: found.latest.number, isEstimate: found.latest.isEstimate),
            ]
            var measured = make(change, estimate: found.base.isEstimate || found.latest.isEstimate, yearly: yearly)
            measured.figureYear = found.latestYear < period.year ? found.latestYear : nil
            return .success(measured)

        case .sum(let from, let to), .annualMean(let from, let to):
            let last = min(period.year, to)
            guard last >= from else {
                return .failure(Problem(reason: "kỳ đánh giá trước năm bắt đầu tính (\(from))"))
            }
            // The years reported so far count; the years still missing are named, not failed.
            let reported: (figures: [(year: Int, figure: Figure)], missing: [Int])
            switch reportedYears(indicator, unit: unit, years: from...last) {
            case .success(let r): reported = r
            case .failure(let p): return .failure(p)
            }
            guard !reported.figures.isEmpty else {
                return .failure(Problem(reason: Self.missingText(reported.missing)))
            }
            let total = reported.figures.reduce(0) { $0 + $1.figure.number }
            let yearly = reported.figures.map {
                YearlyFigure(year: $0.year, number: $0.figure.number, isEstimate: $0.figure.isEstimate)
            }
            let isSum: Bool
            if case .sum = target.measure { isSum = true } else { isSum = false }
            var measured = make(
                isSum ? total : total / Double(reported.figures.count),
                estimate: reported.figures.contains { $0.figure.isEstimate }, yearly: yearly)
            measured.missingYears = reported.missing
            return .success(measured)

        case .shareOfUnits(let unitCondition, let unitKinds):
            let date = period.span(in: rollUp.calendar).end
            let children = rollUp.directory.children(of: unit, on: date).filter { unitKinds?.contains($0.kind) ?? true }
            guard !children.isEmpty else {
                return .failure(Problem(reason: "đơn vị không có đơn vị trực thuộc vào \(period.vietnameseLabel)"))
            }
            var met = 0
            var reported = 0
            var estimate = false
            for child in children {
                guard let f = rollUp.figure(indicator.code, unit: child.unitID, period: period).figure else { continue }
                reported += 1
                estimate = estimate || f.isEstimate
                let childValue = VietnameseNumber.rounded(f.number, decimals: indicator.decimals)
                let meets: Bool
                if let condition = unitCondition {
                    meets =
                        ConditionJudgement(value: childValue, condition: condition, tolerance: .absolute(0)).satisfied
                } else {
                    meets = childValue >= 0.5
                }
                if meets { met += 1 }
            }
            guard reported > 0 else {
                return .failure(Problem(reason: "chưa có số liệu \(period.vietnameseLabel) của đơn vị trực thuộc nào"))
            }
            let share = VietnameseNumber.rounded(Double(met) / Double(children.count) * 100, decimals: decimals)
            let kinds = Set(children.map(\.kind))
            let noun = kinds.count == 1 ? kinds.first!.vietnameseName.lowercased() : "đơn vị"  // count checked
            var text =
                "\(FigureText.countOf(met, children.count)) \(noun) (\(VietnameseNumber.format(share, maxDecimals: decimals))%)"
            if reported < children.count {
                text += ", \(children.count - reported) \(noun) chưa có số liệu"
            }
            var measured = Measured(value: share, text: text, isEstimate: estimate, yearly: [])
            measured.unitsMet = (met, children.count)
            return .success(measured)

        case .everyYear:
            // Unreachable: `assess` hands every everyYear target to `assessEveryYear` before
            // calling `measure`. Answered as missing data rather than trapping all the same.
            return .failure(Problem(reason: "chỉ tiêu hằng năm được đánh giá theo từng năm"))
        }
    }

    // MARK: - everyYear

    private func assessEveryYear(
        _ target: Target, _ indicator: Indicator, unit: UnitID, period: Period, from: Int, to: Int, decimals: Int,
        unitText: String, plan: String, tolerance: Tolerance, deadlineReached: Bool
    ) -> Assessment {
        let last = min(period.year, to)
        guard last >= from else {
            return noData(target, period, plan: plan, reason: "kỳ đánh giá trước năm bắt đầu tính (\(from))")
        }
        var yearly: [YearlyFigure] = []
        var missing: [Int] = []
        for year in from...last {
            switch yearFigure(indicator, unit: unit, year: year) {
            case .success(let f):
                let value = VietnameseNumber.rounded(f.number, decimals: decimals)
                let judgement = ConditionJudgement(value: value, condition: target.condition, tolerance: tolerance)
                // A past year is over: a year that missed is "không đạt" for that year.
                let yearDone = year < period.year || deadlineReached
                yearly.append(
                    YearlyFigure(
                        year: year, number: value, isEstimate: f.isEstimate,
                        verdict: judgement.verdict(deadlineReached: yearDone)))
            case .failure:
                missing.append(year)
            }
        }
        // The years reported so far are judged; the years still missing are named, not failed.
        guard !yearly.isEmpty else { return noData(target, period, plan: plan, reason: Self.missingText(missing)) }
        let worst = yearly.compactMap(\.verdict).max { $0.badness < $1.badness } ?? .chuaCoSoLieu
        let verdict: Verdict = worst == .vuot ? .dat : worst
        let isEstimate = yearly.contains { $0.isEstimate }
        // A year already missed cannot be made up, so an unmet everyYear target is at risk.
        let outlook: Outlook? = !deadlineReached && !verdict.isMet ? .khoDat : nil
        // Each year says whether its figure is an estimate: "năm 2026: 71 (đạt); ước năm 2027: 81 (vượt)".
        // Every year in `yearly` has a number and a verdict: a year without one went to `missing`.
        let text = yearly.map { y in
            (y.isEstimate ? "ước " : "") + "năm \(y.year): "
                + "\(FigureText.figure(y.number ?? 0, decimals: decimals, unit: unitText)) "
                + "(\((y.verdict ?? .chuaCoSoLieu).vietnameseName))"
        }.joined(separator: "; ")
        var assessment = Assessment(
            target: target, period: period, verdict: verdict, outlook: outlook, figure: yearly.last?.number,
            figureText: text, planText: plan, projectionText: nil, isEstimate: isEstimate, yearly: yearly,
            explanation: "")
        assessment.missingYears = missing
        if let last = yearly.last, let number = last.number {
            assessment.shortFigureText =
                "\(FigureText.figure(number, decimals: decimals, unit: unitText)) (\(last.isEstimate ? "ước " : "")năm \(last.year))"
        }
        assessment.explanation = Explanation.sentence(for: assessment, judgement: nil)
        return assessment
    }

    // MARK: - Outlook

    private func project(
        _ target: Target, _ indicator: Indicator, unit: UnitID, period: Period, termStart: Int, measured: Measured
    ) -> Double? {
        let deadline = target.deadlineYear
        func annualPoints(_ years: ClosedRange<Int>) -> [(year: Int, value: Double)] {
            years.compactMap { year in
                rollUp.figure(indicator.code, unit: unit, period: .year(year)).figure.map { (year, $0.number) }
            }
        }
        switch target.measure {
        case .level:
            guard period.year > termStart else { return nil }
            let points = annualPoints(termStart...period.year)
            return Trend(points: points)?.projection(in: deadline, fittedTo: points)
        case .averageGrowth, .averageChange:
            // The growth (or change) to date held constant to the deadline.
            return measured.value
        case .sum(let from, let to), .annualMean(let from, let to):
            let end = min(to, deadline)
            let points = measured.yearly.compactMap { y in y.number.map { (year: y.year, value: $0) } }
            guard let lastYear = points.last?.year, lastYear < end else { return nil }
            let trend = Trend(points: points)
            let mean = points.reduce(0) { $0 + $1.value } / Double(points.count)
            var total = points.reduce(0) { $0 + $1.value }
            for year in (lastYear + 1)...end { total += trend?.projection(in: year, fittedTo: points) ?? mean }
            if case .sum = target.measure { return total }
            return total / Double(end - from + 1)
        case .shareOfUnits:
            guard period.year > termStart, let met = measured.unitsMet, met.total > 0 else { return nil }
            var points: [(year: Int, value: Double)] = []
            for year in termStart..<period.year {
                let earlier = measure(
                    target, indicator, unit: unit, period: .year(year), termStart: termStart, decimals: 4,
                    unitText: "%")
                if case .success(let m) = earlier { points.append((year, m.value)) }
            }
            points.append((period.year, measured.value))
            // A share of units cannot leave 0–100% (`ForecastDomain` bounds it).
            return Trend(points: points).map { $0.value(in: deadline) }
        case .everyYear:
            return nil
        }
    }

    private func noData(_ target: Target, _ period: Period, plan: String, reason: String) -> Assessment {
        var assessment = Assessment(
            target: target, period: period, verdict: .chuaCoSoLieu, outlook: nil, figure: nil, figureText: nil,
            planText: plan, projectionText: nil, isEstimate: false, yearly: [], explanation: "")
        assessment.explanation = Explanation.noData(reason: reason, plan: plan)
        return assessment
    }
}
