import Foundation
import TiendoCore

/// Where a passage of an audited report is, as the finding quotes it: "đoạn 12", "chú thích 3",
/// "bảng 1, dòng 4".
public enum CheckLocation: Hashable, Sendable, Codable {
    /// A body paragraph, numbered from 1 among the non-empty paragraphs outside tables.
    case paragraph(Int)
    /// A footnote, by the number printed in the report.
    case footnote(Int)
    /// A table row: tables numbered from 1 in body order, rows from 1 (the header row is row 1).
    case tableRow(table: Int, row: Int)

    /// "đoạn 12", "chú thích 3", "bảng 1, dòng 4".
    public var vietnameseLabel: String {
        switch self {
        case .paragraph(let n): return "đoạn \(n)"
        case .footnote(let n): return "chú thích \(n)"
        case .tableRow(let table, let row): return "bảng \(table), dòng \(row)"
        }
    }

    /// Whether the location is a footnote.
    public var isFootnote: Bool {
        if case .footnote = self { return true }
        return false
    }
}

/// One block of text of an audited report: a body paragraph, a footnote or a table row. Footnote
/// references inside the text are written "[n]", n being the footnote's printed number.
public struct CheckBlock: Hashable, Sendable, Codable {
    /// Where the block is.
    public var location: CheckLocation
    /// The text in NFC; a table row's cells joined with " | ".
    public var text: String
    /// A table row's cells (empty for paragraphs and footnotes).
    public var cells: [String]
    /// The header cells of the row's table (empty outside tables, and for the header row itself).
    public var header: [String]
    /// Whether the paragraph is an item of a numbered or bulleted list whose marker is not part of
    /// the text (Word's automatic numbering); a marker typed in the text ("1.", "-") is read from it.
    public var isListItem: Bool
    /// The item's number in its list, when automatic numbering gives one.
    public var listNumber: Int?

    /// Creates a block; the text is normalised to NFC.
    public init(
        location: CheckLocation, text: String, cells: [String] = [], header: [String] = [], isListItem: Bool = false,
        listNumber: Int? = nil
    ) {
        self.location = location
        self.cells = cells.map { VietnameseText.normalizedName($0) }
        self.header = header.map { VietnameseText.normalizedName($0) }
        self.text = cells.isEmpty ? VietnameseText.nfc(text) : self.cells.joined(separator: " | ")
        self.isListItem = isListItem
        self.listNumber = listNumber
    }
}

/// A report to audit: its body paragraphs and table rows in reading order, then its footnotes.
public struct CheckDocument: Hashable, Sendable, Codable {
    /// The blocks, body first (paragraphs and table rows in order), then footnotes.
    public var blocks: [CheckBlock]

    /// Creates a document from blocks.
    public init(blocks: [CheckBlock]) {
        self.blocks = blocks
    }

    /// Reads a plain-text report (.txt).
    ///
    /// - Every line is a paragraph; a line that does not end a sentence and is followed by a line
    ///   starting with a lower-case letter is joined to it (hard-wrapped text). Blank lines separate.
    /// - A line starting with "[n]" (or superscript digits) defines footnote n; "[n]" or superscript
    ///   digits inside a paragraph refer to it ("m²", "km²" stay units).
    /// - Consecutive lines with at least two "|"-separated cells form a table; its first line is the
    ///   header; Markdown rule lines ("---|---") are skipped.
    public init(plainText: String) {
        self.init(blocks: PlainTextReader(text: plainText).read())
    }

    /// How many body paragraphs.
    public var paragraphCount: Int {
        blocks.filter { if case .paragraph = $0.location { return true } else { return false } }.count
    }

    /// How many footnotes.
    public var footnoteCount: Int { blocks.filter(\.location.isFootnote).count }

    /// How many table rows.
    public var tableRowCount: Int {
        blocks.filter { if case .tableRow = $0.location { return true } else { return false } }.count
    }

    /// How many tables.
    public var tableCount: Int {
        Set(
            blocks.compactMap { block -> Int? in
                if case .tableRow(let table, _) = block.location { return table }
                return nil
            }
        ).count
    }

    /// The footnote printed with number `n`.
    public func footnote(_ n: Int) -> CheckBlock? {
        blocks.first { $0.location == .footnote(n) }
    }
}

/// Splits plain text into paragraphs, footnotes and table rows (see ``CheckDocument/init(plainText:)``).
private struct PlainTextReader {
    let text: String

    private enum Pending {
        case paragraph(String)
        case footnote(Int, String)
    }

