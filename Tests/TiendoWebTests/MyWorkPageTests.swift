import TiendoCore
import TiendoDemo
import TiendoStorage
import XCTVapor
import XCTest

@testable import TiendoWeb

/// "Việc của tôi": a ward sees the reports it owes and the one returned with its reason; the
/// city office sees the report waiting for its review; the navigation carries the count.
final class MyWorkPageTests: XCTestCase {
    static let ward = UnitID("19831@2025-07-01")

    func testAWardSeesWhatItOwesAndWhatWasReturnedAndTheCitySeesWhatWaits() async throws {
        try await WebTestApp.withDemo { web in
            try await web.store.saveForm(
                ReportingForm(
                    code: "QUY-THU", name: "Báo cáo thu ngân sách quý", indicatorCodes: ["THU_NSNN"],
                    unitIDs: [Self.ward], periodKind: .quarter, calendar: .statistical,
                    deadline: DeadlineRule(workingDays: 5)))
            var submitted = Submission(formCode: "QUY-THU", unitID: Self.ward, period: .quarter(2025, 3))
            submitted.status = .daNop
            submitted.submittedAt = Date(timeIntervalSince1970: 1_759_500_000)  // 3/10/2025
            submitted.submittedBy = "phongdinh"
            _ = try await web.store.saveSubmission(submitted, expectedVersion: 0)

            let ward = try await web.login("phongdinh")
            let owed = try await web.get("/viec-cua-toi", as: ward)
            XCTAssertEqual(owed.status, .ok)
            let html = owed.body.string
            XCTAssertTrue(html.contains("Báo cáo cần nộp"), html)
            XCTAssertTrue(html.contains("href=\"/nhap-lieu/QUY-THU/19831/2025Q4\""), "the fourth quarter is owed")
            XCTAssertFalse(html.contains("href=\"/nhap-lieu/QUY-THU/19831/2025Q2\""), "before the ward existed")
            XCTAssertTrue(html.contains("Việc của tôi ("), "the navigation carries the count")

            let city = try await web.login("tonghop")
            let waiting = try await web.get("/viec-cua-toi", as: city).body.string
            XCTAssertTrue(waiting.contains("Báo cáo chờ tôi duyệt (1)"), waiting)
            XCTAssertTrue(waiting.contains("Nộp lúc 03/10/2025"), waiting)
            let cityHome = try await web.get("/", as: city).body.string
            XCTAssertTrue(cityHome.contains("1 báo cáo chờ duyệt"), "the reviewer is told on the home page")

            let returned = try await web.post(
                "/duyet/QUY-THU/19831/2025Q3", form: ["action": "tra-lai", "ly-do": "Thu ngân sách chưa khớp Kho bạc"],
                as: city)
            XCTAssertEqual(returned.status, .seeOther, returned.body.string)
            let after = try await web.get("/viec-cua-toi", as: ward).body.string
            XCTAssertTrue(after.contains("Báo cáo bị trả lại (1)"), after)
            XCTAssertTrue(after.contains("Thu ngân sách chưa khớp Kho bạc"))
            // The ward's home page says so at once, with the reason, though the page itself is kept.
            let home = try await web.get("/", as: ward).body.string
            XCTAssertTrue(home.contains("1 báo cáo bị trả lại"), home)
            XCTAssertTrue(home.contains("Thu ngân sách chưa khớp Kho bạc"))
            let cityAfter = try await web.get("/viec-cua-toi", as: city).body.string
            XCTAssertFalse(cityAfter.contains("Báo cáo chờ tôi duyệt"), "nothing waits any more")
        }
    }

    func testSomeoneNotSignedInIsSentToTheLoginPage() async throws {
        try await WebTestApp.withDemo { web in
            let response = try await web.get("/viec-cua-toi")
            XCTAssertEqual(response.status, .seeOther)
            XCTAssertEqual(
                response.headers.first(name: .location).map { $0.hasPrefix("/dang-nhap") }, true,
                "\(response.headers)")
        }
    }
}
