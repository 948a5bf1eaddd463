import Foundation
import TiendoCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Why a workbook could not be read, in Vietnamese.
public struct XlsxReadError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// The message to show.
    public let description: String

    /// Creates an error with a Vietnamese message.
    public init(_ description: String) { self.description = description }

    public var errorDescription: String? { description }
}

/// What a cell holds, as Excel saved it. A formula cell holds the result Excel computed last.
public enum XlsxValue: Sendable, Equatable {
    case number(Double)
    case text(String)
    case bool(Bool)
    /// An Excel error such as `#DIV/0!`.
    case error(String)
    /// A formula Excel never computed (the file was produced by a program, not saved by Excel).
    case uncomputedFormula(String)
}

/// One worksheet as read: its tab name, whether it is hidden, and its non-empty cells by reference.
public struct XlsxReadSheet: Sendable {
    /// The tab name.
    public var name: String
    /// Hidden or very hidden.
    public var isHidden: Bool
    /// Cells by reference ("B7").
    public var cells: [String: XlsxValue]
    /// The highest row number that has a cell.
    public var lastRow: Int

    /// The cell at `column` (0-based) and `row` (1-based).
    public func cell(column: Int, row: Int) -> XlsxValue? { cells[XlsxWriter.columnName(column) + String(row)] }
}

/// Reads the cells of an .xlsx workbook from untrusted bytes: shared and inline strings, numbers,
/// booleans and the cached results of formulas, within limits that stop ZIP bombs, entity tricks
/// and sheets with an absurd number of rows.
public enum XlsxReader {
    /// The limits for a workbook.
    public struct Limits: Sendable, Equatable {
        /// The package limits (size, parts, ratio).
        public var package: PackageLimits
        /// The most rows a sheet may have.
        public var maxRows: Int
        /// The most sheets a workbook may have.
        public var maxSheets: Int

        /// Creates limits.
        public init(package: PackageLimits, maxRows: Int, maxSheets: Int) {
            self.package = package
            self.maxRows = maxRows
            self.maxSheets = maxSheets
        }

        /// Generous for any reporting template: 20 MB, 10.000 rows a sheet.
        public static let standard = Limits(
            package: PackageLimits(maxPackageBytes: 20_000_000, maxPartBytes: 50_000_000, maxEntries: 1_000),
            maxRows: 10_000, maxSheets: 50)
    }

    static let notAWorkbook =
        "Tệp không phải là bảng tính Excel .xlsx hợp lệ; nếu là tệp .xls cũ hoặc .csv, hãy mở bằng Excel và lưu lại dưới dạng “Sổ làm việc Excel (.xlsx)”."

    /// Every sheet of the workbook, in tab order.
    public static func read(data: Data, limits: Limits = .standard) throws -> [XlsxReadSheet] {
        let package = try SafePackage(
            data: data, limits: limits.package, kind: "Excel", notAPackage: notAWorkbook,
            makeError: { XlsxReadError($0) })
        guard let workbookXML = try package.part("xl/workbook.xml") else { throw XlsxReadError(notAWorkbook) }
        let declared = try WorkbookParser.parse(workbookXML)
        if declared.count > limits.maxSheets {
            throw XlsxReadError("Tệp Excel có quá nhiều trang tính (\(declared.count), tối đa \(limits.maxSheets)).")
        }
        var targets: [String: String] = [:]
        if let rels = try package.part("xl/_rels/workbook.xml.rels") {
            targets = try RelationshipTargets.parse(rels)
        }
        var sharedStrings: [String] = []
        if let shared = try package.part("xl/sharedStrings.xml") {
            sharedStrings = try SharedStringsParser.parse(shared)
        }
        var sheets: [XlsxReadSheet] = []
        for sheet in declared {
            guard let target = targets[sheet.relationshipID] else { continue }
            let path = SafePackage.resolve(target, relativeTo: "xl")
            guard let xml = try package.part(path) else {
                throw XlsxReadError("Tệp Excel thiếu trang tính “\(sheet.name)”; tệp có thể bị hỏng.")
            }
            let read = try SheetParser.parse(
                xml, sharedStrings: sharedStrings, maxRows: limits.maxRows, name: sheet.name)
            sheets.append(
                XlsxReadSheet(name: sheet.name, isHidden: sheet.isHidden, cells: read.cells, lastRow: read.lastRow))
        }
        return sheets
    }
}

