import Foundation

/// Writes a ``WordDocument`` as a .docx package (WordprocessingML, ECMA-376): the parts Word
/// itself writes for such a document, with elements in schema order so Word opens it without a
/// repair prompt.
enum DocxWriter {
    static let wNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let rNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let relationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let namespaces =
        "xmlns:w=\"\(wNamespace)\" xmlns:r=\"\(rNamespace)\""
        + " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
        + " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
        + " xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\""

    /// The package bytes.
    static func write(_ document: WordDocument) throws -> Data {
        try OfficeZip.write(parts(document), modified: document.created)
    }

    /// The package parts in the order they are stored.
    static func parts(_ document: WordDocument) -> [(path: String, data: Data)] {
        var parts: [(String, String)] = []
        var documentRels: [(id: String, type: String, target: String)] = [
            ("rIdStyles", "styles", "styles.xml"),
            ("rIdSettings", "settings", "settings.xml"),
            ("rIdFontTable", "fontTable", "fontTable.xml"),
            ("rIdFootnotes", "footnotes", "footnotes.xml"),
            ("rIdHeader1", "header", "header1.xml"),
            ("rIdHeader2", "header", "header2.xml"),
        ]
        var overrides: [(String, String)] = [
            ("/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
            ("/word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"),
            ("/word/settings.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"),
            ("/word/fontTable.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"),
            ("/word/footnotes.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"),
            ("/word/header1.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"),
            ("/word/header2.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"),
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
        ]
        if document.footer != nil {
            // Page 1 has its own footer part (titlePg), with the same content.
            for number in 1...2 {
                documentRels.append(("rIdFooter\(number)", "footer", "footer\(number).xml"))
                overrides.append(
                    (
                        "/word/footer\(number).xml",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
                    ))
            }
        }
        var chartParts: [(String, Data)] = []
        for (index, chart) in document.charts.enumerated() {
            let number = index + 1
            documentRels.append(("rIdChart\(number)", "chart", "charts/chart\(number).xml"))
            overrides.append(
                ("/word/charts/chart\(number).xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml")
            )
            chartParts.append(("word/charts/chart\(number).xml", Data(chart.chartXML.utf8)))
            if let workbook = chart.workbook {
                let name = "Microsoft_Excel_Worksheet\(number).xlsx"
                chartParts.append(("word/embeddings/\(name)", workbook))
                chartParts.append(
                    (
                        "word/charts/_rels/chart\(number).xml.rels",
                        Data(
                            relationships([
                                (
                                    "rId1",
                                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package",
                                    "../embeddings/\(name)"
                                )
                            ]).utf8)
                    ))
            }
        }

        parts.append(("[Content_Types].xml", contentTypes(overrides)))
        parts.append(
            (
                "_rels/.rels",
                relationships([
                    ("rId1", relationshipType + "/officeDocument", "word/document.xml"),
                    (
                        "rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                        "docProps/core.xml"
                    ),
                    ("rId3", relationshipType + "/extended-properties", "docProps/app.xml"),
                ])
            ))
        parts.append(("docProps/core.xml", coreProperties(document)))
        parts.append(("docProps/app.xml", appProperties()))
        parts.append(("word/document.xml", body(document)))
        parts.append(
            (
                "word/_rels/document.xml.rels",
                relationships(documentRels.map { ($0.id, relationshipType + "/" + $0.type, $0.target) })
            ))
        parts.append(("word/styles.xml", styles(document)))
        parts.append(("word/settings.xml", settings()))
        parts.append(("word/fontTable.xml", fontTable(document)))
        parts.append(("word/footnotes.xml", footnotes(document)))
        parts.append(("word/header1.xml", headerFooter("hdr", document.header)))
        parts.append(("word/header2.xml", headerFooter("hdr", document.firstPageHeader)))
        if let footer = document.footer {
            parts.append(("word/footer1.xml", headerFooter("ftr", footer)))
            parts.append(("word/footer2.xml", headerFooter("ftr", footer)))
        }
        return parts.map { ($0.0, Data($0.1.utf8)) } + chartParts
    }

    // MARK: - Package parts

    static func contentTypes(_ overrides: [(String, String)]) -> String {
        var xml = XML.declaration
        xml += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        xml +=
            "<Default Extension=\"xlsx\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\"/>"
        for (part, type) in overrides { xml += "<Override PartName=\"\(part)\" ContentType=\"\(type)\"/>" }
        return xml + "</Types>"
    }

    static func relationships(_ rels: [(String, String, String)]) -> String {
        var xml = XML.declaration
        xml += "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for (id, type, target) in rels {
            xml += "<Relationship Id=\"\(id)\" Type=\"\(type)\" Target=\"\(XML.escape(target))\"/>"
        }
        return xml + "</Relationships>"
    }

