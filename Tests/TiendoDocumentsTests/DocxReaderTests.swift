import Foundation
import TiendoChecker
import TiendoCore
import TiendoDocuments
import XCTest
import ZIPFoundation

/// Reading Word reports for the audit: body, tables, footnotes, lists — and refusing what an
/// untrusted package should not be allowed to do.
final class DocxReaderTests: XCTestCase {

    // MARK: Building packages

    private static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    /// A .docx with `body` (WordprocessingML inside w:body) and optional footnotes.
    private func docx(
        body: String, footnotes: String? = nil, prefix: String = "w", documentPath: String = "word/document.xml",
        extraParts: [(String, Data)] = []
    ) throws -> Data {
        let p = prefix
        var parts: [(String, Data)] = []
        parts.append(
            (
                "[Content_Types].xml",
                Data(
                    """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                    <Default Extension="xml" ContentType="application/xml"/>
                    </Types>
                    """.utf8)
            ))
        parts.append(
            (
                "_rels/.rels",
                Data(
                    """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="\(documentPath)"/>
                    </Relationships>
                    """.utf8)
            ))
        parts.append(
            (
                documentPath,
                Data(
                    """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <\(p):document xmlns:\(p)="\(Self.w)"><\(p):body>\(body)</\(p):body></\(p):document>
                    """.utf8)
            ))
        if let footnotes {
            let directory = (documentPath as NSString).deletingLastPathComponent
            let name = (documentPath as NSString).lastPathComponent
            parts.append(
                (
                    "\(directory)/_rels/\(name).rels",
                    Data(
                        """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                        <Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
                        </Relationships>
                        """.utf8)
                ))
            parts.append(
                (
                    "\(directory)/footnotes.xml",
                    Data(
                        """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <\(p):footnotes xmlns:\(p)="\(Self.w)">
                        <\(p):footnote \(p):type="separator" \(p):id="-1"><\(p):p><\(p):r><\(p):separator/></\(p):r></\(p):p></\(p):footnote>
                        <\(p):footnote \(p):type="continuationSeparator" \(p):id="0"><\(p):p><\(p):r><\(p):t>---</\(p):t></\(p):r></\(p):p></\(p):footnote>
                        \(footnotes)
                        </\(p):footnotes>
                        """.utf8)
                ))
        }
        parts += extraParts
        return try zip(parts)
    }

