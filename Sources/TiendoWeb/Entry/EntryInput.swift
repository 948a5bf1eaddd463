import Foundation
import TiendoCore

/// Reads what an officer typed into the entry form: Vietnamese numbers ("1.234,5"), the status,
/// the note — one field at a time, each problem in Vietnamese next to its field.
enum EntryInput {
    struct Field {
        let indicator: Indicator
        let raw: String
        let status: ValueStatus
        let note: String?
        /// The version the officer's page showed (nil: there was no figure).
        let seenVersion: Int?
        var number: Double?
        var error: String?
        var assumption: String?
    }

    /// Parses every field of the form; `fields` are the posted key/values.
    static func read(_ indicators: [Indicator], fields: [String: String]) -> [Field] {
        indicators.map { indicator in
            let code = indicator.code
            let raw = VietnameseText.nfc((fields["v_\(code)"] ?? "").trimmingCharacters(in: .whitespaces))
            let status = ValueStatus(rawValue: fields["s_\(code)"] ?? "") ?? .chinhThuc
            let noteText = VietnameseText.nfc(
                (fields["n_\(code)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
            var field = Field(
                indicator: indicator, raw: raw, status: status, note: noteText.isEmpty ? nil : noteText,
                seenVersion: Int(fields["ver_\(code)"] ?? ""))
            guard !raw.isEmpty else { return field }
            if indicator.valueType == .yesNo {
                switch VietnameseText.searchKey(raw) {
                case "co", "1", "dat": field.number = 1
                case "khong", "0", "chua dat": field.number = 0
                default: field.error = "Hãy ghi “có” hoặc “không”."
                }
                return field
            }
            switch VietnameseNumber.parse(raw) {
            case .failure(let error):
                field.error = error.message
            case .success(let parsed):
                field.number = parsed.value
                field.assumption = parsed.assumption
                field.error = problem(parsed.value, indicator)
            }
            return field
        }
    }

    /// A value the indicator cannot take, in Vietnamese.
    static func problem(_ value: Double, _ indicator: Indicator) -> String? {
        switch indicator.valueType {
        case .count:
            if value < 0 { return "Số đếm không thể âm." }
            if value != value.rounded() { return "Số đếm phải là số nguyên." }
        case .percentage:
            if value < 0 || value > 100 { return "Tỷ lệ phải nằm trong khoảng 0–100%." }
        case .number, .yesNo:
            break
        }
        return nil
    }

    /// How a stored figure is shown back in the input: Vietnamese, without thousands grouping
    /// ambiguity ("1234,5" would read as a decimal, so thousands keep their dots).
    static func display(_ value: Double, _ indicator: Indicator) -> String {
        if indicator.valueType == .yesNo { return value >= 0.5 ? "có" : "không" }
        return VietnameseNumber.format(value, maxDecimals: max(indicator.decimals, 6))
    }
}
