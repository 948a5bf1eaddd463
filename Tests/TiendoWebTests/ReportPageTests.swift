import Foundation
import TiendoApplication
import TiendoChecker
import TiendoCore
import TiendoDocuments
import XCTVapor
import XCTest

@testable import TiendoWeb

/// The report page as an officer uses it: write the narrative, download the Word document and its
/// Excel annex, and find what was written in the document.
final class ReportPageTests: XCTestCase {
    static let ward = "/bao-cao?don-vi=19831&ky=2027&loai=so-ket"

    func testReporterWritesANarrativeThatTheDownloadedDocumentPrints() async throws {
        try await WebTestApp.withDemo { web in
            let reporter = try await web.login("phongdinh")

            let page = try await web.get(Self.ward, as: reporter)
            let saved = try await web.post(
                "/bao-cao",
                form: [
                    "don-vi": "19831", "ky": "2027", "loai": "so-ket",
                    "ket-qua-noi-bat": "Thu ngân sách vượt kế hoạch đề ra.\nKết nạp đảng viên mới đạt kế hoạch.",
                    "han-che-nguyen-nhan": "   ",
                ], as: reporter)
            let again = try await web.get(try XCTUnwrap(saved.headers.first(name: .location)), as: reporter)
            let word = try await web.get(
                "/bao-cao/tai-ve/word?don-vi=19831&ky=2027&loai=so-ket&so=15&ngay=14/12/2027&nguoi-ky=Nguy%E1%BB%85n%20V%C4%83n%20A",
                as: reporter)

            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("Lưu nội dung"), "a reporter may write the narrative")
            XCTAssertEqual(saved.status, .seeOther)
            XCTAssertTrue(again.body.string.contains("Đã lưu nội dung báo cáo."))
            XCTAssertTrue(again.body.string.contains("Đã viết 1/6 phần"), "a blank section is not kept")
            XCTAssertEqual(word.status, .ok)
            XCTAssertEqual(word.headers.first(name: .contentType), ReviewReport.docxContentType)
            XCTAssertEqual(
                word.headers.first(name: .contentDisposition),
                "attachment; filename=\"bao-cao-so-ket-2027-phuong-phong-dinh.docx\"")
            let document = try DocxTextReader.read(data: Data(buffer: word.body))
            let text = document.blocks.map(\.text).joined(separator: "\n")
            XCTAssertTrue(text.contains("Thu ngân sách vượt kế hoạch đề ra."))
            XCTAssertTrue(text.contains("Kết nạp đảng viên mới đạt kế hoạch."))
            XCTAssertTrue(text.contains("Số 15-BC/ĐU"))
            XCTAssertTrue(text.contains("Phong Dinh, ngày 14 tháng 12 năm 2027"))
            XCTAssertTrue(text.contains("Nguyễn Văn A"))
            XCTAssertTrue(text.contains("chỉ tiêu đạt và vượt kế hoạch"))
            XCTAssertFalse(text.contains("HẠN CHẾ, YẾU KÉM"), "an empty section is left out")
        }
    }

    func testDashboardOffersTheReportOfItsUnitAndPeriod() async throws {
        try await WebTestApp.withDemo { web in
            let reviewer = try await web.login("tonghop")

            let dashboard = try await web.get("/?don-vi=46&ky=2027", as: reviewer)

            XCTAssertTrue(dashboard.body.string.contains("/bao-cao/tai-ve/word?don-vi=46&amp;ky=2027&amp;loai=so-ket"))
            XCTAssertTrue(dashboard.body.string.contains("Tải báo cáo sơ kết (Word)"))
        }
    }

    func testLeaderDownloadsTheAnnexButCannotWrite() async throws {
        try await WebTestApp.withDemo { web in
            let leader = try await web.login("lanhdao")

            let page = try await web.get("/bao-cao?don-vi=46&ky=2027", as: leader)
            let write = try await web.post(
                "/bao-cao", form: ["don-vi": "46", "ky": "2027", "loai": "so-ket", "ket-qua-noi-bat": "x"], as: leader)
            let annex = try await web.get("/bao-cao/tai-ve/excel?don-vi=46&ky=2027", as: leader)
            let directory = try await web.store.directory()
            let city = try XCTUnwrap(directory.unit(code: "46", on: CivilDate(2027, 12, 31)))
            let narrative = try await web.store.narrative(unit: city.unitID, period: .year(2027), kind: .soKet)

            XCTAssertEqual(page.status, .ok)
            XCTAssertFalse(page.body.string.contains("<textarea"), "a read-only account sees no editor")
            XCTAssertEqual(write.status, .forbidden)
            XCTAssertTrue(narrative.isEmpty, "nothing was written")
            XCTAssertEqual(annex.status, .ok)
            XCTAssertEqual(annex.headers.first(name: .contentType), ReviewReport.xlsxContentType)
            XCTAssertTrue(Data(buffer: annex.body).starts(with: [0x50, 0x4B, 0x03, 0x04]), "an .xlsx is a ZIP package")
        }
    }

    func testWardCannotTakeTheCityReport() async throws {
        try await WebTestApp.withDemo { web in
            let reporter = try await web.login("phongdinh")

            let word = try await web.get("/bao-cao/tai-ve/word?don-vi=46&ky=2027", as: reporter)

            XCTAssertEqual(word.status, .forbidden)
            XCTAssertTrue(word.body.string.contains("không có quyền"))
        }
    }

    func testTooLongSectionIsShownWithItsErrorAndNothingIsWritten() async throws {
        try await WebTestApp.withDemo { web in
            let reporter = try await web.login("phongdinh")
            let long = String(repeating: "Đoạn văn rất dài. ", count: 3_000)

            let response = try await web.post(
                "/bao-cao",
                form: [
                    "don-vi": "19831", "ky": "2027", "loai": "so-ket", "ket-qua-noi-bat": "Ngắn.",
                    "bai-hoc-kinh-nghiem": long,
                ],
                as: reporter)
            let directory = try await web.store.directory()
            let ward = try XCTUnwrap(directory.unit(code: "19831", on: CivilDate(2027, 12, 31)))
            let narrative = try await web.store.narrative(unit: ward.unitID, period: .year(2027), kind: .soKet)

            XCTAssertEqual(response.status, .unprocessableEntity)
            XCTAssertTrue(response.body.string.contains("quá giới hạn 50.000 ký tự"))
            XCTAssertTrue(response.body.string.contains("Ngắn."), "what was typed is kept on the page")
            XCTAssertTrue(narrative.isEmpty, "nothing was written")
        }
    }

    func testBadDateOrFormatIsRefusedInVietnamese() async throws {
        try await WebTestApp.withDemo { web in
            let reporter = try await web.login("phongdinh")

            let badDate = try await web.get("/bao-cao/tai-ve/word?don-vi=19831&ky=2027&ngay=31/02/2027", as: reporter)
            let badFormat = try await web.get("/bao-cao/tai-ve/odt?don-vi=19831&ky=2027", as: reporter)
            let badKind = try await web.get("/bao-cao?don-vi=19831&ky=2027&loai=quy", as: reporter)

            XCTAssertEqual(badDate.status, .badRequest)
            XCTAssertTrue(badDate.body.string.contains("Ngày “31/02/2027” không hợp lệ"))
            XCTAssertEqual(badFormat.status, .notFound)
            XCTAssertTrue(badFormat.body.string.contains("hãy chọn Word, Excel hoặc PDF"))
            XCTAssertEqual(badKind.status, .badRequest)
            XCTAssertTrue(badKind.body.string.contains("Loại báo cáo “quy” không hợp lệ"))
        }
    }

    func testKindAndDateMustFitThePeriod() async throws {
        try await WebTestApp.withDemo { web in
            let reporter = try await web.login("phongdinh")
            let base = "/bao-cao/tai-ve/word?don-vi=19831&ky=2027"

            let page = try await web.get("/bao-cao?don-vi=19831&ky=2027&loai=tong-ket", as: reporter)
            let finalReview = try await web.get(base + "&loai=tong-ket", as: reporter)
            let beforePeriod = try await web.get(base + "&ngay=01/06/2026", as: reporter)
            let beforeCutOff = try await web.get(base + "&ngay=10/06/2027", as: reporter)
            let confirmed = try await web.get(base + "&ngay=10/06/2027&truoc-khoa-so=1", as: reporter)
            let byDefault = try await web.get(base, as: reporter)

            // The page warns before anything is downloaded, and proposes the period's cut-off.
            XCTAssertTrue(page.body.string.contains("chỉ lập từ năm cuối nhiệm kỳ (năm 2030)"), page.body.string)
            XCTAssertTrue(page.body.string.contains("value=\"14/12/2027\""))
            XCTAssertEqual(finalReview.status, .unprocessableEntity)
            XCTAssertTrue(
                finalReview.body.string.contains(
                    "Báo cáo tổng kết nhiệm kỳ 2025–2030 chỉ lập từ năm cuối nhiệm kỳ (năm 2030)"))
            XCTAssertEqual(beforePeriod.status, .unprocessableEntity)
            XCTAssertTrue(beforePeriod.body.string.contains("trước khi năm 2027 bắt đầu"))
            XCTAssertEqual(beforeCutOff.status, .unprocessableEntity)
            XCTAssertTrue(beforeCutOff.body.string.contains("trước ngày khóa sổ năm 2027 (14/12/2027)"))
            XCTAssertEqual(confirmed.status, .ok)
            XCTAssertEqual(byDefault.status, .ok)
            let text = try DocxTextReader.read(data: Data(buffer: byDefault.body)).blocks.map(\.text).joined()
            XCTAssertTrue(text.contains("ngày 14 tháng 12 năm 2027"), "the default date is the period's cut-off")
        }
    }

    func testUnitWithoutItsOwnResolutionIsToldWhy() async throws {
        try await WebTestApp.withDemo { web in
            let reviewer = try await web.login("tonghop")

            let page = try await web.get("/bao-cao?don-vi=19753&ky=2027", as: reviewer)
            let word = try await web.get("/bao-cao/tai-ve/word?don-vi=19753&ky=2027", as: reviewer)

            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("Chưa có nghị quyết nào do Phường Phú Xuân ban hành"))
            XCTAssertFalse(page.body.string.contains("Tải báo cáo (Word)"))
            XCTAssertEqual(word.status, .notFound)
        }
    }
}
