import Foundation
import TiendoCore
import TiendoDemo
import XCTVapor
import XCTest

@testable import TiendoWeb

/// Checks at entry on the entry page: an unusual figure is refused until it has a note, then it
/// is saved, marked next to the figure and listed for the reviewer on the period's board.
final class EntryChecksPageTests: XCTestCase {
    static let path = "/nhap-lieu/\(DemoData.formCode)/19831/2027"
    static let status = "/tinh-hinh-nop/\(DemoData.formCode)?ky=2027"

    func testAPartAboveItsTotalNeedsANoteAndIsThenFlaggedForTheReviewer() async throws {
        try await WebTestApp.withDemo { web in
            let ward = try await web.login("phongdinh")
            var fields = ReportingCycleTests.currentFields(try await web.get(Self.path, as: ward).body.string)
            fields["v_SO_HO_NGHEO"] = "12500"
            fields["action"] = "luu"
            let before = try await web.store.values().all

            let refused = try await web.post(Self.path, form: fields, as: ward)
            let html = refused.body.string
            XCTAssertEqual(refused.status, .unprocessableEntity, html)
            XCTAssertTrue(html.contains("1 số liệu khác thường chưa có ghi chú; chưa có gì được lưu"), html)
            XCTAssertTrue(html.contains("id=\"e_SO_HO_NGHEO\">Số liệu khác thường: “Số hộ nghèo"), html)
            XCTAssertTrue(html.contains("phần không thể lớn hơn tổng"))
            XCTAssertTrue(html.contains("name=\"v_SO_HO_NGHEO\" value=\"12500\""), "what was typed stays")
            let after = try await web.store.values().all
            XCTAssertEqual(Set(after), Set(before), "nothing is saved")

            // "Nộp báo cáo" is refused the same way before its confirmation step.
            var submit = fields
            submit["action"] = "nop"
            let refusedSubmit = try await web.post(Self.path, form: submit, as: ward)
            XCTAssertEqual(refusedSubmit.status, .unprocessableEntity)
            XCTAssertFalse(refusedSubmit.body.string.contains("Xác nhận nộp báo cáo"))

            fields["n_SO_HO_NGHEO"] = "Tính cả hộ nghèo của hai thôn sáp nhập, tổng số hộ chưa cập nhật"
            let saved = try await web.post(Self.path, form: fields, as: ward)
            XCTAssertEqual(saved.status, .seeOther, saved.body.string)
            let page = try await web.get(Self.path, as: ward).body.string
            XCTAssertTrue(page.contains("Số liệu khác thường, đã đánh dấu cho người duyệt."), page)
            XCTAssertTrue(page.contains("Ghi chú của đơn vị: “Tính cả hộ nghèo của hai thôn sáp nhập"))

            let reviewer = try await web.login("tonghop")
            let board = try await web.get(Self.status, as: reviewer)
            XCTAssertEqual(board.status, .ok)
            let boardHTML = board.body.string
            XCTAssertTrue(boardHTML.contains("<h2 id=\"khac-thuong\">Số liệu khác thường</h2>"))
            XCTAssertTrue(boardHTML.contains("1 số liệu khác thường</span>"), boardHTML)
            XCTAssertTrue(boardHTML.contains("<td class=\"num\" data-label=\"Số liệu\">12.500 hộ</td>"), boardHTML)
            XCTAssertTrue(boardHTML.contains("Tính cả hộ nghèo của hai thôn sáp nhập"))
            XCTAssertTrue(boardHTML.contains("khác thường; đơn vị đã ghi chú lý do"))

            // Corrected to a usual figure, the flag goes.
            var corrected = ReportingCycleTests.currentFields(page)
            corrected["v_SO_HO_NGHEO"] = "140"
            corrected["action"] = "luu"
            let fixed = try await web.post(Self.path, form: corrected, as: ward)
            XCTAssertEqual(fixed.status, .seeOther, fixed.body.string)
            let clean = try await web.get(Self.status, as: reviewer).body.string
            XCTAssertTrue(clean.contains("Không có số liệu nào khác thường trong"), clean)
        }
    }
}
