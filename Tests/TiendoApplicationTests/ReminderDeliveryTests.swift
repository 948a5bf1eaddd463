import Foundation
import TiendoApplication
import TiendoCore
import TiendoDemo
import TiendoStorage
import TiendoTestSupport
import XCTest

/// Reminder mail that survives a bad recipient and a relay that is slow or down: each message
/// stands on its own, temporary refusals are retried, and the network waits happen off the
/// threads that serve requests.
final class ReminderDeliveryTests: XCTestCase {
    private static let day = CivilDate(2026, 11, 29)

    private func settings() -> MailSettings {
        var settings = MailSettings()
        settings.smtpHost = "127.0.0.1"
        settings.from = "tiendo@hue.gov.vn"
        return settings
    }

    func testOneRefusedRecipientDoesNotStopTheOthers() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: { _ in "x" })
            try await store.setEmail(username: "tonghop", "tu-choi@hue.gov.vn")
            try await store.setEmail(username: "phongdinh", "phongdinh@hue.gov.vn")
            let relay = try FakeRelay(connections: 1)

            let outcome = try await TaskReminders.run(
                store: store, today: Self.day, settings: settings(),
                transport: SMTPMailer(host: "127.0.0.1", port: relay.port, from: "tiendo@hue.gov.vn"), retry: .once)
            let received = try relay.received()

            XCTAssertEqual(outcome.sent, 1, name)
            XCTAssertTrue(received.contains("RCPT TO:<phongdinh@hue.gov.vn>"), received)
            XCTAssertEqual(outcome.failures.map(\.address), ["tu-choi@hue.gov.vn"], name)
            XCTAssertTrue(outcome.isComplete, "a permanent refusal is not retried forever")
            XCTAssertTrue(outcome.summary.contains("Chưa gửi được 1 thư: tu-choi@hue.gov.vn"), outcome.summary)
        }
    }

    func testATemporaryRefusalIsRetriedAndNobodyIsMailedTwice() async throws {
        try await TestDatabases.forEach { name, store, _ in
            _ = try await DemoData.load(into: store, hashPassword: { _ in "x" })
            try await store.setEmail(username: "tonghop", "tam-loi@hue.gov.vn")
            try await store.setEmail(username: "phongdinh", "phongdinh@hue.gov.vn")
            let relay = try FakeRelay(connections: 2)

            let outcome = try await TaskReminders.run(
                store: store, today: Self.day, settings: settings(),
                transport: SMTPMailer(host: "127.0.0.1", port: relay.port, from: "tiendo@hue.gov.vn"),
                retry: TaskReminders.RetryPolicy(delays: [.milliseconds(50)]))
            let received = try relay.received()

            XCTAssertEqual(outcome.sent, 2, name)
            XCTAssertEqual(outcome.failures, [], name)
            XCTAssertEqual(received.components(separatedBy: "DATA\n").count - 1, 2, "two messages, none twice")
            XCTAssertTrue(received.contains("DEFERRED RCPT TO:<tam-loi@hue.gov.vn>"), received)

            // A second run of the same day mails nobody again.
            let again = try await TaskReminders.run(
                store: store, today: Self.day, settings: settings(), transport: FailingTransport(), retry: .once)
            XCTAssertEqual(again.sent, 0, name)
            XCTAssertEqual(again.alreadySent, 2, name)
            XCTAssertTrue(again.summary.contains("2 thư đã gửi ở lần chạy trước trong ngày, không gửi lại."))
        }
    }

    func testARelayThatDoesNotAnswerDoesNotHoldTheCooperativeThreads() async throws {
        let silent = try SilentServer()
        var mailer = SMTPMailer(host: "127.0.0.1", port: silent.port, from: "tiendo@hue.gov.vn")
        mailer.timeoutSeconds = 3
        let message = MailMessage(to: "a@hue.gov.vn", subject: "x", body: "y")
        // More waiting deliveries than the machine has cores: blocking calls on Swift's
        // cooperative threads would stop the small task below until they time out.
        let deliveries = (0..<(ProcessInfo.processInfo.activeProcessorCount + 2)).map { _ in
            Task { [mailer] in await mailer.deliver([message]) }
        }
        try await Task.sleep(for: .milliseconds(300))
        let started = Date()
        let quick = Task { () -> Int in
            await Task.yield()
            return 1
        }
        let value = await quick.value
        XCTAssertEqual(value, 1)
        XCTAssertLessThan(Date().timeIntervalSince(started), 1, "async work went on while the relay was silent")
        for delivery in deliveries {
            let results = await delivery.value
            XCTAssertEqual(results.count, 1)
            guard case .failed(let reason)? = results.first else {
                return XCTFail("a silent relay is a temporary failure: \(results)")
            }
            XCTAssertTrue(reason.contains("không trả lời"), reason)
        }
    }

    func testSendmailGetsEachMessageAndItsRefusalsAreKeptApart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sendmail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("sendmail")
        try """
        #!/bin/sh
        for last; do :; done
        case "$last" in *tu-choi*) echo "khong co hop thu" >&2; exit 67;; esac
        echo "ARGS $*" >> "\(folder.path)/log"
        cat >> "\(folder.path)/log"
        """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let settings = try MailSettings.fromEnvironment([
            "TIENDO_SENDMAIL": script.path, "TIENDO_SMTP_FROM": "tiendo@hue.gov.vn",
        ])
        XCTAssertTrue(settings.canSend)
        let transport = try XCTUnwrap(TaskReminders.transport(settings))

        let results = await transport.deliver([
            MailMessage(to: "tu-choi@hue.gov.vn", subject: "Nhắc việc", body: "Nội dung"),
            MailMessage(to: "phongdinh@hue.gov.vn", subject: "Nhắc việc", body: "Nội dung"),
        ])

        XCTAssertEqual(results.count, 2)
        XCTAssertEqual(results.last, .delivered)
        guard case .refused(let reason) = results[0] else { return XCTFail("\(results)") }
        XCTAssertTrue(reason.contains("khong co hop thu"), reason)
        let log = try String(contentsOf: folder.appendingPathComponent("log"), encoding: .utf8)
        XCTAssertTrue(log.contains("ARGS -i -f tiendo@hue.gov.vn -- phongdinh@hue.gov.vn"), log)
        XCTAssertTrue(log.contains("Content-Transfer-Encoding: base64"), log)
        XCTAssertFalse(log.contains("\r\n"), "sendmail reads lines ending in LF")
    }

    func testASendmailThatIsNotThereIsRefusedInVietnamese() {
        XCTAssertThrowsError(
            try MailSettings.fromEnvironment([
                "TIENDO_SENDMAIL": "/khong/co/sendmail", "TIENDO_SMTP_FROM": "tiendo@hue.gov.vn",
            ])
        ) { error in
            XCTAssertTrue(
                String(describing: error).contains("TIENDO_SENDMAIL=“/khong/co/sendmail”: không có chương trình này"),
                "\(error)")
        }
    }
}

/// A transport whose every message fails for now.
struct FailingTransport: MailTransport {
    func deliver(_ messages: [MailMessage]) async -> [MailDelivery] {
        messages.map { _ in .failed("máy chủ thư tạm ngừng") }
    }
}

/// A server that accepts connections and never says a word.
final class SilentServer {
    let port: Int
    private let process = Process()

    init() throws {
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import socket,time\ns=socket.socket()\ns.bind(('127.0.0.1',0))\ns.listen(20)\n"
                + "print(s.getsockname()[1],flush=True)\ntime.sleep(30)",
        ]
        process.standardOutput = pipe
        try process.run()
        let line = String(decoding: pipe.fileHandleForReading.availableData, as: UTF8.self)
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw NSError(domain: "SilentServer", code: 1, userInfo: [NSLocalizedDescriptionKey: "no port: \(line)"])
        }
        self.port = port
    }

    deinit { process.terminate() }
}
