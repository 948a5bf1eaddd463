import Foundation
import TiendoCore

/// Lays a ``ReviewReport`` out as a Word document: header block, kind and subject, the body in
/// the outline of domain.md, the signature block and the recipients.
struct ReportComposer {
    let report: ReviewReport
    let layout: ReportLayout
    var document = WordDocument()

    /// First-line indent of body paragraphs (1 cm).
    let indent = 567
    /// Space after a body paragraph (6 pt).
    let paragraphSpace = 120
    /// Line spacing of the body (1,15 lines).
    let bodyLineSpacing = 276

    init(report: ReviewReport, layout: ReportLayout) {
        self.report = report
        self.layout = layout
    }

    var assessed: UnitAssessment { report.assessed }
    var resolution: Resolution { assessed.resolution }
    var narrative: Narrative { report.narrative }
    var kind: ReportKind { report.options.kind }

    mutating func compose(created: Date) -> WordDocument {
        document.fontSize = layout.bodySize
        document.created = created
        let subject = kind.subject(resolutionTitle: resolution.title, period: assessed.period)
        document.title = "Báo cáo " + ReportWording.lowercasingFirst(subject)
        document.subject = assessed.unit.fullName + " — " + assessed.period.vietnameseLabel
        document.header = [pageNumberParagraph()]
        document.firstPageHeader = []
        if report.isDemo {
            var notice = WordParagraph(
                [.text(ReviewReport.demoNotice, italic: true, size: 10, color: "595959")], alignment: .center)
            notice.markSize = 10
            document.footer = [notice]
        }

        headerBlock()
        title(subject)
        bodyText()
        signatureBlock()
        return document
    }

    // MARK: - Header block

