import Foundation
import TiendoCore
import TiendoDocuments
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Why a Word document could not be read: one Vietnamese sentence saying what to do.
public struct DocxReadError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// The message, in Vietnamese.
    public let message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }

    /// The message, for `localizedDescription`.
    public var errorDescription: String? { message }
}

/// Reads the text of a Word document (.docx) for the audit: body paragraphs, table rows and
/// footnotes, with each footnote reference written "[n]" where Word prints footnote n.
///
/// A .docx is untrusted input. The reader opens only the parts it needs (the main document and
/// its footnotes, found through the package relationships), refuses any XML with a document type
/// declaration or entity declarations (no external entities, no entity expansion), resolves no
/// external entity, and caps the package size, the number of entries, the size of each part as it
/// is actually decompressed (a lying header does not help a zip bomb) and the number of paragraphs.
public enum DocxTextReader {

    /// Size limits for an untrusted package.
    public struct Limits: Sendable, Equatable {
        /// The largest package accepted, in bytes.
        public var maxPackageBytes: Int
        /// The largest decompressed XML part read, in bytes.
        public var maxPartBytes: Int
        /// The most entries a package may have.
        public var maxEntries: Int
        /// The most paragraphs, table rows and footnotes read.
        public var maxBlocks: Int

        /// Creates limits.
        public init(maxPackageBytes: Int, maxPartBytes: Int, maxEntries: Int, maxBlocks: Int) {
            self.maxPackageBytes = maxPackageBytes
            self.maxPartBytes = maxPartBytes
            self.maxEntries = maxEntries
            self.maxBlocks = maxBlocks
        }

        /// 50 MB per package, 25 MB per decompressed part, 5.000 entries, 100.000 blocks: far above
        /// any report an office writes.
        public static let standard = Limits(
            maxPackageBytes: 50_000_000, maxPartBytes: 25_000_000, maxEntries: 5_000, maxBlocks: 100_000)
    }

    /// Reads a .docx held in memory.
    public static func read(data: Data, limits: Limits = .standard) throws -> CheckDocument {
        let package = Package(
            safe: try SafePackage(
                data: data,
                limits: PackageLimits(
                    maxPackageBytes: limits.maxPackageBytes, maxPartBytes: limits.maxPartBytes,
                    maxEntries: limits.maxEntries),
                kind: "Word", notAPackage: notADocx.description, makeError: { DocxReadError($0) }))
        let documentPath = try package.mainDocumentPath()
        guard let documentXML = try package.part(documentPath) else { throw notADocx }
        var footnoteTexts: [String: String] = [:]
        if let footnotesPath = try package.relatedPath(of: documentPath, typeSuffix: "/footnotes"),
            let footnotesXML = try package.part(footnotesPath)
        {
            footnoteTexts = try FootnotesParser.parse(footnotesXML)
        }
        let body = try BodyParser.parse(documentXML, limits: limits)
        var blocks = body.blocks
        for (id, number) in body.footnoteNumbers.sorted(by: { $0.value < $1.value }) {
            let text = VietnameseText.normalizedName(footnoteTexts[id] ?? "")
            blocks.append(CheckBlock(location: .footnote(number), text: text))
        }
        return CheckDocument(blocks: blocks)
    }

    /// Reads a .docx file.
    public static func read(contentsOf url: URL, limits: Limits = .standard) throws -> CheckDocument {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        guard size <= limits.maxPackageBytes else {
            throw DocxReadError(
                "Tệp Word quá lớn (tối đa \(VietnameseNumber.format(limits.maxPackageBytes / 1_000_000)) MB); "
                    + "hãy bỏ bớt hình ảnh rồi thử lại.")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DocxReadError("Không đọc được tệp “\(url.lastPathComponent)”.")
        }
        return try read(data: data, limits: limits)
    }

    static let notADocx = DocxReadError(
        "Tệp không phải là tài liệu Word .docx hợp lệ; nếu là tệp .doc cũ, hãy mở bằng Word và lưu lại dưới dạng .docx."
    )

    static let wordNamespaces: Set<String> = [
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",
    ]
}

extension ReportCheck {
    /// Audits a Word report (.docx) held in memory: body paragraphs, tables and footnotes. Throws a
    /// ``DocxReadError`` with a Vietnamese message when the file cannot be read.
    public static func run(docx: Data, data context: CheckDataContext? = nil) throws -> CheckReport {
        run(document: try DocxTextReader.read(data: docx), data: context)
    }
}

// MARK: - Package

/// The parts of a package, read within limits.
private struct Package {
    let safe: SafePackage

    /// The decompressed bytes of a part, nil when the package has no such part.
    func part(_ path: String) throws -> Data? { try safe.part(path) }

    /// The main document's path, from the package relationships (usually "word/document.xml").
    func mainDocumentPath() throws -> String {
        if let rels = try part("_rels/.rels"),
            let target = try RelationshipsParser.target(in: rels, typeSuffix: "/officeDocument")
        {
            return resolve(target, relativeTo: "")
        }
        return "word/document.xml"
    }