// MARK: - Parsers

private func failure(_ parser: XMLParser, _ what: String) -> XlsxReadError {
    XlsxReadError(
        "Tệp Excel bị hỏng (\(what) không đọc được: \(parser.parserError?.localizedDescription ?? "lỗi XML")).")
}

private final class WorkbookParser: NSObject, XMLParserDelegate {
    struct Sheet {
        let name: String
        let relationshipID: String
        let isHidden: Bool
    }
    var sheets: [Sheet] = []

    static func parse(_ data: Data) throws -> [Sheet] {
        let delegate = WorkbookParser()
        let parser = SafePackage.parser(data)
        parser.delegate = delegate
        guard parser.parse() else { throw failure(parser, "danh sách trang tính") }
        return delegate.sheets
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes: [String: String] = [:]
    ) {
        guard elementName == "sheet" else { return }
        let id = attributes.first { $0.key == "r:id" || $0.key.hasSuffix(":id") || $0.key == "id" }?.value ?? ""
        let state = attributes["state"] ?? "visible"
        sheets.append(Sheet(name: attributes["name"] ?? "", relationshipID: id, isHidden: state != "visible"))
    }
}

private final class RelationshipTargets: NSObject, XMLParserDelegate {
    var targets: [String: String] = [:]

    static func parse(_ data: Data) throws -> [String: String] {
        let delegate = RelationshipTargets()
        let parser = SafePackage.parser(data)
        parser.delegate = delegate
        guard parser.parse() else { throw failure(parser, "quan hệ giữa các phần") }
        return delegate.targets
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes: [String: String] = [:]
    ) {
        guard elementName == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else {
            return
        }
        targets[id] = target
    }
}

/// `<si>` items: plain `<t>` or rich-text runs `<r><t>`; phonetic runs (`<rPh>`) are not text.
private final class SharedStringsParser: NSObject, XMLParserDelegate {
    var strings: [String] = []
    var current = ""
    var inText = false
    var phoneticDepth = 0

    static func parse(_ data: Data) throws -> [String] {
        let delegate = SharedStringsParser()
        let parser = SafePackage.parser(data)
        parser.delegate = delegate
        guard parser.parse() else { throw failure(parser, "bảng chuỗi dùng chung") }
        return delegate.strings
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes: [String: String] = [:]
    ) {
        switch elementName {
        case "si": current = ""
        case "rPh": phoneticDepth += 1
        case "t": inText = phoneticDepth == 0
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        switch elementName {
        case "si": strings.append(current)
        case "rPh": phoneticDepth -= 1
        case "t": inText = false
        default: break
        }
    }
}

private final class SheetParser: NSObject, XMLParserDelegate {
    let sharedStrings: [String]
    let maxRows: Int
    var cells: [String: XlsxValue] = [:]
    var lastRow = 0
    var rowCount = 0
    var tooManyRows = false
    var badReference: String?

    // The cell being read.
    var reference: String?
    var type = "n"
    var valueText = ""
    var formula: String?
    var inlineText = ""
    var reading: String?
    // Cells without `r` follow the previous one.
    var nextColumn = 0
    var currentRow = 0

    init(sharedStrings: [String], maxRows: Int) {
        self.sharedStrings = sharedStrings
        self.maxRows = maxRows
    }