    /// The two-column block at the top: issuing body, "*" and number on the left; the national or
    /// party title, its rule, and the place and date on the right.
    mutating func headerBlock() {
        let padding = 60
        var left: [WordParagraph] = []
        var right: [WordParagraph] = []
        let titleText = layout.body == .dang ? "ĐẢNG CỘNG SẢN VIỆT NAM" : "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        let names = (layout.superiorBody.map { [($0, false)] } ?? []) + layout.issuingBody.map { ($0, true) }
        let namesWidth = names.map { TextWidth.twips($0.0, size: layout.headerSize, bold: $0.1) }.max() ?? 0
        // Decree 30 allows the national title at 12–13 pt: the larger when it fits.
        var titleSize = layout.titleSize
        if layout.body == .chinhQuyen,
            TextWidth.twips(titleText, size: 13, bold: true) + namesWidth + 4 * padding + 240 <= document.textWidth
        {
            titleSize = 13
        }
        let titleWidth = TextWidth.twips(titleText, size: titleSize, bold: true)
        let dateWidth = TextWidth.twips(layout.placeAndDate, size: layout.dateSize, bold: false)
        // Each column fits its longest line; when both do not fit between the margins the block
        // reaches into the wide left margin (up to 1 cm), as office templates do, rather than
        // breaking the issuing body's name.
        let rightNeeded = max(titleWidth, dateWidth) + 2 * padding + 60
        let leftNeeded = namesWidth + 2 * padding + 60
        let extra = min(max(0, leftNeeded + rightNeeded - document.textWidth), 567)
        let total = document.textWidth + extra
        let rightWidth = min(rightNeeded, total * 64 / 100)
        let leftWidth = total - rightWidth

        func line(_ text: String, size: Double, bold: Bool = false, italic: Bool = false) -> WordParagraph {
            var p = WordParagraph([.text(text, bold: bold, italic: italic, size: size)], alignment: .center)
            p.markSize = size
            return p
        }
        /// A rule `width` twips long, centred in a cell `cell` twips wide, under the previous line.
        func rule(_ width: Int, in cell: Int) -> WordParagraph {
            var p = WordParagraph([], alignment: .center)
            let side = max(0, (cell - 2 * padding - width) / 2)
            p.leftIndent = side
            p.rightIndent = side
            p.bottomRule = 6
            p.markSize = 2
            p.lineSpacing = 240
            return p
        }

        if let superior = layout.superiorBody { left.append(line(superior, size: layout.headerSize)) }
        for name in layout.issuingBody { left.append(line(name, size: layout.headerSize, bold: true)) }
        switch layout.body {
        case .dang:
            left.append(line("*", size: layout.headerSize))
            var number = line(layout.numberLine, size: layout.numberSize)
            number.spaceBefore = 0
            left.append(number)

            var title = line(titleText, size: titleSize, bold: true)
            let side = max(0, (rightWidth - 2 * padding - titleWidth) / 2 - 20)
            title.leftIndent = side
            title.rightIndent = side
            title.bottomRule = 6
            right.append(title)
            // The date sits level with the "*" (the line after the issuing body).
            let linesBeforeStar = left.count - 2
            for _ in 1..<max(linesBeforeStar, 1) { right.append(line("", size: layout.headerSize)) }
            var date = line(layout.placeAndDate, size: layout.dateSize, italic: true)
            date.spaceBefore = 60
            right.append(date)
        case .chinhQuyen:
            let longest = layout.issuingBody.map { TextWidth.twips($0, size: layout.headerSize, bold: true) }.max() ?? 0
            left.append(rule(max(longest / 2, 900), in: leftWidth))
            var number = line(layout.numberLine, size: layout.numberSize)
            number.spaceBefore = 120
            left.append(number)

            right.append(line(titleText, size: titleSize, bold: true))
            let motto = "Độc lập - Tự do - Hạnh phúc"
            var mottoLine = line(motto, size: 13, bold: true)
            let mottoWidth = TextWidth.twips(motto, size: 13, bold: true)
            let side = max(0, (rightWidth - 2 * padding - mottoWidth) / 2 - 20)
            mottoLine.leftIndent = side
            mottoLine.rightIndent = side
            mottoLine.bottomRule = 6
            right.append(mottoLine)
            var date = line(layout.placeAndDate, size: layout.dateSize, italic: true)
            date.spaceBefore = 120 + 40
            right.append(date)
        }
        var table = WordTable(
            columnWidths: [leftWidth, rightWidth],
            rows: [WordRow(cells: [WordCell(left), WordCell(right)], isHeader: false, cantSplit: true)])
        table.bordered = false
        table.cellPadding = padding
        table.leftIndent = -extra
        for index in table.rows[0].cells.indices { table.rows[0].cells[index].verticalAlignment = .top }
        document.blocks.append(.table(table))
    }

    /// "BÁO CÁO" and the subject under it, then the short mark that closes the title.
    mutating func title(_ subject: String) {
        var kindLine = WordParagraph([.text("BÁO CÁO", bold: true, size: layout.kindSize)], alignment: .center)
        kindLine.spaceBefore = 480
        kindLine.keepWithNext = true
        kindLine.outlineLevel = 0
        document.blocks.append(.paragraph(kindLine))
        var subjectLine = WordParagraph([.text(subject, bold: true, size: layout.subjectSize)], alignment: .center)
        subjectLine.keepWithNext = true
        subjectLine.leftIndent = 400
        subjectLine.rightIndent = 400
        document.blocks.append(.paragraph(subjectLine))
        switch layout.body {
        case .dang:
            var dashes = WordParagraph([.text("-----", size: layout.subjectSize)], alignment: .center)
            dashes.spaceAfter = 240
            document.blocks.append(.paragraph(dashes))
        case .chinhQuyen:
            var rule = WordParagraph([], alignment: .center)
            let side = (document.textWidth - 1800) / 2
            rule.leftIndent = side
            rule.rightIndent = side
            rule.bottomRule = 6
            rule.markSize = 4
            rule.spaceAfter = 360
            document.blocks.append(.paragraph(rule))
        }
    }

    // MARK: - Body

