import Foundation

/// One year's figure and verdict, for `everyYear` targets and footnote breakdowns.
public struct YearlyFigure: Hashable, Sendable {
    /// The year.
    public var year: Int
    /// The figure, nil when missing.
    public var number: Double?
    /// Whether it is an estimate.
    public var isEstimate: Bool
    /// The year's verdict, for `everyYear` targets.
    public var verdict: Verdict?
}

/// How a sum target not yet complete stands against the share of its plan due for the years
/// reported: "đúng tiến độ" or "chậm tiến độ" (domain.md, "Verdicts").
public struct Pace: Hashable, Sendable {
    /// The figure reaches the share due.
    public var onPace: Bool
    /// The last year counted.
    public var throughYear: Int
    /// The share due, as printed: "100.000 tỷ đồng".
    public var dueText: String

    /// "đúng tiến độ" or "chậm tiến độ".
    public var clause: String { onPace ? "đúng tiến độ" : "chậm tiến độ" }
}

/// A target judged for a unit at an evaluation period: what a dashboard row and a report
/// paragraph show.
public struct Assessment: Hashable, Sendable {
    /// The target judged.
    public var target: Target
    /// The evaluation period.
    public var period: Period
    /// The verdict.
    public var verdict: Verdict
    /// The outlook to the deadline, for a target not met before its deadline.
    public var outlook: Outlook?
    /// The measure's figure at display precision (e.g. 10.18 for 10,18%/năm).
    public var figure: Double?
    /// The figure as printed, with its unit: "10,18%/năm", "3/4 (75%)".
    public var figureText: String?
    /// The figure for a table cell, when shorter than `figureText` (an `everyYear` target shows
    /// its latest year there, the explanation lists every year).
    public var shortFigureText: String?
    /// The figure for a table cell.
    public var tableFigureText: String? { shortFigureText ?? figureText }
    /// The plan as printed: "10–11%/năm", "25.000 tỷ đồng".
    public var planText: String
    /// The projected figure at the deadline, as printed, when an outlook was made.
    public var projectionText: String?
    /// Whether the figure rests on an estimate.
    public var isEstimate: Bool
    /// Yearly figures the measure used (growth: base and evaluation year; sums: every year).
    public var yearly: [YearlyFigure]
    /// The full Vietnamese sentence, the same on screen and in reports.
    public var explanation: String
    /// The year of the figure when a review at a later year read the latest one before it
    /// ("năm 2027 đạt 1,35%" in a review at 2028); nil when the figure is the period's own.
    public var figureYear: Int? = nil
    /// Years the measure covers that have no figure yet: named, not counted as failures.
    public var missingYears: [Int] = []
    /// For a sum not yet complete: how it stands against the share of the plan due so far.
    public var pace: Pace? = nil

    /// The verdict's words in a table: "đúng tiến độ" or "chậm tiến độ" for a sum judged on its
    /// pace, the verdict's name otherwise.
    public var verdictName: String { pace?.clause ?? verdict.vietnameseName }

    /// The verdict as the board and the API name it: "ước đạt" when it rests on an estimate.
    public var verdictLabel: String {
        if let pace { return pace.clause }
        return (isEstimate && verdict != .chuaCoSoLieu ? "ước " : "") + verdict.vietnameseName
    }

    /// "ước đạt" or "đạt" — the word for what was achieved; a fall ("giảm 4,8%/năm") takes
    /// "ước" alone.
    public var achievedWord: String {
        if figureText?.hasPrefix("giảm ") == true { return isEstimate ? "ước" : "" }
        return isEstimate ? "ước đạt" : "đạt"
    }
}
