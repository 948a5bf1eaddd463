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
        switch measure(target, indicator, unit: unit, period: period, decimals: decimals, unitText: unitText) {
        case .success(let m): measured = m
        case .failure(let problem): return noData(target, period, plan: plan, reason: problem.reason)
        }

        let judgement = ConditionJudgement(value: measured.value, condition: target.condition, tolerance: tolerance)
        let verdict = judgement.verdict(deadlineReached: deadlineReached)
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
        let assessment = Assessment(
            target: target, period: period, verdict: verdict, outlook: outlook, figure: measured.value,
            figureText: measured.text, planText: plan, projectionText: projectionText,
            isEstimate: measured.isEstimate, yearly: measured.yearly, explanation: "")
        var result = assessment
        result.explanation = Explanation.sentence(for: assessment, judgement: judgement)
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
        case .annualMean: return unit.isEmpty ? "/năm" : unit + "/năm"
        case .averageGrowth: return "%/năm"
        case .shareOfUnits: return "%"
        }
    }

    /// The plan as explanations, screens and reports print it: "10–11%/năm", "25.000 tỷ đồng",
    /// "hằng năm từ 80% trở lên", "giảm 5–10%/năm".
    public static func planText(of target: Target, indicator: Indicator?) -> String {
        let unit = measureUnit(of: target, indicator: indicator)
        var plan = FigureText.plan(target.condition, unit: unit)
        if case .averageGrowth = target.measure, let fall = FigureText.fallPlan(target.condition, unit: unit) {
            plan = fall
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
        default: return indicator.decimals
        }
    }

    /// Computed rates (growth) drop trailing zeros, "12,5%/năm"; reported figures keep the
    /// indicator's decimals, "99,9%".
    private func figureText(_ value: Double, _ target: Target, decimals: Int, unit: String) -> String {
        switch target.measure {
        case .averageGrowth:
            // A negative growth rate is written as a fall: "giảm 4,8%/năm".
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

    private func yearFigures(_ indicator: Indicator, unit: UnitID, years: ClosedRange<Int>) -> Result<[Figure], Problem>
    {
        var figures: [Figure] = []
        var missing: [Int] = []
        for year in years {
            switch yearFigure(indicator, unit: unit, year: year) {
            case .success(let f): figures.append(f)
            case .failure(let problem):
                if problem.reason.hasPrefix("chưa có") { missing.append(year) } else { return .failure(problem) }
            }
        }
        if !missing.isEmpty {
            return .failure(Problem(reason: "chưa có số liệu năm " + missing.map(String.init).joined(separator: ", ")))
        }
        return .success(figures)
    }

    private func measure(
        _ target: Target, _ indicator: Indicator, unit: UnitID, period: Period, decimals: Int, unitText: String
    ) -> Result<Measured, Problem> {
        func make(_ raw: Double, estimate: Bool, yearly: [YearlyFigure]) -> Measured {
            let value = VietnameseNumber.rounded(raw, decimals: decimals)
            return Measured(
                value: value, text: figureText(value, target, decimals: decimals, unit: unitText), isEstimate: estimate,
                yearly: yearly)
        }
        switch target.measure {
        case .level:
            switch rollUp.figure(indicator.code, unit: unit, period: period) {
            case .figure(let f): return .success(make(f.number, estimate: f.isEstimate, yearly: []))
            case .missing: return .failure(Problem(reason: "chưa có số liệu \(period.vietnameseLabel)"))
            case .notComparable(let reason): return .failure(Problem(reason: reason))
            }

        case .averageGrowth(let baseYear, let geometric):
            let years = period.year - baseYear
            guard years > 0 else {
                return .failure(
                    Problem(reason: "năm đánh giá phải sau năm gốc \(baseYear) để tính tăng trưởng bình quân"))
            }
            if geometric {
                let base: Figure
                let current: Figure
                switch (
                    yearFigure(indicator, unit: unit, year: baseYear),
                    yearFigure(indicator, unit: unit, year: period.year)
                ) {
                case (.success(let b), .success(let c)): (base, current) = (b, c)
                case (.failure(let p), _), (_, .failure(let p)): return .failure(p)
                }
                guard base.number > 0, current.number >= 0 else {
                    return .failure(
                        Problem(
                            reason: "giá trị năm gốc \(baseYear) bằng 0 hoặc âm, không tính được tốc độ tăng trưởng"))
                }
                let rate = (pow(current.number / base.number, 1 / Double(years)) - 1) * 100
                let yearly = [
                    YearlyFigure(year: baseYear, number: base.number, isEstimate: base.isEstimate),
                    YearlyFigure(year: period.year, number: current.number, isEstimate: current.isEstimate),
                ]
                return .success(make(rate, estimate: base.isEstimate || current.isEstimate, yearly: yearly))
            } else {
                let figures: [Figure]
                switch yearFigures(indicator, unit: unit, years: baseYear...period.year) {
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
                let yearly = zip(baseYear...period.year, figures).map {
                    YearlyFigure(year: $0, number: $1.number, isEstimate: $1.isEstimate)
                }
                return .success(
                    make(
                        rates.reduce(0, +) / Double(rates.count), estimate: figures.contains { $0.isEstimate },
                        yearly: yearly))
            }

        case .sum(let from, let to), .annualMean(let from, let to):
            let last = min(period.year, to)
            guard last >= from else {
                return .failure(Problem(reason: "kỳ đánh giá trước năm bắt đầu tính (\(from))"))
            }
            let figures: [Figure]
            switch yearFigures(indicator, unit: unit, years: from...last) {
            case .success(let f): figures = f
            case .failure(let p): return .failure(p)
            }
            let total = figures.reduce(0) { $0 + $1.number }
            let yearly = zip(from...last, figures).map {
                YearlyFigure(year: $0, number: $1.number, isEstimate: $1.isEstimate)
            }
            let isSum: Bool
            if case .sum = target.measure { isSum = true } else { isSum = false }
            return .success(
                make(
                    isSum ? total : total / Double(figures.count), estimate: figures.contains { $0.isEstimate },
                    yearly: yearly))

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
                yearly.append(YearlyFigure(year: year, number: nil, isEstimate: false, verdict: .chuaCoSoLieu))
            }
        }
        if !missing.isEmpty {
            return noData(
                target, period, plan: plan,
                reason: "chưa có số liệu năm " + missing.map(String.init).joined(separator: ", "))
        }
        let worst = yearly.compactMap(\.verdict).max { $0.badness < $1.badness } ?? .chuaCoSoLieu
        let verdict: Verdict = worst == .vuot ? .dat : worst
        let isEstimate = yearly.contains { $0.isEstimate }
        // A year already missed cannot be made up, so an unmet everyYear target is at risk.
        let outlook: Outlook? = !deadlineReached && !verdict.isMet ? .khoDat : nil
        // Each year says whether its figure is an estimate: "năm 2026: 71 (đạt); ước năm 2027: 81 (vượt)".
        // Every year has a number and a verdict here: a year without one went to `missing`,
        // and a missing year returned above.
        let text = yearly.map { y in
            (y.isEstimate ? "ước " : "") + "năm \(y.year): "
                + "\(FigureText.figure(y.number!, decimals: decimals, unit: unitText)) (\(y.verdict!.vietnameseName))"
        }.joined(separator: "; ")
        var assessment = Assessment(
            target: target, period: period, verdict: verdict, outlook: outlook, figure: yearly.last?.number,
            figureText: text, planText: plan, projectionText: nil, isEstimate: isEstimate, yearly: yearly,
            explanation: "")
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
        case .averageGrowth:
            // The growth to date held constant to the deadline.
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
                    target, indicator, unit: unit, period: .year(year), decimals: 4, unitText: "%")
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
