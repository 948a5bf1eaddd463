import Foundation
import TiendoCore
import TiendoStorage
import XCTVapor
import XCTest

@testable import TiendoWeb

/// Hồ sơ thủ tục hành chính in the browser: the provincial office uploads a dossier log; a bad
/// log lists every bad line and writes nothing; other roles are refused.
final class DossierPageTests: XCTestCase {
    static let header =
        "ma_ho_so;ma_don_vi;thu_tuc;ngay_tiep_nhan;han_tra;ngay_tra;kenh;so_hoa;ket_qua_dien_tu;so_lan_bo_sung\n"

    func testTheOfficeUploadsALogAndSeesTheSummary() async throws {
        try await WebTestApp.withDemo { web in
            let office = try await web.login("tonghop")
            let page = try await web.get("/ho-so-tthc", as: office)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("enctype=\"multipart/form-data\""))
            XCTAssertTrue(page.body.string.contains("href=\"/ho-so-tthc\""), "the nav links the page")

            let log =
                Self.header
                + "W1;19831;Đăng ký khai sinh;02/03/2026;10/03/2026;09/03/2026;trực tuyến;có;có;0\n"
                + "W2;19831;Đăng ký kết hôn;05/03/2026;12/03/2026;;trực tiếp;không;không;1\n"
                + "W3;19753;Chứng thực;2026-03-06;2026-03-13;2026-03-16;bưu chính;có;không;0\n"
            let response = try await web.upload(
                "/ho-so-tthc", file: Data(log.utf8), fileName: "ho-so.csv", form: ["ngay-tinh": "20/03/2026"],
                as: office)
            XCTAssertEqual(response.status, .ok, response.body.string)
            XCTAssertTrue(
                response.body.string.contains("Đã nhập 3 hồ sơ: 3 mới, 0 cập nhật, 0 giữ nguyên;"),
                response.body.string)
            // The two wards of the log, and zeros for the city's other 38 communes that month.
            XCTAssertTrue(response.body.string.contains("40 đơn vị × 1 tháng"), response.body.string)

            let directory = try await web.store.directory()
            let ward = try XCTUnwrap(directory.unit(code: "19831", on: CivilDate(2026, 3, 1)))
            let rate = try await web.store.values().reported(
                ValueKey(indicatorCode: DossierIndicators.onTimeRate, unitID: ward.unitID, period: .month(2026, 3)))
            // W1 returned on time, W2 open and due 12/03 < 20/03: 1 of 2.
            XCTAssertEqual(rate?.number, 50)
            // W3 in Phú Xuân was late: the city's March rate is 1 of 3, from the sums.
            let snapshot = try await web.store.snapshot()
            let city = try XCTUnwrap(directory.unit(code: "46", on: CivilDate(2026, 3, 1)))
            let cityRate = snapshot.rollUp.figure(
                DossierIndicators.onTimeRate, unit: city.unitID, period: .month(2026, 3))
            XCTAssertEqual(cityRate.figure?.number ?? 0, 100.0 / 3, accuracy: 1e-9)
        }
    }

    func testABadLogListsEveryBadLineAndWritesNothing() async throws {
        try await WebTestApp.withDemo { web in
            let office = try await web.login("quantri")
            let log =
                Self.header
                + "B1;19831;Khai sinh;02/03/2026;10/03/2026;;trực tuyến;có;không;0\n"
                + "B2;99999;Khai sinh;02/03/2026;10/03/2026;;trực tuyến;có;không;0\n"
                + "B3;19831;Khai sinh;12/03/2026;10/03/2026;;điện thoại;có;không;0\n"
            let response = try await web.upload(
                "/ho-so-tthc", file: Data(log.utf8), fileName: "ho-so.csv", as: office)
            XCTAssertEqual(response.status, .unprocessableEntity)
            let html = response.body.string
            XCTAssertTrue(html.contains("có 2 lỗi nên chưa nhập gì"), html)
            XCTAssertTrue(html.contains("ho-so.csv, dòng 4, cột “han_tra”"), html)
            XCTAssertTrue(html.contains("ho-so.csv, dòng 4, cột “kenh”"), html)
            let count = try await web.store.dossierCount()
            XCTAssertEqual(count, 0)

            // Parsing errors come first; the unit check follows once the lines read.
            let fixed = log.replacingOccurrences(
                of: "B3;19831;Khai sinh;12/03/2026;10/03/2026;;điện thoại",
                with: "B3;19831;Khai sinh;02/03/2026;10/03/2026;;trực tiếp")
            let second = try await web.upload(
                "/ho-so-tthc", file: Data(fixed.utf8), fileName: "ho-so.csv", as: office)
            XCTAssertEqual(second.status, .unprocessableEntity)
            XCTAssertTrue(second.body.string.contains("dòng 3, cột “ma_don_vi”: không có đơn vị mã “99999”"))
        }
    }

    func testOtherRolesAreRefused() async throws {
        try await WebTestApp.withDemo { web in
            let reporter = try await web.login("phongdinh")
            let page = try await web.get("/ho-so-tthc", as: reporter)
            XCTAssertEqual(page.status, .forbidden)
            let upload = try await web.upload(
                "/ho-so-tthc", file: Data(Self.header.utf8), fileName: "ho-so.csv", as: reporter)
            XCTAssertEqual(upload.status, .forbidden)
            let overview = try await web.get("/", as: reporter)
            XCTAssertFalse(overview.body.string.contains("href=\"/ho-so-tthc\""))
        }
    }
}
