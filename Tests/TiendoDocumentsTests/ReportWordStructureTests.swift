import Foundation
import TiendoCore
import TiendoDocuments
import XCTest

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The structure Word and a printer see (issue 23, item 5): headings in Word's own heading styles,
/// a table whose caption and header never end a page alone, a chart that reads in black and
/// white, and an annex whose figures are numbers laid out for A4.
final class ReportWordStructureTests: XCTestCase {
    func testStylesDefineWordsHeadingsInTimesNewRomanBoldWithTheirOutlineLevels() async throws {
        let styles = try OfficePackage(try await ReportTestWorld.report().docx()).xml("word/styles.xml")

        for level in 1...4 {
            let style = try XCTUnwrap(
                try styles.all("//w:style[@*[local-name()='styleId']='Heading\(level)']").first, "Heading\(level)")
            XCTAssertEqual(style.attribute("type"), "paragraph")
            XCTAssertEqual(try style.all("w:name").first?.attribute("val"), "heading \(level)")
            XCTAssertEqual(try style.all("w:pPr/w:outlineLvl").first?.attribute("val"), String(level - 1))
            XCTAssertEqual(try style.all("w:pPr/w:keepNext").count, 1, "a heading stays with its text")
            XCTAssertEqual(try style.all("w:rPr/w:rFonts").first?.attribute("ascii"), "Times New Roman")
            XCTAssertEqual(try style.all("w:rPr/w:b").count, 1)
            XCTAssertEqual(try style.all("w:rPr/w:sz").first?.attribute("val"), "28", "14 pt like the body")
        }
    }

    func testEverySectionHeadingUsesTheHeadingStyleOfItsLevel() async throws {
        let narrative: [NarrativeSection: String] = [
            .leadership: "Ban Chấp hành đã ban hành các chương trình hành động.",
            .highlights: "Thu ngân sách vượt kế hoạch đề ra.",
            .shortcomings: "Một số chỉ tiêu còn chậm.",
            .tasksAhead: "Tập trung thực hiện các chỉ tiêu còn chậm.",
        ]
        let document = try OfficePackage(try await ReportTestWorld.report(narrative: narrative).docx())
            .xml("word/document.xml")
        let paragraphs = try document.all("//w:body/w:p")
        func style(_ paragraph: XMLNode) throws -> String? {
            try paragraph.all("w:pPr/w:pStyle").first?.attribute("val")
        }
        var seen: [String: [String]] = [:]

        for paragraph in paragraphs {
            let text = OfficePackage.text(paragraph)
            let expected: String?
            if text.hasPrefix("PHẦN THỨ ") {
                expected = "Heading1"
            } else if text.range(of: #"^[IVX]+\. "#, options: .regularExpression) != nil {
                expected = "Heading3"
            } else if text.range(of: #"^[A-H]\. "#, options: .regularExpression) != nil {
                expected = "Heading2"
            } else if text.hasPrefix("Về ") {
                expected = "Heading4"
            } else {
                expected = nil
            }
            if let expected {
                XCTAssertEqual(try style(paragraph), expected, text)
                seen[expected, default: []].append(text)
            } else if let style = try style(paragraph) {
                // A part's name (the line under "PHẦN THỨ …") is the only other heading.
                XCTAssertEqual(style, "Heading1", text)
                XCTAssertEqual(text, text.uppercased(), "a part's name is upper case: \(text)")
            }
        }
        XCTAssertEqual(seen["Heading1"]?.count, 2, "PHẦN THỨ NHẤT and PHẦN THỨ HAI")
        XCTAssertEqual(seen["Heading2"]?.count, 3, "A. leadership, B. results, C. shortcomings: \(seen)")
        XCTAssertEqual(seen["Heading3"]?.count, 2, "I. highlights, II. targets: \(seen)")
        XCTAssertEqual(seen["Heading4"]?.count, 4, "one title per group of targets: \(seen)")
    }

    func testTargetTableCaptionAndHeaderKeepWithItsRowsAndNoRowSplits() async throws {
        let document = try OfficePackage(try await ReportTestWorld.report(unitCode: "46").docx())
            .xml("word/document.xml")
        let body = try document.all("//w:body/*")
        let captionIndex = try XCTUnwrap(body.firstIndex { OfficePackage.text($0).hasPrefix("Biểu 1.") })
        let tableIndex = try XCTUnwrap(body[(captionIndex + 1)...].firstIndex { $0.localName == "tbl" })
        let rows = try body[tableIndex].all("w:tr")

        for paragraph in body[captionIndex..<tableIndex] {
            XCTAssertEqual(
                try paragraph.all("w:pPr/w:keepNext").count, 1, "kept with the table: \(OfficePackage.text(paragraph))")
        }
        let header = try XCTUnwrap(rows.first)
        XCTAssertEqual(try header.all("w:trPr/w:tblHeader").count, 1, "the header row repeats on every page")
        XCTAssertTrue(
            try header.all(".//w:p").allSatisfy { try $0.all("w:pPr/w:keepNext").count == 1 },
            "the header row is kept with the first row")
        for row in rows {
            XCTAssertEqual(try row.all("w:trPr/w:cantSplit").count, 1, "no row splits across pages")
        }
        let groupRows = try rows.filter { try $0.all("w:tc").count == 2 }
        XCTAssertEqual(groupRows.count, 4, "one title row per group")
        for row in groupRows {
            XCTAssertTrue(
                try row.all(".//w:p").allSatisfy { try $0.all("w:pPr/w:keepNext").count == 1 },
                "a group's title stays with its first target: \(OfficePackage.text(row))")
        }
        let targetRows = try rows.dropFirst().filter { try $0.all("w:tc").count == 5 }
        XCTAssertTrue(try targetRows.allSatisfy { try $0.all(".//w:pPr/w:keepNext").isEmpty }, "the table may break")
    }