    mutating func bodyText() {
        let subject = kind.subject(resolutionTitle: resolution.title, period: assessed.period)
        paragraph(
            "Thực hiện \(resolution.title) (Nghị quyết số \(resolution.symbol), "
                + "\(VietnameseDate.long(resolution.adoptedOn))), \(layout.issuerInText) báo cáo "
                + ReportWording.lowercasingFirst(subject).replacingOccurrences(
                    of: " thực hiện " + resolution.title, with: "")
                + " như sau:")

        centeredHeading("PHẦN THỨ NHẤT", spaceBefore: 240)
        centeredHeading(partOneHeading, spaceBefore: 0)

        var letters = LetterSequence()
        if !narrative.paragraphs(.leadership).isEmpty {
            heading("\(letters.next()). \(NarrativeSection.leadership.heading)", level: 1)
            narrativeParagraphs(.leadership)
        }

        heading("\(letters.next()). KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU, CHỈ TIÊU, NHIỆM VỤ", level: 1)
        var romans = RomanSequence()
        if !narrative.paragraphs(.highlights).isEmpty {
            heading("\(romans.next()). \(NarrativeSection.highlights.heading)", level: 2)
            narrativeParagraphs(.highlights)
        }
        heading("\(romans.next()). Kết quả thực hiện các chỉ tiêu chủ yếu của Nghị quyết", level: 2)
        targetParagraphs()
        if !narrative.paragraphs(.resultsByField).isEmpty {
            heading("\(romans.next()). \(NarrativeSection.resultsByField.heading)", level: 2)
            narrativeParagraphs(.resultsByField)
        }
        for section in [NarrativeSection.shortcomings, .lessons] where !narrative.paragraphs(section).isEmpty {
            heading("\(letters.next()). \(section.heading)", level: 1)
            narrativeParagraphs(section)
        }

        if !narrative.paragraphs(.tasksAhead).isEmpty {
            centeredHeading("PHẦN THỨ HAI", spaceBefore: 240)
            centeredHeading(
                kind.partTwoHeading(
                    termStart: resolution.termStart, termEnd: resolution.termEnd, period: assessed.period),
                spaceBefore: 0)
            narrativeParagraphs(.tasksAhead)
        }

        let closing =
            "Trên đây là báo cáo " + ReportWording.lowercasingFirst(subject) + " của " + layout.issuerInText + "."
        paragraph(closing + (layout.body == .chinhQuyen ? "/." : ""), spaceBefore: 120)
    }

    var partOneHeading: String {
        switch kind {
        case .soKet:
            return "KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT NỬA ĐẦU NHIỆM KỲ \(resolution.termStart)–\(resolution.termEnd)"
        case .tongKet:
            return "KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT NHIỆM KỲ \(resolution.termStart)–\(resolution.termEnd)"
        case .nam:
            return "KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT " + assessed.period.vietnameseLabel.uppercased()
        }
    }

    /// Section B.II: one numbered paragraph per target under its group, each with its footnote;
    /// the summary; the table of all targets; the chart.
    mutating func targetParagraphs() {
        let indicators = snapshot.rollUp.indicators
        var currentGroup: TargetGroup?
        for assessment in assessed.assessments {
            let target = assessment.target
            if target.group != currentGroup {
                currentGroup = target.group
                var p = WordParagraph(
                    [
                        .text(
                            "Về " + ReportWording.lowercasingFirst(target.group.vietnameseName), bold: true,
                            italic: true)
                    ])
                // A group's title is the level under "I.": in the navigation pane with the others.
                p.style = WordHeading.item.styleID
                p.firstLineIndent = indent
                p.spaceAfter = paragraphSpace
                p.lineSpacing = bodyLineSpacing
                p.keepWithNext = true
                document.blocks.append(.paragraph(p))
            }
            let indicator = indicators[target.indicatorCode]
            let sentence = ReportWording.resultSentence(assessment, indicator: indicator)
            let note = document.footnote(
                ReportWording.footnote(assessment, indicator: indicator, planSource: planSource(target)))
            // The footnote mark goes before the closing full stop, as Vietnamese documents place it.
            let body = sentence.hasSuffix(".") ? String(sentence.dropLast()) : sentence
            var p = WordParagraph([.text("\(target.number). " + body), note, .text(".")])
            p.firstLineIndent = indent
            p.spaceAfter = paragraphSpace
            p.lineSpacing = bodyLineSpacing
            document.blocks.append(.paragraph(p))
        }

        let summary = assessed.summary
        let anyEstimate = assessed.assessments.contains { $0.isEstimate && $0.verdict != .chuaCoSoLieu }
        let lead = "Như vậy, " + (anyEstimate ? "ước thực hiện đến " : "đến ") + assessed.period.vietnameseLabel + ", "
        var p = WordParagraph([.text(lead), .text(ReportWording.summaryLine(summary) + ".", bold: true)])
        p.firstLineIndent = indent
        p.spaceAfter = paragraphSpace
        p.lineSpacing = bodyLineSpacing
        document.blocks.append(.paragraph(p))

        paragraph("Kết quả cụ thể từng chỉ tiêu tại Biểu 1 dưới đây.")
        targetTable()
        if report.options.includeChart { verdictChart() }
    }

