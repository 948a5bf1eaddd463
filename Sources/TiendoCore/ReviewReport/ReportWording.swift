import Foundation

/// How a review report words the result of each target (domain.md, "Review reports"): one
/// sentence per target — what was achieved, over which period, the figure, then the verdict —
/// and a footnote with the plan and the breakdown. Every figure in these sentences is the text
/// the assessment already carries (``Assessment/figureText``, ``Assessment/planText``) or is
/// written by ``FigureText``, so a figure reads the same on screen, in the report and in its
/// annex.
public enum ReportWording {

    /// The sentence for one judged target, without its number:
    /// "Tỷ lệ hộ nghèo (chuẩn đa chiều) ước thực hiện năm 2027 còn 1,35%, đạt chỉ tiêu Nghị quyết.",
    /// "Tổng vốn đầu tư phát triển toàn xã hội giai đoạn 2026–2027 ước đạt 103.000 tỷ đồng, chưa đạt
    /// chỉ tiêu Nghị quyết; dự báo đến năm 2030 đạt 230.000 tỷ đồng, khó đạt."
    /// `indicator` is the target's indicator (its name is the subject; the wording is used without it).
    public static func resultSentence(_ assessment: Assessment, indicator: Indicator?) -> String {
        let target = assessment.target
        guard assessment.verdict != .chuaCoSoLieu, let figure = assessment.figureText else {
            return "\(subject(of: target, indicator: indicator)): \(noDataReason(assessment))."
        }
        let name = indicator?.name ?? target.wording
        let estimate = assessment.isEstimate
        var sentence: String
        switch target.measure {
        case .level:
            let verb = target.condition.lowerIsBetter ? "còn" : "đạt"
            sentence = "\(name) \(levelPeriod(assessment)) \(verb) \(figure)"
        case .shareOfUnits:
            sentence = "\(subject(of: target, indicator: indicator)) \(levelPeriod(assessment)) đạt \(figure)"
        case .averageGrowth, .averageChange:
            let span = yearsPhrase(growthYears(assessment))
            let prefix = estimate ? "ước " : ""
            if figure.hasPrefix("giảm ") {
                sentence = "\(name) \(span) \(prefix)giảm bình quân \(figure.dropFirst("giảm ".count))"
            } else {
                sentence = "\(name) \(span) \(prefix)tăng bình quân \(figure)"
            }
        case .sum:
            sentence =
                "Tổng \(lowercasingFirst(name)) \(yearsPhrase(assessment.yearly.map(\.year))) "
                + "\(assessment.achievedWord) \(figure)"
        case .annualMean:
            sentence =
                "\(name) \(yearsPhrase(assessment.yearly.map(\.year))) \(assessment.achievedWord) bình quân \(figure)"
        case .everyYear:
            sentence = "\(name) hằng năm \(yearsPhrase(assessment.yearly.map(\.year))): \(figure);"
        }
        sentence += sentence.hasSuffix(";") ? " " : ", "
        sentence += Explanation.clause(for: assessment)
        if !assessment.missingYears.isEmpty { sentence += "; " + Assessor.missingText(assessment.missingYears) }
        if let outlook = assessment.outlook {
            sentence += "; dự báo đến năm \(target.deadlineYear)"
            if let projection = assessment.projectionText {
                sentence += projection.hasPrefix("giảm ") ? " \(projection)" : " đạt \(projection)"
            }
            // No colon as grammar (issue 23): "…; dự báo đến năm 2030 đạt 230.000 tỷ đồng, khó đạt".
            sentence += (assessment.projectionText == nil ? " " : ", ") + outlook.vietnameseName
        }
        return sentence + "."
    }

    /// The subject of a target's sentence, from its indicator: the indicator's name, or for a
    /// share of units "Số xã đạt chuẩn nông thôn mới", "Số đơn vị trực thuộc có tỷ lệ … từ 95%
    /// trở lên". Without an indicator, the target's wording.
    public static func subject(of target: Target, indicator: Indicator?) -> String {
        guard let indicator else { return target.wording }
        switch target.measure {
        case .shareOfUnits(let unitCondition, let kinds):
            guard let unitCondition else { return "Số \(lowercasingFirst(indicator.name))" }
            let noun: String
            if let kinds, !kinds.isEmpty {
                noun = kinds.map { $0.vietnameseName.lowercased() }.sorted().joined(separator: ", ")
            } else {
                noun = "đơn vị trực thuộc"
            }
            return "Số \(noun) có \(lowercasingFirst(indicator.name)) "
                + FigureText.plan(unitCondition, unit: indicator.unitOfMeasure)
        case .sum:
            return "Tổng \(lowercasingFirst(indicator.name))"
        default:
            return indicator.name
        }
    }

