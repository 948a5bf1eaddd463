import Foundation
import TiendoCore
import TiendoStorage
import TiendoTestSupport
import XCTVapor
import XCTest

@testable import TiendoWeb

/// A ward that works in Excel: it downloads the template from the entry page, fills it in,
/// uploads it — and the reviewer approves the report in the web app as if it had been typed.
final class ExcelEntryTests: XCTestCase {
    static let entry = "/nhap-lieu/CHI-TIEU-NAM/19831/2027"

    /// Every figure of the demo form, official.
    static let officialFigures: [String: XlsxEditing.Content] = {
        var cells: [String: XlsxEditing.Content] = [:]
        let numbers: [Double] = [255, 1_400, 380, 131, 10_200, 42_300, 44_000, 20, 24, 29, 3_550, 3_620]
        for (offset, number) in numbers.enumerated() {
            cells["F\(offset + 3)"] = .number(number)
            cells["G\(offset + 3)"] = .text("Chính thức")
            cells["H\(offset + 3)"] = .empty
        }
        return cells
    }()

    func testAWardReportsThroughTheTemplateAloneAndTheReviewerApprovesIt() async throws {
        try await WebTestApp.withDemo { web in
            let officer = try await web.login("phongdinh")
            let page = try await web.get(Self.entry, as: officer)
            XCTAssertTrue(
                page.body.string.contains("Tải mẫu Excel của biểu mẫu này"), "the entry page offers the template")

            let download = try await web.get(Self.entry + "/mau-excel", as: officer)
            XCTAssertEqual(download.status, .ok)
            XCTAssertEqual(
                download.headers.contentType?.serialize(),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            XCTAssertTrue(
                download.headers.first(name: .contentDisposition)?.contains("mau-nhap-CHI-TIEU-NAM-19831-2027.xlsx")
                    ?? false)
            let filled = try XlsxEditing.setting(Self.officialFigures, in: Data(buffer: download.body))

            let upload = try await web.upload(
                Self.entry + "/tai-len", file: filled, fileName: "phong-dinh-2027.xlsx", form: ["nop-luon": "1"],
                as: officer)
            XCTAssertEqual(upload.status, .seeOther, upload.body.string)
            let after = try await web.get(upload.headers.first(name: .location) ?? "", as: officer)
            XCTAssertTrue(
                after.body.string.contains(
                    "Đã nhập tệp Excel: 0 số liệu mới, 12 số liệu thay đổi, 0 giữ nguyên; đã lưu nháp; hãy kiểm tra "
                        + "số liệu rồi bấm “Xác nhận nộp” để nộp báo cáo."),
                after.body.string)
            // “Nộp luôn” asks to confirm, like “Nộp báo cáo”: the file is a draft until then.
            XCTAssertTrue(after.body.string.contains("value=\"xac-nhan-nop\""), after.body.string)
            var confirm = EntrySubmitConfirmationTests.postedFields(after.body.string)
            confirm["action"] = "xac-nhan-nop"
            let confirmed = try await web.post(Self.entry, form: confirm, as: officer)
            XCTAssertEqual(confirmed.status, .seeOther, confirmed.body.string)

            let reviewer = try await web.login("tonghop")
            let approved = try await web.post(
                "/duyet/CHI-TIEU-NAM/19831/2027", form: ["action": "duyet"], as: reviewer)
            XCTAssertEqual(approved.status, .seeOther)

            let snapshot = try await web.store.snapshot()
            let ward = try XCTUnwrap(snapshot.directory.unit(code: "19831", on: CivilDate(2027, 12, 31)))
            let households = snapshot.values.reported(
                ValueKey(indicatorCode: "SO_HO_NGHEO", unitID: ward.unitID, period: .year(2027)))
            let submission = try await web.store.submission(
                form: "CHI-TIEU-NAM", unit: ward.unitID, period: .year(2027))
            XCTAssertEqual(households?.number, 131)
            XCTAssertEqual(households?.status, .chinhThuc)
            XCTAssertEqual(submission.submission.status, .daDuyet)
            XCTAssertEqual(submission.submission.submittedBy, "Cán bộ văn phòng Đảng ủy phường Phong Dinh (minh họa)")
        }
    }

    func testABadFileIsRefusedOnThePageWithEveryCellAndNothingIsWritten() async throws {
        try await WebTestApp.withDemo { web in
            let officer = try await web.login("phongdinh")
            let template = try await web.get(Self.entry + "/mau-excel", as: officer)
            var cells = Self.officialFigures
            cells["F3"] = .text("hai trăm năm mươi")
            cells["F6"] = .number(-2)
            let bad = try XlsxEditing.setting(cells, in: Data(buffer: template.body))
            let before = try await web.store.values().all

            let response = try await web.upload(Self.entry + "/tai-len", file: bad, fileName: "sai.xlsx", as: officer)

            XCTAssertEqual(response.status, .unprocessableEntity)
            let html = response.body.string
            XCTAssertTrue(html.contains("Tệp “sai.xlsx” có 2 lỗi nên chưa nhập gì; hãy sửa các ô dưới đây"), html)
            XCTAssertTrue(html.contains("trang “Số liệu”, ô F3: “hai trăm năm mươi”"), html)
            XCTAssertTrue(html.contains("ô F6: “-2”: số đếm không thể âm"), html)
            let after = try await web.store.values().all
            XCTAssertEqual(Set(after), Set(before))
        }
    }

    func testAFileThatIsNotTheRightTemplateIsRefusedWithTheReason() async throws {
        try await WebTestApp.withDemo { web in
            let reviewer = try await web.login("tonghop")
            let otherWard = try await web.get("/nhap-lieu/CHI-TIEU-NAM/19753/2027/mau-excel", as: reviewer)
            let wrongWard = try await web.upload(
                Self.entry + "/tai-len", file: Data(buffer: otherWard.body), fileName: "phu-xuan.xlsx", as: reviewer)
            let notExcel = try await web.upload(
                Self.entry + "/tai-len", file: Data("STT;Chỉ tiêu\n".utf8), fileName: "so-lieu.csv", as: reviewer)
            let noFile = try await web.upload(Self.entry + "/tai-len", file: Data(), fileName: "", as: reviewer)

            XCTAssertEqual(wrongWard.status, .unprocessableEntity)
            XCTAssertTrue(
                wrongWard.body.string.contains("tệp là mẫu của Phường Phú Xuân, không phải của đơn vị đang nhập"),
                wrongWard.body.string)
            XCTAssertEqual(notExcel.status, .unprocessableEntity)
            XCTAssertTrue(notExcel.body.string.contains("không phải là bảng tính Excel .xlsx hợp lệ"))
            XCTAssertEqual(noFile.status, .unprocessableEntity)
            XCTAssertTrue(noFile.body.string.contains("Chưa chọn tệp"))
        }
    }

    func testAHundredMegabyteUploadIsRefusedBeforeItIsRead() async throws {
        try await WebTestApp.withDemo { web in
            let officer = try await web.login("phongdinh")
            let huge = Data(repeating: 0x50, count: 100_000_000)

            let response = try await web.upload(Self.entry + "/tai-len", file: huge, fileName: "lon.xlsx", as: officer)

            XCTAssertEqual(response.status, .payloadTooLarge)
            XCTAssertTrue(response.body.string.contains("Dữ liệu gửi lên quá lớn (tối đa 20 MB)"), response.body.string)
        }
    }
}