    var snapshot: Snapshot { report.snapshot }

    /// Where the plan came from when a later resolution revised it.
    func planSource(_ target: Target) -> String? {
        let asOf = assessed.period.span(in: .statistical).end
        let revision = resolution.revisions.filter {
            $0.effectiveFrom <= asOf && $0.targets.contains { $0.number == target.number }
        }
        .max { $0.effectiveFrom < $1.effectiveFrom }
        guard let revision else { return nil }
        return
            "điều chỉnh theo Nghị quyết số \(revision.symbol), có hiệu lực từ \(VietnameseDate.long(revision.effectiveFrom))"
    }

    /// Biểu 1: number, target, plan, result, verdict — grouped like the resolution.
    mutating func targetTable() {
        let size = 12.0
        func cell(
            _ text: String, bold: Bool = false, italic: Bool = false, alignment: WordParagraph.Alignment = .left
        ) -> WordCell {
            var p = WordParagraph([.text(text, bold: bold, italic: italic, size: size)], alignment: alignment)
            p.markSize = size
            return WordCell([p])
        }
        var caption = WordParagraph(
            [.text("Biểu 1. Kết quả thực hiện các chỉ tiêu chủ yếu của Nghị quyết", bold: true, size: 13)],
            alignment: .center)
        caption.spaceBefore = 120
        caption.keepWithNext = true
        document.blocks.append(.paragraph(caption))
        var unitLine = WordParagraph(
            [.text("(\(assessed.unit.fullName), \(assessed.period.vietnameseLabel))", italic: true, size: 13)],
            alignment: .center)
        unitLine.spaceAfter = 120
        unitLine.keepWithNext = true
        document.blocks.append(.paragraph(unitLine))

        let widths = [620, 3585, 1950, 2050, 1150]
        let total = document.textWidth
        let scaled = widths.map { $0 * total / widths.reduce(0, +) }
        let allEstimates = assessed.assessments.allSatisfy { $0.isEstimate || $0.verdict == .chuaCoSoLieu }
        let resultHeading = allEstimates ? "Ước thực hiện \(assessed.period.vietnameseLabel)" : "Kết quả thực hiện"
        var rows = [
            WordRow(
                cells: ["TT", "Chỉ tiêu", "Kế hoạch", resultHeading, "Đánh giá"].map {
                    var c = cell($0, bold: true, alignment: .center)
                    c.shading = "E7E6E6"
                    return c
                }, isHeader: true)
        ]
        var currentGroup: TargetGroup?
        var groupIndex = 0
        for assessment in assessed.assessments {
            if assessment.target.group != currentGroup {
                currentGroup = assessment.target.group
                groupIndex += 1
                var label = cell(RomanSequence.roman(groupIndex), bold: true, alignment: .center)
                label.shading = "F2F2F2"
                var name = cell(assessment.target.group.vietnameseName, bold: true)
                name.span = 4
                name.shading = "F2F2F2"
                rows.append(WordRow(cells: [label, name], keepWithNext: true))
            }
            var result = assessment.tableFigureText ?? "Chưa có số liệu"
            if assessment.isEstimate && !allEstimates && assessment.verdict != .chuaCoSoLieu
                && !result.contains("ước")
            {
                result += " (ước)"
            }
            var verdict = assessment.verdictName
            verdict = verdict.prefix(1).uppercased() + verdict.dropFirst()
            rows.append(
                WordRow(cells: [
                    cell("\(assessment.target.number)", alignment: .center),
                    cell(assessment.target.wording),
                    cell(assessment.planText, alignment: .right),
                    cell(result, alignment: .right),
                    cell(verdict, bold: assessment.verdict.isMet, alignment: .center),
                ]))
        }
        document.blocks.append(.table(WordTable(columnWidths: scaled, rows: rows)))
    }

