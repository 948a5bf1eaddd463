import Foundation
import TiendoApplication
import TiendoCore
import TiendoDemo
import TiendoStorage
import TiendoTestSupport
import XCTest

/// The daily reminder job on the demo, on a day chosen like `tiendo remind --today`: who is
/// reminded of what, the mail that reaches a relay, and one run per day across instances.
final class TaskReminderTests: XCTestCase {
    func testTheDigestOnAChosenDayIsMailedToAccountsWithAnAddress() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: { _ in "x" })
            try await store.setEmail(username: "phongdinh", "phongdinh@hue.gov.vn")
            try await store.setEmail(username: "tonghop", "vpthanhuy@hue.gov.vn")
            var settings = MailSettings()
            settings.smtpHost = "127.0.0.1"
            settings.from = "tiendo@hue.gov.vn"
            settings.publicURL = "https://tiendo.hue.gov.vn"
            let relay = try FakeRelay()
            let port = relay.port

            let outcome = try await TaskReminders.run(
                store: store, today: CivilDate(2026, 11, 29), settings: settings,
                send: { try SMTPMailer(host: "127.0.0.1", port: port, from: "tiendo@hue.gov.vn").send($0) })
            let received = try relay.received()

            // On 29/11/2026: Phú Xuân (due 15/11) and Vỹ Dạ (due 20/11) are overdue; Phong Dinh's
            // dossier task (due 05/12) is due within seven days; the other three are done or later.
            XCTAssertEqual(
                outcome.summary,
                "Nhắc việc ngày 29/11/2026: 2 nhiệm vụ quá hạn, 1 nhiệm vụ sắp đến hạn; 4 tài khoản có việc cần nhắc, "
                    + "đã gửi 2 thư.", name)
            let ward = try XCTUnwrap(outcome.entries.first { $0.account.username == "phongdinh" })
            XCTAssertEqual(ward.digest.overdue.count, 0, name)
            XCTAssertEqual(ward.digest.dueSoon.map(\.whenText), ["còn 6 ngày"], name)
            XCTAssertTrue(received.contains("RCPT TO:<phongdinh@hue.gov.vn>"), received)
            XCTAssertTrue(received.contains("RCPT TO:<vpthanhuy@hue.gov.vn>"), received)
            let bodies = FakeRelay.decodedBodies(received)
            XCTAssertEqual(bodies.count, 2)
            let cityMail = try XCTUnwrap(bodies.first { $0.contains("Văn phòng Thành ủy Huế") })
            XCTAssertTrue(cityMail.contains("Nhiệm vụ quá hạn chưa hoàn thành: 2"), cityMail)
            XCTAssertTrue(cityMail.contains("quá hạn 14 ngày, hạn 15/11/2026"), cityMail)
            XCTAssertTrue(cityMail.contains("https://tiendo.hue.gov.vn/nhiem-vu/"), cityMail)
            XCTAssertTrue(received.contains("Subject: =?UTF-8?B?"), "the Vietnamese subject is encoded")
        }
    }

    func testTheDigestCarriesTheReportsToSubmitAndToReviewAsMyWorkDoes() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: { _ in "x" })
            let ward = UnitID("19831@2025-07-01")
            try await store.saveForm(
                ReportingForm(
                    code: "QUY-THU", name: "Báo cáo thu ngân sách quý", indicatorCodes: ["THU_NSNN"], unitIDs: [ward],
                    periodKind: .quarter, calendar: .statistical, deadline: DeadlineRule(workingDays: 5)))
            var submitted = Submission(formCode: "QUY-THU", unitID: ward, period: .quarter(2026, 2))
            submitted.status = .daNop
            submitted.submittedAt = Date(timeIntervalSince1970: 1_783_000_000)  // 2026-07-02
            submitted.submittedBy = "phongdinh"
            _ = try await store.saveSubmission(submitted, expectedVersion: 0)
            var settings = MailSettings()
            settings.publicURL = "https://tiendo.hue.gov.vn"

            let outcome = try await TaskReminders.run(
                store: store, today: CivilDate(2026, 11, 29), settings: settings, send: nil)

            // The ward owes Q3 and Q4 of 2025, Q1 and Q3 of 2026 (Q2 is in, Q4 still running), and
            // the demo's yearly report of 2025.
            let entry = try XCTUnwrap(outcome.entries.first { $0.account.username == "phongdinh" }, name)
            XCTAssertEqual(
                entry.reports.toSubmit.filter { $0.formCode == "QUY-THU" }.map(\.period),
                [.quarter(2025, 3), .quarter(2025, 4), .quarter(2026, 1), .quarter(2026, 3)], name)
            XCTAssertEqual(entry.reports.toSubmit.count, 5, name)
            XCTAssertTrue(entry.text.contains("Báo cáo cần nộp: 5"), entry.text)
            XCTAssertTrue(
                entry.text.contains("https://tiendo.hue.gov.vn/nhap-lieu/QUY-THU/19831/2025Q3"), entry.text)
            // The city office reviews the ward's second quarter.
            let city = try XCTUnwrap(outcome.entries.first { $0.account.username == "tonghop" }, name)
            XCTAssertEqual(city.reports.toReview.map(\.period), [.quarter(2026, 2)], name)
            XCTAssertTrue(city.text.contains("Báo cáo chờ duyệt: 1"), city.text)
        }
    }

    func testWithoutARelayNothingIsMailedAndTheLineSaysWhy() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: { _ in "x" })

            let outcome = try await TaskReminders.run(
                store: store, today: CivilDate(2026, 11, 29), settings: MailSettings(), send: nil)

            XCTAssertEqual(outcome.sent, 0, name)
            XCTAssertTrue(
                outcome.summary.contains("Chưa cấu hình máy chủ thư (TIENDO_SMTP_HOST, TIENDO_SMTP_FROM)"), name)
        }
    }

    func testTheDailyJobIsClaimedOncePerDay() async throws {
        try await TestDatabases.forEach { name, store, _ in
            let first = try await TaskReminders.claim(CivilDate(2026, 11, 29), store: store)
            let second = try await TaskReminders.claim(CivilDate(2026, 11, 29), store: store)
            let nextDay = try await TaskReminders.claim(CivilDate(2026, 11, 30), store: store)

            XCTAssertEqual([first, second, nextDay], [true, false, true], name)
        }
    }

    func testBadMailSettingsAreListedTogether() {
        XCTAssertThrowsError(
            try MailSettings.fromEnvironment([
                "TIENDO_SMTP_HOST": "mail.hue.gov.vn", "TIENDO_SMTP_PORT": "99999", "TIENDO_PUBLIC_URL": "tiendo.hue",
            ])
        ) { error in
            XCTAssertEqual(
                String(describing: error),
                """
                Cấu hình gửi thư nhắc việc không hợp lệ:
                - TIENDO_SMTP_PORT=“99999”: phải là số nguyên từ 1 đến 65535
                - TIENDO_SMTP_FROM: cần địa chỉ người gửi khi đã đặt TIENDO_SMTP_HOST
                - TIENDO_PUBLIC_URL=“tiendo.hue”: phải bắt đầu bằng http:// hoặc https://
                """)
        }
    }

    func testARelayThatRefusesIsReportedInVietnamese() throws {
        let mailer = SMTPMailer(host: "127.0.0.1", port: 9, from: "tiendo@hue.gov.vn")

        XCTAssertThrowsError(try mailer.send([MailMessage(to: "a@hue.gov.vn", subject: "x", body: "y")])) { error in
            XCTAssertTrue(String(describing: error).hasPrefix("Không kết nối được máy chủ thư 127.0.0.1:9"), "\(error)")
        }
    }
}