    func read() -> [CheckBlock] {
        var body: [CheckBlock] = []
        var footnotes: [CheckBlock] = []
        var paragraphNumber = 0
        var tableNumber = 0
        var tableHeader: [String]? = nil
        var tableRow = 0
        var pending: Pending? = nil

        func flush() {
            guard let current = pending else { return }
            pending = nil
            switch current {
            case .paragraph(let text):
                let cleaned = VietnameseText.normalizedName(text)
                guard !cleaned.isEmpty else { return }
                paragraphNumber += 1
                body.append(
                    CheckBlock(location: .paragraph(paragraphNumber), text: Self.convertingSuperscripts(cleaned)))
            case .footnote(let n, let text):
                let cleaned = VietnameseText.normalizedName(text)
                footnotes.append(CheckBlock(location: .footnote(n), text: Self.convertingSuperscripts(cleaned)))
            }
        }

        let lines = VietnameseText.nfc(text).replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for rawLine in lines {
            let line = VietnameseText.normalizedName(String(rawLine))
            if line.isEmpty {
                flush()
                tableHeader = nil
                continue
            }
            if let cells = Self.tableCells(line) {
                flush()
                if cells.allSatisfy({ $0.allSatisfy { "-:= ".contains($0) } }) { continue }
                if let header = tableHeader {
                    tableRow += 1
                    body.append(
                        CheckBlock(
                            location: .tableRow(table: tableNumber, row: tableRow), text: "",
                            cells: cells.map(Self.convertingSuperscripts), header: header))
                } else {
                    tableNumber += 1
                    tableRow = 1
                    tableHeader = cells
                    body.append(
                        CheckBlock(location: .tableRow(table: tableNumber, row: 1), text: "", cells: cells))
                }
                continue
            }
            tableHeader = nil
            if let (number, rest) = Self.footnoteDefinition(line) {
                flush()
                pending = .footnote(number, rest)
                continue
            }
            if let current = pending, Self.continues(current, with: line) {
                switch current {
                case .paragraph(let text): pending = .paragraph(text + " " + line)
                case .footnote(let n, let text): pending = .footnote(n, text + " " + line)
                }
                continue
            }
            flush()
            pending = .paragraph(line)
        }
        flush()
        return body + footnotes
    }

    /// A hard-wrapped line continues the previous one when that one does not end a sentence and
    /// this one starts in lower case.
    private static func continues(_ pending: Pending, with line: String) -> Bool {
        let previous: String
        switch pending {
        case .paragraph(let text): previous = text
        case .footnote(_, let text): previous = text
        }
        guard let last = previous.last, let first = line.first else { return false }
        if ".:;!?…)".contains(last) { return false }
        // A heading in capitals stands alone.
        if !previous.contains(where: \.isLowercase) { return false }
        if first.isLetter { return first.isLowercase }
        // "215,6 tỷ đồng." continues a line; "1. …" starts a list item.
        guard first.isNumber else { return false }
        let afterDigits = line.drop(while: \.isNumber)
        if let mark = afterDigits.first, mark == "." || mark == ")",
            afterDigits.dropFirst().first?.isWhitespace ?? true
        {
            return false
        }
        return true
    }

    /// The cells of a table line ("a | b | c", "| a | b |"), nil when the line is not one.
    private static func tableCells(_ line: String) -> [String]? {
        guard line.contains("|") else { return nil }
        var parts = line.split(separator: "|", omittingEmptySubsequences: false).map {
            VietnameseText.normalizedName(String($0))
        }
        if parts.first?.isEmpty == true { parts.removeFirst() }
        if parts.last?.isEmpty == true { parts.removeLast() }
        return parts.count >= 2 ? parts : nil
    }

    private static let superscripts: [Character: Character] = [
        "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9",
    ]

    /// "[12] text" or "¹² text" at the start of a line: footnote 12.
    private static func footnoteDefinition(_ line: String) -> (Int, String)? {
        let chars = Array(line)
        var digits = ""
        var index = 0
        if chars.first == "[" {
            index = 1
            while index < chars.count, chars[index].isASCII, chars[index].isNumber, digits.count < 3 {
                digits.append(chars[index])
                index += 1
            }
            guard !digits.isEmpty, index < chars.count, chars[index] == "]" else { return nil }
            index += 1
        } else {
            while index < chars.count, let d = superscripts[chars[index]], digits.count < 3 {
                digits.append(d)
                index += 1
            }
            guard !digits.isEmpty else { return nil }
        }
        guard let number = Int(digits), number > 0 else { return nil }
        let rest = String(chars[index...]).trimmingCharacters(in: .whitespaces)
        return (number, rest)
    }

    /// Superscript digits used as footnote marks become "[n]"; after "m" or "km" they stay (m², km²).
    static func convertingSuperscripts(_ text: String) -> String {
        guard text.contains(where: { superscripts[$0] != nil }) else { return text }
        var out = ""
        var digits = ""
        var previous: Character? = nil
        func flushDigits() {
            guard !digits.isEmpty else { return }
            out += "[" + digits + "]"
            digits = ""
        }
        for c in text {
            if let d = superscripts[c] {
                if digits.isEmpty, previous == "m" {
                    out.append(c)
                } else {
                    digits.append(d)
                }
            } else {
                flushDigits()
                out.append(c)
                previous = c
            }
        }
        flushDigits()
        return out
    }
}
