import Foundation
import TiendoCore
import XCTest

@testable import TiendoDocuments

/// Sizes and spans that a crafted upload or unusual data may hold are refused or drawn, never
/// trapped on (issue 19).
final class NoTrapDocumentTests: XCTestCase {
    /// A one-part ZIP whose central directory claims, through a ZIP64 extra field, a compressed
    /// size of 2⁶⁴ − 1: `Int(_:)` trapped on it while the part was read.
    static func zip64Claim(path: String = "xl/workbook.xml") -> Data {
        let content = Data("<workbook/>".utf8)
        let name = Data(path.utf8)
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in content {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        crc ^= 0xFFFF_FFFF
        var out = Data()
        func u16(_ v: Int) { withUnsafeBytes(of: UInt16(v).littleEndian) { out.append(contentsOf: $0) } }
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        // Local file header, stored.
        u32(0x0403_4B50)
        u16(20)
        u16(0)
        u16(0)
        u16(0)
        u16(0x21)
        u32(crc)
        u32(UInt32(content.count))
        u32(UInt32(content.count))
        u16(name.count)
        u16(0)
        out.append(name)
        out.append(content)
        // Central directory header with the ZIP64 claim.
        let centralStart = out.count
        u32(0x0201_4B50)
        u16(45)
        u16(45)
        u16(0)
        u16(0)
        u16(0)
        u16(0x21)
        u32(crc)
        u32(0xFFFF_FFFF)
        u32(UInt32(content.count))
        u16(name.count)
        u16(12)
        u16(0)
        u16(0)
        u16(0)
        u32(0)
        u32(0)
        out.append(name)
        u16(0x0001)
        u16(8)
        u64(UInt64.max)
        let centralSize = out.count - centralStart
        // End of central directory.
        u32(0x0605_4B50)
        u16(0)
        u16(0)
        u16(1)
        u16(1)
        u32(UInt32(centralSize))
        u32(UInt32(centralStart))
        u16(0)
        return out
    }

    func testAPartClaimingAHugeCompressedSizeIsRefusedInVietnamese() {
        do {
            _ = try XlsxReader.read(data: Self.zip64Claim())
            XCTFail("a part larger than its file was accepted")
        } catch {
            let message = "\(error)"
            XCTAssertTrue(message.contains("thành phần “xl/workbook.xml” khai kích thước lớn hơn cả tệp"), message)
        }
    }

    /// A row with more cells than the table has grid columns: the extra cells get no width
    /// instead of a backwards slice of the column widths.
    func testATableRowWiderThanItsGridIsWritten() throws {
        var document = WordDocument()
        let cell = WordCell([WordParagraph([.text("ô", size: 13)])], span: 2)
        document.blocks.append(
            .table(WordTable(columnWidths: [1000, 1000], rows: [WordRow(cells: [cell, cell, cell])])))
        let data = try DocxWriter.write(document)
        XCTAssertFalse(data.isEmpty)
    }

    /// Figures as large as 1,7e308 (two of them add up to ∞) give the chart an axis step
    /// rather than trapping in `Int(_:)`.
    func testABarChartOfHugeValuesHasAnAxis() throws {
        for values in [[1.7e308], [1e300], [Double.infinity], [Double.nan]] {
            let chart = BarChart(
                categories: ["Kinh tế"],
                series: [
                    BarChart.Series(name: "a", color: "2E7D32", values: values),
                    BarChart.Series(name: "b", color: "C62828", values: values),
                ])
            XCTAssertFalse(try chart.part.chartXML.isEmpty, "\(values)")
        }
    }
}