    /// The footnote of a target's sentence: the plan (and the resolution that set it), the
    /// baseline when the resolution states one and the yearly breakdown the measure used. The
    /// notes officers attach when entering figures are working notes: the annex lists them, the
    /// signed report never prints them (issue 23). E.g. "Kế hoạch: 10–11%/năm. Năm 2025: 50.000
    /// tỷ đồng; ước năm 2027: 60.500 tỷ đồng."
    public static func footnote(
        _ assessment: Assessment, indicator: Indicator?, planSource: String? = nil
    ) -> String {
        let target = assessment.target
        var parts: [String] = []
        var plan = "Kế hoạch: \(assessment.planText)"
        if let planSource, !planSource.isEmpty { plan += " (\(planSource))" }
        // A sum judged on its pace says what was due: "…; đến năm 2027 cần 100.000 tỷ đồng".
        if let pace = assessment.pace { plan += "; đến năm \(pace.throughYear) cần \(pace.dueText)" }
        parts.append(plan + ".")
        if let baseline = target.baseline, let indicator {
            parts.append(
                "Số liệu đầu nhiệm kỳ: \(FigureText.withUnit(FigureText.bound(baseline), indicator.unitOfMeasure)).")
        }
        if let breakdown = breakdown(assessment, indicator: indicator) { parts.append(breakdown + ".") }
        return parts.joined(separator: " ")
    }

    /// The yearly figures the measure used, "Năm 2025: 50.000 tỷ đồng; ước năm 2027: 60.500 tỷ
    /// đồng", in the indicator's unit and decimals; nil when the measure used a single figure or
    /// the sentence already lists the years (a target judged every year).
    public static func breakdown(_ assessment: Assessment, indicator: Indicator?) -> String? {
        guard let indicator, assessment.yearly.count >= 2 else { return nil }
        if case .everyYear = assessment.target.measure { return nil }
        let items = assessment.yearly.compactMap { year -> String? in
            guard let number = year.number else { return nil }
            return (year.isEstimate ? "ước năm" : "năm") + " \(year.year): "
                + FigureText.figure(number, decimals: indicator.decimals, unit: indicator.unitOfMeasure)
        }
        guard !items.isEmpty else { return nil }
        let text = items.joined(separator: "; ")
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    /// The summary of a review, listing the targets of each group by number: "có 07/14 chỉ tiêu
    /// đạt và vượt kế hoạch (chỉ tiêu số 1, 2, 3, 6, 7, 12, 13); 02 chỉ tiêu gần đạt (chỉ tiêu số
    /// 4, 11); 05 chỉ tiêu chưa đạt (chỉ tiêu số 5, 8, 9, 10, 14)". Groups with no target are left
    /// out, except the first.
    public static func summaryLine(_ summary: VerdictSummary) -> String {
        func numbers(_ list: [Int]) -> String {
            list.isEmpty ? "" : " (chỉ tiêu số " + list.map(String.init).joined(separator: ", ") + ")"
        }
        var parts = [
            "có \(FigureText.countOf(summary.metOrExceeded.count, summary.total)) chỉ tiêu đạt và vượt kế hoạch"
                + numbers(summary.metOrExceeded)
        ]
        let rest: [([Int], String)] = [
            (summary.nearlyMet, "gần đạt"), (summary.notYetMet, "chưa đạt"), (summary.notMet, "không đạt"),
            (summary.noData, "chưa có số liệu"),
        ]
        for (list, words) in rest where !list.isEmpty {
            parts.append("\(VietnameseNumber.padded(list.count)) chỉ tiêu \(words)" + numbers(list))
        }
        return parts.joined(separator: "; ")
    }

    /// The period of a figure read at the evaluation period: "năm 2027", or "ước thực hiện năm
    /// 2027" when the figure is an estimate.
    /// A review at a later year names the year of the figure it read.
    public static func levelPeriod(_ assessment: Assessment) -> String {
        let period = assessment.figureYear.map { Period.year($0) } ?? assessment.period
        return (assessment.isEstimate ? "ước thực hiện " : "") + period.vietnameseLabel
    }

    /// "giai đoạn 2026–2027" for several years, "năm 2026" for one.
    public static func yearsPhrase(_ years: [Int]) -> String {
        guard let first = years.min(), let last = years.max() else { return "" }
        return first == last ? Period.year(first).vietnameseLabel : Period.term(first, last).vietnameseLabel
    }

    /// `text` with its first letter in lower case, unless the first word is an abbreviation
    /// ("GRDP bình quân …" stays as it is).
    public static func lowercasingFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        let second = text.dropFirst().first
        if let second, second.isUppercase { return text }
        return first.lowercased() + text.dropFirst()
    }

    // MARK: - Private

    /// The years a growth rate covers: the years after the base year up to the evaluation year.
    private static func growthYears(_ assessment: Assessment) -> [Int] {
        let years = assessment.yearly.map(\.year)
        guard let first = years.min(), let last = years.max(), last > first else { return years }
        return [first + 1, last]
    }

    /// Why a target has no figure, as the assessment says it, without its plan in brackets.
    private static func noDataReason(_ assessment: Assessment) -> String {
        let suffix = " (kế hoạch \(assessment.planText))"
        let text = assessment.explanation
        return text.hasSuffix(suffix) ? String(text.dropLast(suffix.count)) : text
    }
}
