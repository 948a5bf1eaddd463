import Foundation
import TiendoApplication
import TiendoCore
import TiendoDemo
import TiendoStorage
import TiendoTestSupport
import XCTVapor
import XCTest

@testable import TiendoWeb

/// What the entry paths of the web app (the form, the Excel upload, the API) let in: no absurd
/// number, no figure Tiendo computes, no self-approval; and an upload says what it changed.
final class EntryValueRulesTests: XCTestCase {
    static let ward = "19831"
    static let entry = "/nhap-lieu/\(DemoData.formCode)/19831/2027"

    func testTheAPIRefusesAnAbsurdNumberAndAComputedFigureInVietnamese() async throws {
        try await WebTestApp.withDemo { web in
            let token = try await web.token("phongdinh")
            let before = try await web.store.values().all

            let huge = try await web.api(
                .PUT, "/api/v1/values/\(Self.ward)/THU_NSNN/2028", token: token, json: ["value": 1.7e308])
            XCTAssertEqual(huge.status, .unprocessableEntity, huge.body.string)
            XCTAssertEqual(huge.apiError["field"] as? String, "value")
            XCTAssertTrue(
                (huge.apiError["message"] as? String ?? "").contains("Số liệu quá lớn; chỉ nhận từ"), huge.body.string)

            for code in ["NV_QUA_HAN_CHUA_HOAN_THANH", "TY_LE_NV_DUNG_HAN"] {
                let computed = try await web.api(
                    .PUT, "/api/v1/values/\(Self.ward)/\(code)/2027", token: token, json: ["value": 0])
                XCTAssertEqual(computed.status, .unprocessableEntity, computed.body.string)
                XCTAssertTrue(
                    (computed.apiError["message"] as? String ?? "").contains(
                        "do Tiến độ tự tính từ theo dõi nhiệm vụ"), computed.body.string)
            }
            let after = try await web.store.values().all
            XCTAssertEqual(Set(after), Set(before), "nothing is written")
        }
    }

    func testTheFormRefusesAnAbsurdNumberNextToItsField() async throws {
        try await WebTestApp.withDemo { web in
            let officer = try await web.login("phongdinh")
            let page = try await web.get(Self.entry, as: officer)
            var fields = ReportingCycleTests.currentFields(page.body.string)
            fields["v_THU_NSNN"] = "1" + String(repeating: "0", count: 20)
            fields["action"] = "luu"
            let before = try await web.store.values().all

            let response = try await web.post(Self.entry, form: fields, as: officer)

            XCTAssertEqual(response.status, .unprocessableEntity)
            XCTAssertTrue(response.body.string.contains("Số liệu quá lớn; chỉ nhận từ"), response.body.string)
            let after = try await web.store.values().all
            XCTAssertEqual(Set(after), Set(before))
        }
    }

    func testAWardAdministratorCannotApproveItsOwnWardsReport() async throws {
        try await WebTestApp.withDemo { web in
            let directory = try await web.store.directory()
            let ward = try XCTUnwrap(directory.unit(code: Self.ward, on: CivilDate(2027, 12, 31)))
            try await web.store.createAccount(
                Account(
                    username: "quantri-phongdinh", displayName: "Quản trị phường Phong Dinh", role: .quanTri,
                    unitID: ward.unitID),
                passwordHash: try Passwords.hash("quantri-phongdinh-mk", cost: 4))
            let stored = try await web.store.submission(form: DemoData.formCode, unit: ward.unitID, period: .year(2027))
            try await web.store.saveSubmission(
                try SubmissionWorkflow.submit(stored.submission, by: "Cán bộ", at: Date()),
                expectedVersion: stored.version)
            let review = "/duyet/\(DemoData.formCode)/19831/2027"

            let wardAdmin = try await web.login("quantri-phongdinh", password: "quantri-phongdinh-mk")
            let page = try await web.get(Self.entry, as: wardAdmin)
            XCTAssertFalse(page.body.string.contains("action=\"\(review)\""), "no review buttons for its own report")
            let own = try await web.post(review, form: ["action": "duyet"], as: wardAdmin)
            XCTAssertEqual(own.status, .forbidden)
            XCTAssertTrue(own.body.string.contains("Báo cáo của đơn vị mình do cấp trên duyệt"), own.body.string)
            let still = try await web.store.submission(form: DemoData.formCode, unit: ward.unitID, period: .year(2027))
            XCTAssertEqual(still.submission.status, .daNop)

            let city = try await web.login("tonghop")
            let approved = try await web.post(review, form: ["action": "duyet"], as: city)
            XCTAssertEqual(approved.status, .seeOther, approved.body.string)
        }
    }

    func testAnUploadNamesEachFigureItChanged() async throws {
        try await WebTestApp.withDemo { web in
            let officer = try await web.login("phongdinh")
            let template = try await web.get(Self.entry + "/mau-excel", as: officer)
            let snapshot = try await web.store.snapshot()
            let ward = try XCTUnwrap(snapshot.directory.unit(code: Self.ward, on: CivilDate(2027, 12, 31)))
            let households = try XCTUnwrap(
                snapshot.values.reported(
                    ValueKey(indicatorCode: "SO_HO_NGHEO", unitID: ward.unitID, period: .year(2027))))
            let filled = try XlsxEditing.setting(
                ["F6": .number(households.number + 7)], in: Data(buffer: template.body))

            let upload = try await web.upload(
                Self.entry + "/tai-len", file: filled, fileName: "phong-dinh.xlsx", as: officer)
            XCTAssertEqual(upload.status, .seeOther, upload.body.string)
            let after = try await web.get(upload.headers.first(name: .location) ?? "", as: officer)
            XCTAssertTrue(
                after.body.string.contains(
                    "Đã nhập tệp Excel: 0 số liệu mới, 1 số liệu thay đổi, 11 giữ nguyên; đã lưu nháp (chưa nộp). "
                        + "Đã thay đổi: Số hộ nghèo (chuẩn đa chiều): "
                        + "\(VietnameseNumber.format(households.number, maxDecimals: 6)) → "
                        + "\(VietnameseNumber.format(households.number + 7, maxDecimals: 6))."), after.body.string)

            // The same file again, after someone changed the figure on screen: refused with the list.
            var changed = households
            let now = try await web.store.snapshot().values
            let current = try XCTUnwrap(now.reported(changed.key))
            changed.number = households.number + 9
            changed.author = "Cán bộ Thống kê B"
            _ = try await web.store.saveValue(changed, expectedVersion: current.version)
            let again = try await web.upload(
                Self.entry + "/tai-len", file: filled, fileName: "phong-dinh.xlsx", as: officer)
            XCTAssertEqual(again.status, .unprocessableEntity)
            XCTAssertTrue(again.body.string.contains("đã được sửa trên Tiến độ sau khi tải tệp"), again.body.string)
            XCTAssertTrue(again.body.string.contains("Cán bộ Thống kê B đã sửa lúc"), again.body.string)
        }
    }
}
