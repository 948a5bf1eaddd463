import Foundation
import TiendoCore

/// A cell of a worksheet.
enum XlsxCell: Sendable {
    case empty
    case text(String)
    /// A number shown with `decimals` places in the Vietnamese way (1.234,5).
    case number(Double, decimals: Int)
    /// A number a person fills in (nil: not yet), shown in `format` so that what is typed is
    /// what is seen: 212,5 stays 212,5 in an indicator of one decimal.
    case input(Double?, format: XlsxInputFormat)
}

/// The number format of a cell a person fills in: `minimum` places always shown, and up to
/// `maximum` when the figure has them (Excel's `#,##0.0##`). A whole count is `#,##0`; a figure
/// with no fixed places but room for some is shown as typed ("General"), because `#,##0.##`
/// leaves a bare separator after a whole number ("213,").
struct XlsxInputFormat: Hashable, Sendable {
    var minimum: Int
    var maximum: Int

    init(minimum: Int, maximum: Int) {
        self.minimum = min(max(minimum, 0), XlsxWriter.maxDecimals)
        self.maximum = min(max(maximum, self.minimum), XlsxWriter.maxDecimals)
    }

    /// The format code (nil: Excel's General).
    var code: String? {
        if maximum == 0 { return "[$-42A]#,##0" }
        if minimum == 0 { return nil }
        return "[$-42A]#,##0." + String(repeating: "0", count: minimum)
            + String(repeating: "#", count: maximum - minimum)
    }
}

/// A worksheet: a title row, a header row (both frozen), then the data rows.
struct XlsxSheet: Sendable {
    /// The tab name (at most 31 characters, none of : \ / ? * [ ]).
    var name: String
    /// The title in the first row, across every column.
    var title: String
    /// The column headings (second row).
    var headings: [String]
    var rows: [[XlsxCell]]
    /// Columns wider than this (characters) wrap instead.
    var maxColumnWidth = 60.0
    /// A narrower cap for some columns, by index (long texts there wrap).
    var columnCaps: [Int: Double] = [:]
    /// A line printed at the top of each page (e.g. "Dữ liệu minh họa"), nil for none.
    var printHeader: String?
    /// Print across the page.
    var landscape = true
    /// Hidden from the tabs ("very hidden": Excel's menus cannot show it either).
    var isHidden = false
    /// Protected: only the cells of `editableColumns` (data rows) can be changed.
    var isProtected = false
    /// Columns (0-based) a person fills in; shaded and unlocked in a protected sheet.
    var editableColumns: Set<Int> = []
    /// A drop-down list of choices for a column's data rows.
    var choices: [Int: [String]] = [:]
    /// Columns (0-based) kept but not shown.
    var hiddenColumns: Set<Int> = []
}

/// Writes SpreadsheetML (.xlsx) workbooks: inline strings, Times New Roman, bordered cells,
/// Vietnamese number formats, a frozen header, an auto filter and column widths that fit.
///
/// Text typed by officers (notes) is never a formula here: every text cell is an inline string
/// (`t="inlineStr"`) and no cell is ever written with `<f>`, so Excel and LibreOffice show a note
/// "=HYPERLINK(…)" as the text it is and never evaluate it. Unlike CSV (see `CSVWriter.neutralised`)
/// no `'` is added, so a template's notes read back exactly as typed.
enum XlsxWriter {
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// The highest number of decimals with its own number format.
    static let maxDecimals = 6

    /// The workbook bytes.
    static func write(_ sheets: [XlsxSheet], created: Date = Date(), title: String = "") throws -> Data {
        var parts: [(String, String)] = []
        var overrides = [
            ("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
            ("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"),
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
        ]
        for index in sheets.indices {
            overrides.append(
                (
                    "/xl/worksheets/sheet\(index + 1).xml",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
                ))
        }
        parts.append(("[Content_Types].xml", DocxWriter.contentTypes(overrides)))
        parts.append(
            (
                "_rels/.rels",
                DocxWriter.relationships([
                    ("rId1", DocxWriter.relationshipType + "/officeDocument", "xl/workbook.xml"),
                    (
                        "rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                        "docProps/core.xml"
                    ),
                    ("rId3", DocxWriter.relationshipType + "/extended-properties", "docProps/app.xml"),
                ])
            ))
        var properties = WordDocument()
        properties.title = title
        properties.created = created
        parts.append(("docProps/core.xml", DocxWriter.coreProperties(properties)))
        parts.append(("docProps/app.xml", DocxWriter.appProperties()))
        parts.append(("xl/workbook.xml", workbook(sheets)))
        var rels = sheets.indices.map {
            ("rId\($0 + 1)", DocxWriter.relationshipType + "/worksheet", "worksheets/sheet\($0 + 1).xml")
        }
        rels.append(("rIdStyles", DocxWriter.relationshipType + "/styles", "styles.xml"))
        parts.append(("xl/_rels/workbook.xml.rels", DocxWriter.relationships(rels)))
        let inputFormats = Self.inputFormats(sheets)
        parts.append(("xl/styles.xml", styles(inputFormats: inputFormats)))
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", worksheet(sheet, inputFormats: inputFormats)))
        }
        return try OfficeZip.write(parts.map { ($0.0, Data($0.1.utf8)) }, modified: created)
    }

