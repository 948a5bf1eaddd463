import TiendoCore
import TiendoSetup
import TiendoStorage
import TiendoTestSupport
import VaporTesting
import XCTest

@testable import TiendoWeb

final class OverviewPageTests: XCTestCase {
    private func withDemoApp(_ body: (Application) async throws -> Void) async throws {
        let database = try TiendoDatabase(location: .sqliteMemory)
        try await database.migrate()
        let store = TiendoStore(database: database.database)
        _ = try await DemoData.load(into: store)
        let app = try await Application.make(.testing)
        do {
            try TiendoWebApp.configure(app, store: store)
            try await body(app)
        } catch {
            try await app.asyncShutdown()
            await database.shutdown()
            throw error
        }
        try await app.asyncShutdown()
        await database.shutdown()
    }

    func testCityPageShowsVerdictsSummaryAndDemoNotice() async throws {
        try await withDemoApp { app in
            try await app.testing().test(.GET, "/?don-vi=46&ky=2027") { response in
                let html = response.body.string
                XCTAssertEqual(response.status, .ok)
                XCTAssertTrue(html.contains("Dữ liệu minh họa"))
                XCTAssertTrue(html.contains("Thành phố Huế"))
                XCTAssertTrue(html.contains("Có 08/14 chỉ tiêu đạt và vượt"), html)
                XCTAssertTrue(html.contains("ước đạt 1,35%, đạt chỉ tiêu Nghị quyết (kế hoạch không quá 1,5%)"))
                XCTAssertTrue(html.contains("Phường Phong Dinh"), "child units are listed")
                XCTAssertEqual(response.headers.first(name: "X-Frame-Options"), "DENY")
                XCTAssertTrue(
                    response.headers.first(name: "Content-Security-Policy")?.contains("default-src 'self'") ?? false)
            }
        }
    }

    func testDefaultPageIsTheCityAtTheLatestYear() async throws {
        try await withDemoApp { app in
            try await app.testing().test(.GET, "/") { response in
                XCTAssertEqual(response.status, .ok)
                XCTAssertTrue(response.body.string.contains("năm 2027"))
                XCTAssertTrue(response.body.string.contains("Thành phố Huế"))
            }
        }
    }

    func testWardPageLinksBackToTheCity() async throws {
        try await withDemoApp { app in
            try await app.testing().test(
                .GET, SiteRoute.overview(unitCode: "19831", period: "2027", resolutionID: nil).href
            ) {
                response in
                XCTAssertEqual(response.status, .ok)
                XCTAssertTrue(response.body.string.contains("Phường Phong Dinh"))
                XCTAssertTrue(response.body.string.contains("href=\"/?don-vi=46"))
            }
        }
    }

    func testUnknownUnitAndBadPeriodGiveVietnameseErrors() async throws {
        try await withDemoApp { app in
            try await app.testing().test(.GET, "/?don-vi=99999") { response in
                XCTAssertEqual(response.status, .notFound)
                XCTAssertTrue(response.body.string.contains("Không tìm thấy đơn vị có mã “99999”"))
            }
            try await app.testing().test(.GET, "/?ky=2027X") { response in
                XCTAssertEqual(response.status, .badRequest)
                XCTAssertTrue(response.body.string.contains("Kỳ “2027X” không hợp lệ"))
            }
            try await app.testing().test(.GET, "/khong-co") { response in
                XCTAssertEqual(response.status, .notFound)
                XCTAssertTrue(response.body.string.contains("Không tìm thấy trang bạn yêu cầu."))
                XCTAssertFalse(response.body.string.contains("Abort"))
            }
        }
    }

    func testUserTextIsEscaped() async throws {
        try await withDemoApp { app in
            try await app.testing().test(.GET, "/?don-vi=%3Cscript%3Ealert(1)%3C/script%3E") { response in
                XCTAssertFalse(response.body.string.contains("<script>"))
                XCTAssertTrue(response.body.string.contains("&lt;script&gt;"))
            }
        }
    }
}