    private func zip(_ parts: [(String, Data)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, data) in parts {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        return try XCTUnwrap(archive.data)
    }

    private func p(_ runs: String, numbered: String? = nil) -> String {
        let numbering =
            numbered.map { "<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"\($0)\"/></w:numPr></w:pPr>" } ?? ""
        return "<w:p>\(numbering)\(runs)</w:p>"
    }

    private func r(_ text: String) -> String { "<w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r>" }

    private func ref(_ id: Int) -> String {
        "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"\(id)\"/></w:r>"
    }

    private func footnote(_ id: Int, _ text: String) -> String {
        "<w:footnote w:id=\"\(id)\"><w:p><w:r><w:footnoteRef/></w:r>\(r(" " + text))</w:p></w:footnote>"
    }

    private func row(_ cells: [String]) -> String {
        "<w:tr>" + cells.map { "<w:tc><w:p>\(r($0))</w:p></w:tc>" }.joined() + "</w:tr>"
    }

    // MARK: Reading

    func testParagraphsAndFootnotesNumberedAsWordPrintsThem() throws {
        let data = try docx(
            body: p(r("Thu ngân sách năm 2025 ước đạt ") + r("7.9") + r("43 tỷ đồng") + ref(7) + r("."))
                + p("") + p(r("Kết nạp 65 đảng viên mới") + ref(3) + r(" và lần nữa") + ref(7)),
            footnotes: footnote(3, "Kế hoạch 60 đảng viên.") + footnote(7, "Dự toán 7.500 tỷ đồng."))

        let document = try DocxTextReader.read(data: data)

        XCTAssertEqual(
            document.blocks.map(\.location), [.paragraph(1), .paragraph(2), .footnote(1), .footnote(2)])
        XCTAssertEqual(document.blocks[0].text, "Thu ngân sách năm 2025 ước đạt 7.943 tỷ đồng[1].")
        XCTAssertEqual(document.blocks[1].text, "Kết nạp 65 đảng viên mới[2] và lần nữa[1]")
        XCTAssertEqual(document.footnote(1)?.text, "Dự toán 7.500 tỷ đồng.")
        XCTAssertEqual(document.footnote(2)?.text, "Kế hoạch 60 đảng viên.")
    }

    func testTablesBecomeRowsWithTheirHeader() throws {
        let data = try docx(
            body: p(r("Kết quả:"))
                + "<w:tbl>" + row(["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Đánh giá"])
                + row(["1", "Thu ngân sách", "tỷ đồng", "200", "215,6", "Vượt"]) + "</w:tbl>"
                + p(r("Hết.")))

        let document = try DocxTextReader.read(data: data)

        XCTAssertEqual(
            document.blocks.map(\.location),
            [.paragraph(1), .tableRow(table: 1, row: 1), .tableRow(table: 1, row: 2), .paragraph(2)])
        XCTAssertEqual(document.blocks[2].cells, ["1", "Thu ngân sách", "tỷ đồng", "200", "215,6", "Vượt"])
        XCTAssertEqual(document.blocks[2].header.last, "Đánh giá")
    }

    func testAutomaticNumberingMakesListItems() throws {
        let data = try docx(
            body: p(r("Tỷ lệ hộ nghèo dưới 1,5%: còn 0,9%, đạt chỉ tiêu."), numbered: "4")
                + p(r("Thu ngân sách 200 tỷ đồng: đạt 215 tỷ đồng, vượt chỉ tiêu."), numbered: "4"))

        let document = try DocxTextReader.read(data: data)

        XCTAssertEqual(document.blocks.map(\.isListItem), [true, true])
        XCTAssertEqual(document.blocks.map(\.listNumber), [1, 2])
    }

    func testDeletedTextTabsAndOtherPrefixes() throws {
        let body =
            "<x:p><x:r><x:t>Có</x:t></x:r><x:r><x:tab/></x:r><x:del><x:r><x:delText>99</x:delText></x:r></x:del>"
            + "<x:r><x:t>28/38 trường</x:t></x:r></x:p>"

        let document = try DocxTextReader.read(data: try docx(body: body, prefix: "x"))

        XCTAssertEqual(document.blocks.first?.text, "Có 28/38 trường")
    }

    func testMainDocumentFoundThroughRelationships() throws {
        let data = try docx(
            body: p(r("Năm 2025 kết nạp 65 đảng viên") + ref(1)), footnotes: footnote(1, "Kế hoạch 60."),
            documentPath: "content/main.xml")

        let document = try DocxTextReader.read(data: data)

        XCTAssertEqual(document.paragraphCount, 1)
        XCTAssertEqual(document.footnote(1)?.text, "Kế hoạch 60.")
    }

    func testAuditOfAWordReportPointsAtParagraphsAndFootnotes() throws {
        let data = try docx(
            body: p(r("I. KẾT QUẢ"))
                + p(r("Tốc độ tăng trưởng kinh tế bình quân đạt 9,5%/năm") + ref(1) + r(", đạt chỉ tiêu Nghị quyết."))
                + p(r("Trong nhiệm kỳ kết nạp 350 đảng viên mới") + ref(2) + r("."))
                + p(r("Toàn phường có 28/38 trường đạt chuẩn quốc gia, đạt 73,68%.")),
            footnotes: footnote(1, "Nghị quyết đề ra tăng trưởng bình quân 10 - 11%/năm.")
                + footnote(2, "Năm 2021: 81; năm 2022: 65; năm 2023: 70; năm 2024: 72; năm 2025: 65."))

        let report = try ReportCheck.run(docx: data)

        XCTAssertEqual(report.findings.map(\.kind), [.verdictFigure, .partsTotal])
        XCTAssertEqual(report.findings[0].passages.map(\.location), [.paragraph(2), .footnote(1)])
        XCTAssertEqual(report.findings[1].passages.map(\.location), [.paragraph(3), .footnote(2)])
        XCTAssertEqual(report.coverage.fractionPercentPairs, 1)
        XCTAssertTrue(report.coverage.vietnameseText.contains("trong 4 đoạn và 2 chú thích"))
    }

    // MARK: Word files from real producers

    private static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/audit")

    private func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: Self.fixtures.appendingPathComponent("docx/" + name))
    }

    /// The package with `find` replaced by `replace` (exactly once) in one of its XML parts.
    private func mutate(_ data: Data, part: String, _ find: String, _ replace: String) throws -> Data {
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [(String, Data)] = []
        for entry in archive where entry.type == .file {
            var content = Data()
            _ = try archive.extract(entry) { content.append($0) }
            if entry.path == part {
                let text = String(decoding: content, as: UTF8.self)
                XCTAssertEqual(text.components(separatedBy: find).count, 2, "“\(find)” must occur once in \(part)")
                content = Data(text.replacingOccurrences(of: find, with: replace).utf8)
            }
            parts.append((entry.path, content))
        }
        return try zip(parts)
    }

    func testLibreOfficeWordFilesGiveTheSameFindingsAsTheirText() throws {
        let report = try ReportCheck.run(docx: try fixture("tong-ket-phuong-an-hoa-libreoffice.docx"))
        let text = ReportCheck.run(
            text: try String(
                contentsOf: Self.fixtures.appendingPathComponent("reports/tong-ket-phuong-an-hoa.txt"), encoding: .utf8)
        )
        let consistent = try ReportCheck.run(docx: try fixture("bao-cao-xa-phong-son-2025-libreoffice.docx"))

        XCTAssertEqual(report.findings.count, 7)
        XCTAssertEqual(report.findings, text.findings)
        XCTAssertEqual(report.coverage.footnotes, 3)
        XCTAssertEqual(consistent.findings, [])
        XCTAssertEqual(consistent.coverage.tableRows, 13)
    }

    /// A review report written by Tiendo itself (demo data of Thành phố Huế, 2027) is consistent by
    /// construction: the audit must find nothing in it.
    func testTiendoGeneratedReportGivesNoFinding() throws {
        let report = try ReportCheck.run(docx: try fixture("so-ket-thanh-pho-hue-2027-tiendo.docx"))

        XCTAssertEqual(report.findings, [])
        XCTAssertEqual(report.coverage.footnotes, 14)
        XCTAssertGreaterThanOrEqual(report.coverage.verdicts, 20)
        XCTAssertEqual(report.coverage.verdictCounts, 1)
        XCTAssertGreaterThanOrEqual(report.coverage.partsTotals, 2)
    }

    func testEveryDemoReportTiendoWritesGivesNoFindingEvenAgainstItsData() async throws {
        let snapshot = try await ReportTestWorld.shared.snapshot()
        for unitCode in ["46", "19831"] {
            for year in 2025...2027 {
                let report = try await ReportTestWorld.report(unitCode: unitCode, period: "\(year)")
                let document = try DocxTextReader.read(data: try report.docx())
                let data = CheckDataContext(snapshot: snapshot, unit: report.assessed.unit, period: .year(year))

                let audit = ReportCheck.run(document: document, data: data)

                XCTAssertEqual(
                    audit.findings.map(\.vietnameseText), [],
                    "report of \(unitCode) at \(year) is consistent by construction")
                XCTAssertGreaterThan(audit.coverage.verdicts, 5)
            }
        }
    }

    func testContradictionsPlantedInTheGeneratedReportAreFound() throws {
        let original = try fixture("so-ket-thanh-pho-hue-2027-tiendo.docx")

        let count = try ReportCheck.run(
            docx: try mutate(original, part: "word/document.xml", "08/14 chỉ tiêu đạt", "09/14 chỉ tiêu đạt"))
        let verdict = try ReportCheck.run(
            docx: try mutate(
                original, part: "word/document.xml", "đạt 88,20%, chưa đạt chỉ tiêu", "đạt 88,20%, đạt chỉ tiêu"))
        let breakdown = try ReportCheck.run(
            docx: try mutate(original, part: "word/footnotes.xml", "ước năm 2027: 52.020", "ước năm 2027: 55.020"))

        XCTAssertEqual(Set(count.findings.map(\.kind)), [.verdictCount, .partsTotal])
        XCTAssertEqual(verdict.findings.map(\.kind), [.verdictFigure])
        XCTAssertEqual(verdict.findings.first?.passages.last?.location, .footnote(14))
        XCTAssertEqual(breakdown.findings.map(\.kind), [.partsTotal])
        XCTAssertEqual(breakdown.findings.first?.arithmetic, "51.000 + 55.020 = 106.020, báo cáo ghi 103.020 tỷ đồng")
    }

    // MARK: Untrusted input

    func testDocumentTypeDeclarationsAreRefused() throws {
        let xxe = Data(
            """
            <?xml version="1.0"?>
            <!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <w:document xmlns:w="\(Self.w)"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>
            """.utf8)
        let data = try zip([("word/document.xml", xxe)])

        XCTAssertThrowsError(try DocxTextReader.read(data: data)) { error in
            XCTAssertTrue((error as? DocxReadError)?.message.contains("DOCTYPE") ?? false, "\(error)")
        }
    }

    func testEntityExpansionIsRefused() throws {
        let bomb = Data(
            """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <w:document xmlns:w="\(Self.w)"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>
            """.utf8)

        XCTAssertThrowsError(try DocxTextReader.read(data: try zip([("word/document.xml", bomb)])))
    }

    func testPartsLargerThanTheLimitAreRefusedWhileDecompressing() throws {
        let filler = String(repeating: " ", count: 3_000_000)
        let big = Data("<w:document xmlns:w=\"\(Self.w)\"><w:body>\(filler)</w:body></w:document>".utf8)
        let data = try zip([("word/document.xml", big)])
        XCTAssertLessThan(data.count, 100_000)
        var limits = DocxTextReader.Limits.standard
        limits.maxPartBytes = 1_000_000

        XCTAssertThrowsError(try DocxTextReader.read(data: data, limits: limits)) { error in
            XCTAssertTrue((error as? DocxReadError)?.message.contains("quá lớn") ?? false, "\(error)")
        }
    }

    func testTooManyEntriesOrBlocksAreRefused() throws {
        var limits = DocxTextReader.Limits.standard
        limits.maxEntries = 3
        let many = try docx(body: p(r("a")), extraParts: (1...5).map { ("media/\($0).bin", Data([1, 2, 3])) })
        XCTAssertThrowsError(try DocxTextReader.read(data: many, limits: limits))

        var fewBlocks = DocxTextReader.Limits.standard
        fewBlocks.maxBlocks = 10
        let long = try docx(body: String(repeating: p(r("Đoạn văn.")), count: 20))
        XCTAssertThrowsError(try DocxTextReader.read(data: long, limits: fewBlocks))
    }

    func testFilesThatAreNotWordDocuments() throws {
        XCTAssertThrowsError(try DocxTextReader.read(data: Data("Đây là văn bản thường.".utf8))) { error in
            XCTAssertTrue((error as? DocxReadError)?.message.contains(".docx") ?? false)
        }
        XCTAssertThrowsError(try DocxTextReader.read(data: Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0])))
        XCTAssertThrowsError(try DocxTextReader.read(data: try zip([("hello.txt", Data("xin chào".utf8))])))
        let broken = try zip([("word/document.xml", Data("<w:document xmlns:w=\"\(Self.w)\"><w:body><w:p>".utf8))])
        XCTAssertThrowsError(try DocxTextReader.read(data: broken)) { error in
            XCTAssertTrue((error as? DocxReadError)?.message.contains("bị hỏng") ?? false, "\(error)")
        }
    }
}
