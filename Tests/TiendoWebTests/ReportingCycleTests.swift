import TiendoApplication
import TiendoCore
import TiendoDemo
import TiendoStorage
import XCTVapor
import XCTest

@testable import TiendoWeb

/// A whole reporting cycle over HTTP, as the officers do it: the ward enters and submits, the
/// city returns it once, the ward corrects, the city approves, the figures lock and the city
/// board shows the new verdict at once.
final class ReportingCycleTests: XCTestCase {
    static let path = "/nhap-lieu/\(DemoData.formCode)/19831/2027"
    static let review = "/duyet/\(DemoData.formCode)/19831/2027"

    /// The posted fields of the entry page as it stands (values, statuses, notes, versions).
    static func currentFields(_ html: String) -> [String: String] {
        var fields: [String: String] = [:]
        let pattern = try! NSRegularExpression(pattern: "name=\"((?:v|n|ver)_[A-Z_]+)\" value=\"([^\"]*)\"")
        for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let name = String(html[Range(match.range(at: 1), in: html)!])
            let value = String(html[Range(match.range(at: 2), in: html)!])
            fields[name] = value.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(
                of: "&quot;", with: "\"")
        }
        return fields
    }

    func testBadNumberIsShownNextToItsFieldAndNothingIsWritten() async throws {
        try await WebTestApp.withDemo { web in
            let ward = try await web.login("phongdinh")
            let page = try await web.get(Self.path, as: ward)
            var fields = Self.currentFields(page.body.string)
            fields["v_THU_NSNN"] = "12a"
            fields["v_SO_HO_NGHEO"] = "-5"
            fields["action"] = "luu"
            let before = try await web.store.values().all.count

            let response = try await web.post(Self.path, form: fields, as: ward)

            let html = response.body.string
            XCTAssertEqual(response.status, .unprocessableEntity)
            XCTAssertTrue(html.contains("chưa có gì được lưu"), html)
            XCTAssertTrue(html.contains("id=\"e_THU_NSNN\""), "the error sits next to its field")
            XCTAssertTrue(html.contains("Số đếm không thể âm."))
            let after = try await web.store.values().all.count
            XCTAssertEqual(after, before)
        }
    }

    func testSubmitReturnCorrectApproveAndTheBoardReflectsIt() async throws {
        try await WebTestApp.withDemo { web in
            let ward = try await web.login("phongdinh")
            let city = try await web.login("tonghop")
            let boardBefore = try await web.get("/?don-vi=19831&ky=2027", as: city).body.string
            XCTAssertTrue(
                boardBefore.contains("ước đạt 1,35%, chưa đạt chỉ tiêu Nghị quyết"), "the ward's poverty rate before")

            // The ward enters official figures: 30 poor households of the existing total.
            var fields = Self.currentFields(try await web.get(Self.path, as: ward).body.string)
            for key in fields.keys where key.hasPrefix("v_") { fields["s_" + key.dropFirst(2)] = "chinhThuc" }
            fields["v_SO_HO_NGHEO"] = "30"
            fields["action"] = "nop"
            // "Nộp báo cáo" shows the figures again; nothing is submitted before "Xác nhận nộp".
            let asked = try await web.post(Self.path, form: fields, as: ward)
            XCTAssertEqual(asked.status, .ok, asked.body.string)
            XCTAssertTrue(asked.body.string.contains("Xác nhận nộp báo cáo"), asked.body.string)
            let pending = try await web.get(Self.path, as: ward).body.string
            XCTAssertTrue(pending.contains("status-chuaNop"), "not submitted by the first press")
            fields["action"] = "xac-nhan-nop"
            let submitted = try await web.post(Self.path, form: fields, as: ward)
            XCTAssertEqual(submitted.status, .seeOther, submitted.body.string)

            // The city returns it with a reason the ward then reads.
            let returned = try await web.post(
                Self.review, form: ["action": "tra-lai", "ly-do": "Số hộ nghèo chưa khớp với danh sách rà soát"],
                as: city)
            XCTAssertEqual(returned.status, .seeOther)
            let wardPage = try await web.get(Self.path, as: ward).body.string
            XCTAssertTrue(wardPage.contains("Số hộ nghèo chưa khớp với danh sách rà soát"))

            // The ward corrects and submits again; the city approves; the figures lock.
            var again = Self.currentFields(wardPage)
            for key in again.keys where key.hasPrefix("v_") { again["s_" + key.dropFirst(2)] = "chinhThuc" }
            again["v_SO_HO_NGHEO"] = "28"
            again["action"] = "xac-nhan-nop"
            let resubmitted = try await web.post(Self.path, form: again, as: ward)
            XCTAssertEqual(resubmitted.status, .seeOther, resubmitted.body.string)
            let approved = try await web.post(Self.review, form: ["action": "duyet"], as: city)
            XCTAssertEqual(approved.status, .seeOther)
            var late = Self.currentFields(try await web.get(Self.path, as: ward).body.string)
            late["action"] = "luu"
            let locked = try await web.post(Self.path, form: late, as: ward)
            XCTAssertEqual(locked.status, .conflict)
            XCTAssertTrue(locked.body.string.contains("đã khóa"))

            // The board shows the new verdict at once: 28 households of the total is below 1%.
            let board = try await web.get("/?don-vi=19831&ky=2027", as: city).body.string
            XCTAssertFalse(board.contains("ước đạt 1,35%"), "the estimate is replaced")
            XCTAssertTrue(board.contains("Tỷ lệ hộ nghèo (chuẩn đa chiều) giảm còn dưới 1%"))
            let status = try await web.get("/tinh-hinh-nop/\(DemoData.formCode)?ky=2027", as: city).body.string
            XCTAssertTrue(status.contains("đã duyệt"))
            let events = try await web.store.events(subject: "bao-cao:\(DemoData.formCode)/19831@2025-07-01/2027").map(
                \.action)
            XCTAssertEqual(events, ["nop-bao-cao", "tra-lai", "nop-bao-cao", "duyet"])
        }
    }

    func testSecondEditorOfTheSameFigureIsRefusedWithTheOtherValue() async throws {
        try await WebTestApp.withDemo { web in
            let first = try await web.login("phongdinh")
            let second = try await web.login("tonghop")
            let seenByFirst = Self.currentFields(try await web.get(Self.path, as: first).body.string)
            let seenBySecond = Self.currentFields(try await web.get(Self.path, as: second).body.string)

            var one = seenByFirst
            one["v_DANG_VIEN_MOI"] = "31"
            one["action"] = "luu"
            var two = seenBySecond
            two["v_DANG_VIEN_MOI"] = "33"
            two["action"] = "luu"
            let saved = try await web.post(Self.path, form: one, as: first)
            let refused = try await web.post(Self.path, form: two, as: second)

            XCTAssertEqual(saved.status, .seeOther)
            XCTAssertEqual(refused.status, .conflict)
            XCTAssertTrue(refused.body.string.contains("cập nhật thành 31"), refused.body.string)
            let key = ValueKey(indicatorCode: "DANG_VIEN_MOI", unitID: UnitID("19831@2025-07-01"), period: .year(2027))
            let stored = try await web.store.values().reported(key)
            XCTAssertEqual(stored?.number, 31, "no lost update")
        }
    }

    func testAmbiguousNumberAsksForConfirmationBeforeSaving() async throws {
        try await WebTestApp.withDemo { web in
            let ward = try await web.login("phongdinh")
            var fields = Self.currentFields(try await web.get(Self.path, as: ward).body.string)
            fields["v_THU_NSNN"] = "1.234"
            fields["action"] = "luu"

            let asked = try await web.post(Self.path, form: fields, as: ward)
            fields["xac-nhan"] = "1"
            let confirmed = try await web.post(Self.path, form: fields, as: ward)

            XCTAssertEqual(asked.status, .unprocessableEntity)
            XCTAssertTrue(asked.body.string.contains("1.234"))
            XCTAssertTrue(asked.body.string.contains("name=\"xac-nhan\""))
            XCTAssertEqual(confirmed.status, .seeOther)
            let key = ValueKey(indicatorCode: "THU_NSNN", unitID: UnitID("19831@2025-07-01"), period: .year(2027))
            let stored = try await web.store.values().reported(key)
            XCTAssertEqual(stored?.number, 1234)
        }
    }
}
