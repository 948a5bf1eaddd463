import TiendoCore
import XCTVapor
import XCTest

@testable import TiendoWeb

final class OverviewPageTests: XCTestCase {
    func testCityBoardShowsVerdictsSummaryTrendAndDemoNotice() async throws {
        try await WebTestApp.withDemo { web in
            let session = try await web.login("lanhdao")

            let response = try await web.get("/?don-vi=46&ky=2027", as: session)

            let html = response.body.string
            XCTAssertEqual(response.status, .ok)
            XCTAssertTrue(html.contains("Dữ liệu minh họa"))
            XCTAssertTrue(html.contains("Thành phố Huế"))
            XCTAssertTrue(html.contains("Có 08/14 chỉ tiêu đạt và vượt"), html)
            XCTAssertTrue(html.contains("ước đạt 1,35%, đạt chỉ tiêu Nghị quyết (kế hoạch không quá 1,5%)"))
            XCTAssertTrue(
                html.contains("<span class=\"verdict verdict-chuaDat\">ước chưa đạt</span>"), "colour plus text")
            XCTAssertTrue(html.contains("<svg class=\"spark\""), "a trend chart per target")
            XCTAssertTrue(html.contains("Phường Phong Dinh"), "child units are listed")
            XCTAssertEqual(response.headers.first(name: "X-Frame-Options"), "DENY")
            XCTAssertTrue(
                response.headers.first(name: "Content-Security-Policy")?.contains("default-src 'self'") ?? false)
        }
    }

    func testDefaultBoardIsTheUsersUnitAtTheLatestYear() async throws {
        try await WebTestApp.withDemo { web in
            let reporter = try await web.login("phongdinh")

            let response = try await web.get("/", as: reporter)

            XCTAssertEqual(response.status, .ok)
            XCTAssertTrue(response.body.string.contains("<h1>Phường Phong Dinh</h1>"))
            XCTAssertTrue(response.body.string.contains("năm 2027"))
        }
    }

    func testChildBoardLinksBackToTheCity() async throws {
        try await WebTestApp.withDemo { web in
            let session = try await web.login("lanhdao")

            let response = try await web.get(
                SiteRoute.overview(unitCode: "19831", period: "2027", resolutionID: nil).href, as: session)

            XCTAssertEqual(response.status, .ok)
            XCTAssertTrue(response.body.string.contains("Phường Phong Dinh"))
            XCTAssertTrue(response.body.string.contains("href=\"/?don-vi=46"))
        }
    }

    func testUnknownUnitBadPeriodAndUnknownPageGiveVietnameseErrors() async throws {
        try await WebTestApp.withDemo { web in
            let session = try await web.login("lanhdao")

            let unknownUnit = try await web.get("/?don-vi=99999", as: session)
            let badPeriod = try await web.get("/?ky=2027X", as: session)
            let unknownPage = try await web.get("/khong-co", as: session)

            XCTAssertEqual(unknownUnit.status, .notFound)
            XCTAssertTrue(unknownUnit.body.string.contains("Không tìm thấy đơn vị có mã “99999”"))
            XCTAssertEqual(badPeriod.status, .badRequest)
            XCTAssertTrue(badPeriod.body.string.contains("Kỳ “2027X” không hợp lệ"))
            XCTAssertEqual(unknownPage.status, .notFound)
            XCTAssertTrue(unknownPage.body.string.contains("Không tìm thấy trang bạn yêu cầu."))
            XCTAssertFalse(unknownPage.body.string.contains("Abort"))
        }
    }

    func testUserTextIsEscaped() async throws {
        try await WebTestApp.withDemo { web in
            let session = try await web.login("lanhdao")

            let response = try await web.get("/?don-vi=%3Cscript%3Ealert(1)%3C/script%3E", as: session)

            XCTAssertFalse(response.body.string.contains("<script>"))
            XCTAssertTrue(response.body.string.contains("&lt;script&gt;"))
        }
    }
}
