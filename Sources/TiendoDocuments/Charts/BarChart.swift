import Foundation
import TiendoCore

/// A stacked bar chart drawn by Word and LibreOffice themselves (a DrawingML chart part with
/// its values cached in the part, and a small workbook embedded so Word's "Edit data" works).
/// The document carries numbers, not a picture, so the chart prints sharp at any size.
struct BarChart: Sendable {
    /// One coloured series, e.g. the targets "đạt và vượt" in every group.
    struct Series: Sendable {
        var name: String
        /// A hex colour such as "2E7D32".
        var color: String
        /// One value per category.
        var values: [Double]
        /// A DrawingML pattern ("wdDnDiag", "smCheck", …) drawn in `color` on white, nil for a
        /// solid fill: printed in black and white, hatched bars still differ from solid ones
        /// whose colours turn the same grey.
        var pattern: String? = nil
    }

    /// The labels of the bars, top to bottom (horizontal) or left to right (columns).
    var categories: [String]
    var series: [Series]
    /// Horizontal bars (long category names read better) rather than columns.
    var horizontal = true
    /// Stack the series in one bar per category.
    var stacked = true
    /// The title of the value axis, e.g. "Số chỉ tiêu".
    var valueAxisTitle: String?
    /// Decimals of the values (labels and axis).
    var decimals = 0
    /// The font of every label.
    var fontName = "Times New Roman"
    var fontSize = 11.0

    /// The chart part.
    var part: WordChartPart {
        get throws { WordChartPart(chartXML: chartXML, workbook: try workbook()) }
    }

    /// The data as a small workbook: categories in column A, one column per series, from row 3.
    func workbook() throws -> Data {
        let sheet = XlsxSheet(
            name: "Sheet1", title: valueAxisTitle ?? "", headings: [""] + series.map(\.name),
            rows: categories.enumerated().map { index, category in
                [XlsxCell.text(category)] + series.map { .number($0.values[index], decimals: decimals) }
            })
        return try XlsxWriter.write([sheet])
    }

    // MARK: - DrawingML

    var chartXML: String {
        let categoryAxis = 50_010
        let valueAxis = 50_020
        let lastRow = categories.count + 2
        var xml = XML.declaration
        xml += "<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\""
        xml += " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
        xml += " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        xml += "<c:date1904 val=\"0\"/><c:lang val=\"vi-VN\"/><c:roundedCorners val=\"0\"/>"
        xml += "<c:chart><c:autoTitleDeleted val=\"1\"/><c:plotArea><c:layout/>"
        xml += "<c:barChart><c:barDir val=\"\(horizontal ? "bar" : "col")\"/>"
        xml += "<c:grouping val=\"\(stacked ? "stacked" : "clustered")\"/><c:varyColors val=\"0\"/>"
        for (index, series) in series.enumerated() {
            let column = XlsxWriter.columnName(index + 1)
            xml += "<c:ser><c:idx val=\"\(index)\"/><c:order val=\"\(index)\"/>"
            xml += "<c:tx><c:strRef><c:f>Sheet1!$\(column)$2</c:f><c:strCache><c:ptCount val=\"1\"/>"
            xml += "<c:pt idx=\"0\"><c:v>\(XML.escape(series.name))</c:v></c:pt></c:strCache></c:strRef></c:tx>"
            if let pattern = series.pattern {
                // A dark outline keeps a hatched segment's edge visible against the white between
                // its lines.
                xml += "<c:spPr><a:pattFill prst=\"\(XML.escape(pattern))\">"
                xml += "<a:fgClr><a:srgbClr val=\"\(series.color)\"/></a:fgClr>"
                xml += "<a:bgClr><a:srgbClr val=\"FFFFFF\"/></a:bgClr></a:pattFill>"
                xml +=
                    "<a:ln w=\"9525\"><a:solidFill><a:srgbClr val=\"\(series.color)\"/></a:solidFill></a:ln></c:spPr>"
            } else {
                xml += "<c:spPr><a:solidFill><a:srgbClr val=\"\(series.color)\"/></a:solidFill>"
                xml += "<a:ln w=\"6350\"><a:solidFill><a:srgbClr val=\"FFFFFF\"/></a:solidFill></a:ln></c:spPr>"
            }
            xml += "<c:invertIfNegative val=\"0\"/>"
            xml += "<c:dLbls><c:numFmt formatCode=\"\(XML.escape(labelFormat))\" sourceLinked=\"0\"/>"
            if series.pattern != nil {
                // A number on hatching is hard to read: it sits in a white box.
                xml += "<c:spPr><a:solidFill><a:srgbClr val=\"FFFFFF\"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>"
                xml += textProperties(bold: true, color: "000000")
            } else {
                xml += "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
                xml += textProperties(bold: true, color: labelColor(series.color))
            }
            xml += "<c:dLblPos val=\"ctr\"/><c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/>"
            xml += "<c:showCatName val=\"0\"/><c:showSerName val=\"0\"/><c:showPercent val=\"0\"/>"
            xml += "<c:showBubbleSize val=\"0\"/></c:dLbls>"
            xml += "<c:cat><c:strRef><c:f>Sheet1!$A$3:$A$\(lastRow)</c:f><c:strCache>"
            xml += "<c:ptCount val=\"\(categories.count)\"/>"
            for (point, category) in categories.enumerated() {
                xml += "<c:pt idx=\"\(point)\"><c:v>\(XML.escape(category))</c:v></c:pt>"
            }
            xml += "</c:strCache></c:strRef></c:cat>"
            xml += "<c:val><c:numRef><c:f>Sheet1!$\(column)$3:$\(column)$\(lastRow)</c:f><c:numCache>"
            xml += "<c:formatCode>General</c:formatCode><c:ptCount val=\"\(series.values.count)\"/>"
            for (point, value) in series.values.enumerated() {
                xml += "<c:pt idx=\"\(point)\"><c:v>\(XlsxWriter.numberLiteral(value))</c:v></c:pt>"
            }
            xml += "</c:numCache></c:numRef></c:val></c:ser>"
        }
        xml += "<c:gapWidth val=\"55\"/>"
        if stacked { xml += "<c:overlap val=\"100\"/>" }
        xml += "<c:axId val=\"\(categoryAxis)\"/><c:axId val=\"\(valueAxis)\"/></c:barChart>"
        // Categories read top to bottom on a horizontal chart, so that axis runs max to min and
        // the value axis crosses it at its far end (the bottom).
        xml += "<c:catAx><c:axId val=\"\(categoryAxis)\"/><c:scaling><c:orientation val=\""
        xml += horizontal ? "maxMin" : "minMax"
        xml += "\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"\(horizontal ? "l" : "b")\"/>"
        xml += "<c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"none\"/>"
        xml += "<c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>"
        xml += "<c:spPr><a:ln w=\"9525\"><a:solidFill><a:srgbClr val=\"808080\"/></a:solidFill></a:ln></c:spPr>"
        xml += textProperties(bold: false, color: "000000")
        xml += "<c:crossAx val=\"\(valueAxis)\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/>"
        xml += "<c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>"
        xml += "<c:valAx><c:axId val=\"\(valueAxis)\"/><c:scaling><c:orientation val=\"minMax\"/>"
        xml += "<c:min val=\"0\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"\(horizontal ? "b" : "l")\"/>"
        xml += "<c:majorGridlines><c:spPr><a:ln w=\"6350\"><a:solidFill><a:srgbClr val=\"D9D9D9\"/></a:solidFill>"
        xml += "</a:ln></c:spPr></c:majorGridlines>"
        if let title = valueAxisTitle {
            xml += "<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr>"
            xml += defaultRunProperties(bold: false, color: "000000")
            xml +=
                "</a:pPr><a:r><a:rPr lang=\"vi-VN\" b=\"0\"/><a:t>\(XML.escape(title))</a:t></a:r></a:p></c:rich></c:tx>"
            xml += "<c:overlay val=\"0\"/></c:title>"
        }
        xml += "<c:numFmt formatCode=\"\(XML.escape(axisFormat))\" sourceLinked=\"0\"/>"
        xml += "<c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>"
        xml += "<c:spPr><a:ln w=\"9525\"><a:solidFill><a:srgbClr val=\"808080\"/></a:solidFill></a:ln></c:spPr>"
        xml += textProperties(bold: false, color: "000000")
        xml += "<c:crossAx val=\"\(categoryAxis)\"/><c:crosses val=\"\(horizontal ? "max" : "autoZero")\"/>"
        xml += "<c:crossBetween val=\"between\"/>"
        if decimals == 0 { xml += "<c:majorUnit val=\"\(majorUnit)\"/>" }
        xml += "</c:valAx>"
        xml += "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
        xml += "</c:plotArea>"
        xml += "<c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/>"
        xml += textProperties(bold: false, color: "000000") + "</c:legend>"
        xml += "<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>"
        xml += "<c:spPr><a:solidFill><a:srgbClr val=\"FFFFFF\"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>"
        xml += textProperties(bold: false, color: "000000")
        xml += "<c:externalData r:id=\"rId1\"><c:autoUpdate val=\"0\"/></c:externalData>"
        return xml + "</c:chartSpace>"
    }

