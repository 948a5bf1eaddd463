import Foundation

/// A run of text with one formatting, or a special element that sits in a run (a footnote
/// reference, the page number field, a line break, a chart).
struct WordRun: Sendable {
    enum Kind: Sendable {
        case text
        /// A reference to footnote `id` (1-based, in ``WordDocument/footnotes`` order).
        case footnoteReference(Int)
        /// The mark at the start of a footnote's own text.
        case footnoteMark
        /// The PAGE field.
        case pageNumber
        case lineBreak
        /// Chart `index` (0-based) of ``WordDocument/charts``, inline, `width` × `height` EMU.
        case chart(index: Int, width: Int, height: Int, title: String)
    }

    var kind: Kind = .text
    var text = ""
    var bold = false
    var italic = false
    var underline = false
    /// Font size in points; nil keeps the paragraph's default.
    var size: Double?
    /// A hex colour such as "595959"; nil is automatic (black).
    var color: String?

    static func text(
        _ text: String, bold: Bool = false, italic: Bool = false, underline: Bool = false, size: Double? = nil,
        color: String? = nil
    ) -> WordRun {
        WordRun(kind: .text, text: text, bold: bold, italic: italic, underline: underline, size: size, color: color)
    }
}

/// A paragraph and its layout. Lengths are in twips (1/20 pt; 567 twips = 1 cm).
struct WordParagraph: Sendable {
    enum Alignment: String, Sendable {
        case left, center, right
        case justified = "both"
    }

    var runs: [WordRun]
    var alignment: Alignment = .justified
    var firstLineIndent = 0
    var leftIndent = 0
    var rightIndent = 0
    var spaceBefore = 0
    var spaceAfter = 0
    /// Line spacing in 240ths of a line (240 = single, 360 = 1.5 lines).
    var lineSpacing = 240
    var keepWithNext = false
    var keepLinesTogether = false
    var pageBreakBefore = false
    /// A rule under the paragraph, `bottomRule` eighths of a point thick, as wide as the
    /// paragraph between its indents.
    var bottomRule: Int?
    /// The outline level (0 = top) for the navigation pane and the PDF outline.
    var outlineLevel: Int?
    /// A paragraph style of styles.xml, e.g. "Heading1" (see ``WordHeading``); nil is Normal.
    var style: String?
    /// The size of the paragraph mark (and of empty paragraphs), in points.
    var markSize: Double?

    init(_ runs: [WordRun], alignment: Alignment = .justified) {
        self.runs = runs
        self.alignment = alignment
    }
}

/// The heading styles a document defines: Word's own "heading 1…3", so the navigation pane, a
/// table of contents and the PDF outline see a report's parts (PHẦN), sections (A.),
/// sub-sections (I.) and their items (1.). The numbering stays in the text, as official reports
/// write it.
enum WordHeading: Int, CaseIterable, Sendable {
    case part = 1
    case section = 2
    case subsection = 3
    case item = 4

    /// The style id in styles.xml.
    var styleID: String { "Heading\(rawValue)" }
    /// The outline level (0 = top).
    var outlineLevel: Int { rawValue - 1 }
}

/// A table cell.
struct WordCell: Sendable {
    enum VerticalAlignment: String, Sendable { case top, center, bottom }

    var paragraphs: [WordParagraph]
    /// How many grid columns the cell spans.
    var span = 1
    /// A background colour (hex), nil for none.
    var shading: String?
    var verticalAlignment: VerticalAlignment = .center

    init(_ paragraphs: [WordParagraph], span: Int = 1, shading: String? = nil) {
        self.paragraphs = paragraphs
        self.span = span
        self.shading = shading
    }
}

/// A table row; a header row repeats on every page the table runs over.
struct WordRow: Sendable {
    var cells: [WordCell]
    /// Repeated at the top of every page the table runs over, and kept with the row after it.
    var isHeader = false
    /// Not broken across two pages.
    var cantSplit = true
    /// Kept on the page of the row after it (a group's title row with its first target).
    var keepWithNext = false
}

/// A table with fixed column widths (twips).
struct WordTable: Sendable {
    var columnWidths: [Int]
    var rows: [WordRow]
    /// Single black borders around and between cells; false for a layout table.
    var bordered = true
    /// Cell padding left and right (twips).
    var cellPadding = 85
    /// Where the table's left edge sits relative to the left margin (twips; negative reaches into
    /// the margin); nil centres the table between the margins.
    var leftIndent: Int?
}

/// A block of the body.
enum WordBlock: Sendable {
    case paragraph(WordParagraph)
    case table(WordTable)
}

/// A chart part: the chart XML (DrawingML) and the workbook holding its data.
struct WordChartPart: Sendable {
    var chartXML: String
    var workbook: Data?
}

/// A whole document: the body, its footnotes, headers and footers, page setup and properties.
struct WordDocument: Sendable {
    var blocks: [WordBlock] = []
    /// Footnote texts; footnote `n` (1-based) is `footnotes[n - 1]`.
    var footnotes: [[WordParagraph]] = []
    var charts: [WordChartPart] = []
    /// The header of pages 2 onwards (the first page has ``firstPageHeader``).
    var header: [WordParagraph] = []
    var firstPageHeader: [WordParagraph] = []
    /// The footer of every page, nil for none.
    var footer: [WordParagraph]?

    /// Page size and margins (twips): A4 portrait by default.
    var pageWidth = 11906
    var pageHeight = 16838
    var marginTop = 1134
    var marginBottom = 1134
    var marginLeft = 1701
    var marginRight = 851
    var headerDistance = 567
    var footerDistance = 454

    /// The body font size (points) and the footnote font size.
    var fontSize = 14.0
    var footnoteSize = 12.0
    var fontName = "Times New Roman"

    /// Document properties.
    var title = ""
    var subject = ""
    var creator = "Tiến độ"
    var created = Date()

    /// The width between the margins.
    var textWidth: Int { pageWidth - marginLeft - marginRight }

    /// Adds a footnote and returns the run that refers to it.
    mutating func footnote(_ text: String) -> WordRun {
        var paragraph = WordParagraph([WordRun(kind: .footnoteMark), .text(" " + text)])
        paragraph.alignment = .justified
        footnotes.append([paragraph])
        return WordRun(kind: .footnoteReference(footnotes.count))
    }

    /// Adds a chart and returns the run that shows it.
    mutating func chart(_ part: WordChartPart, width: Int, height: Int, title: String) -> WordRun {
        charts.append(part)
        return WordRun(kind: .chart(index: charts.count - 1, width: width, height: height, title: title))
    }
}