    /// Hình 1: how many targets of each group are met, nearly met, not met — where a leader sees
    /// at a glance which field is off track.
    mutating func verdictChart() {
        let groups = TargetGroup.allCases.filter { group in assessed.assessments.contains { $0.target.group == group } }
        guard !groups.isEmpty else { return }
        // Green and red print the same grey: the kinds not met are hatched (and "gần đạt" light),
        // so a black-and-white copy still tells "đạt" from "chưa đạt". The three hatchings run in
        // different directions (diagonal, crossed, upright): LibreOffice draws a dotted preset as
        // diagonal lines too, which made "chưa có số liệu" look like "chưa đạt" in grey.
        let kinds: [(name: String, color: String, pattern: String?, verdicts: Set<Verdict>)] = [
            ("Đạt và vượt", "2E7D32", nil, [.vuot, .dat]),
            ("Gần đạt", "F2B632", nil, [.ganDat]),
            ("Chưa đạt", "C62828", "dkDnDiag", [.chuaDat]),
            ("Không đạt", "5D1010", "smCheck", [.khongDat]),
            ("Chưa có số liệu", "595959", "ltVert", [.chuaCoSoLieu]),
        ]
        var series: [BarChart.Series] = []
        for kind in kinds {
            let values = groups.map { group in
                Double(
                    assessed.assessments.filter { $0.target.group == group && kind.verdicts.contains($0.verdict) }.count
                )
            }
            if values.contains(where: { $0 > 0 }) {
                series.append(
                    BarChart.Series(name: kind.name, color: kind.color, values: values, pattern: kind.pattern))
            }
        }
        let chart = BarChart(
            categories: groups.map(\.vietnameseName), series: series, horizontal: true, stacked: true,
            valueAxisTitle: "Số chỉ tiêu")
        guard let part = try? chart.part else { return }
        let caption = "Hình 1. Số chỉ tiêu theo kết quả đánh giá, chia theo lĩnh vực"
        let emuPerTwip = 635
        let width = (document.textWidth - 200) * emuPerTwip
        let height = (1_300 + 520 * groups.count) * emuPerTwip
        let run = document.chart(part, width: width, height: height, title: caption)
        var picture = WordParagraph([run], alignment: .center)
        picture.spaceBefore = 240
        picture.keepWithNext = true
        document.blocks.append(.paragraph(picture))
        var captionLine = WordParagraph([.text(caption, italic: true, size: 13)], alignment: .center)
        captionLine.spaceAfter = 240
        document.blocks.append(.paragraph(captionLine))
    }

    mutating func narrativeParagraphs(_ section: NarrativeSection) {
        for text in narrative.paragraphs(section) { paragraph(text) }
    }

    // MARK: - Signature and recipients

