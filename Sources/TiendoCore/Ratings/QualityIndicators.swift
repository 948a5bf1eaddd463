import Foundation

/// The indicators a year's quality ratings feed, and their figures.
///
/// For each kind of subject (TCCS đảng, đảng bộ bộ phận/chi bộ trực thuộc, đảng viên): the count
/// at each of the four levels, the count rated "hoàn thành tốt nhiệm vụ trở lên", the count
/// rated, and the rate "Tỷ lệ … hoàn thành tốt nhiệm vụ trở lên".
///
/// - Counts add up over units (space `.sum`): a province's count is the sum of its communes'.
/// - Over time they are `.last`: a rating exists only for a whole year, so a longer period (a
///   term 2025–2030) shows the latest year's count. `.sum` would count the same party member
///   once a year, which no report means.
/// - The rate is `.ratio(numerator: good-or-better, denominator: total, multiplier: 100)` in
///   space and `.ratio` in time: never an average of the communes' rates.
public enum QualityIndicators {
    /// The code of the count at `level`, e.g. `XL_DANG_VIEN_HTXSNV`.
    public static func countCode(_ kind: RatedSubjectKind, _ level: QualityLevel) -> String {
        "XL_\(kind.codePart)_\(level.shortCode)"
    }

    /// The code of the count rated good or better, e.g. `XL_TCCS_HTT_TRO_LEN`.
    public static func goodOrBetterCode(_ kind: RatedSubjectKind) -> String { "XL_\(kind.codePart)_HTT_TRO_LEN" }

    /// The code of the count rated, e.g. `XL_DANG_VIEN_TONG`.
    public static func totalCode(_ kind: RatedSubjectKind) -> String { "XL_\(kind.codePart)_TONG" }

    /// The code of the rate, e.g. `TY_LE_TCCS_HTT_TRO_LEN`.
    public static func rateCode(_ kind: RatedSubjectKind) -> String { "TY_LE_\(kind.codePart)_HTT_TRO_LEN" }

    /// Every code of `kind`.
    public static func codes(of kind: RatedSubjectKind) -> [String] {
        QualityLevel.allCases.map { countCode(kind, $0) } + [goodOrBetterCode(kind), totalCode(kind), rateCode(kind)]
    }

    /// Every code of the catalogue.
    public static var allCodes: [String] { RatedSubjectKind.allCases.flatMap(codes(of:)) }

    /// The catalogue.
    public static let catalogue: [Indicator] = RatedSubjectKind.allCases.flatMap { kind -> [Indicator] in
        let unit = kind == .dangVien ? "đảng viên" : "tổ chức"
        let plural = kind.noun
        var list = QualityLevel.allCases.map { level in
            Indicator(
                code: countCode(kind, level),
                name: "Số \(plural) xếp loại “\(level.vietnameseName)”", unitOfMeasure: unit, valueType: .count,
                space: .sum, time: .last)
        }
        list.append(
            Indicator(
                code: goodOrBetterCode(kind), name: "Số \(plural) hoàn thành tốt nhiệm vụ trở lên",
                unitOfMeasure: unit, valueType: .count, space: .sum, time: .last))
        list.append(
            Indicator(
                code: totalCode(kind), name: "Số \(plural) được đánh giá, xếp loại chất lượng", unitOfMeasure: unit,
                valueType: .count, space: .sum, time: .last))
        list.append(
            Indicator(
                code: rateCode(kind), name: "Tỷ lệ \(plural) hoàn thành tốt nhiệm vụ trở lên", unitOfMeasure: "%",
                decimals: 1, valueType: .percentage,
                space: .ratio(numerator: goodOrBetterCode(kind), denominator: totalCode(kind), multiplier: 100),
                time: .ratio))
        return list
    }

    /// The figures of one unit's list for `Period.year(year)`: for every kind present, its
    /// counts and its rate. `ratings` must all be of `unit` and `year` (others are ignored).
    public static func values(
        for ratings: [QualityRating], unit: UnitID, year: Int, author: String = "",
        enteredAt: Date = Date(timeIntervalSince1970: 0)
    ) -> [IndicatorValue] {
        let mine = ratings.filter { $0.unitID == unit && $0.year == year }
        func value(_ code: String, _ number: Double) -> IndicatorValue {
            IndicatorValue(
                indicatorCode: code, unitID: unit, period: .year(year), number: number, status: .chinhThuc,
                author: author, enteredAt: enteredAt)
        }
        return QualityTally.of(mine).flatMap { tally -> [IndicatorValue] in
            var list = QualityLevel.allCases.map { value(countCode(tally.kind, $0), Double(tally.count($0))) }
            list.append(value(goodOrBetterCode(tally.kind), Double(tally.goodOrBetter)))
            list.append(value(totalCode(tally.kind), Double(tally.total)))
            if let rate = tally.goodOrBetterRate { list.append(value(rateCode(tally.kind), rate)) }
            return list
        }
    }
}