    /// A valid, unique tab name from `name`.
    static func sheetName(_ name: String, taken: Set<String>) -> String {
        let forbidden: Set<Character> = [":", "\\", "/", "?", "*", "[", "]"]
        var clean = String(VietnameseText.normalizedName(name).filter { !forbidden.contains($0) })
        if clean.count > 31 { clean = String(clean.prefix(31)).trimmingCharacters(in: .whitespaces) }
        if clean.isEmpty { clean = "Trang" }
        var candidate = clean
        var counter = 2
        while taken.contains(candidate.lowercased()) {
            let suffix = " (\(counter))"
            candidate = String(clean.prefix(31 - suffix.count)) + suffix
            counter += 1
        }
        return candidate
    }

    // MARK: - Parts

    static func workbook(_ sheets: [XlsxSheet]) -> String {
        var xml = XML.declaration
        xml += "<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipNamespace)\">"
        xml +=
            "<bookViews><workbookView xWindow=\"0\" yWindow=\"0\" windowWidth=\"28800\" windowHeight=\"15000\"/></bookViews>"
        xml += "<sheets>"
        for (index, sheet) in sheets.enumerated() {
            let state = sheet.isHidden ? " state=\"veryHidden\"" : ""
            xml +=
                "<sheet name=\"\(XML.escape(sheet.name))\" sheetId=\"\(index + 1)\"\(state) r:id=\"rId\(index + 1)\"/>"
        }
        xml += "</sheets><definedNames>"
        for (index, sheet) in sheets.enumerated() {
            let quoted = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'"
            let last = columnName(max(sheet.headings.count, 1) - 1)
            let lastRow = max(sheet.rows.count + 2, 2)
            xml += "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(index)\" hidden=\"1\">"
            xml += XML.escape("\(quoted)!$A$2:$\(last)$\(lastRow)") + "</definedName>"
            xml += "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(index)\">"
            xml += XML.escape("\(quoted)!$1:$2") + "</definedName>"
        }
        xml += "</definedNames></workbook>"
        return xml
    }

    /// Style indexes in `cellXfs`.
    enum Style {
        static let normal = 0
        static let title = 1
        static let heading = 2
        static let text = 3
        static let centered = 4
        /// Numbers with 0…`maxDecimals` places follow.
        static let firstNumber = 5
        /// A cell a person fills in (unlocked, shaded), text or number in the General format.
        static let editable = firstNumber + maxDecimals + 1
        /// Numbers a person fills in, with 0…`maxDecimals` places, follow.
        static let firstEditableNumber = editable + 1
        /// Then one style per input format the workbook uses (`inputFormats` order).
        static let firstInput = firstEditableNumber + maxDecimals + 1
    }

    /// The distinct input formats of `sheets`, in a stable order (their styles follow
    /// `Style.firstInput`).
    static func inputFormats(_ sheets: [XlsxSheet]) -> [XlsxInputFormat] {
        var seen = Set<XlsxInputFormat>()
        var formats: [XlsxInputFormat] = []
        for sheet in sheets {
            for row in sheet.rows {
                for cell in row {
                    if case .input(_, let format) = cell, seen.insert(format).inserted { formats.append(format) }
                }
            }
        }
        return formats
    }

    /// The number format id of an input format (164… are the fixed-place formats).
    static func numberFormatID(_ index: Int, _ format: XlsxInputFormat) -> Int {
        format.code == nil ? 0 : 164 + maxDecimals + 1 + index
    }