    static func parse(_ data: Data, sharedStrings: [String], maxRows: Int, name: String) throws -> (
        cells: [String: XlsxValue], lastRow: Int
    ) {
        let delegate = SheetParser(sharedStrings: sharedStrings, maxRows: maxRows)
        let parser = SafePackage.parser(data)
        parser.delegate = delegate
        let parsed = parser.parse()
        if delegate.tooManyRows {
            throw XlsxReadError(
                "Trang tính “\(name)” có hơn \(VietnameseNumber.format(maxRows)) dòng; biểu mẫu báo cáo không lớn như vậy — "
                    + "hãy kiểm tra lại tệp (có thể đã chọn nhầm tệp).")
        }
        if let bad = delegate.badReference {
            throw XlsxReadError("Trang tính “\(name)” có ô mang địa chỉ không hợp lệ (“\(bad)”); tệp có thể bị hỏng.")
        }
        guard parsed else { throw failure(parser, "trang tính “\(name)”") }
        return (delegate.cells, delegate.lastRow)
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes: [String: String] = [:]
    ) {
        switch elementName {
        case "row":
            rowCount += 1
            currentRow = attributes["r"].flatMap(Int.init) ?? (currentRow + 1)
            nextColumn = 0
            if rowCount > maxRows || currentRow > 1_048_576 {
                tooManyRows = true
                parser.abortParsing()
            }
        case "c":
            if let r = attributes["r"] {
                guard let (column, row) = Self.split(r) else {
                    badReference = r
                    parser.abortParsing()
                    return
                }
                reference = r
                nextColumn = column + 1
                currentRow = row
            } else {
                reference = XlsxWriter.columnName(nextColumn) + String(currentRow)
                nextColumn += 1
            }
            type = attributes["t"] ?? "n"
            valueText = ""
            inlineText = ""
            formula = nil
        case "v": reading = "v"
        case "f":
            reading = "f"
            formula = formula ?? ""
        case "t": reading = "t"
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        switch reading {
        case "v": valueText += string
        case "f": formula = (formula ?? "") + string  // set to "" when <f> opened; no unwrap
        case "t": inlineText += string
        default: break
        }
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        switch elementName {
        case "v", "f", "t": reading = nil
        case "c":
            guard let reference else { return }
            if let value = value() {
                cells[reference] = value
                lastRow = max(lastRow, currentRow)
            }
            self.reference = nil
        default: break
        }
    }

    private func value() -> XlsxValue? {
        switch type {
        case "inlineStr":
            return inlineText.isEmpty ? nil : .text(inlineText)
        case "s":
            guard let index = Int(valueText.trimmingCharacters(in: .whitespaces)), sharedStrings.indices.contains(index)
            else { return valueText.isEmpty ? nil : .error("#REF!") }
            let text = sharedStrings[index]
            return text.isEmpty ? nil : .text(text)
        case "str":
            if valueText.isEmpty, let formula, !formula.isEmpty { return .uncomputedFormula(formula) }
            return valueText.isEmpty ? nil : .text(valueText)
        case "b":
            return valueText.isEmpty ? nil : .bool(valueText.trimmingCharacters(in: .whitespaces) == "1")
        case "e":
            return .error(valueText)
        default:
            let text = valueText.trimmingCharacters(in: .whitespaces)
            if text.isEmpty {
                if let formula, !formula.isEmpty { return .uncomputedFormula(formula) }
                return nil
            }
            guard let number = Double(text) else { return .error(text) }
            return .number(number)
        }
    }

    /// "AB12" → (27, 12).
    static func split(_ reference: String) -> (column: Int, row: Int)? {
        var column = 0
        var digits = ""
        var sawLetter = false
        for scalar in reference.unicodeScalars {
            if scalar.value >= 65 && scalar.value <= 90 && digits.isEmpty {
                column = column * 26 + Int(scalar.value - 64)
                sawLetter = true
                if column > 16_384 { return nil }
            } else if scalar.value >= 48 && scalar.value <= 57 && sawLetter {
                digits.unicodeScalars.append(scalar)
            } else {
                return nil
            }
        }
        guard sawLetter, let row = Int(digits), row >= 1 else { return nil }
        return (column - 1, row)
    }
}