    mutating func signatureBlock() {
        let total = document.textWidth
        let rightWidth = total * 48 / 100
        var left: [WordParagraph] = []
        var heading: WordParagraph
        switch layout.body {
        case .dang:
            heading = WordParagraph(
                [.text("Nơi nhận:", underline: true, size: layout.recipientsHeadingSize)], alignment: .left)
        case .chinhQuyen:
            heading = WordParagraph(
                [.text("Nơi nhận:", bold: true, italic: true, size: layout.recipientsHeadingSize)], alignment: .left)
        }
        heading.markSize = layout.recipientsHeadingSize
        left.append(heading)
        for recipient in layout.recipients {
            var p = WordParagraph([.text(recipient, size: layout.recipientsSize)], alignment: .left)
            p.markSize = layout.recipientsSize
            left.append(p)
        }
        var right: [WordParagraph] = []
        func line(_ text: String) -> WordParagraph {
            var p = WordParagraph([.text(text, bold: true, size: layout.signatureSize)], alignment: .center)
            p.markSize = layout.signatureSize
            return p
        }
        if let authority = layout.signingAuthority { right.append(line(authority)) }
        right.append(line(layout.signerTitle))
        for _ in 0..<4 { right.append(line("")) }
        if !layout.signerName.isEmpty { right.append(line(layout.signerName)) }

        var table = WordTable(
            columnWidths: [total - rightWidth, rightWidth],
            rows: [WordRow(cells: [WordCell(left), WordCell(right)])])
        table.bordered = false
        table.cellPadding = 60
        for index in table.rows[0].cells.indices { table.rows[0].cells[index].verticalAlignment = .top }
        var spacer = WordParagraph([], alignment: .left)
        spacer.markSize = 8
        spacer.keepWithNext = true
        document.blocks.append(.paragraph(spacer))
        document.blocks.append(.table(table))
    }

    // MARK: - Helpers

    mutating func paragraph(_ text: String, spaceBefore: Int = 0) {
        var p = WordParagraph([.text(text)])
        p.firstLineIndent = indent
        p.spaceBefore = spaceBefore
        p.spaceAfter = paragraphSpace
        p.lineSpacing = bodyLineSpacing
        document.blocks.append(.paragraph(p))
    }

    /// A section heading in Word's heading style of its level (1: "A.", 2: "I.", 3: "1."), so the
    /// navigation pane and a table of contents list it.
    mutating func heading(_ text: String, level: Int) {
        var p = WordParagraph([.text(text, bold: true)])
        p.style = (WordHeading(rawValue: level + 1) ?? .item).styleID
        p.firstLineIndent = indent
        p.spaceBefore = level == 1 ? 120 : 60
        p.spaceAfter = paragraphSpace
        p.lineSpacing = bodyLineSpacing
        p.keepWithNext = true
        document.blocks.append(.paragraph(p))
    }

    /// A part's title lines ("PHẦN THỨ NHẤT" and its name), in heading 1.
    mutating func centeredHeading(_ text: String, spaceBefore: Int) {
        var p = WordParagraph([.text(text, bold: true)], alignment: .center)
        p.style = WordHeading.part.styleID
        p.spaceBefore = spaceBefore
        p.spaceAfter = 120
        p.keepWithNext = true
        document.blocks.append(.paragraph(p))
    }

    func pageNumberParagraph() -> WordParagraph {
        var p = WordParagraph([WordRun(kind: .pageNumber, size: 14)], alignment: .center)
        p.markSize = 14
        return p
    }
}

/// A, B, C, … for the parts of a report, handed out in order so a missing section leaves no gap.
struct LetterSequence {
    private var index = 0

    mutating func next() -> String {
        defer { index += 1 }
        return String(UnicodeScalar(UInt8(65 + index % 26)))
    }
}

/// I, II, III, … for the sections inside a part.
struct RomanSequence {
    private var index = 0

    mutating func next() -> String {
        index += 1
        return Self.roman(index)
    }

    static func roman(_ n: Int) -> String {
        let table: [(Int, String)] = [
            (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
            (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
        ]
        var rest = n
        var text = ""
        for (value, symbol) in table {
            while rest >= value {
                text += symbol
                rest -= value
            }
        }
        return text
    }
}