    static func styles(inputFormats: [XlsxInputFormat] = []) -> String {
        var xml = XML.declaration
        xml += "<styleSheet xmlns=\"\(mainNamespace)\">"
        let customInputs = inputFormats.enumerated().filter { $0.element.code != nil }
        xml += "<numFmts count=\"\(maxDecimals + 1 + customInputs.count)\">"
        for decimals in 0...maxDecimals {
            let code = "[$-42A]#,##0" + (decimals > 0 ? "." + String(repeating: "0", count: decimals) : "")
            xml += "<numFmt numFmtId=\"\(164 + decimals)\" formatCode=\"\(XML.escape(code))\"/>"
        }
        for (index, format) in customInputs {
            xml +=
                "<numFmt numFmtId=\"\(numberFormatID(index, format))\" formatCode=\"\(XML.escape(format.code ?? ""))\"/>"
        }
        xml += "</numFmts>"
        xml += "<fonts count=\"3\">"
        xml += "<font><sz val=\"12\"/><name val=\"Times New Roman\"/><family val=\"1\"/></font>"
        xml += "<font><b/><sz val=\"12\"/><name val=\"Times New Roman\"/><family val=\"1\"/></font>"
        xml += "<font><b/><sz val=\"13\"/><name val=\"Times New Roman\"/><family val=\"1\"/></font>"
        xml += "</fonts>"
        xml += "<fills count=\"4\"><fill><patternFill patternType=\"none\"/></fill>"
        xml += "<fill><patternFill patternType=\"gray125\"/></fill>"
        xml +=
            "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFE7E6E6\"/><bgColor indexed=\"64\"/></patternFill></fill>"
        xml +=
            "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFFFF2CC\"/><bgColor indexed=\"64\"/></patternFill></fill>"
        xml += "</fills>"
        xml += "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
        xml +=
            "<border><left style=\"thin\"><color auto=\"1\"/></left><right style=\"thin\"><color auto=\"1\"/></right>"
        xml +=
            "<top style=\"thin\"><color auto=\"1\"/></top><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border>"
        xml += "</borders>"
        xml += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        xml += "<cellXfs count=\"\(Style.firstInput + inputFormats.count)\">"
        xml += "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        xml += "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        xml += "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\""
        xml +=
            " applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>"
        xml +=
            "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" applyAlignment=\"1\">"
        xml += "<alignment vertical=\"top\" wrapText=\"1\"/></xf>"
        xml +=
            "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" applyAlignment=\"1\">"
        xml += "<alignment horizontal=\"center\" vertical=\"top\" wrapText=\"1\"/></xf>"
        for decimals in 0...maxDecimals {
            xml += "<xf numFmtId=\"\(164 + decimals)\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\""
            xml += " applyNumberFormat=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment vertical=\"top\"/></xf>"
        }
        xml +=
            "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"3\" borderId=\"1\" xfId=\"0\" applyFill=\"1\" applyBorder=\"1\""
        xml += " applyAlignment=\"1\" applyProtection=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/>"
        xml += "<protection locked=\"0\"/></xf>"
        for decimals in 0...maxDecimals {
            xml += "<xf numFmtId=\"\(164 + decimals)\" fontId=\"0\" fillId=\"3\" borderId=\"1\" xfId=\"0\""
            xml +=
                " applyNumberFormat=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\" applyProtection=\"1\">"
            xml += "<alignment vertical=\"top\"/><protection locked=\"0\"/></xf>"
        }
        for (index, format) in inputFormats.enumerated() {
            xml +=
                "<xf numFmtId=\"\(numberFormatID(index, format))\" fontId=\"0\" fillId=\"3\" borderId=\"1\" xfId=\"0\""
            xml +=
                " applyNumberFormat=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\" applyProtection=\"1\">"
            xml += "<alignment vertical=\"top\"/><protection locked=\"0\"/></xf>"
        }
        xml += "</cellXfs>"
        xml += "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        return xml + "</styleSheet>"
    }

