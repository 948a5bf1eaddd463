import Foundation

/// The indicators a dossier log produces, after the definitions of Decision 766/QĐ-TTg
/// (23/6/2022, the index of service to people and businesses in administrative procedures, in
/// real time). Counts add up over units and months (space and time `.sum`); each rate is a
/// `.ratio` of two counts with multiplier 100, so a city's or a year's rate is recomputed from the
/// rolled-up counts — never an average of the wards' rates. See docs/ho-so-tthc.md.
public enum DossierIndicators {
    // Counts (numerators and denominators).
    /// Every dossier received in the month (đã và đang giải quyết): denominator of the on-time,
    /// online and digitisation rates.
    public static let received = "HO_SO_TIEP_NHAN"
    /// Returned by the evaluation date.
    public static let finished = "HO_SO_DA_GIAI_QUYET"
    /// Returned on or before the due day.
    public static let finishedOnTime = "HO_SO_GIAI_QUYET_DUNG_HAN"
    /// Returned after the due day.
    public static let finishedLate = "HO_SO_GIAI_QUYET_QUA_HAN"
    /// Still open and within the due day.
    public static let openWithinDue = "HO_SO_DANG_GIAI_QUYET_TRONG_HAN"
    /// Still open past the due day.
    public static let openOverdue = "HO_SO_DANG_GIAI_QUYET_QUA_HAN"
    /// Numerator of the on-time rate: returned on time plus still open within the due day.
    public static let onTime = "HO_SO_DUNG_HAN"
    /// Submitted online.
    public static let online = "HO_SO_TRUC_TUYEN"
    /// Digitised.
    public static let digitised = "HO_SO_SO_HOA"
    /// Returned with an electronic result.
    public static let electronicResult = "HO_SO_KET_QUA_DIEN_TU"
    /// Requests to supplement a dossier (the sum of the requests, not of the dossiers).
    public static let supplementRequests = "HO_SO_LAN_YEU_CAU_BO_SUNG"

    // Rates.
    /// Tỷ lệ hồ sơ giải quyết đúng hạn = onTime / received × 100.
    public static let onTimeRate = "TY_LE_HO_SO_DUNG_HAN"
    /// Tỷ lệ hồ sơ trực tuyến = online / received × 100.
    public static let onlineRate = "TY_LE_HO_SO_TRUC_TUYEN"
    /// Tỷ lệ số hóa hồ sơ = digitised / received × 100.
    public static let digitisationRate = "TY_LE_SO_HOA_HO_SO"
    /// Tỷ lệ cấp kết quả điện tử = electronicResult / finished × 100.
    public static let electronicResultRate = "TY_LE_KET_QUA_DIEN_TU"

    /// The count indicators, in the order a table shows them.
    public static let counts: [Indicator] = [
        count(received, "Số hồ sơ tiếp nhận (đã và đang giải quyết)"),
        count(finished, "Số hồ sơ đã giải quyết"),
        count(finishedOnTime, "Số hồ sơ giải quyết trước hạn, đúng hạn"),
        count(finishedLate, "Số hồ sơ giải quyết quá hạn"),
        count(openWithinDue, "Số hồ sơ đang giải quyết trong hạn"),
        count(openOverdue, "Số hồ sơ đang giải quyết quá hạn"),
        count(onTime, "Số hồ sơ đúng hạn (đã giải quyết đúng hạn và đang giải quyết trong hạn)"),
        count(online, "Số hồ sơ tiếp nhận trực tuyến"),
        count(digitised, "Số hồ sơ được số hóa"),
        count(electronicResult, "Số hồ sơ được cấp kết quả điện tử"),
        count(supplementRequests, "Số lần yêu cầu bổ sung hồ sơ", unit: "lần"),
    ]

    /// The rate indicators.
    public static let rates: [Indicator] = [
        rate(onTimeRate, "Tỷ lệ hồ sơ giải quyết đúng hạn", onTime, received),
        rate(onlineRate, "Tỷ lệ hồ sơ trực tuyến", online, received),
        rate(digitisationRate, "Tỷ lệ số hóa hồ sơ", digitised, received),
        rate(electronicResultRate, "Tỷ lệ cấp kết quả điện tử", electronicResult, finished),
    ]

    /// Every dossier indicator: counts first, so a rate's parts exist before it.
    public static let all: [Indicator] = counts + rates

    /// The codes of every dossier indicator.
    public static let codes: Set<String> = Set(all.map(\.code))

    private static func count(_ code: String, _ name: String, unit: String = "hồ sơ") -> Indicator {
        Indicator(
            code: code, name: name, unitOfMeasure: unit, decimals: 0, valueType: .count, space: .sum, time: .sum)
    }

    private static func rate(_ code: String, _ name: String, _ numerator: String, _ denominator: String) -> Indicator {
        Indicator(
            code: code, name: name, unitOfMeasure: "%", decimals: 2, valueType: .percentage,
            space: .ratio(numerator: numerator, denominator: denominator, multiplier: 100), time: .ratio)
    }
}
