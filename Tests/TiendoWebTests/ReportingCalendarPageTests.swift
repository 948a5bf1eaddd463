import TiendoCore
import TiendoDemo
import TiendoStorage
import XCTVapor
import XCTest

@testable import TiendoWeb

/// The reporting calendar on screen: a form's deadline rule (fixed day, lower levels earlier),
/// the ward asked only for periods that began since it existed, and the timeliness board.
final class ReportingCalendarPageTests: XCTestCase {
    static let ward = UnitID("19831@2025-07-01")

    /// A quarterly form for Phường Phong Dinh, due the 18th after the cut-off, two working days
    /// earlier for the ward, created on screen by the city office.
    static func createQuarterlyForm(_ web: WebTestApp, as city: WebTestApp.Session) async throws -> XCTHTTPResponse {
        try await web.post(
            "/bieu-mau",
            form: [
                "code": "QUY-THU", "name": "Báo cáo thu ngân sách quý", "chi-so": "THU_NSNN",
                "don-vi": ward.rawValue, "ky": "quarter", "lich": "statistical", "cach-tinh-han": "ngay-co-dinh",
                "han": "18", "som-hon": "2",
            ], as: city)
    }

    /// The quarters from `first` to the one containing `today`.
    static func quarters(from first: Period, through today: CivilDate) -> [Period] {
        var all: [Period] = []
        var year = 2025
        var quarter = 1
        while (year, quarter) <= (today.year, (today.month - 1) / 3 + 1) {
            let period = Period.quarter(year, quarter)
            if period.span(in: .statistical).start >= first.span(in: .statistical).start { all.append(period) }
            quarter += 1
            if quarter == 5 { (year, quarter) = (year + 1, 1) }
        }
        return all
    }

    func testAFixedDayRuleIsSavedAndBadNumbersAreRefusedWithNothingSaved() async throws {
        try await WebTestApp.withDemo { web in
            let city = try await web.login("tonghop")
            let refused = try await web.post(
                "/bieu-mau",
                form: [
                    "code": "QUY-SAI", "name": "Sai", "chi-so": "THU_NSNN", "don-vi": Self.ward.rawValue,
                    "ky": "quarter", "lich": "statistical", "cach-tinh-han": "ngay-co-dinh", "han": "40",
                    "som-hon": "-1",
                ], as: city)
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertTrue(refused.body.string.contains("Ngày nộp cố định phải từ 1 đến 31."), refused.body.string)
            XCTAssertTrue(refused.body.string.contains("Số ngày cấp dưới nộp sớm hơn phải từ 0 đến 30 ngày làm việc."))
            let none = try await web.store.form(code: "QUY-SAI")
            XCTAssertNil(none)

            let saved = try await Self.createQuarterlyForm(web, as: city)
            XCTAssertEqual(saved.status, .seeOther, saved.body.string)
            let stored = try await web.store.form(code: "QUY-THU")
            XCTAssertEqual(stored?.deadline, DeadlineRule(basis: .dayOfMonth, days: 18, lowerLevelLeadDays: 2))
            let list = try await web.get("/bieu-mau", as: city).body.string
            XCTAssertTrue(list.contains("ngày 18 sau ngày chốt số liệu; cấp dưới nộp sớm hơn 2 ngày làm việc"))
        }
    }

