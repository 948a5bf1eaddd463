import Foundation
import TiendoCore

extension CheckRun {

    /// The content words of an indicator's name, without what is in brackets: "Tỷ lệ hộ nghèo
    /// (chuẩn đa chiều)" → {hộ, nghèo}.
    static func indicatorWords(_ name: String) -> Set<String> {
        var depth = 0
        var outside = ""
        for c in name {
            if c == "(" {
                depth += 1
            } else if c == ")" {
                depth = max(0, depth - 1)
            } else if depth == 0 {
                outside.append(c)
            }
        }
        let words = CheckTokenizer.tokens(outside).filter { $0.kind == .word }.map(\.key)
        return Set(words.filter { !CheckVocabulary.stopwords.contains($0) })
    }

    /// Words naming where rather than what ("phường", "thành phố", "trên địa bàn"), left out when
    /// matching a figure's subject with an indicator's name.
    static let scopeWords: Set<String> = [
        "phường", "xã", "thị", "trấn", "thành", "phố", "tỉnh", "huyện", "quận", "bộ", "đặc", "khu", "địa", "bàn",
        "toàn",
    ]

    private func unitMatches(_ figure: CheckFigure, _ indicator: Indicator, among indicators: [Indicator]) -> Bool {
        let unit = CheckTokenizer.tokens(indicator.unitOfMeasure).map(\.key).joined(separator: " ")
        if unit == "%" {
            if figure.isPercent { return true }
            // "42/3.100 hộ" is a rate only of an indicator whose numerator is counted in hộ.
            guard figure.value.fractionPercent != nil, let parts = indicator.ratioParts,
                let numerator = indicators.first(where: { $0.code == parts.numerator })
            else { return false }
            return numerator.unitOfMeasure.lowercased() == figure.unit.lowercased()
        }
        if figure.isPercent { return false }
        let normalized = CheckVocabulary.measureUnits.first { $0.0.joined(separator: " ") == unit }?.1 ?? unit
        return normalized.lowercased() == figure.unit.lowercased()
    }

    /// The indicator a figure reports: the one whose name words the figure's subject covers best
    /// (at least three quarters of the name, at least two words, half of the figure's own words),
    /// with a matching unit; nil when none or two tie.
    func indicator(for figure: CheckFigure, among indicators: [Indicator]) -> Indicator? {
        var best: (Indicator, Double)? = nil
        var tie = false
        for indicator in indicators
        where indicator.valueType != .yesNo && unitMatches(figure, indicator, among: indicators) {
            let words = Self.indicatorWords(indicator.name).subtracting(Self.scopeWords)
            guard !words.isEmpty else { continue }
            let own = figure.keywords.filter { !$0.hasPrefix("#") }.subtracting(Self.scopeWords)
            let common = words.intersection(own)
            guard common.count >= 2 else { continue }
            let coverage = Double(common.count) / Double(words.count)
            let precision = Double(common.count) / Double(max(own.count, 1))
            guard coverage >= 0.75, precision >= 0.5 else { continue }
            if !words.symmetricDifference(own).isDisjoint(with: CheckVocabulary.restrictive) { continue }
            let score = coverage + precision
            if let current = best {
                if score > current.1 + 1e-9 {
                    best = (indicator, score)
                    tie = false
                } else if abs(score - current.1) <= 1e-9 {
                    tie = true
                }
            } else {
                best = (indicator, score)
            }
        }
        return tie ? nil : best?.0
    }

    /// Figures of the report compared with Tiendo's figures for the unit and period.
    mutating func checkAgainstData(_ data: CheckDataContext) {
        coverage.checkedAgainstData = true
        let indicators = data.rollUp.indicators.values.sorted { $0.code < $1.code }
        let periodIDs: Set<String> = [data.period.id]
        // A percentage written next to a fraction ("32/40 đơn vị (80%)") is that fraction's share.
        let fractionPartners = Set(fractionPercentPartners)
        for (index, figure) in figures.enumerated() {
            guard figure.role == .actual, !figure.isPart || figure.period == data.period.id else { continue }
            // Bounds ("trên 93%", "từ 95% trở lên") are conditions, not results to compare.
            guard figure.qualifier == nil, !fractionPartners.contains(index) else { continue }
            guard figure.period.map(periodIDs.contains) ?? true else { continue }
            guard let reported = figure.value.single else { continue }
            guard let indicator = indicator(for: figure, among: indicators) else { continue }
            guard let stored = data.rollUp.figure(indicator.code, unit: data.unitID, period: data.period).figure else {
                continue
            }
            coverage.dataComparisons += 1
            let stated: Double
            let decimals: Int
            if let percent = figure.value.fractionPercent, indicator.unitOfMeasure == "%" {
                stated = percent
                decimals = max(indicator.decimals, 2)
            } else {
                stated = reported
                decimals = figure.decimals
            }
            let agrees: Bool
            if figure.value.fractionPercent != nil, indicator.unitOfMeasure == "%" {
                agrees =
                    VietnameseNumber.rounded(stated, decimals: decimals)
                    == VietnameseNumber.rounded(stored.number, decimals: decimals)
            } else {
                agrees =
                    CheckArithmetic.agree(
                        stated, decimals: decimals, qualifier: figure.qualifier, stored.number,
                        decimals: max(decimals, indicator.decimals), qualifier: nil) ?? true
            }
            if agrees { continue }
            let shownData = CheckArithmetic.show(stored.number, decimals: max(decimals, indicator.decimals))
            let unit =
                indicator.unitOfMeasure.isEmpty
                ? "" : (indicator.unitOfMeasure == "%" ? "%" : " " + indicator.unitOfMeasure)
            let status = stored.isEstimate ? "số ước" : "số chính thức"
            let relative = stored.number != 0 ? abs(stated - stored.number) / abs(stored.number) : 1
            add(
                CheckFinding(
                    kind: .dataMismatch, severity: relative > 0.01 ? .nghiemTrong : .canXemLai,
                    passages: [CheckArithmetic.passage(figure)], figures: [figure.text, shownData + unit],
                    arithmetic:
                        "báo cáo ghi \(figure.text), dữ liệu Tiến độ ghi \(shownData)\(unit) (\(status), \(indicator.name), \(data.period.vietnameseLabel))",
                    message:
                        "Báo cáo ghi \(figure.text) nhưng dữ liệu của \(data.unitName) \(data.period.vietnameseLabel) là \(shownData)\(unit)."
                ))
        }
    }
}
