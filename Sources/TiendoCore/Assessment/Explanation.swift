import Foundation

/// The Vietnamese sentence that accompanies every verdict, e.g. "đạt 10,18%/năm, đạt chỉ tiêu
/// Nghị quyết (kế hoạch 10–11%/năm)". Screens and reports print exactly this sentence.
public enum Explanation {
    /// The sentence for a judged target.
    static func sentence(for assessment: Assessment, judgement: ConditionJudgement?) -> String {
        // An everyYear figure lists its years, each marked "ước" where it is an estimate.
        let figurePart: String
        if case .everyYear = assessment.target.measure {
            figurePart = assessment.figureText ?? ""
        } else {
            let year = assessment.figureYear.map { "năm \($0)" } ?? ""
            figurePart = [year, assessment.achievedWord, assessment.figureText ?? ""].filter { !$0.isEmpty }
                .joined(separator: " ")
        }
        var bracket = "kế hoạch \(assessment.planText)"
        if let pace = assessment.pace {
            bracket += "; đến năm \(pace.throughYear) cần \(pace.dueText)"
        }
        if let judgement {
            if assessment.verdict == .vuot, let excess = judgement.relativeExcess {
                bracket += ", vượt \(FigureText.percent(excess))"
            } else if !judgement.satisfied {
                if let fraction = judgement.relativeShortfall {
                    // Short of a floor, or of a planned fall, is "còn thiếu"; above a ceiling is "còn cao hơn".
                    let isFall = assessment.figureText?.hasPrefix("giảm ") == true
                    let words = assessment.target.condition.lowerIsBetter && !isFall ? "còn cao hơn" : "còn thiếu"
                    bracket += ", \(words) \(FigureText.percent(fraction))"
                }
            }
        }
        var sentence = "\(figurePart), \(clause(for: assessment)) (\(bracket))"
        if !assessment.missingYears.isEmpty {
            sentence += "; " + Assessor.missingText(assessment.missingYears)
        }
        if let outlook = assessment.outlook {
            sentence += "; dự báo đến năm \(assessment.target.deadlineYear)"
            if let projection = assessment.projectionText {
                sentence += projection.hasPrefix("giảm ") ? " \(projection)" : " đạt \(projection)"
            }
            // No colon as grammar (issue 23): "…; dự báo đến năm 2030 đạt 230.000 tỷ đồng, khó đạt".
            sentence += (assessment.projectionText == nil ? " " : ", ") + outlook.vietnameseName
        }
        return sentence
    }

    /// The sentence when the measure cannot be computed.
    static func noData(reason: String, plan: String) -> String {
        "\(reason) (kế hoạch \(plan))"
    }

    /// The verdict's clause for this assessment: "đúng tiến độ" / "chậm tiến độ" for a sum
    /// judged against the share of its plan due so far, otherwise ``verdictClause(_:)``.
    public static func clause(for assessment: Assessment) -> String {
        assessment.pace?.clause ?? verdictClause(assessment.verdict)
    }

    /// "đạt chỉ tiêu Nghị quyết", "vượt chỉ tiêu Nghị quyết", …
    public static func verdictClause(_ verdict: Verdict) -> String {
        switch verdict {
        case .chuaCoSoLieu: return "chưa có số liệu"
        default: return "\(verdict.vietnameseName) chỉ tiêu Nghị quyết"
        }
    }
}

/// The count reviews print: "có 07/14 chỉ tiêu đạt và vượt; 02 chỉ tiêu gần đạt; 05 chỉ tiêu
/// chưa đạt", with the numbers of the targets in each group for the report.
public struct VerdictSummary: Hashable, Sendable {
    /// Target numbers that are met or exceeded.
    public var metOrExceeded: [Int]
    /// Target numbers nearly met.
    public var nearlyMet: [Int]
    /// Target numbers not yet met (before the deadline).
    public var notYetMet: [Int]
    /// Target numbers not met (at or after the deadline).
    public var notMet: [Int]
    /// Target numbers without data.
    public var noData: [Int]

    /// Counts the verdicts of a set of assessments.
    public init(_ assessments: [Assessment]) {
        func numbers(_ verdicts: Set<Verdict>) -> [Int] {
            assessments.filter { verdicts.contains($0.verdict) }.map(\.target.number).sorted()
        }
        metOrExceeded = numbers([.vuot, .dat])
        nearlyMet = numbers([.ganDat])
        notYetMet = numbers([.chuaDat])
        notMet = numbers([.khongDat])
        noData = numbers([.chuaCoSoLieu])
    }

    /// All targets counted.
    public var total: Int { metOrExceeded.count + nearlyMet.count + notYetMet.count + notMet.count + noData.count }

    /// The summary line, groups with no target left out (the first always shown).
    public var line: String {
        var parts = ["có \(FigureText.countOf(metOrExceeded.count, total)) chỉ tiêu đạt và vượt"]
        let rest: [(Int, String)] = [
            (nearlyMet.count, "gần đạt"), (notYetMet.count, "chưa đạt"), (notMet.count, "không đạt"),
            (noData.count, "chưa có số liệu"),
        ]
        for (count, words) in rest where count > 0 {
            parts.append("\(VietnameseNumber.padded(count)) chỉ tiêu \(words)")
        }
        return parts.joined(separator: "; ")
    }
}
