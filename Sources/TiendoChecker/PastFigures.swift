import Foundation
import TiendoCore

/// A figure a past report states for one of Tiendo's indicators, proposed for entry
/// (`tiendo import report`): what it is, for which year, and the sentence it came from so an
/// officer can confirm it.
public struct ProposedFigure: Hashable, Sendable {
    /// The indicator it reports.
    public var indicatorCode: String
    /// The indicator's name.
    public var indicatorName: String
    /// The year it is for.
    public var period: Period
    /// The number in the indicator's unit (a fraction "42/3.100 hộ" for a rate becomes 1,35).
    public var number: Double
    /// Whether the report gives it as an estimate ("ước", "ước thực hiện", "dự kiến").
    public var isEstimate: Bool
    /// The figure as the report wrote it: "371 tỷ đồng".
    public var text: String
    /// The sentence it came from.
    public var sentence: String
    /// Where it is in the report: "đoạn 3".
    public var location: String
}

/// What one past report offers: the figures proposed, and those left out because the report
/// gives two different values for the same indicator and year.
public struct PastFigureProposal: Sendable {
    /// The figures proposed, in reading order, one per indicator and year.
    public var figures: [ProposedFigure]
    /// Indicator and year pairs the report states with different values, each with the values.
    public var conflicts: [(indicatorName: String, period: Period, texts: [String])]
}

/// Reads the figures a past review states (issue 24 item 5) with the checker's reading: a
/// result (not a plan, a change or a bound) for an explicit year, matched to one indicator by
/// its name and unit exactly as the checker matches figures against the data.
public enum PastFigures {
    /// The figures of `document` for `indicators`; a year without an explicit year is left out
    /// (a figure whose year the officer would have to guess is not proposed).
    public static func propose(document: CheckDocument, indicators: [Indicator]) -> PastFigureProposal {
        let reading = CheckReading(document: document)
        let run = CheckRun(reading: reading)
        let sorted = indicators.sorted { $0.code < $1.code }
        var found: [String: [ProposedFigure]] = [:]
        var order: [String] = []
        for figure in reading.figures {
            guard figure.role == .actual, figure.qualifier == nil, !figure.isAverage, !figure.isPart,
                figure.periodIsExplicit, let periodID = figure.period, let period = Period(id: periodID),
                case .year = period, let reported = figure.value.single,
                let indicator = run.indicator(for: figure, among: sorted)
            else { continue }
            var number = reported
            if let percent = figure.value.fractionPercent, indicator.unitOfMeasure == "%" {
                number = VietnameseNumber.rounded(percent, decimals: max(indicator.decimals, 2))
            }
            let proposed = ProposedFigure(
                indicatorCode: indicator.code, indicatorName: indicator.name, period: period, number: number,
                isEstimate: Self.isEstimate(figure.sentence), text: figure.text, sentence: figure.sentence,
                location: figure.location.vietnameseLabel)
            let key = indicator.code + "|" + period.id
            if found[key] == nil { order.append(key) }
            found[key, default: []].append(proposed)
        }
        var figures: [ProposedFigure] = []
        var conflicts: [(indicatorName: String, period: Period, texts: [String])] = []
        for key in order {
            guard let all = found[key], let first = all.first else { continue }
            if Set(all.map(\.number)).count == 1 {
                figures.append(first)
            } else {
                conflicts.append((first.indicatorName, first.period, all.map(\.text)))
            }
        }
        return PastFigureProposal(figures: figures, conflicts: conflicts)
    }

    /// Whether a sentence gives its figures as estimates: "ước", "ước đạt", "ước thực hiện",
    /// "dự kiến", "dự ước".
    static func isEstimate(_ sentence: String) -> Bool {
        let words = CheckTokenizer.tokens(sentence).filter { $0.kind == .word }.map(\.key)
        for (index, word) in words.enumerated() {
            if word == "ước" { return true }
            if word == "dự", index + 1 < words.count, words[index + 1] == "kiến" { return true }
        }
        return false
    }
}
