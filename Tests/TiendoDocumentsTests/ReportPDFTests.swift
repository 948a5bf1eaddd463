import Foundation
import TiendoCore
import TiendoDocuments
import XCTest

/// PDF through LibreOffice when it is installed; a clear Vietnamese message when it is not.
final class ReportPDFTests: XCTestCase {
    func testMissingLibreOfficeIsSaidInVietnamese() async throws {
        XCTAssertNil(ReportPDF.sofficePath(environment: ["TIENDO_SOFFICE": ""]))
        XCTAssertNil(
            ReportPDF.sofficePath(environment: ["PATH": "/nonexistent"]).flatMap {
                $0.hasPrefix("/nonexistent") ? $0 : nil
            })
        XCTAssertTrue(ReportPDF.missingMessage.contains("LibreOffice"))
    }

    func testReportConvertsToPDFWhenLibreOfficeIsInstalled() async throws {
        try XCTSkipIf(!ReportPDF.isAvailable, "LibreOffice is not installed here; .ci/run installs it")
        let report = try await ReportTestWorld.report()

        let pdf = try await ReportPDF.convert(try report.docx())

        XCTAssertEqual(String(decoding: pdf.prefix(5), as: UTF8.self), "%PDF-")
        XCTAssertGreaterThan(pdf.count, 10_000)
    }
}
