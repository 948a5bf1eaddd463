import Foundation
import TiendoCore
import XCTVapor
import XCTest

@testable import TiendoWeb

/// Requests for a year outside a resolution's term, or for values no office would type, answer
/// a Vietnamese page (issue 19): before the fix each of these took the whole server down with
/// "Range requires lowerBound <= upperBound".
final class OutOfTermRequestTests: XCTestCase {
    /// The steps: an administrator creates a thematic resolution for Phường An Cựu whose
    /// term starts in 2026, with one target, then opens An Cựu's board at 2025.
    func testAWardBoardBeforeItsThematicResolutionsTermExplainsInsteadOfCrashing() async throws {
        try await WebTestApp.withDemo { web in
            let admin = try await web.login("quantri")
            let directory = try await web.store.directory()
            let anCuu = try XCTUnwrap(directory.unit(code: "19815", on: .todayInVietnam()))
            let created = try await web.post(
                "/nghi-quyet",
                form: [
                    "ma": "an-cuu-chuyen-de", "so-ky-hieu": "07-NQ/ĐU",
                    "trich-yeu": "Nghị quyết chuyên đề về giảm nghèo",
                    "don-vi": anCuu.unitID.rawValue, "tu-nam": "2026", "den-nam": "2030", "ngay": "05/01/2026",
                ], as: admin)
            XCTAssertEqual(created.status, .seeOther, created.body.string)
            let target = try await web.post(
                "/nghi-quyet/an-cuu-chuyen-de/chi-tieu/moi",
                form: [
                    "so": "1", "nhom": "kinhTe", "noi-dung": "Tỷ lệ hộ nghèo dưới 1,5%", "chi-so": "TY_LE_HO_NGHEO",
                    "cach-tinh": "muc-dat", "han": "2030", "nam-goc": "2026", "binh-quan": "nhan", "tu-nam": "2026",
                    "den-nam": "2030", "dk-loai": "toi-da", "dk-muc": "1,5", "dk-huong": "cao", "gan-dat-loai": "",
                    "action": "luu",
                ], as: admin)
            XCTAssertEqual(target.status, .seeOther, target.body.string)

            let response = try await web.get("/?don-vi=19815&ky=2025", as: admin)

            XCTAssertEqual(response.status, .ok)
            let html = response.body.string
            XCTAssertTrue(html.contains("<h1>Phường An Cựu</h1>"), html)
            XCTAssertTrue(html.contains("Năm 2025 nằm trước nhiệm kỳ 2026–2030 của nghị quyết 07-NQ/ĐU"), html)
            XCTAssertTrue(html.contains("Hãy chọn kỳ đánh giá từ năm 2026 đến năm 2030"), html)
            // Within the term the same board judges the target as before.
            let inTerm = try await web.get("/?don-vi=19815&ky=2027", as: admin)
            XCTAssertEqual(inTerm.status, .ok)
            XCTAssertTrue(inTerm.body.string.contains("Tỷ lệ hộ nghèo dưới 1,5%"))
            XCTAssertFalse(inTerm.body.string.contains("nằm trước nhiệm kỳ"))
        }
    }

    /// Any logged-in account could bring the server down with a year before the city's term.
    func testYearsBeforeTheTermAnswerAnExplanationForEveryRole() async throws {
        try await WebTestApp.withDemo { web in
            for username in ["quantri", "tonghop", "phongdinh", "lanhdao"] {
                let session = try await web.login(username)
                for year in ["2024", "1900"] {
                    let response = try await web.get("/?ky=\(year)", as: session)
                    XCTAssertEqual(response.status, .ok, "\(username) /?ky=\(year)")
                    XCTAssertTrue(
                        response.body.string.contains("Năm \(year) nằm trước nhiệm kỳ 2025–2030"),
                        "\(username) /?ky=\(year): \(response.body.string)")
                }
                let quarter = try await web.get("/?ky=2024Q3", as: session)
                XCTAssertEqual(quarter.status, .ok)
                XCTAssertTrue(quarter.body.string.contains("Quý III/2024 nằm trước nhiệm kỳ 2025–2030"))
            }
        }
    }