    func testTheWardIsAskedOnlyForQuartersThatBeganSinceItExisted() async throws {
        try await WebTestApp.withDemo { web in
            let city = try await web.login("tonghop")
            _ = try await Self.createQuarterlyForm(web, as: city)
            let ward = try await web.login("phongdinh")
            let html = try await web.get("/nhap-lieu", as: ward).body.string
            let today = CivilDate.todayInVietnam()
            let asked = Self.quarters(from: .quarter(2025, 3), through: today)
            let (owed, ahead) = try XCTUnwrap(
                html.range(of: "Kỳ tới — nhập số ước trước").map {
                    (String(html[..<$0.lowerBound]), String(html[$0.upperBound...]))
                })
            for period in asked {
                XCTAssertTrue(owed.contains(">\(period.vietnameseLabel)<"), "\(period.id) is owed")
            }
            // Before the ward existed: never asked, never late.
            XCTAssertFalse(html.contains(">quý I/2025<"))
            XCTAssertFalse(html.contains(">quý II/2025<"))
            // The next quarter is offered for estimates, the one after is not listed at all.
            let current = try XCTUnwrap(asked.last)
            let next: Period
            let afterNext: Period
            if case .quarter(let y, let q) = current {
                next = q == 4 ? .quarter(y + 1, 1) : .quarter(y, q + 1)
                afterNext = q >= 3 ? .quarter(y + 1, q - 2) : .quarter(y, q + 2)
            } else {
                return XCTFail("quarters expected")
            }
            if next.year <= today.year + 1 {
                XCTAssertTrue(ahead.contains(">\(next.vietnameseLabel)<"), "next quarter offered ahead")
            }
            XCTAssertFalse(html.contains(">\(afterNext.vietnameseLabel)<"), "no quarter further ahead")
            XCTAssertFalse(owed.contains(">\(next.vietnameseLabel)<"), "the coming quarter is not owed")
        }
    }

    func testTheStatusPageShowsEachUnitsDeadlineAndTheTimelinessBoard() async throws {
        try await WebTestApp.withDemo { web in
            let city = try await web.login("tonghop")
            _ = try await Self.createQuarterlyForm(web, as: city)
            // Q3 2025 cut-off 30/9; the 18th after it is Saturday 18/10/2025; the ward two working
            // days earlier: Thursday 16/10/2025. The city's own deadline is shown in the header.
            var late = Submission(formCode: "QUY-THU", unitID: Self.ward, period: .quarter(2025, 3))
            late.status = .daNop
            late.submittedAt = try XCTUnwrap(ISO8601DateFormatter().date(from: "2025-10-17T03:00:00Z"))
            late.submittedBy = "phongdinh"
            _ = try await web.store.saveSubmission(late, expectedVersion: 0)

            let html = try await web.get("/tinh-hinh-nop/QUY-THU?ky=2025Q3", as: city).body.string
            XCTAssertTrue(html.contains("hạn nộp của cấp tỉnh 18/10/2025"), html)
            XCTAssertTrue(html.contains(">16/10/2025<"), "the ward's own, earlier deadline")
            XCTAssertTrue(html.contains("nộp muộn 01"), html)
            XCTAssertTrue(html.contains("Tính kịp thời và đầy đủ"))
            XCTAssertTrue(html.contains("<svg"), "the on-time rate chart")
            // Every later quarter that is past its deadline counts as missing; Q3 2025 as late.
            let today = CivilDate.todayInVietnam()
            let asked = Self.quarters(from: .quarter(2025, 3), through: today)
            let rule = DeadlineRule(basis: .dayOfMonth, days: 18, lowerLevelLeadDays: 2)
            let missing = asked.dropFirst().filter {
                rule.deadline(for: $0, calendar: .statistical, unitKind: .phuong) < today
            }.count
            let notYetDue = asked.count - 1 - missing
            XCTAssertTrue(
                html.contains(
                    "\(VietnameseNumber.padded(asked.count)) báo cáo phải nộp; đúng hạn 00; muộn hạn 01; "
                        + "quá hạn chưa nộp \(VietnameseNumber.padded(missing)); "
                        + "chưa đến hạn \(VietnameseNumber.padded(notYetDue)); tỷ lệ đúng hạn 0,0%; "),
                html)
            // A reporter does not see the board.
            let ward = try await web.login("phongdinh")
            let refused = try await web.get("/tinh-hinh-nop/QUY-THU", as: ward)
            XCTAssertEqual(refused.status, .forbidden)
        }
    }
}
