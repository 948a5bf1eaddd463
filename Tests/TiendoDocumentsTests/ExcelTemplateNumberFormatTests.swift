import Foundation
import TiendoCore
import XCTest

@testable import TiendoDocuments

/// The cells an officer fills in show a figure as it was typed, with the indicator's decimals:
/// a template read back cell by cell gives each input cell's number format.
final class ExcelTemplateNumberFormatTests: XCTestCase {
    func testEachInputCellHasItsIndicatorsNumberFormat() throws {
        let form = ReportingForm(
            code: "MAU", name: "Báo cáo thử", indicatorCodes: ["HO", "THU", "TY_LE", "TIEN"], unitIDs: [UnitID("1")],
            periodKind: .year, calendar: .statistical, deadline: DeadlineRule(workingDays: 5))
        let unit = UnitVersion(
            unitID: UnitID("1"), code: "1", name: "Phong Dinh", kind: .phuong, parentID: nil,
            validFrom: CivilDate(2025, 7, 1), validTo: nil)
        let indicators = [
            Indicator(code: "HO", name: "Số hộ", unitOfMeasure: "hộ", valueType: .count),
            Indicator(code: "THU", name: "Thu ngân sách", unitOfMeasure: "tỷ đồng", decimals: 1),
            Indicator(code: "TY_LE", name: "Tỷ lệ hộ nghèo", unitOfMeasure: "%", decimals: 2, valueType: .percentage),
            Indicator(code: "TIEN", name: "Vốn đầu tư", unitOfMeasure: "tỷ đồng"),
        ]
        let current = { (code: String, number: Double) in
            IndicatorValue(
                indicatorCode: code, unitID: UnitID("1"), period: .year(2028), number: number, status: .chinhThuc,
                note: nil, author: "", enteredAt: Date(timeIntervalSince1970: 0))
        }
        let lines = [
            EntryTemplate.Line(indicator: indicators[0], previous: 10, current: current("HO", 1_234)),
            EntryTemplate.Line(indicator: indicators[1], previous: 200, current: current("THU", 212.5)),
            EntryTemplate.Line(indicator: indicators[2], previous: 1.5, current: nil),
            EntryTemplate.Line(indicator: indicators[3], previous: 200, current: current("TIEN", 212.5)),
        ]

        let data = try EntryTemplate.write(form: form, unit: unit, period: .year(2028), lines: lines)
        let formats = try Self.numberFormats(of: data, column: "F", rows: 3...6)

        XCTAssertEqual(formats[3], "[$-42A]#,##0", "a count is whole")
        XCTAssertEqual(formats[4], "[$-42A]#,##0.0#####", "212,5 shows as 212,5, with one decimal at least")
        XCTAssertEqual(formats[5], "[$-42A]#,##0.00####", "an empty cell already has the indicator's decimals")
        XCTAssertEqual(formats[6], "General", "no fixed decimals: shown as typed, never rounded to 213")
        XCTAssertEqual(try XlsxReader.read(data: data)[1].cell(column: 5, row: 4), .number(212.5))
    }

    /// The number format code of each cell `column``row` of the data sheet ("General" for 0).
    static func numberFormats(of data: Data, column: String, rows: ClosedRange<Int>) throws -> [Int: String] {
        let parts = try OfficeZip.read(data)
        let styles = String(decoding: try XCTUnwrap(parts["xl/styles.xml"]), as: UTF8.self)
        let sheet = String(decoding: try XCTUnwrap(parts["xl/worksheets/sheet2.xml"]), as: UTF8.self)
        var codes: [Int: String] = [0: "General"]
        for match in styles.matches(of: /<numFmt numFmtId="(\d+)" formatCode="([^"]*)"\/>/) {
            codes[Int(match.1) ?? -1] = String(match.2).replacingOccurrences(of: "&quot;", with: "\"")
        }
        let cellXfs = try XCTUnwrap(styles.firstMatch(of: /<cellXfs[^>]*>(.*)<\/cellXfs>/)?.1)
        let xfFormats = cellXfs.matches(of: /<xf numFmtId="(\d+)"/).map { Int($0.1) ?? -1 }
        var result: [Int: String] = [:]
        for row in rows {
            let pattern = try Regex<(Substring, Substring)>("<c r=\"\(column)\(row)\" s=\"(\\d+)\"")
            let style = try XCTUnwrap(sheet.firstMatch(of: pattern).flatMap { Int($0.1) }, "cell \(column)\(row)")
            result[row] = codes[xfFormats[style]]
        }
        return result
    }
}
