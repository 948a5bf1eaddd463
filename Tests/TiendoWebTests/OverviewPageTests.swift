import SQLKit
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
            // The investment sum (target 3) is on pace at mid-term and counts as met (issue 24).
            XCTAssertTrue(html.contains("Có 09/14 chỉ tiêu đạt và vượt"), html)
            XCTAssertTrue(
                html.contains("đúng tiến độ (kế hoạch 250.000 tỷ đồng; đến năm 2027 cần 100.000 tỷ đồng)"), html)
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

    /// A reload with nothing changed serves the kept page without computing a verdict; a unit
    /// renamed in the database or a task linked to a target shows on the very next load.
    func testAReloadIsServedFromTheKeptPageUntilAFigureOrATaskChanges() async throws {
        try await WebTestApp.withDemo { web in
            let leader = try await web.login("lanhdao")
            let url = "/?don-vi=46&ky=2027"
            func computations() -> String {
                web.app.tiendoMetrics.render().split(separator: "\n")
                    .first { $0.hasPrefix("tiendo_verdict_computations_total ") }.map(String.init) ?? ""
            }

            let first = try await web.get(url, as: leader)
            let computedOnce = computations()
            let reload = try await web.get(url, as: leader)

            XCTAssertEqual(reload.status, .ok)
            XCTAssertEqual(reload.body.string, first.body.string)
            XCTAssertEqual(computations(), computedOnce, "nothing changed: no verdict computed again")
            XCTAssertTrue(reload.body.string.contains("Đăng xuất"), "the layout is around the kept body")

            // A second session of the same leader gets the kept page with its own CSRF token, and
            // signing out with it works.
            let again = try await web.login("lanhdao")
            XCTAssertNotEqual(again.csrf, leader.csrf)
            let beforeSecond = computations()
            let secondSession = try await web.get(url, as: again)
            XCTAssertEqual(computations(), beforeSecond, "the kept page is served")
            XCTAssertTrue(secondSession.body.string.contains("name=\"_csrf\" value=\"\(again.csrf)\""))
            XCTAssertFalse(secondSession.body.string.contains(leader.csrf), "no other session's token")
            XCTAssertEqual(
                secondSession.body.string.replacingOccurrences(of: again.csrf, with: leader.csrf), first.body.string)
            let pageToken = try XCTUnwrap(WebTestApp.csrf(in: secondSession.body.string))
            let signOut = try await web.post("/dang-xuat", form: ["_csrf": pageToken], as: again)
            XCTAssertEqual(signOut.status, .seeOther, signOut.body.string)
            let afterSignOut = try await web.get(url, as: again)
            XCTAssertEqual(afterSignOut.status, .seeOther, "signed out")

            // The demo banner follows the setting, which moves no counter.
            try await web.store.markAsDemo(false)
            let notDemo = try await web.get(url, as: leader)
            XCTAssertFalse(notDemo.body.string.contains("Dữ liệu minh họa"))
            try await web.store.markAsDemo()
            let demoAgain = try await web.get(url, as: leader)
            XCTAssertTrue(demoAgain.body.string.contains("Dữ liệu minh họa"))

            // Another viewer of the same page gets a page computed for them.
            let office = try await web.login("tonghop")
            let officePage = try await web.get(url, as: office)
            XCTAssertEqual(officePage.status, .ok)
            XCTAssertNotEqual(computations(), computedOnce)

            guard let sql = web.store.database as? any SQLDatabase else { return XCTFail("SQL") }
            try await sql.raw("UPDATE unit_versions SET name = 'Huế Cố đô' WHERE code = '46'").run()
            let renamed = try await web.get(url, as: leader)
            XCTAssertTrue(renamed.body.string.contains("<h1>Thành phố Huế Cố đô</h1>"), renamed.body.string)

            let snapshot = try await web.store.snapshot()
            let city = try XCTUnwrap(snapshot.directory.units(code: "46").first).unitID
            let resolution = try XCTUnwrap(snapshot.resolutions(issuedBy: city).first)
            let target = try XCTUnwrap(resolution.targets.first)
            let directive = Directive(
                kind: .thongBaoKetLuan, number: "999-TB/TU", date: CivilDate(2027, 3, 1),
                issuingBody: "Ban Thường vụ Thành ủy Huế", unitID: city, title: "về buổi làm việc")
            try await web.store.saveDirective(directive, file: nil, actor: "tonghop")
            _ = try await web.store.addTask(
                FollowUpTask(
                    directiveID: directive.id, number: 1, content: "Việc mới giao sau buổi làm việc",
                    leadUnit: city, coordinatingUnits: [], deadline: CivilDate(2027, 12, 31),
                    linkedTargets: [TargetLink(resolutionID: resolution.id, targetNumber: target.number)]),
                actor: "tonghop", today: CivilDate(2027, 3, 1))
            let withTask = try await web.get(url, as: leader)
            XCTAssertTrue(withTask.body.string.contains("Việc mới giao sau buổi làm việc"))
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
