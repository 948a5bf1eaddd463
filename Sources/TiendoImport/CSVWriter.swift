import Foundation
import TiendoCore

/// Writes CSV files that Excel on a Vietnamese office machine opens as they are: UTF-8 with a
/// byte order mark (without it Excel shows “Huáº¿” for “Huế”), `;` between cells (the list
/// separator of Windows set to Vietnamese, where `,` is the decimal mark), CRLF line ends, and
/// numbers with a decimal comma. `CSVReader` reads them back.
public enum CSVWriter {
    /// The file's text, starting with the byte order mark. A text cell that a spreadsheet would
    /// take for a formula is written with a leading `'` (``neutralised(_:)``).
    public static func text(_ rows: [[String]], separator: Character = ";") -> String {
        var text = "\u{FEFF}"
        for row in rows {
            text += row.map { field(neutralised($0), separator: separator) }.joined(separator: String(separator))
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

    /// The characters that make Excel or LibreOffice read a cell as a formula (or, for tab and
    /// carriage return, that some versions drop before doing so).
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// `value` safe to open in a spreadsheet (OWASP "CSV injection"): a text starting with `=`,
    /// `+`, `-`, `@`, tab or carriage return — after any number of `'` — gets one more `'` in
    /// front, so Excel shows it as text and never runs it; ``restoredText(_:)`` removes exactly
    /// that `'`. A number ("-1.234,5", "+3") stays as it is: Excel reads it as a number, not a
    /// formula, and Tiendo reads it back unchanged.
    public static func neutralised(_ value: String) -> String {
        guard needsQuote(value), !isPlainNumber(value) else { return value }
        return "'" + value
    }

    /// The text a cell held before ``neutralised(_:)``: one leading `'` removed when it guards
    /// a formula character.
    public static func restoredText(_ value: String) -> String {
        guard value.first == "'", needsQuote(value), !isPlainNumber(String(value.dropFirst())) else { return value }
        return String(value.dropFirst())
    }

    private static func needsQuote(_ value: String) -> Bool {
        guard let first = value.first(where: { $0 != "'" }) else { return false }
        return formulaStarts.contains(first)
    }

    /// A sign, then digits, dots and commas only, with at least one digit: "-1.234,5".
    private static func isPlainNumber(_ value: String) -> Bool {
        var rest = Substring(value)
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        return rest.contains(where: \.isASCIIDigit) && rest.allSatisfy { $0.isASCIIDigit || $0 == "." || $0 == "," }
    }

    /// A number the Vietnamese way (1.234,5), as Tiendo reads it back.
    public static func number(_ value: Double) -> String { VietnameseNumber.format(value, maxDecimals: 6) }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
