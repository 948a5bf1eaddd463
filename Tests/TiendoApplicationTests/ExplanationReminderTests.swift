import Foundation
import TiendoApplication
import TiendoCore
import TiendoDemo
import TiendoStorage
import TiendoTestSupport
import XCTest

/// The daily reminder digest carries the explanation requests as "Việc của tôi" does: the ward
/// is reminded of the one it has to answer (overdue like a task), the asker of the one it awaits.
final class ExplanationReminderTests: XCTestCase {
    func testTheDigestCarriesTheRequestToAnswerAndTheOneAwaited() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: { _ in "x" })
            let request = ExplanationRequest(
                unitID: UnitID("19831@2025-07-01"), indicatorCode: "SO_HO_NGHEO", period: .year(2025),
                question: "Vì sao số hộ nghèo tăng?", dueDate: CivilDate(2026, 11, 27), askedBy: "tonghop",
                askedOn: CivilDate(2026, 11, 20))
            try await store.addExplanationRequest(request, at: Date())
            var settings = MailSettings()
            settings.publicURL = "https://tiendo.hue.gov.vn"

            let outcome = try await TaskReminders.run(
                store: store, today: CivilDate(2026, 11, 29), settings: settings, send: nil)

            let ward = try XCTUnwrap(outcome.entries.first { $0.account.username == "phongdinh" }, name)
            XCTAssertEqual(ward.explanations.toAnswer.map(\.id), [request.id], name)
            XCTAssertTrue(ward.text.contains("Yêu cầu giải trình cần trả lời: 1"), ward.text)
            XCTAssertTrue(ward.text.contains("[quá hạn 2 ngày, hạn 27/11/2026]"), ward.text)
            XCTAssertTrue(
                ward.text.contains("https://tiendo.hue.gov.vn/giai-trinh/\(request.id.uuidString)"), ward.text)
            let city = try XCTUnwrap(outcome.entries.first { $0.account.username == "tonghop" }, name)
            XCTAssertTrue(city.text.contains("Yêu cầu giải trình đã gửi, đang chờ trả lời: 1"), city.text)
        }
    }
}
