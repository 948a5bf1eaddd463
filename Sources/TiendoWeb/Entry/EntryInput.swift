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
            let reading = FigureReading.read(raw, for: indicator)
            field.number = reading.number
            field.error = reading.error
            field.assumption = reading.assumption
            return field
        }
    }

    /// How a stored figure is shown back in the input.
    static func display(_ value: Double, _ indicator: Indicator) -> String {
        FigureReading.display(value, indicator)
    }
}
