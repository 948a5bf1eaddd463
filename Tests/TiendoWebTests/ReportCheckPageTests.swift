import Foundation
import TiendoCore
import XCTVapor
import XCTest

@testable import TiendoWeb

/// Kiểm tra số liệu in the browser: upload a report, read the findings; bad files are refused in
/// Vietnamese and nothing is kept.
final class ReportCheckPageTests: XCTestCase {
    func testUploadedReportShowsItsContradictionWithPassagesAndArithmetic() async throws {
        try await WebTestApp.withDemo { web in
            let reporter = try await web.login("phongdinh")
            let text = "Toàn phường có 28/38 trường đạt chuẩn quốc gia, đạt 75%.\n"

            let response = try await web.upload(
                "/kiem-tra-so-lieu", file: Data(text.utf8), fileName: "bao-cao.txt", as: reporter)

            XCTAssertEqual(response.status, .ok)
            let html = response.body.string
            XCTAssertTrue(html.contains("Phát hiện 1 điểm mâu thuẫn"), html)
            XCTAssertTrue(html.contains("Phân số và tỷ lệ phần trăm không khớp"))
            XCTAssertTrue(html.contains("28/38 = 73,68%, báo cáo ghi 75%"))
            XCTAssertTrue(html.contains("đoạn 1"))
            XCTAssertTrue(html.contains("Đã kiểm tra"), "the page says what was checked")
        }
    }

    func testConsistentReportGivesNoFinding() async throws {
        try await WebTestApp.withDemo { web in
            let reporter = try await web.login("phongdinh")
            let text = "Toàn phường có 28/38 trường đạt chuẩn quốc gia, đạt 73,7%.\n"

            let response = try await web.upload(
                "/kiem-tra-so-lieu", file: Data(text.utf8), fileName: "bao-cao.txt", as: reporter)

            XCTAssertEqual(response.status, .ok)
            XCTAssertTrue(response.body.string.contains("Không phát hiện mâu thuẫn nào giữa các số liệu."))
        }
    }

    func testUploadedWordReportIsReadWithItsFootnotes() async throws {
        try await WebTestApp.withDemo { web in
            let reporter = try await web.login("phongdinh")
            let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fixtures/audit/docx/so-ket-thanh-pho-hue-2027-tiendo.docx")
            let docx = try Data(contentsOf: fixture)

            let response = try await web.upload(
                "/kiem-tra-so-lieu", file: docx, fileName: "so-ket-2027.docx", as: reporter)

            XCTAssertEqual(response.status, .ok)
            XCTAssertTrue(response.body.string.contains("14 chú thích"), "footnotes of the Word file are read")
            XCTAssertTrue(response.body.string.contains("Không phát hiện mâu thuẫn nào giữa các số liệu."))
        }
    }

    func testFiguresAreCheckedAgainstTheUnitsData() async throws {
        try await WebTestApp.withDemo { web in
            let reporter = try await web.login("phongdinh")
            let text = "Năm 2027, phường kết nạp 999 đảng viên mới.\n"

            let response = try await web.upload(
                "/kiem-tra-so-lieu", file: Data(text.utf8), fileName: "bao-cao.txt",
                form: ["doi-chieu": "1", "don-vi": "19831", "ky": "2027"], as: reporter)

            XCTAssertEqual(response.status, .ok)
            XCTAssertTrue(response.body.string.contains("Đã đối chiếu với số liệu của Phường Phong Dinh, năm 2027."))
        }
    }

    func testFileThatIsNotAReportIsRefusedInVietnamese() async throws {
        try await WebTestApp.withDemo { web in
            let reporter = try await web.login("phongdinh")

            let fakeDocx = try await web.upload(
                "/kiem-tra-so-lieu", file: Data([0x50, 0x4B, 0x03, 0x04, 0, 1, 2, 3]), fileName: "bao-cao.docx",
                as: reporter)
            let binary = try await web.upload(
                "/kiem-tra-so-lieu", file: Data([0xFF, 0xFE, 0xFD, 0x00, 0xC3]), fileName: "anh.png", as: reporter)
            let legacy = try await web.upload(
                "/kiem-tra-so-lieu", file: Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1]), fileName: "cu.doc", as: reporter)
            let none = try await web.post("/kiem-tra-so-lieu", form: [:], as: reporter)

            XCTAssertEqual(fakeDocx.status, .unprocessableEntity)
            XCTAssertTrue(fakeDocx.body.string.contains("bao-cao.docx:"), fakeDocx.body.string)
            XCTAssertEqual(binary.status, .unprocessableEntity)
            XCTAssertTrue(binary.body.string.contains("không phải văn bản UTF-8 hay tệp .docx"))
            XCTAssertEqual(legacy.status, .unprocessableEntity)
            XCTAssertTrue(legacy.body.string.contains("định dạng Word cũ (.doc)"))
            XCTAssertEqual(none.status, .unprocessableEntity)
            XCTAssertTrue(none.body.string.contains("Chưa chọn tệp báo cáo"))
        }
    }

    func testUploadWithoutTheFormTokenIsRefused() async throws {
        try await WebTestApp.withDemo { web in
            let reporter = try await web.login("phongdinh")

            let forged = try await web.upload(
                "/kiem-tra-so-lieu", file: Data("Có 28/38 trường, đạt 75%.".utf8), fileName: "a.txt",
                form: ["_csrf": "gia-mao"], as: reporter)

            XCTAssertEqual(forged.status, .forbidden)
            XCTAssertTrue(forged.body.string.contains("mã bảo vệ"))
        }
    }
}
