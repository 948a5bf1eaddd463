import Foundation
import TiendoDocuments

/// Edits cells of an .xlsx package the way a person would in Excel, for tests of what Tiendo
/// reads back: a typed number, a typed text, a formula with (or without) the result Excel keeps,
/// an Excel error. Cells are replaced in place, keeping their style.
public enum XlsxEditing {
    /// What a cell is set to.
    public enum Content: Sendable {
        case number(Double)
        case text(String)
        /// A text kept in the shared-strings table, as Excel saves typed text.
        case sharedText(String)
        case formula(String, cached: Double?)
        case error(String)
        case empty
    }

    /// `data` with `cells` ("F3": …) of the sheet part `sheet` replaced.
    public static func setting(
        _ cells: [String: Content], in data: Data, sheet: String = "xl/worksheets/sheet2.xml"
    ) throws -> Data {
        var parts = try OfficeZip.read(data)
        guard var xml = parts[sheet].map({ String(decoding: $0, as: UTF8.self) }) else {
            throw OfficeFileError("no part \(sheet)")
        }
        var shared = parts["xl/sharedStrings.xml"].map { String(decoding: $0, as: UTF8.self) }
        for (reference, content) in cells {
            let pattern = "<c r=\"\(reference)\"( [^>]*?)?(/>|>.*?</c>)"
            guard let range = xml.range(of: pattern, options: .regularExpression) else {
                throw OfficeFileError("no cell \(reference)")
            }
            let old = String(xml[range])
            let style = old.range(of: "s=\"[0-9]+\"", options: .regularExpression).map { " " + old[$0] } ?? ""
            let new: String
            switch content {
            case .number(let value): new = "<c r=\"\(reference)\"\(style)><v>\(value)</v></c>"
            case .text(let text):
                new = "<c r=\"\(reference)\"\(style) t=\"inlineStr\"><is><t>\(escape(text))</t></is></c>"
            case .sharedText(let text):
                var table =
                    shared
                    ?? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"></sst>"
                let index = table.components(separatedBy: "<si>").count - 1
                table = table.replacingOccurrences(of: "</sst>", with: "<si><t>\(escape(text))</t></si></sst>")
                shared = table
                new = "<c r=\"\(reference)\"\(style) t=\"s\"><v>\(index)</v></c>"
            case .formula(let formula, let cached):
                new =
                    "<c r=\"\(reference)\"\(style)><f>\(escape(formula))</f>" + (cached.map { "<v>\($0)</v>" } ?? "")
                    + "</c>"
            case .error(let code): new = "<c r=\"\(reference)\"\(style) t=\"e\"><f>1/0</f><v>\(code)</v></c>"
            case .empty: new = "<c r=\"\(reference)\"\(style)/>"
            }
            xml.replaceSubrange(range, with: new)
        }
        parts[sheet] = Data(xml.utf8)
        if let shared {
            parts["xl/sharedStrings.xml"] = Data(shared.utf8)
            if var rels = parts["xl/_rels/workbook.xml.rels"].map({ String(decoding: $0, as: UTF8.self) }),
                !rels.contains("sharedStrings.xml")
            {
                rels = rels.replacingOccurrences(
                    of: "</Relationships>",
                    with:
                        "<Relationship Id=\"rIdShared\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"
                )
                parts["xl/_rels/workbook.xml.rels"] = Data(rels.utf8)
            }
        }
        let ordered = parts.keys.sorted { a, b in a == "[Content_Types].xml" || (b != "[Content_Types].xml" && a < b) }
        return try OfficeZip.write(ordered.map { ($0, parts[$0]!) })
    }

    /// The text of a cell of a sheet, as stored (for checks).
    public static func cellXML(_ reference: String, in data: Data, sheet: String = "xl/worksheets/sheet2.xml") throws
        -> String?
    {
        let parts = try OfficeZip.read(data)
        guard let xml = parts[sheet].map({ String(decoding: $0, as: UTF8.self) }),
            let range = xml.range(of: "<c r=\"\(reference)\"( [^>]*?)?(/>|>.*?</c>)", options: .regularExpression)
        else { return nil }
        return String(xml[range])
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