    static func coreProperties(_ document: WordDocument) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let date = formatter.string(from: document.created)
        var xml = XML.declaration
        xml +=
            "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        xml += "<dc:title>\(XML.escape(document.title))</dc:title>"
        xml += "<dc:subject>\(XML.escape(document.subject))</dc:subject>"
        xml += "<dc:creator>\(XML.escape(document.creator))</dc:creator>"
        xml += "<dc:language>vi-VN</dc:language>"
        xml += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(date)</dcterms:created>"
        xml += "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">\(date)</dcterms:modified>"
        return xml + "</cp:coreProperties>"
    }

    static func appProperties() -> String {
        XML.declaration
            + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
            + "<Application>Tiến độ</Application></Properties>"
    }

    static func styles(_ document: WordDocument) -> String {
        let font = XML.escape(document.fontName)
        let size = halfPoints(document.fontSize)
        let footnoteSize = halfPoints(document.footnoteSize)
        var xml = XML.declaration
        xml += "<w:styles xmlns:w=\"\(wNamespace)\">"
        xml += "<w:docDefaults><w:rPrDefault><w:rPr>"
        xml += "<w:rFonts w:ascii=\"\(font)\" w:hAnsi=\"\(font)\" w:eastAsia=\"\(font)\" w:cs=\"\(font)\"/>"
        xml += "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/>"
        xml += "<w:lang w:val=\"vi-VN\" w:eastAsia=\"en-US\" w:bidi=\"ar-SA\"/>"
        xml += "</w:rPr></w:rPrDefault>"
        xml +=
            "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>"
        xml += "</w:docDefaults>"
        xml +=
            "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
        xml += "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
        xml += "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>"
        xml += "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
        xml += "<w:semiHidden/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>"
        xml += "<w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
        xml += "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
        xml += "</w:tblCellMar></w:tblPr></w:style>"
        xml += "<w:style w:type=\"paragraph\" w:styleId=\"FootnoteText\"><w:name w:val=\"footnote text\"/>"
        xml += "<w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"both\"/></w:pPr>"
        xml += "<w:rPr><w:sz w:val=\"\(footnoteSize)\"/><w:szCs w:val=\"\(footnoteSize)\"/></w:rPr></w:style>"
        xml += "<w:style w:type=\"character\" w:styleId=\"FootnoteReference\"><w:name w:val=\"footnote reference\"/>"
        xml += "<w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr></w:style>"
        xml += headingStyles(document)
        xml +=
            "<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/><w:basedOn w:val=\"Normal\"/></w:style>"
        xml +=
            "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/></w:style>"
        return xml + "</w:styles>"
    }

    /// Heading 1–4 as official reports set them: Times New Roman in the body size, bold, black,
    /// kept with the next paragraph; the part titles (heading 1) centred, the others justified
    /// with the body's first-line indent. Word's built-in names ("heading 1") make Word and
    /// LibreOffice treat them as their own heading styles.
    static func headingStyles(_ document: WordDocument) -> String {
        let font = XML.escape(document.fontName)
        let size = halfPoints(document.fontSize)
        var xml = ""
        for heading in WordHeading.allCases {
            xml += "<w:style w:type=\"paragraph\" w:styleId=\"\(heading.styleID)\">"
            xml += "<w:name w:val=\"heading \(heading.rawValue)\"/><w:basedOn w:val=\"Normal\"/>"
            xml += "<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/>"
            xml += "<w:pPr><w:keepNext/><w:keepLines/>"
            xml += "<w:spacing w:before=\"120\" w:after=\"120\" w:line=\"276\" w:lineRule=\"auto\"/>"
            if heading == .part {
                xml += "<w:jc w:val=\"center\"/>"
            } else {
                xml += "<w:ind w:firstLine=\"567\"/><w:jc w:val=\"both\"/>"
            }
            xml += "<w:outlineLvl w:val=\"\(heading.outlineLevel)\"/></w:pPr>"
            xml += "<w:rPr><w:rFonts w:ascii=\"\(font)\" w:hAnsi=\"\(font)\" w:eastAsia=\"\(font)\" w:cs=\"\(font)\"/>"
            xml += "<w:b/><w:bCs/><w:color w:val=\"000000\"/>"
            xml += "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/></w:rPr></w:style>"
        }
        return xml
    }

    static func settings() -> String {
        var xml = XML.declaration
        xml += "<w:settings xmlns:w=\"\(wNamespace)\">"
        xml += "<w:zoom w:percent=\"100\"/>"
        xml += "<w:defaultTabStop w:val=\"720\"/>"
        xml += "<w:characterSpacingControl w:val=\"doNotCompress\"/>"
        xml += "<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>"
        xml +=
            "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\""
        xml += " w:val=\"15\"/></w:compat>"
        xml += "<w:themeFontLang w:val=\"vi-VN\"/>"
        xml += "<w:decimalSymbol w:val=\",\"/><w:listSeparator w:val=\";\"/>"
        return xml + "</w:settings>"
    }

    static func fontTable(_ document: WordDocument) -> String {
        XML.declaration + "<w:fonts xmlns:w=\"\(wNamespace)\"><w:font w:name=\"\(XML.escape(document.fontName))\">"
            + "<w:panose1 w:val=\"02020603050405020304\"/><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/>"
            + "<w:pitch w:val=\"variable\"/></w:font></w:fonts>"
    }

    static func footnotes(_ document: WordDocument) -> String {
        var xml = XML.declaration
        xml += "<w:footnotes \(namespaces)>"
        xml += "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\""
        xml += " w:lineRule=\"auto\"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>"
        xml += "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:after=\"0\""
        xml += " w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
        for (index, paragraphs) in document.footnotes.enumerated() {
            xml += "<w:footnote w:id=\"\(index + 1)\">"
            for paragraph in paragraphs { xml += self.paragraph(paragraph, style: "FootnoteText") }
            xml += "</w:footnote>"
        }
        return xml + "</w:footnotes>"
    }

    static func headerFooter(_ element: String, _ paragraphs: [WordParagraph]) -> String {
        var xml = XML.declaration + "<w:\(element) \(namespaces)>"
        let content = paragraphs.isEmpty ? [WordParagraph([])] : paragraphs
        for paragraph in content { xml += self.paragraph(paragraph, style: element == "hdr" ? "Header" : "Footer") }
        return xml + "</w:\(element)>"
    }

    // MARK: - Body

    static func body(_ document: WordDocument) -> String {
        var xml = XML.declaration
        xml += "<w:document \(namespaces)><w:body>"
        var drawingID = 0
        for block in document.blocks {
            switch block {
            case .paragraph(let p): xml += paragraph(p, drawingID: &drawingID)
            case .table(let t): xml += table(t, drawingID: &drawingID)
            }
        }
        xml += "<w:sectPr>"
        xml += "<w:headerReference w:type=\"default\" r:id=\"rIdHeader1\"/>"
        xml += "<w:headerReference w:type=\"first\" r:id=\"rIdHeader2\"/>"
        if document.footer != nil {
            xml += "<w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/>"
            xml += "<w:footerReference w:type=\"first\" r:id=\"rIdFooter2\"/>"
        }
        xml += "<w:footnotePr><w:numFmt w:val=\"decimal\"/></w:footnotePr>"
        xml += "<w:pgSz w:w=\"\(document.pageWidth)\" w:h=\"\(document.pageHeight)\"/>"
        xml += "<w:pgMar w:top=\"\(document.marginTop)\" w:right=\"\(document.marginRight)\""
        xml += " w:bottom=\"\(document.marginBottom)\" w:left=\"\(document.marginLeft)\""
        xml += " w:header=\"\(document.headerDistance)\" w:footer=\"\(document.footerDistance)\" w:gutter=\"0\"/>"
        xml += "<w:pgNumType w:start=\"1\"/>"
        xml += "<w:cols w:space=\"720\"/>"
        xml += "<w:titlePg/>"
        xml += "</w:sectPr>"
        return xml + "</w:body></w:document>"
    }

    static func paragraph(_ p: WordParagraph, style: String? = nil) -> String {
        var id = 0
        return paragraph(p, style: style, drawingID: &id)
    }

    static func paragraph(_ p: WordParagraph, style: String? = nil, drawingID: inout Int) -> String {
        var xml = "<w:p><w:pPr>"
        if let style = style ?? p.style { xml += "<w:pStyle w:val=\"\(style)\"/>" }
        if p.keepWithNext { xml += "<w:keepNext/>" }
        if p.keepLinesTogether { xml += "<w:keepLines/>" }
        if p.pageBreakBefore { xml += "<w:pageBreakBefore/>" }
        if let rule = p.bottomRule {
            xml += "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"\(rule)\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>"
        }
        xml += "<w:spacing w:before=\"\(p.spaceBefore)\" w:after=\"\(p.spaceAfter)\" w:line=\"\(p.lineSpacing)\""
        xml += " w:lineRule=\"auto\"/>"
        if p.leftIndent != 0 || p.rightIndent != 0 || p.firstLineIndent != 0 {
            xml += "<w:ind w:left=\"\(p.leftIndent)\" w:right=\"\(p.rightIndent)\""
            xml +=
                p.firstLineIndent >= 0
                ? " w:firstLine=\"\(p.firstLineIndent)\"/>" : " w:hanging=\"\(-p.firstLineIndent)\"/>"
        }
        xml += "<w:jc w:val=\"\(p.alignment.rawValue)\"/>"
        if let level = p.outlineLevel { xml += "<w:outlineLvl w:val=\"\(level)\"/>" }
        if let markSize = p.markSize {
            xml += "<w:rPr><w:sz w:val=\"\(halfPoints(markSize))\"/><w:szCs w:val=\"\(halfPoints(markSize))\"/></w:rPr>"
        }
        xml += "</w:pPr>"
        for run in p.runs { xml += self.run(run, drawingID: &drawingID) }
        return xml + "</w:p>"
    }

    static func runProperties(_ r: WordRun, superscript: Bool = false, style: String? = nil) -> String {
        var xml = ""
        if let style { xml += "<w:rStyle w:val=\"\(style)\"/>" }
        if r.bold { xml += "<w:b/><w:bCs/>" }
        if r.italic { xml += "<w:i/><w:iCs/>" }
        if let color = r.color { xml += "<w:color w:val=\"\(color)\"/>" }
        if let size = r.size { xml += "<w:sz w:val=\"\(halfPoints(size))\"/><w:szCs w:val=\"\(halfPoints(size))\"/>" }
        if r.underline { xml += "<w:u w:val=\"single\"/>" }
        if superscript { xml += "<w:vertAlign w:val=\"superscript\"/>" }
        return xml.isEmpty ? "" : "<w:rPr>\(xml)</w:rPr>"
    }

    static func run(_ r: WordRun, drawingID: inout Int) -> String {
        switch r.kind {
        case .text:
            // Line breaks inside a text run become <w:br/> so typed text keeps its lines.
            let pieces = r.text.split(separator: "\n", omittingEmptySubsequences: false)
            var xml = "<w:r>" + runProperties(r)
            for (index, piece) in pieces.enumerated() {
                if index > 0 { xml += "<w:br/>" }
                if !piece.isEmpty { xml += "<w:t xml:space=\"preserve\">\(XML.escape(String(piece)))</w:t>" }
            }
            return xml + "</w:r>"
        case .footnoteReference(let id):
            return "<w:r>" + runProperties(r, superscript: true, style: "FootnoteReference")
                + "<w:footnoteReference w:id=\"\(id)\"/></w:r>"
        case .footnoteMark:
            return "<w:r>" + runProperties(r, superscript: true, style: "FootnoteReference") + "<w:footnoteRef/></w:r>"
        case .pageNumber:
            let properties = runProperties(r)
            return "<w:r>\(properties)<w:fldChar w:fldCharType=\"begin\"/></w:r>"
                + "<w:r>\(properties)<w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
                + "<w:r>\(properties)<w:fldChar w:fldCharType=\"separate\"/></w:r>"
                + "<w:r>\(properties)<w:t>2</w:t></w:r>"
                + "<w:r>\(properties)<w:fldChar w:fldCharType=\"end\"/></w:r>"
        case .lineBreak:
            return "<w:r>" + runProperties(r) + "<w:br/></w:r>"
        case .chart(let index, let width, let height, let title):
            drawingID += 1
            let escaped = XML.escape(title)
            return "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
                + "<wp:extent cx=\"\(width)\" cy=\"\(height)\"/>"
                + "<wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>"
                + "<wp:docPr id=\"\(drawingID)\" name=\"Biểu đồ \(drawingID)\" descr=\"\(escaped)\"/>"
                + "<wp:cNvGraphicFramePr/>"
                + "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">"
                + "<c:chart r:id=\"rIdChart\(index + 1)\"/></a:graphicData></a:graphic>"
                + "</wp:inline></w:drawing></w:r>"
        }
    }

    static func table(_ t: WordTable, drawingID: inout Int) -> String {
        let total = t.columnWidths.reduce(0, +)
        var xml = "<w:tbl><w:tblPr>"
        xml += "<w:tblW w:w=\"\(total)\" w:type=\"dxa\"/>"
        if let indent = t.leftIndent {
            xml += "<w:jc w:val=\"left\"/><w:tblInd w:w=\"\(indent)\" w:type=\"dxa\"/>"
        } else {
            xml += "<w:jc w:val=\"center\"/>"
        }
        let border = t.bordered ? "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"" : "w:val=\"nil\""
        xml += "<w:tblBorders>"
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] { xml += "<w:\(side) \(border)/>" }
        xml += "</w:tblBorders>"
        xml += "<w:tblLayout w:type=\"fixed\"/>"
        xml += "<w:tblCellMar><w:top w:w=\"\(t.bordered ? 28 : 0)\" w:type=\"dxa\"/>"
        xml += "<w:left w:w=\"\(t.cellPadding)\" w:type=\"dxa\"/>"
        xml += "<w:bottom w:w=\"\(t.bordered ? 28 : 0)\" w:type=\"dxa\"/>"
        xml += "<w:right w:w=\"\(t.cellPadding)\" w:type=\"dxa\"/></w:tblCellMar>"
        xml += "<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\""
        xml += " w:noHBand=\"1\" w:noVBand=\"1\"/>"
        xml += "</w:tblPr><w:tblGrid>"
        for width in t.columnWidths { xml += "<w:gridCol w:w=\"\(width)\"/>" }
        xml += "</w:tblGrid>"
        for row in t.rows {
            xml += "<w:tr><w:trPr>"
            if row.cantSplit { xml += "<w:cantSplit/>" }
            if row.isHeader { xml += "<w:tblHeader/>" }
            xml += "</w:trPr>"
            var column = 0
            for cell in row.cells {
                // Clamped at both ends: a row with more cells (or spans) than the grid has columns
                // gets width 0 for the extra cells instead of a backwards range.
                let end = min(column + cell.span, t.columnWidths.count)
                let width = t.columnWidths[min(column, end)..<end].reduce(0, +)
                column += cell.span
                xml += "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>"
                if cell.span > 1 { xml += "<w:gridSpan w:val=\"\(cell.span)\"/>" }
                if let shading = cell.shading {
                    xml += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"\(shading)\"/>"
                }
                xml += "<w:vAlign w:val=\"\(cell.verticalAlignment.rawValue)\"/></w:tcPr>"
                var paragraphs = cell.paragraphs.isEmpty ? [WordParagraph([])] : cell.paragraphs
                // Word keeps a row with the next one when its paragraphs keep with the next: a
                // header (and the caption kept with it) never ends a page without a row under it.
                if row.isHeader || row.keepWithNext {
                    for index in paragraphs.indices { paragraphs[index].keepWithNext = true }
                }
                for paragraph in paragraphs { xml += self.paragraph(paragraph, drawingID: &drawingID) }
                xml += "</w:tc>"
            }
            xml += "</w:tr>"
        }
        return xml + "</w:tbl>"
    }

    /// Points as the half-points Word stores font sizes in.
    static func halfPoints(_ points: Double) -> Int { Int((points * 2).rounded()) }
}
