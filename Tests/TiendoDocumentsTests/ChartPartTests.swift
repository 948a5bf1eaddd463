import Foundation
import TiendoCore
import TiendoDocuments
import XCTest

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The chart of verdicts by group is a DrawingML chart part with its values cached, and its data
/// in an embedded workbook, so Word and LibreOffice draw it and Word can edit it.
final class ChartPartTests: XCTestCase {
    func testChartPartIsLinkedWithItsValuesAndWorkbook() async throws {
        let report = try await ReportTestWorld.report(unitCode: "46")
        let package = try OfficePackage(try report.docx())

        let chart = try package.xml("word/charts/chart1.xml")
        let categories = try XCTUnwrap(try chart.all("//c:ser").first).all("c:cat//c:v").compactMap(\.stringValue)
        XCTAssertEqual(categories, TargetGroup.allCases.map(\.vietnameseName))
        let names = try chart.all("//c:ser/c:tx//c:v").compactMap(\.stringValue)
        XCTAssertEqual(names.first, "Đạt và vượt")
        XCTAssertEqual(try chart.all("//c:barChart/c:grouping").first?.attribute("val"), "stacked")
        let typeface = try chart.all("//a:latin").compactMap { $0.attribute("typeface") }
        XCTAssertTrue(!typeface.isEmpty && typeface.allSatisfy { $0 == "Times New Roman" })

        let rels = try package.xml("word/charts/_rels/chart1.xml.rels").all("//*[local-name()='Relationship']")
        let target = try XCTUnwrap(rels.first?.attribute("Target"))
        let workbook = try XCTUnwrap(package.parts["word/" + String(target.dropFirst(3))])
        let embedded = try OfficePackage(workbook)
        XCTAssertNotNil(embedded.parts["xl/worksheets/sheet1.xml"])
        let inline = try package.xml("word/document.xml").all("//w:drawing//c:chart")
        XCTAssertEqual(inline.count, 1)
    }

    func testChartCanBeLeftOut() async throws {
        let report = try await ReportTestWorld.report(options: ReportOptions(includeChart: false))
        let package = try OfficePackage(try report.docx())

        XCTAssertNil(package.parts["word/charts/chart1.xml"])
        XCTAssertTrue(try package.xml("word/document.xml").all("//w:drawing").isEmpty)
    }
}
