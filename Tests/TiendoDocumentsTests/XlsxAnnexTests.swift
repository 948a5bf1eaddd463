import Foundation
import TiendoCore
import TiendoDocuments
import XCTest

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The Excel annex read back: one sheet of targets, one sheet per group with every figure used,
/// Vietnamese number formats, a frozen header and widths that fit.
final class XlsxAnnexTests: XCTestCase {
    func testAnnexHasATargetSheetAndOneSheetPerGroup() async throws {
        let report = try await ReportTestWorld.report(unitCode: "46")
        let package = try OfficePackage(try await ReportTestWorld.shared.cityAnnex())

        let names = try package.xml("xl/workbook.xml").all("//*[local-name()='sheet']").compactMap {
            $0.attribute("name")
        }
        XCTAssertEqual(
            names,
            [
                "Chỉ tiêu", "I. Kinh tế", "II. Văn hóa - XH - Môi trường", "III. Quốc phòng - an ninh",
                "IV. Xây dựng Đảng, HTCT",
            ])
        XCTAssertTrue(names.allSatisfy { $0.count <= 31 })
        let targets = try rows(package, sheet: 1)
        XCTAssertEqual(targets.count, 2 + report.assessed.assessments.count)
        XCTAssertTrue(targets[0][0].contains("Dữ liệu minh họa"))
        XCTAssertEqual(targets[1].first, "TT")
        XCTAssertEqual(Array(targets[1][5...9]), ["Kế hoạch", "Kết quả", "Đơn vị tính", "Số liệu", "Đánh giá"])
        for (row, assessment) in zip(targets.dropFirst(2), report.assessed.assessments) {
            XCTAssertEqual(row[0], String(assessment.target.number))
            XCTAssertEqual(row[5], assessment.planText)
            // The result is the number the report prints (its text with the unit beside it).
            let figure = try XCTUnwrap(assessment.figure)
            XCTAssertEqual(try XCTUnwrap(Double(row[6])), figure, accuracy: 1e-9)
            XCTAssertTrue(
                try XCTUnwrap(assessment.figureText).contains(row[7].replacingOccurrences(of: "/năm", with: "")),
                "\(row[7]) in \(assessment.figureText ?? "")")
            XCTAssertEqual(row[9], assessment.verdictName)
        }
    }

    func testEverySheetFreezesItsHeaderAndSizesItsColumns() async throws {
        let package = try OfficePackage(try await ReportTestWorld.report().annex())

        for index in 1...5 {
            guard let sheet = try? package.xml("xl/worksheets/sheet\(index).xml") else { continue }
            let pane = try XCTUnwrap(try sheet.all("//*[local-name()='pane']").first, "sheet \(index)")
            XCTAssertEqual(pane.attribute("state"), "frozen")
            XCTAssertEqual(pane.attribute("ySplit"), "2")
            let widths = try sheet.all("//*[local-name()='col']").compactMap { Double($0.attribute("width") ?? "") }
            XCTAssertFalse(widths.isEmpty)
            XCTAssertTrue(widths.allSatisfy { (6...60).contains($0) }, "\(widths)")
        }
        let formats = try package.xml("xl/styles.xml").all("//*[local-name()='numFmt']").compactMap {
            $0.attribute("formatCode")
        }
        XCTAssertTrue(formats.contains("[$-42A]#,##0"))
        XCTAssertTrue(formats.contains("[$-42A]#,##0.00"))
    }

    func testFiguresAreTheRollUpsNumbersWithTheIndicatorsDecimals() async throws {
        let report = try await ReportTestWorld.report(unitCode: "46")
        let package = try OfficePackage(try await ReportTestWorld.shared.cityAnnex())
        let styles = try package.xml("xl/styles.xml")
        let formats = Dictionary(
            uniqueKeysWithValues: try styles.all("//*[local-name()='numFmt']").map {
                ($0.attribute("numFmtId") ?? "", $0.attribute("formatCode") ?? "")
            })
        let cellFormats = try styles.all("//*[local-name()='cellXfs']/*[local-name()='xf']").map {
            formats[$0.attribute("numFmtId") ?? ""] ?? "General"
        }
        let sheet = try package.xml("xl/worksheets/sheet2.xml")
        let city = report.assessed.unit.unitID
        var checked = 0

        for row in try sheet.all("//*[local-name()='row']").dropFirst(2) {
            let cells = try row.all("*[local-name()='c']")
            let code = OfficePackage.text(cells[2])
            guard OfficePackage.text(cells[4]) == "46", OfficePackage.text(cells[5]).hasPrefix("năm "),
                let value = Double(cells[6].stringValue ?? "")
            else { continue }
            let year = try XCTUnwrap(Int(OfficePackage.text(cells[5]).dropFirst(4)))
            let figure = try XCTUnwrap(report.snapshot.rollUp.figure(code, unit: city, period: .year(year)).figure)
            XCTAssertEqual(value, figure.number, accuracy: 1e-9, "\(code) \(year)")
            let decimals = report.snapshot.rollUp.indicators[code]?.decimals ?? 0
            let format = cellFormats[Int(cells[6].attribute("s") ?? "") ?? 0]
            XCTAssertEqual(format, "[$-42A]#,##0" + (decimals > 0 ? "." + String(repeating: "0", count: decimals) : ""))
            checked += 1
        }
        XCTAssertGreaterThan(checked, 5)
    }

    func testValueSheetsListTheCommunesARolledUpFigureWasAddedFrom() async throws {
        let report = try await ReportTestWorld.report(unitCode: "46")
        let package = try OfficePackage(try await ReportTestWorld.shared.cityAnnex())
        let communes = report.snapshot.directory.children(of: report.assessed.unit.unitID, on: CivilDate(2027, 12, 31))

        let rows = try rows(package, sheet: 2)
        let revenue2027 = rows.filter { $0.count > 5 && $0[2] == "THU_NSNN" && $0[5] == "năm 2027" }
        XCTAssertEqual(revenue2027.count, 1 + communes.count, "the city and each of its communes")
        XCTAssertTrue(revenue2027.contains { $0[9].hasPrefix("tổng hợp từ") })
    }

    /// The cells' texts of a sheet, row by row (numbers as stored).
    private func rows(_ package: OfficePackage, sheet: Int) throws -> [[String]] {
        try package.xml("xl/worksheets/sheet\(sheet).xml").all("//*[local-name()='row']").map { row in
            try row.all("*[local-name()='c']").map { cell in
                let inline = OfficePackage.text(cell)
                return inline.isEmpty ? (cell.stringValue ?? "") : inline
            }
        }
    }
}