    /// The path of the part related to `source` by a relationship whose type ends with `typeSuffix`.
    func relatedPath(of source: String, typeSuffix: String) throws -> String? {
        let directory = (source as NSString).deletingLastPathComponent
        let relsPath =
            (directory.isEmpty ? "" : directory + "/") + "_rels/" + (source as NSString).lastPathComponent + ".rels"
        guard let rels = try part(relsPath),
            let target = try RelationshipsParser.target(in: rels, typeSuffix: typeSuffix)
        else {
            let fallback = (directory.isEmpty ? "" : directory + "/") + "footnotes.xml"
            return safe.archive[fallback] != nil && typeSuffix == "/footnotes" ? fallback : nil
        }
        return resolve(target, relativeTo: directory)
    }

    private func resolve(_ target: String, relativeTo directory: String) -> String {
        SafePackage.resolve(target, relativeTo: directory)
    }
}

/// The value of the attribute with local name `name` ("w:id", "id", "r:id" → "id").
private func attribute(_ attributes: [String: String], _ name: String) -> String? {
    if let value = attributes[name] { return value }
    return attributes.first { $0.key.hasSuffix(":" + name) }?.value
}

/// Whether an element belongs to WordprocessingML (strict or transitional).
private func isWord(_ namespace: String?) -> Bool {
    namespace.map { DocxTextReader.wordNamespaces.contains($0) } ?? false
}

/// What the body and the footnotes both leave unread: deleted text, field instructions and the
/// fallback copy of alternate content, with everything inside them. One rule, so a footnote is
/// read exactly as a body paragraph is.
private struct SkippedContent {
    private var depth = 0

    /// Whether nothing is being skipped now.
    var isReading: Bool { depth == 0 }

    /// Called at each element start; true when the element is skipped (inside a skipped one too).
    mutating func skipsStart(of elementName: String, namespaceURI: String?) -> Bool {
        if depth > 0 || elementName == "Fallback"
            || (isWord(namespaceURI) && ["del", "instrText"].contains(elementName))
        {
            depth += 1
            return true
        }
        return false
    }

    /// Called at each element end; true when the element was a skipped one.
    mutating func skipsEnd() -> Bool {
        guard depth > 0 else { return false }
        depth -= 1
        return true
    }
}

// MARK: - Relationships

private final class RelationshipsParser: NSObject, XMLParserDelegate {
    private let typeSuffix: String
    private var target: String?

    private init(typeSuffix: String) { self.typeSuffix = typeSuffix }

    static func target(in data: Data, typeSuffix: String) throws -> String? {
        let handler = RelationshipsParser(typeSuffix: typeSuffix)
        let parser = SafePackage.parser(data)
        parser.delegate = handler
        guard parser.parse() else { throw DocxTextReader.notADocx }
        return handler.target
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        guard elementName == "Relationship", target == nil, let type = attribute(attributeDict, "Type"),
            type.hasSuffix(typeSuffix), attribute(attributeDict, "TargetMode") != "External"
        else { return }
        target = attribute(attributeDict, "Target")
    }
}

// MARK: - Body

/// Reads body paragraphs and table rows of word/document.xml.
private final class BodyParser: NSObject, XMLParserDelegate {
    private let limits: DocxTextReader.Limits
    private(set) var blocks: [CheckBlock] = []
    /// Footnote id → printed number, in order of first reference.
    private(set) var footnoteNumbers: [String: Int] = [:]
    private var failure: DocxReadError?

    private var paragraphNumber = 0
    private var tableNumber = 0
    /// Open tables: rows collected so far and the current row's cells.
    private var tables: [(rows: Int, header: [String], cells: [String], cell: String)] = []
    private var paragraphDepth = 0
    private var paragraph = ""
    private var inText = false
    private var skipped = SkippedContent()
    private var paragraphIsListItem = false
    private var listCounters: [String: Int] = [:]
    private var numID: String?
    private var level = "0"
    /// Whether the root element was closed.
    private(set) var closed = false

    private init(limits: DocxTextReader.Limits) { self.limits = limits }