    /// Labels leave zero values out (an empty bar segment needs no "0").
    private var labelFormat: String {
        (decimals > 0 ? "#,##0." + String(repeating: "0", count: decimals) : "#,##0") + ";;;"
    }

    private var axisFormat: String {
        decimals > 0 ? "#,##0." + String(repeating: "0", count: decimals) : "#,##0"
    }

    /// A whole step on the value axis that gives at most about ten gridlines.
    private var majorUnit: Int {
        var largest = 0.0
        for index in categories.indices {
            let total =
                stacked
                ? series.reduce(0) { $0 + max($1.values[index], 0) } : series.map { $0.values[index] }.max() ?? 0
            largest = max(largest, total)
        }
        // The only chart drawn today counts targets, and every series has one value per
        // category (ReportComposer builds both from the same groups). A value too large for an
        // Int still gets a step rather than a trap in `Int(_:)`.
        return max(1, ((largest / 10).rounded(.up)).wholeIntIfFits ?? Int.max)
    }

    /// White text on dark fills, black on light ones.
    private func labelColor(_ fill: String) -> String {
        guard let value = Int(fill, radix: 16) else { return "000000" }
        let r = Double((value >> 16) & 0xFF)
        let g = Double((value >> 8) & 0xFF)
        let b = Double(value & 0xFF)
        return 0.299 * r + 0.587 * g + 0.114 * b < 140 ? "FFFFFF" : "000000"
    }

    private func defaultRunProperties(bold: Bool, color: String) -> String {
        let size = Int((fontSize * 100).rounded())
        return "<a:defRPr sz=\"\(size)\" b=\"\(bold ? 1 : 0)\"><a:solidFill><a:srgbClr val=\"\(color)\"/></a:solidFill>"
            + "<a:latin typeface=\"\(XML.escape(fontName))\"/><a:cs typeface=\"\(XML.escape(fontName))\"/></a:defRPr>"
    }

    private func textProperties(bold: Bool, color: String) -> String {
        "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>" + defaultRunProperties(bold: bold, color: color)
            + "</a:pPr><a:endParaRPr lang=\"vi-VN\"/></a:p></c:txPr>"
    }
}