    static func worksheet(_ sheet: XlsxSheet, inputFormats: [XlsxInputFormat] = []) -> String {
        let columnCount = max(sheet.headings.count, 1)
        let widths = columnWidths(sheet)
        let lastColumn = columnName(columnCount - 1)
        let lastRow = sheet.rows.count + 2
        var xml = XML.declaration
        xml += "<worksheet xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipNamespace)\">"
        xml += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
        xml += "<dimension ref=\"A1:\(lastColumn)\(lastRow)\"/>"
        xml += "<sheetViews><sheetView workbookViewId=\"0\">"
        xml += "<pane ySplit=\"2\" topLeftCell=\"A3\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        xml += "<selection pane=\"bottomLeft\" activeCell=\"A3\" sqref=\"A3\"/>"
        xml += "</sheetView></sheetViews>"
        xml += "<sheetFormatPr defaultRowHeight=\"15.75\"/>"
        xml += "<cols>"
        for (index, width) in widths.enumerated() {
            let text = String(format: "%.2f", width)
            let hidden = sheet.hiddenColumns.contains(index) ? " hidden=\"1\"" : ""
            xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(text)\" customWidth=\"1\"\(hidden)/>"
        }
        xml += "</cols><sheetData>"
        xml += "<row r=\"1\" ht=\"21\" customHeight=\"1\">"
        xml += "<c r=\"A1\" s=\"\(Style.title)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
        xml += XML.escape(sheet.title) + "</t></is></c></row>"
        xml += "<row r=\"2\"\(rowHeight(sheet.headings.map(XlsxCell.text), widths: widths))>"
        for (index, heading) in sheet.headings.enumerated() {
            xml +=
                "<c r=\"\(columnName(index))2\" s=\"\(Style.heading)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
            xml += XML.escape(heading) + "</t></is></c>"
        }
        xml += "</row>"
        for (rowIndex, row) in sheet.rows.enumerated() {
            let r = rowIndex + 3
            xml += "<row r=\"\(r)\"\(rowHeight(row, widths: widths))>"
            for (index, cell) in row.enumerated() where index < columnCount {
                let ref = "\(columnName(index))\(r)"
                if sheet.editableColumns.contains(index) {
                    xml += editableCell(cell, ref: ref, inputFormats: inputFormats)
                    continue
                }
                switch cell {
                case .empty:
                    xml += "<c r=\"\(ref)\" s=\"\(Style.text)\"/>"
                case .text(let text):
                    let style = text.count <= 4 ? Style.centered : Style.text
                    xml += "<c r=\"\(ref)\" s=\"\(style)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                    xml += XML.escape(text) + "</t></is></c>"
                case .number(let value, let decimals):
                    guard value.isFinite else {
                        xml += "<c r=\"\(ref)\" s=\"\(Style.text)\"/>"
                        continue
                    }
                    let style = Style.firstNumber + min(max(decimals, 0), maxDecimals)
                    xml += "<c r=\"\(ref)\" s=\"\(style)\"><v>\(numberLiteral(value))</v></c>"
                case .input(let value, _):
                    // Only editable columns take input; elsewhere it is a plain figure.
                    if let value, value.isFinite {
                        xml += "<c r=\"\(ref)\" s=\"\(Style.firstNumber)\"><v>\(numberLiteral(value))</v></c>"
                    } else {
                        xml += "<c r=\"\(ref)\" s=\"\(Style.text)\"/>"
                    }
                }
            }
            xml += "</row>"
        }
        xml += "</sheetData>"
        if sheet.isProtected {
            // No password: the protection keeps keys from being typed over by mistake, it is not a secret.
            xml += "<sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\" formatColumns=\"0\" formatRows=\"0\"/>"
        } else {
            xml += "<autoFilter ref=\"A2:\(lastColumn)\(lastRow)\"/>"
        }
        xml += "<mergeCells count=\"1\"><mergeCell ref=\"A1:\(lastColumn)1\"/></mergeCells>"
        if !sheet.choices.isEmpty && !sheet.rows.isEmpty {
            xml += "<dataValidations count=\"\(sheet.choices.count)\">"
            for (column, options) in sheet.choices.sorted(by: { $0.key < $1.key }) {
                let range = "\(columnName(column))3:\(columnName(column))\(lastRow)"
                let list = "\"" + options.joined(separator: ",") + "\""
                xml += "<dataValidation type=\"list\" allowBlank=\"1\" showErrorMessage=\"1\""
                xml +=
                    " errorTitle=\"Giá trị không hợp lệ\" error=\"\(XML.escape("Hãy chọn một trong: " + options.joined(separator: ", ")))\""
                xml += " sqref=\"\(range)\"><formula1>\(XML.escape(list))</formula1></dataValidation>"
            }
            xml += "</dataValidations>"
        }
        xml += "<pageMargins left=\"0.5\" right=\"0.4\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>"
        xml += "<pageSetup paperSize=\"9\" orientation=\"\(sheet.landscape ? "landscape" : "portrait")\""
        xml += " fitToWidth=\"1\" fitToHeight=\"0\"/>"
        xml += "<headerFooter>"
        if let header = sheet.printHeader {
            xml +=
                "<oddHeader>"
                + XML.escape("&C&\"Times New Roman,Italic\"" + header.replacingOccurrences(of: "&", with: "&&"))
            xml += "</oddHeader>"
        }
        xml += "<oddFooter>" + XML.escape("&C&\"Times New Roman,Regular\"Trang &P/&N") + "</oddFooter>"
        xml += "</headerFooter>"
        return xml + "</worksheet>"
    }