/// Tests/Fixtures/fake_smtp.py, running for `connections` connections (one by default): it records
/// what it receives, refuses addresses with "tu-choi" for good and defers "tam-loi" once.
final class FakeRelay {
    let port: Int
    private let process = Process()
    private let output: URL

    init(connections: Int = 1) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/fake_smtp.py")
        output = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-\(UUID().uuidString).txt")
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, output.path, String(connections)]
        process.standardOutput = pipe
        try process.run()
        let line = String(decoding: pipe.fileHandleForReading.availableData, as: UTF8.self)
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw NSError(domain: "FakeRelay", code: 1, userInfo: [NSLocalizedDescriptionKey: "no port: \(line)"])
        }
        self.port = port
    }

    /// Everything received, once the relay has closed.
    func received() throws -> String {
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(at: output) }
        return try String(contentsOf: output, encoding: .utf8)
    }

    /// The base64 bodies of the messages, decoded.
    static func decodedBodies(_ received: String) -> [String] {
        received.components(separatedBy: "DATA\n").dropFirst().compactMap { message in
            let text = message.components(separatedBy: "\nEND\n").first ?? ""
            guard let blank = text.range(of: "\n\n") else { return nil }
            let base64 = text[blank.upperBound...].split(separator: "\n").joined()
            return Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) }
        }
    }
}