    func testChartSeriesDifferInBlackAndWhite() async throws {
        let chart = try OfficePackage(try await ReportTestWorld.report(unitCode: "46").docx())
            .xml("word/charts/chart1.xml")
        struct Look: Hashable {
            var pattern: String?
            var grey: Int
        }
        var looks: [String: Look] = [:]

        for series in try chart.all("//c:ser") {
            let name = try XCTUnwrap(try series.all("c:tx//c:v").first?.stringValue)
            if let pattern = try series.all("c:spPr/a:pattFill").first {
                let foreground = try XCTUnwrap(try pattern.all("a:fgClr/a:srgbClr").first?.attribute("val"))
                XCTAssertEqual(try pattern.all("a:bgClr/a:srgbClr").first?.attribute("val"), "FFFFFF")
                looks[name] = Look(pattern: pattern.attribute("prst"), grey: Self.grey(foreground))
                let labelBox = try series.all("c:dLbls/c:spPr/a:solidFill/a:srgbClr").first?.attribute("val")
                XCTAssertEqual(labelBox, "FFFFFF", "\(name): the count on hatching sits in a white box")
            } else {
                let fill = try XCTUnwrap(try series.all("c:spPr/a:solidFill/a:srgbClr").first?.attribute("val"))
                looks[name] = Look(pattern: nil, grey: Self.grey(fill))
            }
        }
        let met = try XCTUnwrap(looks["Đạt và vượt"])
        let notMet = try XCTUnwrap(looks["Chưa đạt"])
        XCTAssertNil(met.pattern, "met is solid")
        XCTAssertNotNil(notMet.pattern, "not met is hatched")
        let names = looks.keys.sorted()
        for (index, first) in names.enumerated() {
            for second in names[(index + 1)...] {
                let a = looks[first]!
                let b = looks[second]!
                XCTAssertTrue(
                    a.pattern != b.pattern || abs(a.grey - b.grey) >= 40,
                    "\(first) and \(second) look the same in grey: \(a) \(b)")
            }
        }
    }

    func testAnnexTargetResultsAreNumbersWithTheirUnit() async throws {
        let report = try await ReportTestWorld.report(unitCode: "46")
        let package = try OfficePackage(try await ReportTestWorld.shared.cityAnnex())
        let sheet = try package.xml("xl/worksheets/sheet1.xml")
        let rows = try sheet.all("//*[local-name()='row']")
        let headings = try rows[1].all("*[local-name()='c']").map(OfficePackage.text)
        let result = try XCTUnwrap(headings.firstIndex(of: "Kết quả"))
        XCTAssertEqual(headings[result + 1], "Đơn vị tính")
        var numbers = 0

        for (row, assessment) in zip(rows.dropFirst(2), report.assessed.assessments) {
            let cells = try row.all("*[local-name()='c']")
            let cell = cells[result]
            guard let figure = assessment.figure else {
                XCTAssertEqual(cell.stringValue ?? "", "", "no figure, no number")
                continue
            }
            XCTAssertNil(cell.attribute("t"), "target \(assessment.target.number): a number, not text")
            XCTAssertEqual(try XCTUnwrap(Double(cell.stringValue ?? "")), figure, accuracy: 1e-9)
            XCTAssertFalse(OfficePackage.text(cells[result + 1]).isEmpty, "its unit")
            numbers += 1
        }
        XCTAssertGreaterThan(numbers, 10)
        for cell in try sheet.all("//*[local-name()='c'][@t]") {
            let text = OfficePackage.text(cell).trimmingCharacters(in: .whitespaces)
            XCTAssertNil(Double(text.replacingOccurrences(of: ",", with: ".")), "a figure stored as text: \(text)")
        }
    }

    func testAnnexPrintsOnA4FitToWidthWithItsHeaderOnEveryPage() async throws {
        let package = try OfficePackage(try await ReportTestWorld.shared.cityAnnex())
        let workbook = try package.xml("xl/workbook.xml")
        let sheets = try workbook.all("//*[local-name()='sheet']")
        let titles = try workbook.all("//*[local-name()='definedName'][@name='_xlnm.Print_Titles']")

        XCTAssertEqual(titles.count, sheets.count)
        for (index, sheet) in sheets.enumerated() {
            let name = try XCTUnwrap(sheet.attribute("name"))
            let title = try XCTUnwrap(titles.first { $0.attribute("localSheetId") == String(index) })
            XCTAssertEqual(title.stringValue, "'\(name)'!$1:$2", "title and header rows repeat")
            let part = try package.xml("xl/worksheets/sheet\(index + 1).xml")
            let setup = try XCTUnwrap(try part.all("//*[local-name()='pageSetup']").first)
            XCTAssertEqual(setup.attribute("paperSize"), "9", "A4")
            XCTAssertEqual(setup.attribute("fitToWidth"), "1")
            XCTAssertEqual(setup.attribute("fitToHeight"), "0", "as many pages down as needed")
            XCTAssertEqual(try part.all("//*[local-name()='pageSetUpPr']").first?.attribute("fitToPage"), "1")
        }
    }

    /// The grey a colour prints as (0 black … 255 white).
    static func grey(_ hex: String) -> Int {
        let value = Int(hex, radix: 16) ?? 0
        let r = Double((value >> 16) & 0xFF)
        let g = Double((value >> 8) & 0xFF)
        let b = Double(value & 0xFF)
        return Int(0.299 * r + 0.587 * g + 0.114 * b)
    }
}