    /// A cell a person fills in: unlocked and shaded, whatever it starts with.
    static func editableCell(_ cell: XlsxCell, ref: String, inputFormats: [XlsxInputFormat] = []) -> String {
        switch cell {
        case .empty:
            return "<c r=\"\(ref)\" s=\"\(Style.editable)\"/>"
        case .text(let text):
            return "<c r=\"\(ref)\" s=\"\(Style.editable)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                + XML.escape(text) + "</t></is></c>"
        case .number(let value, let decimals):
            guard value.isFinite else { return "<c r=\"\(ref)\" s=\"\(Style.editable)\"/>" }
            let style = Style.firstEditableNumber + min(max(decimals, 0), maxDecimals)
            return "<c r=\"\(ref)\" s=\"\(style)\"><v>\(numberLiteral(value))</v></c>"
        case .input(let value, let format):
            let style = inputFormats.firstIndex(of: format).map { Style.firstInput + $0 } ?? Style.editable
            guard let value, value.isFinite else { return "<c r=\"\(ref)\" s=\"\(style)\"/>" }
            return "<c r=\"\(ref)\" s=\"\(style)\"><v>\(numberLiteral(value))</v></c>"
        }
    }

    /// The width of a line of Times New Roman 12 in Excel's character units: capitals and
    /// digits are wider than lower-case letters.
    static func textWidth<S: StringProtocol>(_ line: S) -> Double {
        line.reduce(0) { width, character in
            width + (character.isUppercase ? 1.35 : character == " " ? 0.7 : 1.0)
        }
    }

    /// A row's height attribute when a text wraps: neither Excel nor LibreOffice fits the
    /// height of a row to wrapped text when they open a file, so lines would overlap.
    static func rowHeight(_ row: [XlsxCell], widths: [Double]) -> String {
        var lines = 1
        for (index, cell) in row.enumerated() where index < widths.count {
            guard case .text(let text) = cell else { continue }
            let usable = max(widths[index] - 1.5, 1)
            let cellLines = text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { total, line in
                total + max(1, Int((textWidth(line) / usable).rounded(.up)))
            }
            lines = max(lines, cellLines)
        }
        guard lines > 1 else { return "" }
        return " ht=\"\(String(format: "%.2f", Double(lines) * 15.75 + 1))\" customHeight=\"1\""
    }

    /// Widths (in Excel's character units) that fit each column's longest line, capped so long
    /// texts wrap.
    static func columnWidths(_ sheet: XlsxSheet) -> [Double] {
        let count = max(sheet.headings.count, 1)
        var widths = [Double](repeating: 6, count: count)
        func measure(_ text: String) -> Double {
            (text.split(separator: "\n").map { textWidth($0) }.max() ?? 0) + 2
        }
        for (index, heading) in sheet.headings.enumerated() {
            // A heading may wrap onto two lines at most.
            let words = heading.split(separator: " ").map(\.count).max() ?? 0
            widths[index] = max(
                widths[index], min(measure(heading), max(Double(words) * 1.1 + 3, measure(heading) / 2 + 2)))
        }
        for row in sheet.rows {
            for (index, cell) in row.enumerated() where index < count {
                switch cell {
                case .empty: continue
                case .text(let text): widths[index] = max(widths[index], measure(text))
                case .number(let value, let decimals):
                    let text = VietnameseNumber.format(value, decimals: min(max(decimals, 0), maxDecimals))
                    widths[index] = max(widths[index], Double(text.count) * 1.15 + 2)
                case .input(let value, let format):
                    guard let value, value.isFinite else { continue }
                    let text = VietnameseNumber.format(value, maxDecimals: format.maximum)
                    widths[index] = max(widths[index], Double(text.count) * 1.15 + 2)
                }
            }
        }
        return widths.enumerated().map { index, width in
            min(width, sheet.columnCaps[index] ?? sheet.maxColumnWidth)
        }
    }

    /// A number as SpreadsheetML stores it: plain decimal digits, no grouping.
    static func numberLiteral(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// "A", "B", …, "Z", "AA", … for a 0-based column index.
    static func columnName(_ index: Int) -> String { XlsxColumn.name(index) }
}

/// Spreadsheet column letters.
public enum XlsxColumn {
    /// "A", "B", …, "Z", "AA", … for a 0-based column index.
    public static func name(_ index: Int) -> String {
        var n = index + 1
        var name = ""
        while n > 0 {
            let remainder = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            n = (n - 1) / 26
        }
        return name
    }
}
