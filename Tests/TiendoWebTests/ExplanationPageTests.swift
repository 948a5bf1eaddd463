import Foundation
import TiendoCore
import TiendoDemo
import TiendoStorage
import XCTVapor
import XCTest

@testable import TiendoWeb

/// Giải trình: the city's reviewer asks a ward to explain a figure; the ward sees it in "Việc
/// của tôi", answers with a file; the reviewer sees the answer on the indicator page. Bad input
/// writes nothing; a ward cannot ask, another account cannot answer.
final class ExplanationPageTests: XCTestCase {
    static let ward = UnitID("19831@2025-07-01")

    func testAWardAnswersTheCityReviewersRequestAndTheReviewerSeesTheAnswer() async throws {
        try await WebTestApp.withDemo { web in
            let city = try await web.login("tonghop")
            let form = try await web.get("/giai-trinh/moi?chi-so=SO_HO_NGHEO&don-vi=19831", as: city)
            XCTAssertEqual(form.status, .ok, form.body.string)
            let subject = try XCTUnwrap(
                form.body.string.range(of: "value=\"so-lieu:[^\"]+\"", options: .regularExpression).map {
                    String(form.body.string[$0].dropFirst(7).dropLast())
                })
            let due = VietnameseDate.short(CivilDate.todayInVietnam().adding(days: 5))

            // Bad input writes nothing.
            let empty = try await web.post(
                "/giai-trinh/moi?chi-so=SO_HO_NGHEO&don-vi=19831", form: ["ve": subject, "noi-dung": " ", "han": due],
                as: city)
            XCTAssertEqual(empty.status, .unprocessableEntity)
            XCTAssertTrue(empty.body.string.contains("Hãy ghi nội dung cần đơn vị giải trình."))
            let past = try await web.post(
                "/giai-trinh/moi?chi-so=SO_HO_NGHEO&don-vi=19831",
                form: ["ve": subject, "noi-dung": "Vì sao tăng?", "han": "01/01/2020"], as: city)
            XCTAssertEqual(past.status, .unprocessableEntity)
            XCTAssertTrue(past.body.string.contains("đã qua"), past.body.string)
            let requestsAfterBadInput = try await web.store.explanationRequests()
            XCTAssertEqual(requestsAfterBadInput.count, 0)

            // A ward does not ask.
            let ward = try await web.login("phongdinh")
            let wardAsks = try await web.post(
                "/giai-trinh/moi?chi-so=SO_HO_NGHEO&don-vi=19831",
                form: ["ve": subject, "noi-dung": "Tự hỏi", "han": due], as: ward)
            XCTAssertEqual(wardAsks.status, .forbidden)

            let asked = try await web.post(
                "/giai-trinh/moi?chi-so=SO_HO_NGHEO&don-vi=19831",
                form: ["ve": subject, "noi-dung": "Đề nghị giải trình số hộ nghèo tăng", "han": due], as: city)
            XCTAssertEqual(asked.status, .seeOther, asked.body.string)
            let requests = try await web.store.explanationRequests()
            let id = try XCTUnwrap(requests.first?.id)
            let events = try await web.store.events(subject: TiendoStore.explanationSubject(id))
            XCTAssertEqual(events.map(\.action), [TiendoStore.explanationAskedAction])

            let mine = try await web.get("/viec-cua-toi", as: ward).body.string
            XCTAssertTrue(mine.contains("Yêu cầu giải trình cần trả lời (1)"), mine)
            XCTAssertTrue(mine.contains("Đề nghị giải trình số hộ nghèo tăng"))
            // The dashboard row of the ward's target on this indicator shows the thread at once.
            let dashboard = try await web.get("/?don-vi=19831", as: city).body.string
            XCTAssertTrue(dashboard.contains("Giải trình: <a href=\"/giai-trinh/\(id.uuidString)\""), dashboard)
            let leader = try await web.login("lanhdao")
            let leaderForm = try await web.get("/giai-trinh/moi?chi-so=SO_HO_NGHEO&don-vi=19831", as: leader)
            XCTAssertEqual(leaderForm.status, .ok, "a leader asks too")
            let cityWork = try await web.get("/viec-cua-toi", as: city).body.string
            XCTAssertTrue(cityWork.contains("đang chờ giải trình (1)"), cityWork)

            // An account of another unit does not answer; an empty answer writes nothing.
            let other = try await web.login("tonghop")
            let otherAnswers = try await web.upload(
                "/giai-trinh/\(id.uuidString)", file: Data(), fileName: "", form: ["noi-dung": "Không phải tôi"],
                as: other)
            XCTAssertEqual(otherAnswers.status, .forbidden)
            let emptyAnswer = try await web.upload(
                "/giai-trinh/\(id.uuidString)", file: Data(), fileName: "", form: ["noi-dung": ""], as: ward)
            XCTAssertEqual(emptyAnswer.status, .unprocessableEntity)
            let badFile = try await web.upload(
                "/giai-trinh/\(id.uuidString)", file: Data("x".utf8), fileName: "a.exe",
                form: ["noi-dung": "Có tệp lạ"], as: ward)
            XCTAssertEqual(badFile.status, .unprocessableEntity)
            let unanswered = try await web.store.explanationRequests()
            XCTAssertNil(unanswered.first?.answer)

            let answered = try await web.upload(
                "/giai-trinh/\(id.uuidString)", file: Data("%PDF-1.4".utf8), fileName: "danh-sach.pdf",
                form: ["noi-dung": "Rà soát lại theo chuẩn nghèo mới"], as: ward)
            XCTAssertEqual(answered.status, .seeOther, answered.body.string)
            let indicator = try await web.get("/chi-so/SO_HO_NGHEO?don-vi=19831", as: city).body.string
            XCTAssertTrue(indicator.contains("Rà soát lại theo chuẩn nghèo mới"), indicator)
            XCTAssertTrue(indicator.contains("danh-sach.pdf"))
            let answeredRow = try await web.get("/?don-vi=19831", as: city).body.string
            XCTAssertTrue(answeredRow.contains("Đã giải trình</span>"), "the kept dashboard follows the answer")
            let file = try await web.get("/giai-trinh/\(id.uuidString)/tep", as: city)
            XCTAssertEqual(file.body.string, "%PDF-1.4")
            let after = try await web.get("/viec-cua-toi", as: ward).body.string
            XCTAssertFalse(after.contains("Yêu cầu giải trình cần trả lời"), "answered, nothing left")
            let trail = try await web.store.events(subject: TiendoStore.explanationSubject(id))
            XCTAssertEqual(
                trail.map(\.action), [TiendoStore.explanationAskedAction, TiendoStore.explanationAnsweredAction])
            // The report's limitations section is offered the answer as a draft, never saved by itself.
            let report = try await web.get("/bao-cao?don-vi=19831", as: ward).body.string
            XCTAssertTrue(report.contains("Gợi ý từ các giải trình đã trả lời"), report)
            XCTAssertTrue(report.contains("Rà soát lại theo chuẩn nghèo mới"))
            let offered = try await web.get("/bao-cao?don-vi=19831&goi-y=giai-trinh", as: ward).body.string
            XCTAssertTrue(offered.contains("chưa lưu"), offered)
            let period = try XCTUnwrap(
                offered.range(of: "name=\"ky\" value=\"", options: []).map {
                    String(offered[$0.upperBound...].prefix(while: { $0 != "\"" }))
                })
            let narrative = try await web.store.narrative(
                unit: Self.ward, period: try XCTUnwrap(Period(id: period)), kind: .soKet)
            XCTAssertTrue(narrative.texts.isEmpty, "nothing written until the officer saves")
            let again = try await web.upload(
                "/giai-trinh/\(id.uuidString)", file: Data(), fileName: "", form: ["noi-dung": "Lần hai"], as: ward)
            XCTAssertEqual(again.status, .unprocessableEntity, "answered once")
        }
    }
}
