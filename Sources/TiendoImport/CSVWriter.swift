import Foundation
import TiendoCore

/// Writes CSV files that Excel on a Vietnamese office machine opens as they are: UTF-8 with a
/// byte order mark (without it Excel shows “Huáº¿” for “Huế”), `;` between cells (the list
/// separator of Windows set to Vietnamese, where `,` is the decimal mark), CRLF line ends, and
/// numbers with a decimal comma. `CSVReader` reads them back.
public enum CSVWriter {
    /// The file's text, starting with the byte order mark.
    public static func text(_ rows: [[String]], separator: Character = ";") -> String {
        var text = "\u{FEFF}"
        for row in rows {
            text += row.map { field($0, separator: separator) }.joined(separator: String(separator))
            text += "\r\n"
        }
        return text
    }

    /// A cell, quoted when it holds the separator, a quote or a line break.
    static func field(_ value: String, separator: Character) -> String {
        guard value.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A number the Vietnamese way (1.234,5), as Tiendo reads it back.
    public static func number(_ value: Double) -> String { VietnameseNumber.format(value, maxDecimals: 6) }
}
