import Foundation
import TiendoChecker
import TiendoCore
import XCTest

@testable import TiendoDocuments

/// Files made to hurt a reader — a ZIP bomb, external entities, entity expansion, a path out of
/// the package, a million rows — and files that are simply not workbooks: each is refused with a
/// Vietnamese reason, quickly and without touching anything outside memory.
final class HostileFileTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent("bad-input/\(name)"))
    }

    func refusal(_ data: Data) -> String {
        do {
            _ = try XlsxReader.read(data: data)
            return "accepted"
        } catch let error as XlsxReadError {
            return error.description
        } catch {
            return "wrong error type: \(error)"
        }
    }

    func testEveryNastyWorkbookIsRefusedWithAReason() throws {
        let expectations = [
            "khong-phai-xlsx.xlsx": "không phải là bảng tính Excel .xlsx hợp lệ",
            "xls-cu.xlsx": "nếu là tệp .xls cũ",
            "bi-cat-cut.xlsx": "không phải là bảng tính Excel .xlsx hợp lệ",
            "bom-nen.xlsx": "quá lớn khi giải nén",
            "thuc-the-ngoai.xlsx": "có khai báo DOCTYPE/ENTITY, không được chấp nhận vì lý do an toàn",
            "ty-tieng-cuoi.xlsx": "có khai báo DOCTYPE/ENTITY",
            "duong-dan-ra-ngoai.xlsx": "trỏ ra ngoài tệp",
        ]
        for (file, expected) in expectations.sorted(by: { $0.key < $1.key }) {
            let message = refusal(try Self.fixture(file))
            XCTAssertTrue(message.contains(expected), "\(file): \(message)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/tmp/tiendo-evil.txt"))
    }

    func testAZipBombBelowTheSizeLimitIsCaughtByItsRatio() throws {
        // 40 MB of one repeated row deflates to some 40 KB: under the 50 MB part limit, but a
        // thousand times its compressed size.
        let row = "<row><c><v>1</v></c></row>"
        let sheet = Data(
            ("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + String(repeating: row, count: 40_000_000 / row.utf8.count) + "</sheetData></worksheet>").utf8)
        let data = try Self.workbook(sheet: sheet)

        let message = refusal(data)

        XCTAssertTrue(message.contains("nén bất thường") && message.contains("bom nén"), message)
    }

    static func sheet(rows: Int) throws -> Data {
        var xml = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
        xml.reserveCapacity(rows * 48)
        for n in 1...rows { xml += "<row r=\"\(n)\"><c r=\"A\(n)\"><v>\(n)</v></c></row>" }
        xml += "</sheetData></worksheet>"
        return try workbook(sheet: Data(xml.utf8))
    }

    func testASheetOfAMillionRowsIsRefusedBeforeItIsParsed() throws {
        let data = try Self.sheet(rows: 1_000_000)

        let message = refusal(data)

        XCTAssertTrue(
            message.contains("quá lớn khi giải nén (tối đa 50 MB)") && message.contains("quá nhiều dòng"), message)
    }

    func testASheetWithMoreRowsThanAnyFormIsRefusedNamingTheLimit() throws {
        let data = try Self.sheet(rows: 20_000)

        let message = refusal(data)

        XCTAssertTrue(message.contains("Trang tính “Số liệu” có hơn 10.000 dòng"), message)
    }

    func testAWordReportWithAnExternalEntityIsRefusedToo() throws {
        let document = Data(
            ("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>")
                .utf8)
        let docx = try OfficeZip.write([("word/document.xml", document)])

        XCTAssertThrowsError(try DocxTextReader.read(data: docx)) { error in
            XCTAssertTrue(String(describing: error).contains("của tệp Word có khai báo DOCTYPE/ENTITY"), "\(error)")
        }
    }

    func testAPackageWhoseDirectoryPointsPastItsEndIsRefusedNotATrap() throws {
        // Found by fuzzing: ZIPFoundation's in-memory reader traps on such an offset.
        var bytes = [UInt8](try Self.workbook(sheet: Data("<worksheet/>".utf8)))
        var index = 0
        while index + 46 < bytes.count {
            if bytes[index..<index + 4] == [0x50, 0x4B, 0x01, 0x02] {
                for offset in 42..<46 { bytes[index + offset] = 0x7F }
            }
            index += 1
        }

        let message = refusal(Data(bytes))

        XCTAssertTrue(message.contains("Tệp Excel") || message.contains("không phải là bảng tính"), message)
    }

    func testAPartWithAnElementNameThatIsNotUTF8IsRefusedNotATrap() throws {
        // Found by fuzzing: Foundation's XML parser traps on it.
        let data = try Data(
            contentsOf: Self.fixtures.appendingPathComponent("fuzz/crash-docx-xml-utf8.docx"))

        XCTAssertThrowsError(try DocxTextReader.read(data: data)) { error in
            XCTAssertTrue(String(describing: error).contains("của tệp Word bị hỏng"), "\(error)")
        }
    }

    func testTheTemplateReadsBackItsKeysAndRows() throws {
        let form = ReportingForm(
            code: "MAU", name: "Báo cáo thử", indicatorCodes: ["A", "B"], unitIDs: [UnitID("1")], periodKind: .year,
            calendar: .statistical, deadline: DeadlineRule(workingDays: 5))
        let unit = UnitVersion(
            unitID: UnitID("1"), code: "1", name: "Phong Dinh", kind: .phuong, parentID: nil,
            validFrom: CivilDate(2025, 7, 1), validTo: nil)
        let indicators = [
            Indicator(code: "A", name: "Chỉ tiêu A", unitOfMeasure: "hộ", valueType: .count),
            Indicator(code: "B", name: "Chỉ tiêu B", unitOfMeasure: "%", decimals: 2, valueType: .percentage),
        ]
        let data = try EntryTemplate.write(
            form: form, unit: unit, period: .year(2028),
            lines: indicators.map { EntryTemplate.Line(indicator: $0, previous: 10, current: nil) })

        let filled = try EntryTemplate.read(data: data)
        let sheets = try XlsxReader.read(data: data)

        XCTAssertEqual(
            filled.keys,
            EntryTemplate.Keys(
                formCode: "MAU", unitCode: "1", periodID: "2028", version: EntryTemplate.version(of: form),
                figureVersions: ["A": 0, "B": 0]),
            "the key sheet records each figure's version (0: none yet)")
        XCTAssertEqual(filled.rows.map(\.indicatorCode), ["A", "B"])
        XCTAssertEqual(filled.rows.map(\.row), [3, 4])
        XCTAssertEqual(filled.rows.first?.status, .text("Chính thức"))
        XCTAssertEqual(sheets.map(\.name), ["Hướng dẫn", "Số liệu", "Khóa"])
        XCTAssertEqual(sheets.map(\.isHidden), [false, false, true])
        XCTAssertEqual(sheets[1].cell(column: 4, row: 3), .number(10), "last period's figure, for reference")
        XCTAssertEqual(sheets[1].cell(column: 3, row: 4), .text("%"))
    }

    static func workbook(sheet: Data) throws -> Data {
        let workbook = Data(
            ("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<sheets><sheet name=\"Số liệu\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>").utf8)
        let rels = Data(
            ("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
                + "Target=\"worksheets/sheet1.xml\"/></Relationships>").utf8)
        return try OfficeZip.write([
            ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", rels), ("xl/worksheets/sheet1.xml", sheet),
        ])
    }
}
