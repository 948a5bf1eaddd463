import Foundation

/// How a figure typed by a person (on screen, in an Excel template, in a CSV file or through the
/// API) becomes a number for an indicator: Vietnamese notation ("1.234,5"), "có"/"không" for
/// yes/no indicators, and the values an indicator cannot take. One rule for every way in, so a
/// figure refused on screen is refused in a file too.
public enum FigureReading {
    /// The outcome of reading one figure.
    public struct Reading: Sendable, Equatable {
        /// The number, when the text could be read (it may still carry an error, e.g. a negative count).
        public var number: Double?
        /// What is wrong, in Vietnamese, nil when the figure can be stored.
        public var error: String?
        /// How an ambiguous text was understood ("1.234" read as one thousand two hundred…), to confirm.
        public var assumption: String?
    }

    /// Reads `raw` (already trimmed) for `indicator`; an empty text reads as no figure.
    public static func read(_ raw: String, for indicator: Indicator) -> Reading {
        let text = VietnameseText.nfc(raw.trimmingCharacters(in: .whitespaces))
        guard !text.isEmpty else { return Reading() }
        if indicator.valueType == .yesNo {
            switch VietnameseText.searchKey(text) {
            case "co", "1", "dat": return Reading(number: 1)
            case "khong", "0", "chua dat": return Reading(number: 0)
            default: return Reading(error: "Hãy ghi “có” hoặc “không”.")
            }
        }
        switch VietnameseNumber.parse(text) {
        case .failure(let error):
            return Reading(error: error.message)
        case .success(let parsed):
            return Reading(number: parsed.value, error: problem(parsed.value, indicator), assumption: parsed.assumption)
        }
    }

    /// Checks a number that arrived as a number (an Excel cell, a JSON value).
    public static func check(_ value: Double, for indicator: Indicator) -> Reading {
        guard value.isFinite else { return Reading(error: "Giá trị không phải là một số.") }
        if indicator.valueType == .yesNo, value != 0, value != 1 {
            return Reading(number: value, error: "Hãy ghi “có” (1) hoặc “không” (0).")
        }
        return Reading(number: value, error: problem(value, indicator))
    }

    /// A value the indicator cannot take, in Vietnamese: not finite, or outside the range
    /// ``FigureRules`` allows for the indicator.
    public static func problem(_ value: Double, _ indicator: Indicator) -> String? {
        FigureRules.problem(value, indicator)
    }

    /// How a stored figure is shown back for editing: Vietnamese, thousands keep their dots so
    /// "1234,5" is never mistaken for a decimal.
    public static func display(_ value: Double, _ indicator: Indicator) -> String {
        if indicator.valueType == .yesNo { return value >= 0.5 ? "có" : "không" }
        return VietnameseNumber.format(value, maxDecimals: max(indicator.decimals, 6))
    }
}