    /// Years no office would type, and unknown units, are refused with a Vietnamese page.
    func testHostileYearsAndUnitsAreRefusedInVietnamese() async throws {
        try await WebTestApp.withDemo { web in
            let session = try await web.login("lanhdao")
            for year in ["99999", "-1", "0", "2201", "9223372036854775808", "2025-2024", "2025Q0", "2025M13"] {
                for path in ["/", "/so-sanh", "/so-sanh?chi-so=GRDP&don-vi=46"] {
                    let separator = path.contains("?") ? "&" : "?"
                    let response = try await web.get("\(path)\(separator)ky=\(year)", as: session)
                    XCTAssertEqual(response.status, .badRequest, "\(path) ky=\(year)")
                    XCTAssertTrue(response.body.string.contains("không hợp lệ"), "\(path) ky=\(year)")
                }
            }
            for path in ["/?don-vi=99999999", "/so-sanh?don-vi=99999999", "/chi-so/GRDP?don-vi=99999999"] {
                let response = try await web.get(path, as: session)
                XCTAssertEqual(response.status, .notFound, path)
                XCTAssertTrue(response.body.string.contains("Không tìm thấy đơn vị có mã “99999999”"), path)
            }
        }
    }

    /// A change time no clock writes (a restored or edited database) is shown as "—" rather
    /// than trapping in `Int(_:)` on the indicator page's history.
    func testAnImpossibleChangeTimeIsShownAsADash() {
        XCTAssertEqual(PageFormat.dateTime(Date(timeIntervalSince1970: 1e300)), "—")
        XCTAssertEqual(PageFormat.dateTime(Date(timeIntervalSince1970: -1e300)), "—")
        XCTAssertEqual(PageFormat.dateTime(Date(timeIntervalSince1970: 0)), "01/01/1970 07:00")
    }

    /// The comparison and the indicator page answer for years before the term and before the
    /// units existed (the demo's wards date from 2025), and for the years after the term.
    func testCompareAndIndicatorPagesAnswerForYearsOutsideTheTerm() async throws {
        try await WebTestApp.withDemo { web in
            let session = try await web.login("tonghop")
            for year in ["1900", "2024", "2031", "2200", "1900M01", "2200Q4", "2024-2030"] {
                let compare = try await web.get("/so-sanh?chi-so=GRDP&don-vi=46&ky=\(year)", as: session)
                XCTAssertEqual(compare.status, .ok, "so-sanh ky=\(year)")
                XCTAssertTrue(compare.body.string.contains("So sánh đơn vị"), "so-sanh ky=\(year)")
                // Before the ward existed the city's office may be refused it (403): a page, not a crash.
                let ward = try await web.get("/so-sanh?chi-so=GRDP&don-vi=19815&ky=\(year)", as: session)
                XCTAssertLessThan(ward.status.code, 500, "so-sanh 19815 ky=\(year)")
                XCTAssertTrue(ward.body.string.contains("lang=\"vi\""), "so-sanh 19815 ky=\(year)")
                let board = try await web.get("/?don-vi=19831&ky=\(year)", as: session)
                XCTAssertLessThan(board.status.code, 500, "/?don-vi=19831&ky=\(year)")
            }
            for unit in ["46", "19815", "19831", ""] {
                let indicator = try await web.get("/chi-so/GRDP?don-vi=\(unit)", as: session)
                XCTAssertEqual(indicator.status, .ok, "chi-so don-vi=\(unit)")
            }
            let unknown = try await web.get("/chi-so/KHONG_CO?don-vi=46", as: session)
            XCTAssertEqual(unknown.status, .notFound)
            XCTAssertTrue(unknown.body.string.contains("Không có chỉ số mã “KHONG_CO”"))
        }
    }
}