    static func parse(_ data: Data, limits: DocxTextReader.Limits) throws -> BodyParser {
        let handler = BodyParser(limits: limits)
        let parser = SafePackage.parser(data)
        parser.delegate = handler
        let ok = parser.parse()
        if let failure = handler.failure { throw failure }
        // A truncated part may parse without error; the document must have been closed.
        guard ok, handler.closed else {
            throw DocxReadError("Nội dung tệp Word bị hỏng (XML không hợp lệ); hãy mở bằng Word, lưu lại rồi thử lại.")
        }
        return handler
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        if skipped.skipsStart(of: elementName, namespaceURI: namespaceURI) { return }
        guard isWord(namespaceURI) else { return }
        switch elementName {
        case "tbl":
            tables.append((rows: 0, header: [], cells: [], cell: ""))
        case "tr":
            if !tables.isEmpty {
                tables[tables.count - 1].cells = []
            }
        case "tc":
            if !tables.isEmpty { tables[tables.count - 1].cell = "" }
        case "p":
            paragraphDepth += 1
            if paragraphDepth == 1 {
                paragraph = ""
                paragraphIsListItem = false
                numID = nil
                level = "0"
            } else {
                paragraph += " "
            }
        case "numId":
            numID = attribute(attributeDict, "val")
            if numID != "0" { paragraphIsListItem = true }
        case "ilvl":
            level = attribute(attributeDict, "val") ?? "0"
        case "t":
            inText = true
        case "tab", "br", "cr":
            paragraph += " "
        case "noBreakHyphen":
            paragraph += "-"
        case "footnoteReference":
            guard let id = attribute(attributeDict, "id") else { return }
            let number = footnoteNumbers[id] ?? (footnoteNumbers.count + 1)
            footnoteNumbers[id] = number
            paragraph += "[\(number)]"
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard skipped.isReading, inText else { return }
        paragraph += string
        if paragraph.utf8.count > limits.maxPartBytes {
            fail(parser, "Một đoạn văn của tệp Word quá dài; tệp có thể bị hỏng.")
        }
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        if skipped.skipsEnd() { return }
        guard isWord(namespaceURI) else { return }
        switch elementName {
        case "t":
            inText = false
        case "p":
            paragraphDepth -= 1
            guard paragraphDepth == 0 else { return }
            let text = VietnameseText.normalizedName(paragraph)
            if !tables.isEmpty {
                let index = tables.count - 1
                tables[index].cell += (tables[index].cell.isEmpty ? "" : " ") + text
            } else if !text.isEmpty {
                paragraphNumber += 1
                var listNumber: Int? = nil
                if paragraphIsListItem, let numID {
                    let key = numID + "/" + level
                    listCounters[key, default: 0] += 1
                    listNumber = listCounters[key]
                }
                append(
                    CheckBlock(
                        location: .paragraph(paragraphNumber), text: text, isListItem: paragraphIsListItem,
                        listNumber: listNumber), parser)
            }
        case "tc":
            guard !tables.isEmpty else { return }
            let index = tables.count - 1
            tables[index].cells.append(VietnameseText.normalizedName(tables[index].cell))
            tables[index].cell = ""
        case "tr":
            guard !tables.isEmpty else { return }
            let index = tables.count - 1
            let cells = tables[index].cells
            guard cells.contains(where: { !$0.isEmpty }) else { return }
            if tables.count > 1 {
                // A table inside a cell: its rows become text of the outer cell.
                let outer = tables.count - 2
                tables[outer].cell += (tables[outer].cell.isEmpty ? "" : " ") + cells.joined(separator: " ")
                return
            }
            if tables[index].rows == 0 {
                tableNumber += 1
                tables[index].header = cells
            }
            tables[index].rows += 1
            let header = tables[index].rows == 1 ? [] : tables[index].header
            append(
                CheckBlock(
                    location: .tableRow(table: tableNumber, row: tables[index].rows), text: "", cells: cells,
                    header: header), parser)
        case "tbl":
            if !tables.isEmpty { tables.removeLast() }
        case "document":
            closed = true
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        fail(parser, "Tệp Word tham chiếu thực thể bên ngoài, không được chấp nhận vì lý do an toàn.")
        return nil
    }

    private func append(_ block: CheckBlock, _ parser: XMLParser) {
        blocks.append(block)
        if blocks.count > limits.maxBlocks {
            fail(
                parser,
                "Tệp Word có quá nhiều đoạn văn (hơn \(VietnameseNumber.format(limits.maxBlocks))); hãy tách báo cáo rồi thử lại."
            )
        }
    }

    private func fail(_ parser: XMLParser, _ message: String) {
        if failure == nil { failure = DocxReadError(message) }
        parser.abortParsing()
    }
}

// MARK: - Footnotes

/// Reads word/footnotes.xml: footnote id → text (separators skipped).
private final class FootnotesParser: NSObject, XMLParserDelegate {
    private(set) var texts: [String: String] = [:]
    private var current: String?
    private var text = ""
    private var inText = false
    private var skipped = SkippedContent()

    static func parse(_ data: Data) throws -> [String: String] {
        let handler = FootnotesParser()
        let parser = SafePackage.parser(data)
        parser.delegate = handler
        guard parser.parse() else {
            throw DocxReadError("Phần chú thích của tệp Word bị hỏng (XML không hợp lệ); hãy lưu lại tệp rồi thử lại.")
        }
        return handler.texts
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        if skipped.skipsStart(of: elementName, namespaceURI: namespaceURI) { return }
        guard isWord(namespaceURI) else { return }
        switch elementName {
        case "footnote":
            let type = attribute(attributeDict, "type") ?? "normal"
            current = type == "normal" ? attribute(attributeDict, "id") : nil
            text = ""
        case "p":
            if !text.isEmpty { text += " " }
        case "t":
            inText = true
        case "tab", "br", "cr":
            text += " "
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard skipped.isReading, inText, current != nil else { return }
        text += string
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        if skipped.skipsEnd() { return }
        guard isWord(namespaceURI) else { return }
        if elementName == "t" { inText = false }
        if elementName == "footnote", let id = current {
            texts[id] = text
            current = nil
        }
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        parser.abortParsing()
        return nil
    }
}
